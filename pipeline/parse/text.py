"""Plain-text and markdown exports of web pages and PDFs -> ParsedDocument.

Exports carry remnants of their origin: markdown emphasis and headings,
``<b>``/``<sup>`` tags, escaped dollars, ``---`` footnote rules, wrapped lines
and the site's furniture.  This module turns them into clean blocks; the
extractor never sees the markup.
"""

from __future__ import annotations

import re

from pipeline.models import BlockKind, DocumentMetadata, ParsedDocument
from pipeline.parse.furniture import (END_MARKER, RELATED_HEADER, drop_trailing_links, is_date_line, is_furniture,
                                      is_genre_label)
from pipeline.parse.normalise import (
    TextBuilder,
    clean_inline,
    normalise_unicode,
    superscript,
    unescape_entities,
)
from pipeline.parse.pagebreaks import drop_page_breaks
from pipeline.parse.wrapping import join_wrapped

# Patterns here run on every line of exports whose lines can be a megabyte
# long (a page pasted into one line, a run of spaces): none may backtrack
# more than linearly.  Where the regular expression that reads most plainly
# would rescan a long line from every position (closing "#"s, emphasis,
# links), the scanning is done in code below and the pattern keeps only the
# part that cannot rescan.
#
# A heading's closing "#"s and spaces are stripped in code (_heading_text):
# "(.*?)\s*#*\s*$" tries every split of a long run of spaces.
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•●▪◦]|\u2022)\s+(.*)$")
# "1.", "a)", "iv." and the parenthesised "(a)", "(3)" of legal and report lists
_ORDERED = re.compile(r"^(\s*)(?:[-*•]\s+)?(\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s+(.*)$")
# Inside <sup>: the spaces around the marker are possessive (the marker is
# stripped anyway), so "<sup>" and a long run of spaces is read once.
_FOOTNOTE_DEF = re.compile(r"^\s*(?:<sup>(?=[^<])\s*+([^<]{0,12}?)\s*+</sup>|\[\^([^\]]{1,12})\]:)\s*(.*)$")
_SUP = re.compile(r"<sup>\s*+([^<]{0,20}?)\s*+</sup>", re.I)
_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|font|small|br|p|div|a)(?:\s[^>]*)?/?>", re.I)
# A markdown link "[text](url "title")" is found by _strip_links: the text
# runs to the first "]", and the part after it is read by these pieces, each
# scan remembered, so "[a](" a hundred thousand times is read once.
_LINK_URL_ANGLE_END = re.compile(r">")          # "(<url>"
_LINK_URL_END = re.compile(r"[)\s]")            # "(url": up to ")" or a space
_LINK_TITLE = re.compile(r"\s+\"[^\"]*\"\)")     # ' "title")'
# "<https://...>": the URL is read to its end, then the ">" checked (no retry
# from every character of a long URL that ends without one).
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)")
# Emphasis, "**x**", "__x__" and "*x*" (see _strip_emphasis for how a single
# star that never closes is kept from rescanning the line).
_EMPHASIS_PAIR = re.compile(r"(\*\*|__)(.+?)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_EMPHASIS_STAR_CLOSE = re.compile(r"(?<!\s)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&|~<>])")
# Spaces before the dots are taken only from the start of a run of spaces:
# "\s*\.{4,}" retried inside a long run of spaces is quadratic.
_DOT_LEADER = re.compile(r"(?:(?<!\s)\s+)?\.{4,}\s*+")


def parse_text(text: str, *, media_type: str = "text/plain") -> ParsedDocument:
    text = normalise_unicode(text)
    lines = drop_page_breaks(_strip_furniture(text.split("\n")))
    builder = TextBuilder()
    metadata = DocumentMetadata()
    prev_blank = True
    for raw in join_wrapped(lines):
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
            _add(builder, BlockKind.heading, _heading_text(m.group(2)), level=len(m.group(1)))
        elif m := _FOOTNOTE_DEF.match(line):
            marker = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
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

    _promote_title(builder, next((line.strip() for line in lines if line.strip()), ""))
    # (the title is the first block, or the one under a genre label and the page's date)
    labelled = bool(builder.blocks) and builder.blocks[0].meta.get("genre_label", False)
    titled = [b for b in builder.blocks[1:3] if b.kind is BlockKind.heading][:1] if labelled else builder.blocks[:1]
    if titled and titled[0].kind is BlockKind.heading:
        metadata.title = builder.text[titled[0].start:titled[0].end]
    return ParsedDocument(text=builder.text, blocks=builder.blocks, media_type=media_type,
                          metadata=metadata)


