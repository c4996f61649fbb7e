"""Peers named by their style: "Lord Ahmad of Wimbledon", "Baroness Goldie",
"Lady Casey".  The style stays in the name, as the gold writes it ("Lord
Carrington"); a capitalised word alone after it is a name only here (one
capitalised word is never a mention elsewhere)."""

from __future__ import annotations

import re

from pipeline.extract.context import Context
from pipeline.extract.names import Mention, is_name_word, title_like
from pipeline.gazetteer import PEERAGE_OFFICES, PEERAGE_STYLES, PLACE_HEADS, TITLE_HEADS, VENUE_HEADS

_STYLE = "|".join(sorted(PEERAGE_STYLES, key=len, reverse=True))
# (a lookahead first: the engine skips to capitals instead of trying each style everywhere)
# (the seat's words stay on the line: "Baroness Pennant of Rhyl" over a paragraph)
_PEER = re.compile(rf"(?<![\w-])(?=[A-Z])(?P<style>{_STYLE})\s+(?P<surname>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
                   r"(?P<seat>[ \t]+of[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2})?(?![\w-])")
# "First Lady Jill Biden", "Second Lady": an office's "Lady"
_OFFICE_BEFORE = re.compile(r"\b(?:First|Second)\s+$")
_TITLE_AFTER = re.compile(r",\s+(?:the\s+)?([^,;.“”\"\n]{3,80}?),")
_PLACE_WORDS = PLACE_HEADS | VENUE_HEADS | {"Island", "Islands"}


def peer_mentions(ctx: Context) -> list[Mention]:
    text = ctx.text
    if not any(style in text for style in PEERAGE_STYLES):
        return []
    out = []
    for m in _PEER.finditer(text):
        surname = m.group("surname")
        if (surname in PEERAGE_OFFICES or surname in TITLE_HEADS or not is_name_word(surname)
                or _OFFICE_BEFORE.search(text, max(0, m.start() - 10), m.start())):
            continue
        following = text[m.end():m.end() + 20].split()
        if following and following[0].strip(",.;") in _PLACE_WORDS:
            continue  # "Lord Howe Island": a place named after a peer
        if not m.group("seat") and following and following[0][:1].isupper() and is_name_word(following[0]):
            continue  # "Lord Nick Stern": a given name and a surname, read as names are
        mention = Mention(name=m.group(0), start=m.start(), end=m.end(), extent_start=m.start(),
                          extent_end=m.end(), rule="people.peer", confidence=0.8)
        title = _TITLE_AFTER.match(text, m.end())
        if title and title_like(title.group(1)):
            mention.title, mention.extent_end = title.group(1).strip(), title.end(1)
        out.append(mention)
    return out
