"""HTML pages -> ParsedDocument: the document, not the web page around it.

The page's chrome (scripts, navigation, government banners, cookie notices,
share and sign-up widgets, breadcrumbs, related-links lists, page header and
footer) is dropped by element, role, class and, as a last resort, by the
same text patterns the text parser uses.  What remains becomes the blocks
the text parser would give for an export of the page: headings with levels,
paragraphs (a ``<br>`` inside one keeps its lines as tight blocks, like the
lines of a signature block), nested list items with markers, table rows with
cells joined by tabs, block quotes and footnotes whose text starts with the
superscript marker.  Links keep their anchor text in the text and their href
in the block's ``meta["links"]`` (offsets relative to the block).

Character set: a BOM, then the HTTP header, then ``<meta charset>``; the
first declaration that fits the bytes wins.  A declaration that does not
fit is an error, not a guess, because a wrong guess silently corrupts names
and evidence; only undeclared, non-UTF-8 bytes go to detection.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import Declaration, Doctype, ProcessingInstruction

from pipeline import limits
from pipeline.errors import DocumentError, Stage
from pipeline.raw import RawDocument
from pipeline.models import BlockKind, DocumentMetadata, ParsedDocument
from pipeline.parse.furniture import END_MARKER, is_furniture, looks_like_trailing_link
from pipeline.parse.normalise import (
    looks_binary,
    TextBuilder,
    clean_inline,
    link_footnotes,
    normalise_unicode,
    superscript,
)
from pipeline.parse.pagebreaks import join_html_page_breaks
from pipeline.parse.wrapping import WRAP_MIN_LINES, continuations, ends_sentence, glued, wrap_width

# -- character set --------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252",
                  "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def decode_html(raw: RawDocument) -> tuple[str, str]:
    """The page as text and the encoding used (see the module docstring)."""
    data = raw.data
    doc_id = raw.source.id
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(doc_id, data[len(bom):], encoding), encoding
    if looks_binary(data):
        raise DocumentError(doc_id, Stage.parse, "E003", media_type=raw.media_type, expected="HTML")
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    meta = _META_CHARSET.search(data[:4096])
    declared = [c for c in (raw.charset, meta.group(1).decode("ascii") if meta else None) if c]
    unknown, misfits = [], []
    for label in declared:
        encoding = _LABEL_ALIASES.get(label.lower(), label)
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            unknown.append(label)
            continue
        if _wide_without_nuls(codec.name, data):
            continue
        if codec.name == "utf-8":
            if utf8 is not None:
                return utf8, "utf-8"
            misfits.append(label)
            continue
        # Multi-byte UTF-8 sequences are next to impossible in text in a
        # single-byte charset: the label is stale and the bytes are UTF-8.
        if utf8 is not None and _single_byte(codec.name) and not data.isascii():
            return utf8, "utf-8"
        try:
            return data.decode(codec.name), codec.name
        except UnicodeDecodeError:
            misfits.append(label)
    if misfits:
        _strict(doc_id, data, _LABEL_ALIASES.get(misfits[0].lower(), misfits[0]))
    if utf8 is not None:  # undeclared or unknown label: UTF-8 (ASCII included) is safe
        return utf8, "utf-8"
    if unknown:
        raise DocumentError(doc_id, Stage.parse, "E021", charset=unknown[0])
    return _detect(doc_id, data)




def _wide_without_nuls(codec_name: str, data: bytes) -> bool:
    """A UTF-16 or UTF-32 label (no BOM: that was read first) on bytes without
    NULs is a lie: markup in UTF-16 is half NULs.  The label is ignored and
    the bytes read as if undeclared (as browsers do with such a <meta>)
    instead of decoding ASCII pairs into CJK garbage."""
    return codec_name.startswith(("utf-16", "utf-32")) and b"\x00" not in data[:4096]


def _strict(doc_id: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(doc_id, Stage.parse, "E004", encoding=encoding.upper(),
                            detail=f"{exc.reason} at byte {exc.start} (declared charset does not fit)"
                            ) from exc


def _single_byte(codec_name: str) -> bool:
    return codec_name.startswith(("cp", "iso8859", "latin", "mac", "koi8", "windows"))


def _detect(doc_id: str, data: bytes) -> tuple[str, str]:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise DocumentError(doc_id, Stage.parse, "E004", encoding="UTF-8",
                            detail="no charset is declared and none could be detected reliably")
    return str(best), best.encoding


# -- page chrome ------------------------------------------------------------------

_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
              "form", "button", "input", "select", "textarea", "nav", "aside", "dialog", "link",
              "meta", "img", "picture", "video", "audio", "map", "head", "title"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
               "alertdialog", "menu", "menubar", "toolbar", "doc-backlink"}
# Words in class/id that mark chrome, matched against whole words of the
# attribute ("usa-banner", "share-buttons"), never substrings ("shared").
_CHROME_WORDS = {
    "banner", "cookie", "cookies", "consent", "gdpr", "share", "sharing", "social", "signup",
    "newsletter", "subscribe", "subscription", "breadcrumb", "breadcrumbs", "related", "skip",
    "skipnav", "menu", "navbar", "nav", "navigation", "sidebar", "masthead", "promo", "modal",
    "popup", "toolbar", "utility", "advert", "ads", "pagination", "pager", "tags", "comments",
}
_CHROME_PHRASES = ("site-header", "site-footer", "page-footer", "global-header", "global-footer",
                   "sign-up", "stay-connected", "back-to-top", "scroll-top", "exit-notification",
                   "sr-only", "visually-hidden", "visuallyhidden", "screen-reader")
_WORD_SPLIT = re.compile(r"[\s-]+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir",
               "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hgroup",
               "hr", "html", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table",
               "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "legend",
               *_HEADINGS}
_FOOTNOTE_CONTAINER = re.compile(r"\b(?:foot|end)notes?\b|\bfn-?list\b|doc-endnotes", re.I)
_FOOTNOTE_ITEM_ID = re.compile(r"^(?:fn|footnote|note|endnote)[-_:]?\d", re.I)
_BACKREF = re.compile(r"^\s*(?:↩\ufe0e?|↑|\^|⮐|return to text|back to text)\s*$", re.I)
_OWN_MARKER = re.compile(r"^((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s+")
# A paragraph numbered or lettered by hand, "1.", "a)", "(iv)", "(B)", as an
# export's line is (a capital and a period is as often an initial, "A. Smith").
_NUMBERED_PARAGRAPH = re.compile(r"^(\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]|\([A-Z]\)|[A-Z]\))\s+(?=\S)")
# A bullet typed into a paragraph ("* ", "• ", "- "): a dash opens an item only
# with a space after it, as in an export ("-1" and "--" are no bullets).
_BULLETED_PARAGRAPH = re.compile(r"^[*•●▪◦‣-]\s+(?=\S)")
# A line that starts with a superscript marker is a footnote, as in the text parser.
_FOOTNOTE_LINE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹'⁻⁺⁽⁾]+|\^\S{1,12}) (?=\S)")
_LINK_OPEN, _LINK_CLOSE, _BREAK = "\ue000", "\ue001", "\ue002"
_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹'⁻⁺⁽⁾", "0123456789,-+()")


def _names(tag: Tag) -> str:
    return " ".join([*(tag.get("class") or []), tag.get("id") or ""]).lower().replace("_", "-")


def _is_chrome(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I):
        return True
    role = attrs.get("role")
    if role and role.lower() in _DROP_ROLES:
        return True
    label = attrs.get("aria-label")
    if label and re.search(r"breadcrumb|share|social|cookie", label, re.I):
        return True
    names = _names(tag)
    if not names.strip():
        return False
    if any(p in names for p in _CHROME_PHRASES):
        return True
    return any(word in _CHROME_WORDS for word in _WORD_SPLIT.split(names))


def _in_article(tag: Tag) -> bool:
    return any(p.name in ("article", "main") or p.get("role") == "main" for p in tag.parents
               if isinstance(p, Tag))


# -- blocks ---------------------------------------------------------------------


@dataclass
class _Piece:
    kind: BlockKind
    text: str
    level: int | None = None
    meta: dict = field(default_factory=dict)
    tight: bool = False
    link_only: bool = False


class _Inline:
    """Inline content being gathered: text with link and line-break marks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.hrefs: list[str] = []

    def __bool__(self) -> bool:
        return any(p.strip() for p in self.parts)