def clean(fragment: str) -> str:
    """Markup remnants -> plain text, footnote markers kept as superscripts."""
    fragment = unescape_entities(fragment)
    fragment = _SUP.sub(lambda m: superscript(m.group(1)), fragment)
    fragment = _strip_links(fragment)
    fragment = _strip_autolinks(fragment)
    # A tag ends at a ">": past the last one no tag can match, and an open
    # "<b " there would be read to the end of the line from every "<".
    end = fragment.rfind(">") + 1
    if end:
        fragment = _TAG.sub("", fragment[:end]) + fragment[end:]
    for _ in range(2):  # nested emphasis: ***x***, **_x_**
        fragment = _strip_emphasis(fragment)
    fragment = _ESCAPE.sub(r"\1", fragment)
    fragment = fragment.replace("\\", "")
    return clean_inline(fragment)


def _heading_text(rest: str) -> str:
    """A markdown heading without its closing "#"s ("## Scope ##" -> "Scope")."""
    return rest.rstrip().rstrip("#").rstrip()


def _strip_links(fragment: str) -> str:
    """"[text](url)" and "[text](<url> "title")" -> "text".

    A link's text runs from a "[" to the first "]" after it; when what
    follows that "]" is not "(url)", no "[" before it can start a link
    either, so the search goes on after it.  The end of each kind of URL is
    found once and remembered: the candidates come in order, and a URL that
    ran to a space or the end for one "](" does for every "](" inside it.
    """
    if "](" not in fragment:
        return fragment
    ends: dict[re.Pattern, int] = {}
    closes: dict[int, int | None] = {}

    def next_end(pattern: re.Pattern, at: int) -> int:
        found = ends.get(pattern, -1)
        if found < at:
            m = pattern.search(fragment, at)
            found = ends[pattern] = m.start() if m else len(fragment)
        return found

    def after_url(at: int) -> int | None:
        if at not in closes:
            if fragment.startswith(")", at):
                closes[at] = at + 1
            else:
                m = _LINK_TITLE.match(fragment, at)
                closes[at] = m.end() if m else None
        return closes[at]

    out: list[str] = []
    pos, i = 0, fragment.find("[")
    while i != -1:
        j = fragment.find("]", i + 1)
        if j == -1:
            break
        end = None
        if fragment.startswith("(", j + 1):
            if fragment.startswith("<", j + 2):
                angle = next_end(_LINK_URL_ANGLE_END, j + 3)
                if angle < len(fragment):
                    end = after_url(angle + 1)
            if end is None:
                end = after_url(next_end(_LINK_URL_END, j + 2))
        if end is None:
            i = fragment.find("[", j + 1)
            continue
        out += [fragment[pos:i], fragment[i + 1:j]]
        pos = end
        i = fragment.find("[", pos)
    out.append(fragment[pos:])
    return "".join(out)


def _strip_autolinks(fragment: str) -> str:
    """"<https://example.gov>" -> "https://example.gov"."""
    if "<http" not in fragment:
        return fragment
    out: list[str] = []
    pos = 0
    for m in _AUTOLINK.finditer(fragment):
        if fragment.startswith(">", m.end()):
            out += [fragment[pos:m.start()], m.group(1)]
            pos = m.end() + 1
    out.append(fragment[pos:])
    return "".join(out)


def _strip_emphasis(fragment: str) -> str:
    """One pass of "**x**", "__x__", "*x*" -> "x", leftmost first.

    A single star opens emphasis only if a closing star follows on its
    line; after the last closing star none can, so the star pattern is not
    tried there (from every "*" of "*a *a *a ..." it would read to the end).
    Each pattern's next match is kept until the other's overtakes it.
    """
    if "*" not in fragment and "__" not in fragment:
        return fragment
    if "\n" in fragment:  # "." stops at a line end: lines are independent
        return "\n".join(_strip_emphasis(line) for line in fragment.split("\n"))
    closers = [m.start() for m in _EMPHASIS_STAR_CLOSE.finditer(fragment)]
    star_end = closers[-1] + 1 if closers else 0
    out: list[str] = []
    pos = 0
    pair = star = None
    while True:
        if pair is None or (pair and pair.start() < pos):
            pair = _EMPHASIS_PAIR.search(fragment, pos) or False
        if star is None or (star and star.start() < pos):
            star = _EMPHASIS_STAR.search(fragment, pos, star_end) if pos < star_end else None
            star = star or False
        if not pair and not star:
            break
        if pair and (not star or pair.start() <= star.start()):
            out += [fragment[pos:pair.start()], pair.group(2)]
            pos = pair.end()
        else:
            out += [fragment[pos:star.start()], star.group(1)]
            pos = star.end()
    out.append(fragment[pos:])
    return "".join(out)


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


