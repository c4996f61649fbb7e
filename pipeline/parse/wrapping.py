"""Lines that an export or a page broke inside a sentence, rejoined.

Archive pages carry typewritten and OCR'd texts line by line: a text export
as wrapped lines, an HTML page as one ``<br>`` per line.  Both formats glue
them back with the same judgement, so the same document reads the same
whichever form it came in.
"""

from __future__ import annotations

import re

from pipeline.parse.furniture import SIGNING_MARK, looks_like_name_line

# Lines that open a block of their own whatever the line before says: a
# markdown heading, a rule, a bullet, a numbered or lettered item ("1.",
# "(a)", "iv."), a footnote definition.
_OWN_LINE = re.compile(r"^\s*(?:#{1,6}\s|(?:-{3,}|\*{3,}|_{3,})\s*$|[-*+•●▪◦]\s|"
                       r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s|<sup>|\[\^)")
_HEADING = re.compile(r"^#{1,6}\s")
_SENTENCE_END = re.compile(r"[a-z][.!?][\"”’)]?\s*$")
_TERMINAL = re.compile(r"[.!?:;\"”’)]\s*$")
_CONTINUES = re.compile(r"^\s*[a-z(,;:)\u2013\u2014]")
# (the last part of a hyphenated word is no function word: "Moon Jae-in" on a
# signature line ends a name, "built-in" ends a phrase)
_JOINING_END = re.compile(r"(?:,|(?<![-‐'’])\b(?:a|an|the|and|or|of|to|by|on|in|with|for|at|from))\s*$")
# A name the break cut after its honorific, its initials or its given name
# ("..., Sir Lenox" / "Hewitt; the Secretary ...", "the Honourable E. G." /
# "Whitlam, visited ..."): the honorific stands inside the line, after other
# words (a line that is a name alone is a roster's or a signature's), and the
# next line opens with the rest of the name, not another honorific.
_STYLE = r"(?:Mr|Mrs|Ms|Dr|Sir|Dame|Hon|Honourable|Honorable|Rt|Senator|Professor|Prof)\.?"
_CUT_NAME_END = re.compile(rf"\S.*?\s{_STYLE}(?:\s+(?:[A-Z]\.\s*){{1,3}}|\s+[A-Z][a-z]+)?\s*$")
_NAME_REST = re.compile(rf"^\s*(?!{_STYLE}\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}(?:[,;.]|\s+[a-z(,]|\s*$)")

# Lines of a fixed-width page break near one width: most lines of at least a
# few words are no longer than this, where pages with one line per paragraph
# have most of them far longer.
WRAP_MAX_WIDTH, WRAP_MIN_LINES, WRAP_FULL_LINE = 100, 8, 0.75


def join_wrapped(lines: list[str]) -> list[str]:
    """The lines with every line that continues the one before glued to it."""
    return glued(lines, continuations(lines))


def glued(lines: list[str], continues: list[bool]) -> list[str]:
    """Each line marked as continuing the one before joined to it by a space."""
    out: list[str] = []
    for line, joins in zip(lines, continues):
        if joins:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def continuations(lines: list[str], *, width: int | None = None, in_body: bool = False) -> list[bool]:
    """For each line, whether it continues the sentence of the line before.

    A line continues the previous one when it plainly does: it starts in
    lower case or with closing punctuation, or the previous line stops on a
    comma or a function word; on a page wrapped at a fixed width (archive
    OCR), also when the previous line runs to about that width without ending
    its sentence.  Headings, list items and table rows never continue.

    ``width`` is the page's wrapping width when the lines are only part of
    the page (one paragraph of an HTML page), measured from these lines
    otherwise; ``in_body``, whether a sentence has ended above them.
    """
    width = width if width is not None else wrap_width(lines)
    glued = []
    joined = ""  # the text the previous line ends (several lines once glued)
    last = ""  # the previous line as the page broke it
    # The header lines above the first sentence (headline, "Statement by the
    # Prime Minister, Mr X") are as wide as the text but are lines of their own.
    for line in lines:
        g = bool(joined.strip() and line.strip() and _continues(joined, line, width if in_body else None, last))
        glued.append(g)
        joined = joined.rstrip() + " " + line.strip() if g else line
        last = line
        in_body = in_body or bool(_SENTENCE_END.search(line))
    return glued


def ends_on_terminal(text: str) -> bool:
    """Whether the text ends on a sentence's or a clause's closing mark
    (read at its end only: a long line is not rescanned)."""
    return bool(_TERMINAL.search(text.rstrip()[-3:]))


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def wrap_width(lines: list[str]) -> int | None:
    """The width the page was wrapped at, if it was."""
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) >= 20)
    if len(lengths) < WRAP_MIN_LINES:
        return None
    typical = lengths[int(0.8 * (len(lengths) - 1))]
    return typical if typical <= WRAP_MAX_WIDTH else None


def _continues(prev: str, line: str, width: int | None = None, last: str = "") -> bool:
    # ("(Signed) A, Minister" / "(Signed) B, Secretary": each copy of a
    # signature is a line of its own, though a parenthesis opens it)
    if _OWN_LINE.match(line) or SIGNING_MARK.match(line.lstrip()):
        return False
    if _HEADING.match(prev) or "\t" in prev or "\t" in line:
        return False
    if _CONTINUES.match(line):
        return True
    if _CUT_NAME_END.match(last or prev) and _NAME_REST.match(line):
        return True
    if _TERMINAL.search(prev):
        return False
    # (a name alone on its line is a signature's or a roster's, however wide:
    # the title under it is a line of its own)
    return bool(_JOINING_END.search(prev)) or (width is not None and len(last.rstrip()) >= WRAP_FULL_LINE * width
                                               and not looks_like_name_line(last, alone=True))
