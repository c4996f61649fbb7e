"""PDF reports -> ParsedDocument, one page at a time.

pdfplumber gives words with their font size and name; everything else is
rebuilt here, with the same block shapes the text parser gives for an export
of the PDF:

- lines from words on the same baseline, superscripts (smaller, raised)
  attached to their line as superscript markers ("QIST)¹");
- reading order: a page whose lines leave a gutter down the middle is read
  column by column, in bands between full-width lines;
- running headers, footers and page numbers (lines in the page margins that
  repeat across pages, digits aside) removed;
- footnotes: the run of small lines at the foot of a page that starts with a
  marker, as footnote blocks "¹ text" linked to the markers in the body;
- paragraphs from line spacing (a larger gap), a short line followed by a new
  line (signature blocks, rosters: separate blocks, joined tightly) and list
  markers; hyphenated line breaks joined ("coopera-" + "tion"), compounds
  kept ("merit-" + "based") when the document spells them so elsewhere;
- headings from size and weight relative to the body text, levels by size;
- tables from pdfplumber's table finder, and table-of-contents lines (dot
  leaders) as table rows.

Only one page's layout objects are alive at a time (``page.close()``); what
is kept between pages is the lines' text and geometry.  Every block carries
its page and bounding box, so evidence in records carries the page.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from pipeline import limits
from pipeline.errors import DocumentError, Stage
from pipeline.raw import RawDocument
from pipeline.models import BlockKind, DocumentMetadata, ParsedDocument
from pipeline.parse.normalise import TextBuilder, clean_inline, link_footnotes, normalise_unicode, superscript

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"})
_BULLET = re.compile(r"^([•●▪◦‣∙·■□➢►–-])\s+(?=\S)")
_ORDERED = re.compile(r"^(\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s+(?=\S)")
_FOOTNOTE_MARK = re.compile(r"^(\d{1,3}|[*†‡§])\s+(?=\S)")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?(?:#+|[ivxlc]{1,6})(?:\s*(?:of|/)\s*#+)?$"
                          r"|^[-–—]\s*#+\s*[-–—]$", re.I)
# A contents line: "Entry ....... 12".  The leader and page number are found
# from the end (_toc_line): "^(.*?\S)\s*(?:\.\s*){4,}\s*(page)$" tries
# every split of a long run of dots and spaces from every position.
_TOC_TAIL = re.compile(r"(?<![.\s])[.\s]++(?P<page>[0-9ivxlcIVXLC]{1,6})$")
_TERMINAL = re.compile(r"[.!?:;\"”’)]$")
_HYPHEN_BREAK = "\ue010"
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹'⁻", "0123456789,-")
_PLACEHOLDER_TITLE = re.compile(r"^(?:untitled.*|microsoft (?:word|powerpoint) - .*|document\d*|"
                                r"slide \d+|.*\.(?:docx?|pdf|indd|pptx?|rtf))$", re.I)
_WORD = re.compile(r"[\w’'-]+")
# Around a line-break hyphen: the word part before it (read backwards) and
# after it.  See _resolve_hyphens.
_LEAD_BACK = re.compile(r"[\w’'-]*")
_HEAD_BACK = re.compile(r"\w*")
_TAIL = re.compile(r"\w+")
# First halves of English compounds that keep their hyphen at a line break
# when the document gives no other spelling of the word.
_COMPOUND_HEADS = {"well", "long", "short", "high", "low", "self", "cross", "non", "full", "large",
                   "small", "world", "whole", "all", "one", "two", "three", "first", "second", "third",
                   "early", "mid", "post", "pre", "multi", "so", "up", "end", "peer", "real", "next",
                   "open", "data", "merit", "risk", "science", "technology", "state", "government"}


# -- page reading ------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    starts_with_sup: str | None = None
    col_left: float = 0.0
    col_right: float = 0.0


@dataclass(slots=True)
class _Table:
    rows: list[list[str]]
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list = field(default_factory=list)  # _Line | _Table, in reading order


def parse_pdf(raw: RawDocument) -> ParsedDocument:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    doc_id = raw.source.id
    data = raw.data
    # pdfminer reads a truncated file as far as it goes; half a report must
    # not pass for the report.
    if b"%%EOF" not in data[-4096:]:
        raise DocumentError(doc_id, Stage.parse, "E011", detail="no %%EOF marker: the file is truncated")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError",
                                    "PDFEncryptionWarning", "PDFKeyError"):
            raise DocumentError(doc_id, Stage.parse, "E010") from exc
        raise DocumentError(doc_id, Stage.parse, "E011", detail=_describe(cause)) from exc
    except Exception as exc:
        raise DocumentError(doc_id, Stage.parse, "E011", detail=_describe(exc)) from exc
    pages: list[_Page] = []
    with pdf:
        metadata = _metadata(pdf.metadata)
        try:
            page_objects = pdf.pages
        except Exception as exc:
            raise DocumentError(doc_id, Stage.parse, "E011", detail=_describe(exc)) from exc
        for number, page in enumerate(page_objects, start=1):
            limits.check()
            try:
                pages.append(_read_page(page, number))
            except DocumentError:
                raise
            except Exception as exc:
                raise DocumentError(doc_id, Stage.parse, "E011",
                                    detail=f"page {number}: {_describe(exc)}") from exc
            finally:
                page.close()  # free this page's layout objects before the next
    if not any(p.items for p in pages):
        raise DocumentError(doc_id, Stage.parse, "E009")
    metadata.extra["pages"] = len(pages)
    # A scanned page inside a born-digital report: its text is missing, say so.
    blank = [p.number for p in pages if not p.items]
    if blank:
        metadata.extra["pages_without_text"] = blank
    return _assemble(pages, metadata)


def _read_page(page, number: int) -> _Page:
    result = _Page(number, float(page.width), float(page.height))
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False,
                               use_text_flow=False, x_tolerance=2)
    tables: list[_Table] = []
    if len(page.edges) >= 4:  # ruling lines: maybe a table
        for table in page.find_tables():
            rows = [[clean_inline(_fix(c or "")) for c in row] for row in table.extract()]
            rows = [[c for c in row if c] for row in rows]
            rows = [row for row in rows if row]
            if rows:
                x0, top, x1, bottom = table.bbox
                tables.append(_Table(rows, x0, x1, top, bottom, number))
    if tables:
        words = [w for w in words if not any(t.x0 - 1 <= (w["x0"] + w["x1"]) / 2 <= t.x1 + 1
                                             and t.top - 1 <= (w["top"] + w["bottom"]) / 2 <= t.bottom + 1
                                             for t in tables)]
    gutter = _gutter(words, result.width, result.height)
    lines = _lines(words, number, gutter)
    result.items = _reading_order(lines, tables, result.width, result.height, gutter)
    return result


def _gutter(words: list[dict], width: float, height: float) -> float | None:
    """The middle of an empty vertical strip between two columns of text.

    Words of a column cover most of its width on every line; a gutter is
    crossed only by the few full-width lines (running header, headings above
    the columns, footnotes).  A page with one column has no such strip."""
    body = [w for w in words if 0.08 * height < w["top"] and w["bottom"] < 0.92 * height]
    if len(body) < 20:
        return None
    span = int(width) + 2
    delta = [0] * (span + 1)
    for w in body:
        delta[max(0, int(w["x0"]))] += 1
        delta[min(span, int(w["x1"]) + 1)] -= 1
    cover, running = [], 0
    for d in delta[:span]:
        running += d
        cover.append(running)
    lo, hi = int(0.3 * width), int(0.7 * width)
    left_peak = max(cover[:lo] or [0])
    right_peak = max(cover[hi:] or [0])
    if min(left_peak, right_peak) < 5:
        return None
    limit = 0.15 * min(left_peak, right_peak)
    best, run_start = None, None
    for x in range(lo, hi + 1):
        if x < hi and cover[x] <= limit:
            run_start = x if run_start is None else run_start
        elif run_start is not None:
            if x - run_start >= 6 and (best is None or x - run_start > best[1] - best[0]):
                best = (run_start, x)
            run_start = None
    return (best[0] + best[1]) / 2 if best else None


def _lines(words: list[dict], page: int, gutter: float | None) -> list[_Line]:
    """Words on one baseline -> lines, split at the gutter and at wide gaps
    (a right-aligned page number, a label and its value)."""
    groups = _group_lines(words)
    lines: list[_Line] = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        segment: list[dict] = []
        for word in group:
            if segment:
                prev = segment[-1]
                gap = word["x0"] - prev["x1"]
                if (gutter is not None and prev["x1"] < gutter < word["x0"]) or \
                        gap > 3 * max(word["size"], prev["size"]):
                    lines.append(_segment_line(segment, page))
                    segment = []
            segment.append(word)
        if segment:
            lines.append(_segment_line(segment, page))
    return lines


def _group_lines(words: list[dict]) -> list[list[dict]]:
    """Words -> groups on one baseline, list bullets attached to their item.

    A bullet glyph is often set in a symbol font (ZapfDingbats, Symbol,
    Wingdings) and larger than the text, so its box is taller and lower:
    grouped like a word, it would make the item's words look raised
    (superscripts) and swallow the next line.  So bullets are set aside,
    the text is grouped, and each bullet goes in front of the line that
    starts just right of it at the height of its middle."""
    bullets = [w for w in words if _is_bullet_glyph(w)]
    if not bullets:
        return _group_words(words)
    rest = [w for w in words if not _is_bullet_glyph(w)]
    groups = _group_words(rest)
    placed = [(b, _item_line(b, groups)) for b in bullets]
    strays = [b for b, at in placed if at is None]
    if strays:  # a symbol mid-line (a math sign in Symbol): an ordinary word after all
        groups = _group_words(rest + strays)
        placed = [(b, _item_line(b, groups)) for b, at in placed if at is not None]
    for bullet, at in placed:
        if at is not None:
            groups[at].insert(0, {**bullet, "bullet": True})
    return groups


def _group_words(words: list[dict]) -> list[list[dict]]:
    groups: list[list[dict]] = []
    main: list[dict] = []  # the largest word of each group: its vertical extent decides
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if groups:
            ref = main[-1]
            overlap = min(ref["bottom"], word["bottom"]) - max(ref["top"], word["top"])
            if overlap >= 0.5 * min(ref["size"], word["size"]):
                groups[-1].append(word)
                if word["size"] > ref["size"]:
                    main[-1] = word
                continue
        groups.append([word])
        main.append(word)
    return groups


_BULLET_CHARS = set("•●▪◦‣∙·■□➢►◆♦❖✓✔➤→○")
_DINGBAT_FONT = re.compile(r"dingbat|wingding|webding", re.I)
_UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")


def _is_bullet_glyph(word: dict) -> bool:
    """A lone glyph that can only be a list bullet: a bullet character, any
    glyph of a dingbat font, a private-use glyph (symbol fonts' bullets often
    map there) or one pdfminer cannot map at all ("(cid:127)").  Symbol's own
    bullet maps to "•"; its other glyphs are Greek and maths, not bullets."""
    text = word["text"].strip()
    if _UNMAPPED_GLYPH.match(text):  # a glyph without a character: a drawn bullet, if text follows
        return True
    if len(text) != 1:
        return False
    if text in _BULLET_CHARS or "\ue000" <= text <= "\uf8ff":
        return True
    return bool(_DINGBAT_FONT.search(word.get("fontname", "")))


def _item_line(bullet: dict, groups: list[list[dict]]) -> int | None:
    """The group a bullet introduces: its words start right of the bullet,
    close to it, and span the bullet's middle height."""
    middle = (bullet["top"] + bullet["bottom"]) / 2
    best = None
    for i, group in enumerate(groups):
        top = min(w["top"] for w in group)
        bottom = max(w["bottom"] for w in group)
        if not top - 1 <= middle <= bottom + 1:
            continue
        start = min(w["x0"] for w in group)
        right = [w for w in group if w["x0"] >= bullet["x1"] - 1]
        if not right:
            continue
        first = min(right, key=lambda w: w["x0"])
        if first["x0"] - bullet["x1"] > 4 * first["size"] or start < bullet["x0"] - 1 and \
                any(bullet["x0"] - 1 > w["x1"] > bullet["x0"] - 4 * w["size"] for w in group):
            continue  # too far from the text, or words just left of it: not a bullet
        gap = first["x0"] - bullet["x1"]
        if best is None or gap < best[0]:
            best = (gap, i)
    return best[1] if best else None