class _Walker:
    """Depth-first walk that turns block elements into pieces, in order."""

    def __init__(self, wrap_width: int | None = None) -> None:
        self.pieces: list[_Piece] = []
        # (a typescript's lines are glued as an export's: at the page's width,
        # once the page's first sentence has ended)
        self.wrap_width = wrap_width
        self.in_body = False

    # Inline content -----------------------------------------------------------

    def inline(self, node: Tag, acc: _Inline) -> None:
        for child in node.children:
            self.inline_node(child, acc)

    def inline_node(self, child, acc: _Inline) -> None:
        if isinstance(child, NavigableString):
            if not isinstance(child, Comment):
                acc.parts.append(str(child))
            return
        name = child.name
        if name in _DROP_TAGS:
            return
        if name == "br":
            acc.parts.append(_BREAK)
        elif name == "sup":
            marker = child.get_text().strip()
            # As the text parser does with <sup>: markers become superscripts.
            if 0 < len(marker) <= 20:
                acc.parts.append(superscript(marker.strip("[]")))
            else:
                self.inline(child, acc)
        elif name == "a" and child.get("href"):
            if _BACKREF.match(child.get_text()):
                return
            acc.parts.append(_LINK_OPEN)
            self.inline(child, acc)
            acc.parts.append(_LINK_CLOSE)
            acc.hrefs.append(child["href"])
        elif name in _BLOCK_TAGS:
            # A block inside inline content (a <p> in a list item or a cell)
            # joins the surrounding line.
            acc.parts.append(" ")
            self.inline(child, acc)
            acc.parts.append(" ")
        else:
            self.inline(child, acc)

    def emit(self, acc: _Inline, kind: BlockKind, *, level: int | None = None,
             meta: dict | None = None, tight: bool = False, prefix: str = "") -> None:
        """Pieces from inline content: one per line, as a <br> splits lines."""
        hrefs = list(acc.hrefs)
        blank = False
        lines = "".join(acc.parts).split(_BREAK)
        if kind is BlockKind.paragraph and len(lines) > 1:
            lines = self.rejoined(lines)
        for i, line in enumerate(lines):
            text, spans = _clean_with_links(prefix + line if i == 0 else line)
            line_hrefs, hrefs = hrefs[:len(spans)], hrefs[len(spans):]
            if not text:
                blank = i > 0  # "<br><br>": a paragraph break, as a blank line in an export
                continue
            piece_meta = dict(meta or {})
            piece_kind = kind
            piece_level, piece_tight = level, tight if i == 0 else not blank
            if kind is BlockKind.paragraph and (m := _FOOTNOTE_LINE.match(text)):
                piece_kind = BlockKind.footnote
                piece_meta["marker"] = _unsuperscript(m.group(1))
            elif kind is BlockKind.paragraph and (m := _NUMBERED_PARAGRAPH.match(text)):
                # "<p>1. Trusted ...</p>" (or "1. " after a <br>): a numbered item, as an
                # <ol> item or an export's "1. " line is, so numbered lists read the same
                # in every format.
                piece_kind, piece_level = BlockKind.list_item, 1
                piece_meta["marker"] = m.group(1)
                previous = self.pieces[-1] if self.pieces else None
                piece_tight = bool(previous and previous.kind is BlockKind.list_item)
            elif kind is BlockKind.paragraph and (m := _BULLETED_PARAGRAPH.match(text)):
                # "<p> * First, ...<br> * Secondly, ...</p>": an export's bullets pasted
                # into a page are list items, their marker dropped as an <li>'s is.
                cut = m.end()
                text = text[cut:]
                spans = [(max(s - cut, 0), e - cut) for s, e in spans]
                piece_kind, piece_level = BlockKind.list_item, 1
                piece_meta["marker"] = "•"
                previous = self.pieces[-1] if self.pieces else None
                piece_tight = bool(previous and previous.kind is BlockKind.list_item)
            links = [{"start": s, "end": e, "href": h} for (s, e), h in zip(spans, line_hrefs) if e > s]
            if links:
                piece_meta["links"] = links
            linked = sum(e - s for s, e in spans)
            self.pieces.append(_Piece(piece_kind, text, piece_level, piece_meta, tight=piece_tight,
                                      link_only=bool(spans) and linked >= 0.9 * len(text)))
            blank = False
            self.in_body = self.in_body or ends_sentence(text)

    def rejoined(self, lines: list[str]) -> list[str]:
        """A paragraph's <br> lines with those broken inside a sentence glued
        back (an archive's typescript is one <br> per typed line), judged as
        an export's wrapped lines are."""
        return glued(lines, continuations([clean_inline(_strip_marks(line)) for line in lines],
                                          width=self.wrap_width, in_body=self.in_body))

    # Block content -------------------------------------------------------------

    def block(self, node: Tag, kind: BlockKind = BlockKind.paragraph) -> None:
        """A container: runs of inline content between block children become
        pieces of ``kind``; block children are handled by :meth:`element`."""
        acc = _Inline()
        for child in node.children:
            if isinstance(child, Tag) and child.name in _BLOCK_TAGS:
                if acc:
                    self.emit(acc, kind)
                acc = _Inline()
                self.element(child, kind)
            else:
                self.inline_node(child, acc)
        if acc:
            self.emit(acc, kind)

    def element(self, node: Tag, kind: BlockKind = BlockKind.paragraph) -> None:
        limits.check()
        name = node.name
        if name in _HEADINGS:
            acc = _Inline()
            self.inline(node, acc)
            acc.parts = [p if p != _BREAK else " " for p in acc.parts]
            self.emit(acc, BlockKind.heading, level=_HEADINGS[name])
        elif _FOOTNOTE_CONTAINER.search(_names(node) + " " + (node.get("role") or "")) \
                or (name == "ol" and _footnote_list(node)):
            self.footnotes(node)
        elif name in ("ul", "ol", "menu", "dir"):
            self.list(node, depth=1)
        elif name == "table":
            self.table(node)
        elif name == "dl":
            self.definitions(node, kind)
        elif name == "blockquote":
            self.block(node, BlockKind.quote)
        elif name == "pre":
            acc = _Inline()
            self.inline(node, acc)
            acc.parts = ["".join(acc.parts).replace("\n", _BREAK)]
            self.emit(acc, kind)
        elif name == "hr":
            return
        else:
            self.block(node, kind)

    def definitions(self, node: Tag, kind: BlockKind) -> None:
        """A <dl>: a short term and its definition on one line, as an export
        writes them ("From: Department for International Trade"); a long term
        or a definition holding lists or tables stays blocks of its own."""
        term: Tag | None = None
        for child in node.children:
            if not isinstance(child, Tag):
                continue
            if (child.name == "dd" and term is not None and len(term.get_text().split()) <= _TERM_WORDS
                    and not any(t.name in _LAYOUT_INSIDE for t in _tags(child))):
                acc = _Inline()
                self.inline(term, acc)
                acc.parts.append(" ")
                self.inline(child, acc)
                acc.parts = [p if p != _BREAK else " " for p in acc.parts]
                self.emit(acc, kind)
                term = None
                continue
            if term is not None:
                self.block(term, kind)
                term = None
            if child.name == "dt":
                term = child
            else:
                self.element(child, kind)
        if term is not None:
            self.block(term, kind)

    def list(self, node: Tag, depth: int) -> None:
        ordered = node.name == "ol"
        number = _int(node.get("start"), 1)
        style = node.get("type") or "1"
        first = True
        for li in _children(node, "li"):
            number = _int(li.get("value"), number)
            acc = _Inline()
            nested: list[Tag] = []
            for child in li.children:
                if isinstance(child, Tag) and child.name in ("ul", "ol"):
                    nested.append(child)
                else:
                    self.inline_node(child, acc)
            if acc:
                probe = clean_inline(_strip_marks("".join(acc.parts)))
                own = _OWN_MARKER.match(probe)
                if own:  # the item carries its own number ("a) ..."), as in exports
                    marker, prefix = own.group(1), ""
                elif ordered:
                    marker = _ordinal(number, style) + "."
                    prefix = marker + " "
                else:
                    marker, prefix = "•", ""
                acc.parts = [p if p != _BREAK else " " for p in acc.parts]
                self.emit(acc, BlockKind.list_item, level=depth, meta={"marker": marker},
                          tight=not (first and depth == 1), prefix=prefix)
                first = False
            for sub in nested:
                self.list(sub, depth + 1)
            number += 1

    def table(self, node: Tag) -> None:
        cells_of = [_children(tr, "td", "th") for tr in _rows(node)]
        if node.get("role") == "presentation" or _laid_out(cells_of):
            # A layout table: its cells are regions of the page, not data.
            for cells in cells_of:
                for cell in cells:
                    self.block(cell)
            return
        first = True
        for cells in cells_of:
            texts = []
            for cell in cells:
                acc = _Inline()
                self.inline(cell, acc)
                text = clean_inline(normalise_unicode(_strip_marks("".join(acc.parts))))
                if text:
                    texts.append(text)
            if texts:
                self.pieces.append(_Piece(BlockKind.table_row, "\t".join(texts),
                                          meta={"cells": len(texts)}, tight=not first))
                first = False

    def footnotes(self, node: Tag) -> None:
        items = ([t for t in _tags(node) if t.name == "li"] or _children(node, "p", "div") or [node])
        for n, item in enumerate(items, start=1):
            acc = _Inline()
            self.inline(item, acc)
            acc.parts = [p if p != _BREAK else " " for p in acc.parts]
            probe = clean_inline(_strip_marks("".join(acc.parts)))
            own = _FOOTNOTE_LINE.match(probe) or re.match(r"^\[?(\d{1,3})\]?[.)]?\s", probe)
            if own:  # marker written in the item: keep it, in superscript
                marker = _unsuperscript(own.group(1))
                acc.parts = [superscript(marker), " ",
                             _strip_first(_strip_marks("".join(acc.parts)), own.group(0))]
                acc.hrefs = []
            else:
                marker = str(_int(item.get("value"), n))
                acc.parts.insert(0, superscript(marker) + " ")
            meta = {"marker": marker}
            if item.get("id"):
                meta["id"] = item["id"]
            self.emit(acc, BlockKind.footnote, meta=meta)


