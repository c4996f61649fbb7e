"""Plain-text and markdown exports of web pages and PDFs -> ParsedDocument.

Exports carry remnants of their origin: markdown emphasis and headings,
``<b>``/``<sup>`` tags, escaped dollars, ``---`` footnote rules, wrapped lines
and the site's furniture.  This module turns them into clean blocks; the
extractor never sees the markup.
"""

from __future__ import annotations

import re

from pipeline.models import BlockKind, DocumentMetadata, ParsedDocument
from pipeline.parse.furniture import END_MARKER, RELATED_HEADER, drop_trailing_links, is_furniture
from pipeline.parse.normalise import (
    TextBuilder,
    clean_inline,
    normalise_unicode,
    superscript,
    unescape_entities,
)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•●▪◦]|\u2022)\s+(.*)$")
_ORDERED = re.compile(r"^(\s*)(?:[-*•]\s+)?((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s+(.*)$")
_FOOTNOTE_DEF = re.compile(r"^\s*(?:<sup>\s*([^<]{1,12})\s*</sup>|\[\^([^\]]{1,12})\]:)\s*(.*)$")
_SUP = re.compile(r"<sup>\s*([^<]{0,20}?)\s*</sup>", re.I)
_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|font|small|br|p|div|a)(?:\s[^>]*)?/?>", re.I)
_MD_LINK = re.compile(r"\[([^\]]*)\]\((<[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&|~<>])")
_DOT_LEADER = re.compile(r"\s*\.{4,}\s*")
_TERMINAL = re.compile(r"[.!?:;\"”’)]\s*$")
_CONTINUES = re.compile(r"^\s*[a-z(,;:)\u2013\u2014]")
_JOINING_END = re.compile(r"(?:,|\b(?:a|an|the|and|or|of|to|by|on|in|with|for|at|from))\s*$")


def parse_text(text: str, *, media_type: str = "text/plain") -> ParsedDocument:
    text = normalise_unicode(text)
    lines = _strip_furniture(text.split("\n"))
    builder = TextBuilder()
    metadata = DocumentMetadata()
    prev_blank = True
    for raw in _join_wrapped(lines):
        line = raw.rstrip()
        if not line.strip():
            prev_blank = True
            continue
        # A single newline in the export keeps blocks together (list runs,
        # signature blocks); a blank line separates them.
        tight, prev_blank = not prev_blank, False
        if _RULE.match(line):  # footnote rules and separators carry no text
            continue
        if m := _HEADING.match(line):
            _add(builder, BlockKind.heading, m.group(2), level=len(m.group(1)))
        elif m := _FOOTNOTE_DEF.match(line):
            marker = (m.group(1) or m.group(2)).strip()
            _add(builder, BlockKind.footnote, superscript(marker) + " " + m.group(3),
                 meta={"marker": marker}, tight=tight)
        elif "\t" in line:
            cells = [c for c in (clean(c) for c in _DOT_LEADER.sub("\t", line).split("\t")) if c]
            if cells:
                builder.add(BlockKind.table_row, "\t".join(cells), meta={"cells": len(cells)},
                            tight=tight)
        elif m := _ORDERED.match(line):
            _add(builder, BlockKind.list_item, f"{m.group(2)} {m.group(3)}",
                 level=_indent_level(m.group(1)), meta={"marker": m.group(2)}, tight=tight)
        elif m := _BULLET.match(line):
            _add(builder, BlockKind.list_item, m.group(2), level=_indent_level(m.group(1)),
                 meta={"marker": "•"}, tight=tight)
        else:
            _add(builder, BlockKind.paragraph, line, tight=tight)

    _promote_title(builder)
    if builder.blocks and builder.blocks[0].kind is BlockKind.heading:
        first = builder.blocks[0]
        metadata.title = builder.text[first.start:first.end]
    return ParsedDocument(text=builder.text, blocks=builder.blocks, media_type=media_type,
                          metadata=metadata)


def clean(fragment: str) -> str:
    """Markup remnants -> plain text, footnote markers kept as superscripts."""
    fragment = unescape_entities(fragment)
    fragment = _SUP.sub(lambda m: superscript(m.group(1)), fragment)
    fragment = _MD_LINK.sub(lambda m: m.group(1), fragment)
    fragment = _AUTOLINK.sub(lambda m: m.group(1), fragment)
    fragment = _TAG.sub("", fragment)
    for _ in range(2):  # nested emphasis: ***x***, **_x_**
        fragment = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", fragment)
    fragment = _ESCAPE.sub(r"\1", fragment)
    fragment = fragment.replace("\\", "")
    return clean_inline(fragment)


def _add(builder: TextBuilder, kind: BlockKind, fragment: str, **kw) -> None:
    text = clean(fragment)
    if text:
        builder.add(kind, text, **kw)


def _indent_level(indent: str) -> int:
    return 1 + len(indent.replace("\t", "    ")) // 4


def _strip_furniture(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if END_MARKER.match(line) or RELATED_HEADER.match(clean_inline(line)):
            return kept  # the rest is the page footer
        if is_furniture(clean_inline(line)):
            continue
        kept.append(line)
    return drop_trailing_links(kept)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Rejoin lines an export broke inside a sentence (around links, mostly).

    A line is glued to the previous one when it plainly continues it: it starts
    in lower case or with closing punctuation, or the previous line stops on a
    comma or a function word.  Headings, list items and table rows are never
    glued.
    """
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and _continues(out[-1], line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def _continues(prev: str, line: str) -> bool:
    if any(p.match(line) for p in (_HEADING, _RULE, _BULLET, _ORDERED, _FOOTNOTE_DEF)):
        return False
    if _HEADING.match(prev) or "\t" in prev or "\t" in line:
        return False
    if _CONTINUES.match(line):
        return True
    return bool(_JOINING_END.search(prev)) and not _TERMINAL.search(prev)


def _promote_title(builder: TextBuilder) -> None:
    """A first short line without sentence punctuation is the page's title."""
    if not builder.blocks:
        return
    first = builder.blocks[0]
    if first.kind is not BlockKind.paragraph:
        return
    line = builder.text[first.start:first.end]
    if len(line) <= 250 and not re.search(r"[.,;]$", line) and len(line.split()) >= 3:
        builder.blocks[0] = first.model_copy(update={"kind": BlockKind.heading, "level": 1,
                                                     "meta": {"promoted": True}})