def _segment_line(words: list[dict], page: int) -> _Line:
    if words[0].get("bullet"):
        # Read as the bullet it is, whatever its font and size; the line's
        # size and baseline are its text's.
        bullet = words[0]
        rest = _segment_line(words[1:], page) if len(words) > 1 else None
        if rest is not None:
            return _Line(text="• " + rest.text, x0=bullet["x0"], x1=rest.x1, top=rest.top,
                         bottom=rest.bottom, size=rest.size, bold=rest.bold, page=page,
                         starts_with_sup=None)
    ref = max(words, key=lambda w: w["size"])
    size = ref["size"]
    baseline = ref["bottom"] - 0.22 * size
    parts: list[str] = []
    bold_chars = plain_chars = 0
    first_sup = None
    prev, prev_raised = None, False
    for i, word in enumerate(words):
        text = _fix(word["text"])
        raised = (word["size"] <= 0.85 * size
                  and word["bottom"] - 0.22 * word["size"] < baseline - 0.15 * size)
        if raised:
            text = superscript(text)
            if i == 0:
                first_sup = text
        if prev is not None:
            gap = word["x0"] - prev["x1"]
            # A marker hugs the word it follows ("QIST)¹"); after a marker a
            # small gap is already a space.
            if raised:
                needed = 0.4 * size
            else:
                needed = 0.15 * size if prev_raised else 0.2 * min(size, prev["size"] + 2)
            if gap > needed:
                parts.append(" ")
        parts.append(text)
        if not raised:
            if _is_bold(word["fontname"]):
                bold_chars += len(text)
            else:
                plain_chars += len(text)
        prev, prev_raised = word, raised
    main_sizes = [w["size"] for w in words if w["size"] > 0.85 * size] or [size]
    return _Line(text=clean_inline("".join(parts)), x0=words[0]["x0"], x1=words[-1]["x1"],
                 top=min(w["top"] for w in words), bottom=max(w["bottom"] for w in words),
                 size=round(max(main_sizes) * 2) / 2, bold=bold_chars > 0 and plain_chars == 0,
                 page=page, starts_with_sup=first_sup)