#: The longest term (in words) read on one line with its definition.
_TERM_WORDS = 6
_LAYOUT_INSIDE = {"table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


def _tags(node: Tag):
    """Descendant elements (bs4's find_all is several times slower)."""
    return (t for t in node.descendants if isinstance(t, Tag))


def _children(node: Tag, *names: str) -> list[Tag]:
    return [c for c in node.children if isinstance(c, Tag) and c.name in names]


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows (in thead, tbody, tfoot or bare), not a nested table's."""
    rows = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(_children(child, "tr"))
    return rows


def _laid_out(cells_of: list[list[Tag]]) -> bool:
    """A table that lays out the page: a cell holds a list, a heading or a
    table, or many cells hold several paragraphs (a roster's cells of name,
    title and agency read as the lines they are).  A data table may have a
    cell of two paragraphs: a note under one country of a signers' table."""
    cells = [c for row in cells_of for c in row]
    if any(t.name in _LAYOUT_INSIDE for c in cells for t in _tags(c)):
        return True
    return _LAYOUT_SHARE * len(cells) <= sum(len(_children(c, "p", "div")) > 1 for c in cells) > 0


#: The share of cells holding several paragraphs that makes a table a layout.
_LAYOUT_SHARE = 0.25


def _strip_first(text: str, prefix: str) -> str:
    stripped = text.lstrip()
    return stripped[len(prefix):] if stripped.startswith(prefix) else stripped


def _unsuperscript(marker: str) -> str:
    return marker[1:] if marker.startswith("^") else marker.translate(_SUPER_DIGITS)


def _footnote_list(node: Tag) -> bool:
    """An <ol> whose items are anchors named like footnotes (id="fn1")."""
    items = _children(node, "li")
    return bool(items) and all(_FOOTNOTE_ITEM_ID.match(li.get("id") or "") for li in items)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _ordinal(number: int, style: str) -> str:
    if style in ("a", "A"):
        letters = ""
        while number > 0:
            number, rem = divmod(number - 1, 26)
            letters = chr(97 + rem) + letters
        return letters.upper() if style == "A" else letters
    if style in ("i", "I"):
        out = ""
        for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while number >= value:
                out += numeral
                number -= value
        return out.upper() if style == "I" else out
    return str(number)


def _strip_marks(text: str) -> str:
    return text.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, "").replace(_BREAK, " ")


