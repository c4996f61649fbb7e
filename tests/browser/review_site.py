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