def _is_bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].lower()
    return any(k in name for k in ("bold", "black", "heavy", "semibold", "demi")) or name.endswith(",b")


def _fix(text: str) -> str:
    return normalise_unicode(text.translate(_LIGATURES))


def _reading_order(lines: list[_Line], tables: list[_Table], width: float, height: float,
                   gutter: float | None) -> list:
    """Lines (and tables) in the order a reader takes them: top to bottom,
    and column by column in bands between the lines that cross the gutter."""
    body = [ln for ln in lines if 0.08 * height < ln.top and ln.bottom < 0.92 * height] or lines
    # The text block's edges, from the page's main text size: a long URL in a
    # footnote runs into the margin and says nothing about where lines wrap.
    sizes = Counter()
    for ln in body:
        sizes[ln.size] += len(ln.text)
    main_size = sizes.most_common(1)[0][0] if sizes else 0.0
    measure = [ln for ln in body if ln.size >= main_size] or body
    page_extent = (min((ln.x0 for ln in measure), default=0.0), max((ln.x1 for ln in measure), default=width))
    items: list = sorted([*lines, *tables], key=lambda it: (round(it.top, 1), it.x0))
    _set_columns(items, page_extent)
    if gutter is None:
        return items
    ordered: list = []
    band: list = []

    def close_band() -> None:
        left = [it for it in band if it.x1 <= gutter]
        right = [it for it in band if it.x0 >= gutter]
        if len(left) >= 2 and len(right) >= 2 and _prose_column(left, gutter):
            _set_columns(left, (page_extent[0], max(it.x1 for it in left)))
            _set_columns(right, (min(it.x0 for it in right), page_extent[1]))
            ordered.extend(left + right)
        else:
            ordered.extend(band)
        band.clear()

    for item in items:
        if item.x0 < gutter < item.x1:  # a full-width line ends the band
            close_band()
            ordered.append(item)
        else:
            band.append(item)
    close_band()
    return ordered