_MOVE_OPEN = re.compile(_LINK_OPEN + r"(\s+)")
# Only from the start of a run of spaces: "(\s+)" retried from inside a long
# run is quadratic.
_MOVE_CLOSE = re.compile(r"(?<!\s)(\s+)" + _LINK_CLOSE)


def _clean_with_links(line: str) -> tuple[str, list[tuple[int, int]]]:
    """clean_inline() that keeps track of where the links' anchor text ends up."""
    if _LINK_OPEN not in line:
        return clean_inline(normalise_unicode(line.replace(_LINK_CLOSE, ""))), []
    # Whitespace at the edge of an anchor belongs outside it.
    line = _MOVE_OPEN.sub(lambda m: m.group(1) + _LINK_OPEN, line)
    line = _MOVE_CLOSE.sub(lambda m: _LINK_CLOSE + m.group(1), line)
    cleaned = clean_inline(normalise_unicode(line))
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    pos = 0
    for ch in cleaned:
        if ch == _LINK_OPEN:
            opened.append(pos)
        elif ch == _LINK_CLOSE:
            if opened:
                spans.append((opened.pop(), pos))
        else:
            text.append(ch)
            pos += 1
    return "".join(text), spans


# -- metadata -----------------------------------------------------------------


def read_metadata(soup: BeautifulSoup) -> DocumentMetadata:
    meta = DocumentMetadata()
    extra: dict = {}
    page_title = None
    props: dict[str, str] = {}
    scripts: list[Tag] = []
    times: list[str] = []
    for tag in _tags(soup):
        name = tag.name
        if name == "title" and page_title is None:
            page_title = clean_inline(tag.get_text())
        elif name == "meta":
            key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
            if key and tag.get("content") and key not in props:
                props[key] = clean_inline(tag["content"])
        elif name == "script" and (tag.get("type") or "").lower() == "application/ld+json":
            scripts.append(tag)
        elif name == "time" and tag.get("datetime") and len(times) < 10:
            times.append(tag["datetime"])
        elif name == "html" and tag.get("lang"):
            extra.setdefault("lang", tag["lang"])
        elif name == "link" and "canonical" in (tag.get("rel") or []) and tag.get("href"):
            extra.setdefault("canonical", tag["href"])
    jsonld = _json_ld(scripts)
    if page_title:
        extra["html_title"] = page_title
    for key in ("og:title", "og:description", "article:published_time", "article:modified_time",
                "og:url", "og:site_name"):
        if key in props:
            extra[key] = props[key]
    if jsonld:
        extra["json_ld"] = jsonld
    if times:
        extra["time_datetimes"] = times
    meta.title = props.get("og:title") or jsonld.get("headline") or page_title
    meta.description = props.get("description") or props.get("og:description") or jsonld.get("description")
    meta.published = (props.get("article:published_time") or jsonld.get("datePublished")
                      or props.get("dc.date") or (times[0] if times else None))
    meta.extra = extra
    return meta