def _promote_title(builder: TextBuilder, first_line: str) -> None:
    """A first short line without sentence punctuation is the page's title
    (a headline that lists a statement's many authors or governments runs to
    300 characters and more, on one line); under a genre label ("PRESS
    STATEMENT", "Media Release") the line below it is."""
    if not builder.blocks:
        return
    first = builder.blocks[0]
    if first.kind is not BlockKind.paragraph:
        return
    line = builder.text[first.start:first.end]
    if is_genre_label(line) or _repeated_by_headline(builder, line):
        builder.blocks[0] = first.model_copy(update={"kind": BlockKind.heading, "level": 3,
                                                     "meta": {"genre_label": True}})
        # (the page's date may stand between the label and the headline:
        # "Media release" / "Date: Tuesday, 12 March 2024" / the headline)
        under = 1
        if len(builder.blocks) > 2 and is_date_line(builder.text[builder.blocks[1].start:builder.blocks[1].end]):
            under = 2
        # (or the issuing office: "MEDIA STATEMENT" / "PRIME MINISTER'S OFFICE OF
        # MALAYSIA" / the headline)
        elif len(builder.blocks) > 2 and _ISSUER_LINE.fullmatch(
                builder.text[builder.blocks[1].start:builder.blocks[1].end].strip()):
            under = 2
        if len(builder.blocks) > under and builder.blocks[under].kind is BlockKind.paragraph:
            headline = builder.blocks[under]
            if _headline_shaped(builder.text[headline.start:headline.end], first_line, _TITLE_WORDS):
                builder.blocks[under] = headline.model_copy(update={"kind": BlockKind.heading, "level": 1,
                                                                    "meta": {"promoted": True}})
        return
    # (two words do for a title in capitals at each word over a paragraph of
    # prose, "Washington Declaration"; over another short line they are a
    # site's banner, "Prime Minister" over "The Hon ...")
    fewest = 2 if all(w[:1].isupper() for w in line.split()) and _prose_follows(builder) else _TITLE_WORDS
    if _headline_shaped(line, first_line, fewest):
        builder.blocks[0] = first.model_copy(update={"kind": BlockKind.heading, "level": 1,
                                                     "meta": {"promoted": True}})


# An office's name on a line of its own: "Prime Minister's Office of Malaysia",
# "Ministry of Foreign Affairs, Malaysia", "Office of the Spokesperson"
_ISSUER_LINE = re.compile(r"(?:the\s+)?(?:[\w’'.-]+\s+){0,4}(?:office|ministry|department|embassy|"
                          r"high commission|secretariat)(?:,?\s+(?:of|for|of the)?\s*[\w’'.-]+){0,5}", re.I)


def _repeated_by_headline(builder: TextBuilder, line: str) -> bool:
    """"JOINT STATEMENT" over "JOINT STATEMENT ON THE 13TH ANNUAL
    CONSULTATION ...": a line too short for a title that the headline under
    it repeats is the page's genre (what the labels' list does not hold)."""
    if len(line.split()) >= _TITLE_WORDS or len(builder.blocks) < 2:
        return False
    second = builder.blocks[1]
    headline = builder.text[second.start:second.end]
    return (second.kind is BlockKind.paragraph and len(headline) > len(line)
            and headline.casefold().startswith(line.casefold() + " "))


#: The fewest words of a first line promoted to the title.
_TITLE_WORDS = 3


def _prose_follows(builder: TextBuilder) -> bool:
    """The second block is a paragraph of sentences (or a numbered one: "1. At
    the invitation of ...", a statement's first paragraph)."""
    if len(builder.blocks) < 2 or builder.blocks[1].kind not in (BlockKind.paragraph, BlockKind.list_item):
        return False
    second = builder.text[builder.blocks[1].start:builder.blocks[1].end].rstrip()
    return second.endswith((".", "!", "?", ":", "”", '"'))


def _headline_shaped(line: str, first_line: str, fewest: int) -> bool:
    short = len(line) <= 250 or (len(line) <= 500 and len(line) <= len(first_line))
    return short and not re.search(r"[.,;]$", line) and len(line.split()) >= fewest