def _prose_column(left: list, gutter: float) -> bool:
    """Columns of running text fill their width; a two-column list does not."""
    col_left = min(it.x0 for it in left)
    widths = sorted(it.x1 - it.x0 for it in left)
    return widths[len(widths) // 2] >= 0.6 * (gutter - col_left)


def _set_columns(items: list, extent: tuple[float, float]) -> None:
    for it in items:
        if isinstance(it, _Line):
            it.col_left, it.col_right = extent


# -- page furniture and footnotes -------------------------------------------------


def _remove_running_lines(pages: list[_Page]) -> None:
    """Drop lines in the top and bottom margins that repeat across pages
    (running headers and footers, digits aside) and bare page numbers."""
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower()).strip()

    def in_margin(line: _Line, page: _Page) -> bool:
        return line.top < 0.1 * page.height or line.bottom > 0.9 * page.height

    seen = Counter()
    for page in pages:
        seen.update({key(it) for it in page.items if isinstance(it, _Line) and in_margin(it, page)})
    repeated = {k for k, n in seen.items() if n >= 2 and n >= 0.3 * len(pages)}
    for page in pages:
        page.items = [it for it in page.items
                      if not (isinstance(it, _Line) and in_margin(it, page)
                              and (key(it) in repeated or _PAGE_NUMBER.match(key(it))))]