def _json_ld(scripts: list[Tag]) -> dict:
    """headline, datePublished (and a few more) from the first JSON-LD that has them."""
    found: dict = {}
    for script in scripts:
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
                for key in ("headline", "name", "datePublished", "dateModified", "description"):
                    value = item.get(key)
                    if isinstance(value, str) and key not in found:
                        found[key] = clean_inline(value)
    if "headline" not in found and "name" in found:
        found["headline"] = found["name"]
    return found


# -- the parser -------------------------------------------------------------------


def parse_html(raw: RawDocument) -> ParsedDocument:
    text, encoding = decode_html(raw)
    text = join_html_page_breaks(text)
    # Stray NULs (past the first 4 KB) would become U+FFFD in the parser.
    soup = BeautifulSoup(text.replace("\x00", ""), "lxml")
    metadata = read_metadata(soup)
    metadata.extra["charset"] = encoding
    body = soup.body or soup
    _drop_tags(body)
    root = _main_root(body)
    headline = _detached_headline(body, root)
    _strip_chrome(root)
    walker = _Walker(wrap_width=_typed_width(text))
    for node in headline:
        walker.element(node)
    walker.block(root)
    builder = TextBuilder()
    for piece in _drop_furniture(walker.pieces):
        builder.add(piece.kind, piece.text, level=piece.level, meta=piece.meta or None,
                    tight=piece.tight)
    link_footnotes(builder.text, builder.blocks)
    return ParsedDocument(text=builder.text, blocks=builder.blocks, media_type="text/html",
                          metadata=metadata)


