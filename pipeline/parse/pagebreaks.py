"""Page breaks of typescripts, taken out so that a sentence a page cut reads whole.

Archive transcripts (typed press statements and communiqués, OCR'd) keep the
typist's page furniture: at the foot of a page a catchword giving the next
page's number ("... the two Heads of Government / 2", "*/ 2", "o/ 2"), and at
the head of the next its number ("-2-", "- 2 -").  Left in, the break splits
a sentence into two blocks ("President / 6" ... "Soeharto expressed ..."),
and the number reads as a list item or a name's neighbour.  Both formats
(a text export's lines, an archive page's ``<br>`` lines) are read here with
the same judgement: the furniture goes, and a sentence the break cut runs on.
"""

from __future__ import annotations

import re

from pipeline.parse.wrapping import ends_on_terminal

# "-2-", "- 2 -", "–3–": a line that is a page number between dashes; under
# a catchword also "-2", "2-" or "2" alone (which alone could be a list's).
_PAGE_NUMBER = re.compile(r"^\s*[-–]\s?\d{1,3}\s?[-–]\s*$")
_LOOSE_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s?\d{1,3}\s?[-–]?\s*$")
# The catchword that ends a page: "/ 2", "*/ 2", "o/ 2" (the OCR's reading of
# the typist's mark), ".2/", "2..", alone or after the page's last words.
_CATCHWORD_FORMS = r"(?:^|(?<=\s))(?:[*o.]?/\s?\d{1,3}|\.?\d{1,3}/|\d{1,3}\.\.)"
_CATCHWORD = re.compile(_CATCHWORD_FORMS + r"\s*$")
# The next page's first line opens a block of its own: an item, or a short
# line in capitals that ends on no punctuation ("Torres Strait"), a heading
# (the page before may have lost its full stop to the typist).
_OWN_LINE = re.compile(r"^\s*(?:#{1,6}\s|[-*+•●▪◦]\s|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s"
                       r"|[A-Z][^\s.,;:]*(?:\s+[^\s.,;:]+){0,4}\s*$)")

# The same break in an archive page's markup: the paragraph (or line) break
# and the page number with the <br> after it.  (Possessive: a long run of
# spaces is read once.)  The catchword before it is looked for in code.
_HTML_BREAK = re.compile(
    r"(?:(?P<paragraph></p>\s*+<p(?:\s[^>]*)?>)|(?:<br\s*+/?>\s*+)++)"
    r"(?P<number>[-–]?\s?\d{1,3}\s?[-–]?)[ \t]*+(?:<br\s*+/?>\s*+|(?=</p>))", re.I)
_HTML_CATCHWORD = re.compile(_CATCHWORD_FORMS + r"[ \t]*\Z")
_TAG = re.compile(r"<[^>]*>")
_LINE_END = re.compile(r"<br\s*/?>|</?p[\s>]|\n\s*\n", re.I)


def drop_page_breaks(lines: list[str]) -> list[str]:
    """A text's lines without page numbers and catchwords; the line after a
    break that cut a sentence is joined to the line the break ended."""
    # (each line kept as its pieces, joined at the end: a long run of breaks
    # that each join a line to the one before stays linear)
    out: list[list[str]] = []
    joining = False  # the break cut a sentence: the next line continues it
    after_break = False
    for line in lines:
        text_line = _last_text(out) if _LOOSE_PAGE_NUMBER.match(line) else None
        if text_line is not None:
            last = out[text_line][-1].rstrip()
            catchword = _CATCHWORD.search(last, max(0, len(last) - _CATCHWORD_TAIL))
            if not catchword and not _PAGE_NUMBER.match(line):
                text_line = None  # (a number alone, with no catchword above it: kept)
        if text_line is not None:
            del out[text_line + 1:]
            if catchword:
                out[-1][-1] = last[:catchword.start()].rstrip()
                if out[-1] == [""]:  # the catchword stood alone
                    out.pop()
                    _drop_to_text(out)
            # (a sentence the page cut: not a finished one, nor a heading's line)
            joining = (bool(out) and not ends_on_terminal(out[-1][-1])
                       and not (len(out[-1]) == 1 and _OWN_LINE.match(out[-1][0])))
            after_break = True
            continue
        if after_break and not line.strip():
            continue
        if joining and not _OWN_LINE.match(line):
            out[-1][-1] = out[-1][-1].rstrip()
            out[-1].append(" " + line.strip())
        else:
            if after_break and out:
                out.append([""])  # the page ended its paragraph (or the next opens a heading)
            out.append([line])
        joining = after_break = False
    return ["".join(pieces) for pieces in out]


# A catchword is in a line's last characters.
_CATCHWORD_TAIL = 12


def _last_text(out: list[list[str]]) -> int | None:
    """The index of the last line of text (None above the first: a page
    number there is no break)."""
    i = len(out) - 1
    while i >= 0 and len(out[i]) == 1 and not out[i][0].strip():
        i -= 1
    return i if i >= 0 else None


def _drop_to_text(out: list[list[str]]) -> None:
    """Drop the blank lines at the end."""
    last = _last_text(out)
    del out[last + 1 if last is not None else 0:]


def join_html_page_breaks(html: str) -> str:
    """The same for an archive page's markup: a break inside a sentence
    becomes a space, one after a finished sentence a paragraph break."""
    parts: list[str] = []
    done = 0
    for m in _HTML_BREAK.finditer(html):
        # (read in place: a page of numbers with no catchword copies nothing)
        catchword = _HTML_CATCHWORD.search(html, max(done, m.start() - _CATCHWORD_TAIL), m.start())
        if not catchword and not _PAGE_NUMBER.match(m.group("number")):
            continue  # (a number alone, with no catchword above it: kept)
        head = html[done:catchword.start() if catchword else m.start()]
        if catchword:
            head = head.rstrip(" \t")
        before = _TAG.sub("", head[-200:]).rstrip()
        if not before:  # (a page number at the top of the page: no break to mend)
            parts.append(html[done:m.end()])
            done = m.end()
            continue
        after = _TAG.sub("", _LINE_END.split(html[m.end():m.end() + 300], 1)[0]).strip()
        last_line = _TAG.sub("", _LINE_END.split(head[-300:])[-1]).strip()
        if not ends_on_terminal(before) and not _OWN_LINE.match(after) and not _OWN_LINE.match(last_line):
            joint = " "
        else:
            joint = "</p><p>" if m.group("paragraph") else "<br><br>"
        parts += [head, joint]
        done = m.end()
    return "".join(parts) + html[done:] if parts else html
