"""Text normalisation and the block builder shared by every parser.

Every parser (text, HTML, PDF) ends the same way: a sequence of blocks whose
text is cleaned with :func:`clean_inline` and appended with
:class:`TextBuilder`, so offsets, spacing and footnote markers are identical
whatever the format, and the extractor sees the same text.
"""

from __future__ import annotations

import html
import re
import unicodedata

from pipeline.models import Block, BlockKind

_SUPERSCRIPT = str.maketrans("0123456789,-–+()", "⁰¹²³⁴⁵⁶⁷⁸⁹'⁻⁻⁺⁽⁾")
# Invisible characters, and NUL: a stray NUL (past the first 4 KB that
# looks_binary reads) is not text and must not reach a record.
_INVISIBLE = dict.fromkeys(map(ord, "\x00\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def superscript(marker: str) -> str:
    """Footnote markers keep their number as superscript digits ("¹²").

    Superscript digits are not ``\\d`` in Python's ``re``, so a marker glued to
    a year ("2019¹") never turns into a different number for the date rules.
    """
    marker = marker.strip()
    if marker.lower() in _ORDINAL_SUFFIXES:
        return marker  # "27<sup>th</sup>" is the ordinal "27th", not a footnote
    if re.fullmatch(r"[0-9,\-–+() ]+", marker):
        return marker.replace(" ", "").translate(_SUPERSCRIPT)
    return "^" + marker


_INVISIBLE_RE = re.compile("[\x00\u00ad\u200b\u200c\u200d\u2060\ufeff]")


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or more than 5% control bytes in the first 4 KB: not text.
    UTF-16 with a BOM is text.  Counted in C (bytes.translate): it runs on
    every document."""
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES)) > len(sample) * 0.05


def normalise_unicode(text: str) -> str:
    # Each step is skipped when it has nothing to do: parsers call this per
    # line, and most lines are already clean.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _INVISIBLE_RE.search(text):
        text = text.translate(_INVISIBLE)
    return text


def clean_inline(text: str) -> str:
    """Collapse whitespace inside one block; keep tabs between table cells out."""
    text = _SPACES.sub(" ", text.replace("\n", " "))
    return text.strip()


def unescape_entities(text: str) -> str:
    return html.unescape(text)


#: Longest block.  Extractors read a value's whole block (is it a dateline,
#: does it hold a quotation, what precedes the value in it), so a text of
#: one megabyte-long line would make that work grow with the square of the
#: line.  Longer text is kept as several adjacent blocks, cut at spaces,
#: with nothing between them: the text is unchanged.  The longest block in
#: the pool has 3,512 characters.
MAX_BLOCK = 10_000


class TextBuilder:
    """Accumulates blocks into one text with exact character offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, text: str, *, level: int | None = None, page: int | None = None,
            bbox=None, meta: dict | None = None, tight: bool = False) -> Block | None:
        """Append a block. ``tight`` joins it to the previous one with one newline
        (list items, table rows, lines of a signature block) instead of a blank line."""
        if not text:
            return None
        if self._length:
            sep = "\n" if tight else "\n\n"
            self._parts.append(sep)
            self._length += len(sep)
        first = None
        for piece in _pieces(text, MAX_BLOCK):
            start = self._length
            self._parts.append(piece)
            self._length += len(piece)
            block = Block(kind=kind, start=start, end=self._length, level=level, page=page, bbox=bbox,
                          meta=meta or {})
            self.blocks.append(block)
            first = first or block
        return first

    @property
    def text(self) -> str:
        return "".join(self._parts)


def _pieces(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, each ending after a
    space where there is one (the last piece holds the rest)."""
    if len(text) <= limit:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind(" ", start + 1, start + limit) + 1 or start + limit
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


_SUPER_TO_ASCII = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_CITATION = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:['⁻][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*|\^\w{1,12}")


def link_footnotes(text: str, blocks: list[Block]) -> None:
    """Tie each footnote block to the body text that cites it.

    ``meta["refs"]`` of a footnote lists the offsets of its marker in the
    body ("QIST)¹", "⁶⁻⁸" cites 6, 7 and 8), so a reader can go from a
    citation to its note and back."""
    notes = [b for b in blocks if b.kind is BlockKind.footnote and b.meta.get("marker")]
    if not notes:
        return
    cited: dict[str, list[int]] = {}
    for block in blocks:
        if block.kind is BlockKind.footnote:
            continue
        for m in _CITATION.finditer(text, block.start, block.end):
            for marker in _citation_markers(m.group(0)):
                cited.setdefault(marker, []).append(m.start())
    for note in notes:
        note.meta["refs"] = cited.get(str(note.meta["marker"]), [])


def _citation_markers(run: str) -> list[str]:
    if run.startswith("^"):
        return [run[1:]]
    markers: list[str] = []
    for part in run.split("'"):
        ends = part.split("⁻")
        if len(ends) == 2 and all(ends):
            first, last = int(ends[0].translate(_SUPER_TO_ASCII)), int(ends[1].translate(_SUPER_TO_ASCII))
            if 0 <= last - first <= 50:
                markers += [str(n) for n in range(first, last + 1)]
                continue
        markers += [e.translate(_SUPER_TO_ASCII) for e in ends if e]
    return markers