_BR = re.compile(r"<br\s*/?>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def _typed_width(html: str) -> int | None:
    """The width a page typed line by line (one <br> per line) was wrapped at,
    measured over all its lines, as an export's is; None for other pages.
    (The lines of one paragraph are too few to show it.)"""
    if html.count("<br") + html.count("<BR") < WRAP_MIN_LINES:
        return None
    return wrap_width([" ".join(_ANY_TAG.sub(" ", segment).split()) for segment in _BR.split(html)])


def _prune(root: Tag, remove) -> None:
    """Walk ``root`` depth first; ``remove(tag)`` decides: "drop" (the
    subtree goes, unvisited), "unwrap" (the tag goes, its children stay) or
    None (keep and look inside)."""
    stack = [c for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        tag = stack.pop()
        action = remove(tag)
        children = [c for c in reversed(tag.contents) if isinstance(c, Tag)] if action != "drop" else []
        if action == "drop":
            tag.decompose()
        elif action == "unwrap":
            tag.unwrap()
        stack.extend(children)


def _drop_tags(body: Tag) -> None:
    def remove(tag: Tag) -> str | None:
        if tag.name not in _DROP_TAGS:
            return None
        # ASP.NET and SharePoint pages wrap the whole page in one <form>.
        return "unwrap" if tag.name == "form" and _holds_document(tag) else "drop"
    _prune(body, remove)
    # Markup that is not text: a page without <body> is read from the root,
    # where "<!DOCTYPE html>" would otherwise become the text "html".
    not_text = (Comment, Doctype, Declaration, ProcessingInstruction)
    for comment in [c for c in body.descendants if isinstance(c, not_text)]:
        comment.extract()


_MAIN_ID = re.compile(r"^(?:main-?content|content|main)$", re.I)


def _main_root(body: Tag) -> Tag:
    mains, roles, articles, ids = [], [], [], []
    for tag in _tags(body):
        if tag.name == "main":
            mains.append(tag)
        elif tag.get("role") == "main":
            roles.append(tag)
        elif tag.name == "article":
            articles.append(tag)
        elif tag.get("id") and _MAIN_ID.match(tag["id"]):
            ids.append(tag)
    if mains or roles:
        return (mains or roles)[0]
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    return ids[0] if ids else body


def _detached_headline(body: Tag, root: Tag) -> list[Tag]:
    """The page's <h1> (and the <time> beside it) when it stands in a page
    header outside the main content: a reader sees it as the document's title
    and date, so it comes first."""
    if any(t.name == "h1" for t in _tags(root)):
        return []
    for h1 in (t for t in _tags(body) if t.name == "h1"):
        if any(p.name in ("nav", "footer", "aside") or p.get("role") == "navigation"
               for p in h1.parents if isinstance(p, Tag)):
            continue
        nodes = [h1]
        container = h1.parent
        if container is not None:
            nodes += [t for t in _tags(container) if t.name == "time" and h1 not in t.parents][:1]
        return [n.extract() for n in nodes]
    return []


def _holds_document(tag: Tag) -> bool:
    paragraphs = 0
    for t in _tags(tag):
        if t.name in ("main", "article", "h1"):
            return True
        paragraphs += t.name == "p"
    return paragraphs >= 6


def _has_h1(tag: Tag) -> bool:
    return any(t.name == "h1" for t in _tags(tag))


def _strip_chrome(root: Tag) -> None:
    page_level = root.name not in ("main", "article") and root.get("role") != "main"
    total = len(root.get_text())

    def remove(tag: Tag) -> str | None:
        if tag.name in ("header", "footer") and page_level and not _in_article(tag):
            return None if _has_h1(tag) else "drop"
        # A class word on a container of the article itself ("entry-content
        # share-enabled") must not take the article with it.
        if _is_chrome(tag) and not _has_h1(tag) and len(tag.get_text()) < 0.4 * total:
            return "drop"
        return None
    _prune(root, remove)


def _drop_furniture(pieces: list[_Piece]) -> list[_Piece]:
    """The text-level furniture rules shared with the text parser: banner and
    sign-up lines, the "###" end of a press release, a tail of bare links."""
    kept: list[_Piece] = []
    for piece in pieces:
        if END_MARKER.match(piece.text):
            break
        if piece.kind is not BlockKind.table_row and is_furniture(piece.text):
            continue
        kept.append(piece)
    # Links to other pages after the text ("Related", other articles): a
    # short run of lines that are nothing but a link.
    end = len(kept)
    while end and kept[end - 1].link_only and looks_like_trailing_link(kept[end - 1].text):
        end -= 1
    if end and len(kept) - end <= 6:
        kept = kept[:end]
    if kept:
        kept[0].tight = False
    return kept
