"""What the browser tests share: where Chromium and the fixture documents
are, the reviewers' password, and logging in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "docs"
PASSWORD = "correct horse battery"


@dataclass
class Site:
    url: str
    out: Path
    settings: object
    tmp: Path


def script_record():
    """A document whose text carries markup that must never run."""
    from pipeline.models import DocumentRecord, Evidence, Principle, SourceInfo

    text = ('Statement on openness. <script>window.__pwned = true; alert("pwned")</script> '
            '<img src=x onerror="window.__pwned = true"> The end.')
    start = text.index("openness")
    principle = Principle(text="openness", evidence=Evidence(start=start, end=start + 8, text="openness"),
                          confidence=0.8, rule="test").with_id("principles")
    return DocumentRecord(pipeline_version="test", id="script-doc", kind="other", title="<b>Markup</b> title",
                          text=text, principles=[principle],
                          source=SourceInfo(uri="file:///script-doc.txt", media_type="text/plain",
                                            sha256="0" * 64, fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)))


def log_in(page, site: Site, name: str = "ana", path: str = "/") -> None:
    page.goto(site.url + path)
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(site.url + path)


def long_record():
    """A long document: its last words are thousands of pixels down, and its
    values have low confidences, so the queue starts here."""
    from pipeline.models import DocumentRecord, Evidence, Principle, SourceInfo

    filler = [f"Paragraph {n}. The participants discussed item {n} of the agenda at length." for n in range(150)]
    text = ("Long statement on shared values.\n\n" + "\n\n".join(filler) +
            "\n\nThey will meet again on the feast of Saint Lucy.\n\nShared values: candour and patience.\n")
    items = []
    for words, confidence in (("candour", 0.05), ("patience", 0.06)):
        start = text.index(words)
        items.append(Principle(text=words, evidence=Evidence(start=start, end=start + len(words), text=words),
                               confidence=confidence, rule="test.low").with_id("principles"))
    return DocumentRecord(pipeline_version="test", id="long-doc", kind="other", title=None, text=text,
                          principles=items,
                          source=SourceInfo(uri="file:///long-doc.txt", media_type="text/plain", sha256="0" * 64,
                                            fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)))


def item(page, text: str):
    return page.locator("li.item", has=page.locator(".goto", has_text=text))


def select_words(page, words: str) -> None:
    """Drag the mouse over ``words`` in the document text, as a reviewer does
    (after scrolling the text so that the words are in the middle of it)."""
    find_range = """(words) => {
        const root = document.getElementById("doc-text");
        const start = root.textContent.indexOf(words), end = start + words.length;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let pos = 0, node, started = false;
        while ((node = walker.nextNode())) {
            if (!started && start < pos + node.length) { range.setStart(node, start - pos); started = true; }
            if (end <= pos + node.length) { range.setEnd(node, end - pos); break; }
            pos += node.length;
        }
        return range;
    }"""
    page.evaluate(f"""(words) => {{
        const range = ({find_range})(words);
        const root = document.getElementById("doc-text");
        const r = range.getBoundingClientRect(), box = root.getBoundingClientRect();
        root.scrollTop += r.top - box.top - root.clientHeight / 2;
    }}""", words)
    box = page.evaluate(f"""(words) => {{
        const rects = ({find_range})(words).getClientRects(), first = rects[0], last = rects[rects.length - 1];
        return {{x1: first.left + 1, y1: first.top + first.height / 2,
                x2: last.right - 1, y2: last.top + last.height / 2}};
    }}""", words)
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()