def _body_size(pages: list[_Page]) -> float:
    sizes = Counter()
    for page in pages:
        for it in page.items:
            if isinstance(it, _Line):
                sizes[it.size] += len(it.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _split_footnotes(page: _Page, body: float) -> list[_Line]:
    """The footnote lines at the foot of the page (removed from its items)."""
    items = page.items
    i = len(items)
    while i and isinstance(items[i - 1], _Line) and items[i - 1].size <= 0.9 * body:
        i -= 1
    run = items[i:]
    # The run starts at its first marker; small text above it is not a note.
    for j, line in enumerate(run):
        if line.starts_with_sup or _FOOTNOTE_MARK.match(line.text):
            page.items = items[:i + j]
            return run[j:]
    return []


# -- blocks -----------------------------------------------------------------------


@dataclass
class _Block:
    kind: BlockKind
    lines: list[_Line]
    text: str
    level: int | None = None
    meta: dict = field(default_factory=dict)
    tight: bool = False
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


def _assemble(pages: list[_Page], metadata: DocumentMetadata) -> ParsedDocument:
    _remove_running_lines(pages)
    body = _body_size(pages)
    pitch = _line_pitch(pages, body)
    blocks: list[_Block] = []
    pending_notes: list[_Block] = []
    for page in pages:
        notes = _footnote_blocks(_split_footnotes(page, body))
        for item in page.items:
            if isinstance(item, _Table):
                blocks.extend(pending_notes)  # the previous page's notes come first
                pending_notes.clear()
                for n, row in enumerate(item.rows):
                    blocks.append(_Block(BlockKind.table_row, [], "\t".join(row), meta={"cells": len(row)},
                                         tight=n > 0, page=item.page,
                                         bbox=(item.x0, item.top, item.x1, item.bottom)))
                continue
            _add_line(blocks, item, body, pitch, pending_notes)
        # A page's notes follow the paragraph that runs on to the next page.
        pending_notes.extend(notes)
    blocks.extend(pending_notes)
    _classify(blocks, body)
    _resolve_hyphens(blocks)
    builder = TextBuilder()
    for block in blocks:
        text = clean_inline(block.text) if block.kind is not BlockKind.table_row else block.text
        if block.kind in (BlockKind.paragraph, BlockKind.list_item, BlockKind.heading) \
                and (toc := _toc_line(text)):
            block.kind, text = BlockKind.table_row, f"{toc[0]}\t{toc[1]}"
            block.meta, block.level = {"cells": 2}, None
            block.tight = bool(builder.blocks) and builder.blocks[-1].kind is BlockKind.table_row
        builder.add(block.kind, text, level=block.level, page=block.page, bbox=block.bbox,
                    meta=block.meta or None, tight=block.tight)
    link_footnotes(builder.text, builder.blocks)
    return ParsedDocument(text=builder.text, blocks=builder.blocks, media_type="application/pdf",
                          metadata=metadata, pages=len(pages))


def _line_pitch(pages: list[_Page], body: float) -> float:
    """The usual distance between baselines of body lines (leading)."""
    pitches = Counter()
    for page in pages:
        prev = None
        for it in page.items:
            if isinstance(it, _Line) and it.size == body:
                if (prev is not None and prev.col_left == it.col_left
                        and 0 < it.bottom - prev.bottom < 3 * body):
                    pitches[round(it.bottom - prev.bottom, 1)] += 1
                prev = it
            else:
                prev = None
    return pitches.most_common(1)[0][0] if pitches else 1.2 * body


def _footnote_blocks(lines: list[_Line]) -> list[_Block]:
    notes: list[_Block] = []
    for line in lines:
        m = None if line.starts_with_sup else _FOOTNOTE_MARK.match(line.text)
        if line.starts_with_sup or m:
            if line.starts_with_sup:
                marker_text = line.starts_with_sup
                rest = line.text[len(marker_text):].strip()
                marker = marker_text[1:] if marker_text.startswith("^") else marker_text.translate(
                    _FROM_SUPERSCRIPT)
            else:
                marker, rest = m.group(1), line.text[m.end():]
            notes.append(_Block(BlockKind.footnote, [line], superscript(marker) + " " + rest,
                                meta={"marker": marker}, page=line.page,
                                bbox=(line.x0, line.top, line.x1, line.bottom)))
        elif notes:
            _join(notes[-1], line)
    return notes


def _add_line(blocks: list[_Block], line: _Line, body: float, pitch: float,
              pending_notes: list[_Block]) -> None:
    prev_block = blocks[-1] if blocks and blocks[-1].lines else None
    prev = prev_block.lines[-1] if prev_block else None
    heading_style = _heading_style(line, body)
    bullet = _BULLET.match(line.text)
    ordered = _ORDERED.match(line.text)
    marker = bool(bullet or ordered) and not heading_style
    if prev is None:
        start, tight = True, False
    elif prev.page != line.page or prev.col_left != line.col_left or line.top < prev.top - 1:
        # A paragraph runs on to the next page or column when its last line
        # was full and did not end a sentence.
        if (prev_block.kind in (BlockKind.paragraph, BlockKind.list_item) and not heading_style
                and not _heading_style(prev, body) and not marker and not _TERMINAL.search(prev.text)
                and (_wraps(prev, line) or line.text[:1].islower())):
            _join(prev_block, line)  # the previous page's notes wait for the next block
            return
        start, tight = True, False
    else:
        start, tight = _starts_block(prev_block, prev, line, body, pitch, heading_style, marker)
    if not start:
        _join(prev_block, line)
        return
    if pending_notes and blocks:
        # The page's first block starts afresh: the previous page's notes go first.
        blocks.extend(pending_notes)
        pending_notes.clear()
        tight = False
    bbox = (line.x0, line.top, line.x1, line.bottom)
    if marker and bullet:
        blocks.append(_Block(BlockKind.list_item, [line], line.text[bullet.end():],
                             level=_list_level(line), meta={"marker": "•"}, tight=tight,
                             page=line.page, bbox=bbox))
    elif marker:
        blocks.append(_Block(BlockKind.list_item, [line], line.text, level=_list_level(line),
                             meta={"marker": ordered.group(1)}, tight=tight, page=line.page, bbox=bbox))
    else:
        blocks.append(_Block(BlockKind.paragraph, [line], line.text, tight=tight, page=line.page,
                             bbox=bbox, meta={"style": heading_style} if heading_style else {}))


def _starts_block(block: _Block, prev: _Line, line: _Line, body: float, pitch: float,
                  heading_style: str | None, marker: bool) -> tuple[bool, bool]:
    """Does ``line`` (right under ``prev`` in the same column) start a new
    block, and is that block tight (no blank line before it in the text)?"""
    # Leading grows with the font: a 20 pt title has wider lines than the body.
    expected = pitch * max(line.size, prev.size) / body
    larger = max(line.size, prev.size)
    if line.bottom - prev.bottom > 1.3 * expected + 0.5 or line.top - prev.bottom > 0.6 * larger:
        return True, False
    if _toc_line(prev.text):
        return True, True  # a contents entry ends at its page number
    first = block.lines[0]
    hanging = line.x0 > first.x0 + 0.5 * line.size and (prev is first or abs(line.x0 - prev.x0) < 1)
    if hanging and (_toc_line(line.text) or block.kind is BlockKind.list_item) and not marker:
        return False, False  # the entry goes on under its hanging indent
    prev_style = _heading_style(prev, body)
    if prev_style == "bold" and not heading_style and not marker and re.search(r"[.:]$", prev.text) \
            and _wraps(prev, line):
        return False, False  # a bold lead-in that fills the line ("Move the Science Faster.")
    if block.kind is BlockKind.list_item and not marker and _wraps(prev, line):
        return False, False  # a list item goes on, whatever its emphasis
    if prev_style:
        same = heading_style == prev_style and line.size == prev.size and line.bold == prev.bold
        return (False, False) if same else (True, False)
    # (a lead-in that ends in a colon opens its list, however full its last line)
    if marker and (not _wraps(prev, line) or prev.text.rstrip().endswith(":")
                   or (block.kind is BlockKind.list_item and line.x0 <= block.lines[0].x0 + 1)):
        return True, True
    if block.kind is BlockKind.list_item and line.x0 < block.lines[0].x0 - 1:
        return True, True  # back at the margin: the list is over
    if _wraps(prev, line) or line.text[:1].islower():
        return False, False
    if hanging:
        return False, False  # a hanging indent: the entry goes on
    # A short line ended its block: a roster entry, a line of a signature
    # block; a heading when the line is set as one.
    return True, not heading_style


def _list_level(line: _Line) -> int:
    return 1 + max(0, int((line.x0 - line.col_left) // 24))


def _wraps(prev: _Line, line: _Line) -> bool:
    """``prev`` ended because the first word of ``line`` did not fit on it:
    the text runs on.  Otherwise ``prev`` ended its block (a short line)."""
    first_word = line.text.split(" ", 1)[0]
    char_width = (line.x1 - line.x0) / max(1, len(line.text))
    return prev.col_right - prev.x1 < (len(first_word) + 1) * char_width + 0.5 * line.size


def _heading_style(line: _Line, body: float) -> str | None:
    if line.size >= body * 1.12:
        return "large"
    if line.bold and line.size >= body - 0.5:
        return "bold"
    return None


def _join(block: _Block, line: _Line) -> None:
    text = block.text
    # Only the end of the block is looked at: searching a block that grows by
    # a line at a time would be quadratic.
    if re.search(r"[A-Za-z]-$", text[-3:]) and line.text[:1].islower():
        block.text = text[:-1] + _HYPHEN_BREAK + line.text
    elif re.search(r"\w-$", text[-3:]) and line.text[:1].isalnum():
        block.text = text + line.text  # "2018-|2022", "Indo-|Pacific": the hyphen is the text's
    else:
        block.text = text + " " + line.text
    if line.page == block.page and block.bbox is not None:
        x0, top, x1, bottom = block.bbox
        block.bbox = (min(x0, line.x0), min(top, line.top), max(x1, line.x1), max(bottom, line.bottom))
    block.lines.append(line)


def _classify(blocks: list[_Block], body: float) -> None:
    """Headings: blocks set in a heading style, short, not a lead-in ("Note:").
    Levels by size: the largest style is level 1."""
    styles: dict[tuple[float, bool], int] = {}
    candidates = []
    for block in blocks:
        style = block.meta.pop("style", None) if block.kind is BlockKind.paragraph else None
        if not style:
            continue
        text = block.text
        if len(text) > 250 or len(block.lines) > 4 or not re.search(r"[A-Za-z]", text):
            continue
        if style == "bold" and re.search(r"[.,;:]$", text):
            continue
        line = block.lines[0]
        candidates.append((block, (line.size, line.bold)))
        styles[(line.size, line.bold)] = 0
    order = sorted(styles, key=lambda s: (-s[0], not s[1]))
    for rank, style in enumerate(order, start=1):
        styles[style] = min(rank, 6)
    for block, style in candidates:
        block.kind = BlockKind.heading
        block.level = styles[style]


def _resolve_hyphens(blocks: list[_Block]) -> None:
    """'coopera-|tion' -> 'cooperation'; 'merit-|based' -> 'merit-based' when
    the document writes it so elsewhere (or the first half is a word that
    makes compounds).  Decided once the whole text is known."""
    broken = [b for b in blocks if _HYPHEN_BREAK in b.text]
    if not broken:
        return
    vocabulary = Counter()
    for block in blocks:
        vocabulary.update(w.lower() for w in _WORD.findall(block.text.replace(_HYPHEN_BREAK, " ")))

    def choose(lead: str, head: str, tail: str) -> str:
        hyphenated, joined = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
        if vocabulary[f"{lead}{hyphenated}".lower()] or vocabulary[hyphenated]:
            keep = True
        elif vocabulary[f"{lead}{joined}".lower()] or vocabulary[joined]:
            keep = False
        else:
            keep = bool(lead) or head[:1].isupper() or head.lower() in _COMPOUND_HEADS
        return f"{lead}{head}{'-' if keep else ''}{tail}"

    for block in broken:
        block.text = _join_broken_words(block.text, choose).replace(_HYPHEN_BREAK, "")


def _join_broken_words(text: str, choose) -> str:
    r"""Replace each "lead head<break>tail" by ``choose(lead, head, tail)``.

    The same as substituting ``([\w’'-]*?)(\w+)<break>(\w+)``, leftmost
    first, but read from each break outwards: the pattern retried from every
    letter of a long word before a break would be cubic.
    """
    back = text[::-1]
    out: list[str] = []
    pos = 0
    for m in re.finditer(_HYPHEN_BREAK, text):
        b = m.start()
        if b < pos:
            continue
        start = max(pos, b - len(_LEAD_BACK.match(back, len(text) - b).group()))
        head = max(start, b - len(_HEAD_BACK.match(back, len(text) - b).group()))
        tail = _TAIL.match(text, b + 1)
        if head == b or tail is None:
            continue
        out += [text[pos:start], choose(text[start:head], text[head:b], tail.group())]
        pos = tail.end()
    out.append(text[pos:])
    return "".join(out)


def _toc_line(text: str) -> tuple[str, str] | None:
    r"""(entry, page) of a contents line "Entry ....... 12", else None.

    As ``^(?P<entry>.*?\S)\s*(?:\.\s*){4,}\s*(?P<page>[0-9ivxlcIVXLC]{1,6})$``:
    the leader is the run of dots and spaces before the page number (at
    least four dots), the entry everything before it, or only the first dot
    when the line is all leader.
    """
    m = _TOC_TAIL.search(text)
    if m is None:
        return None
    entry_end = m.start()
    if entry_end == 0:
        entry_end = len(text) - len(text.lstrip()) + 1
    if text.count(".", entry_end, m.start("page")) < 4:
        return None
    return text[:entry_end], m.group("page")


# -- metadata -----------------------------------------------------------------------


def _metadata(info: dict) -> DocumentMetadata:
    meta = DocumentMetadata()
    extra: dict = {}
    for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate"):
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            extra[key] = clean_inline(value)
    title = extra.get("Title")
    # Producers fill Title with placeholders; those are not the document's title.
    if title and not _PLACEHOLDER_TITLE.match(title):
        meta.title = title
    meta.description = extra.get("Subject")
    created = _pdf_date(extra.get("CreationDate"))
    if created:
        meta.published = created
    meta.extra = extra
    return meta


def _pdf_date(value: str | None) -> str | None:
    """PDF dates ("D:20240801120000-04'00'") as ISO 8601."""
    if not value:
        return None
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?", value)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) if g else None for g in m.groups())
    try:
        stamp = datetime(year, month or 1, day or 1, hour or 0, minute or 0, second or 0)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return stamp.isoformat() if hour is not None else stamp.date().isoformat()


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
