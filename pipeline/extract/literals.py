"""The words a regular expression cannot match without, found once per pattern:
where none of them occurs, a search can be skipped without running it.

A case-insensitive search walks the text character by character (Python's
engine has no fast path for it); looking for a few fixed words in the text
lowered once is many times cheaper.  ``\\b(?:said|says)\\b`` cannot match
where neither "said" nor "says" occurs, in any case.

Lowering is exact for this test when every character the engine matches to
an ASCII letter lowers to that letter, which holds except for three
characters (the engine matches "ſ" to "s", "ı" and "İ" to "i"; and "İ"
lowers to two characters): a text holding one of them is not lowered
(:func:`lowered` returns None) and every search is run.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

try:  # the parser behind re.compile (a private module, the same since Python 3.11)
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - then no pattern is screened
    sre = sre_parse = None

_CASE_TRAPS = re.compile("[\u0130\u0131\u017f]")
#: Most strings a part of a pattern is spelled out into (``(?:a|b)(?:c|d)``
#: is four): past that the part is not spelled out.
_MAX_SPELLINGS = 64
_ZERO_WIDTH = () if sre is None else (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def lowered(text: str) -> str | None:
    """The text in lower case, character for character; None where lowering
    does not match as the engine does (see the module's docstring)."""
    # Several patterns are scanned over one text in turn (a document's dates,
    # then its URLs): the last text's form is kept (one tuple, read whole).
    global _last_lowered
    last = _last_lowered
    if last[0] is not text:
        last = _last_lowered = (text, None if _CASE_TRAPS.search(text) else text.lower())
    return last[1]


_last_lowered: tuple[str | None, str | None] = (None, None)  # (text, lowered(text))


def may_match(pattern: re.Pattern, lowered_text: str | None, start: int = 0, end: int | None = None) -> bool:
    """False only when ``pattern`` cannot match in ``text[start:end]`` (given
    the text's :func:`lowered` form): none of its needed words is there."""
    screen = screen_of(pattern)
    if screen is None or lowered_text is None:
        return True
    return screen.search(lowered_text, start, len(lowered_text) if end is None else end) is not None


def screen_of(pattern: re.Pattern) -> re.Pattern | None:
    """:func:`_screen`, looked up by the pattern's identity: hashing a
    compiled pattern hashes its whole program, and this is asked for every
    sentence a cue is looked for in."""
    entry = _SCREENS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _SCREENS[id(pattern)] = (pattern, _screen(pattern))
    return entry[1]


def may_occur(pattern: re.Pattern, lowered_piece: str | None) -> bool:
    """False only when ``pattern`` cannot match in a short piece of text,
    given the piece of its :func:`lowered` form: none of the words it needs
    is in it (a few substring tests, far cheaper than searching a pattern
    anchored at the piece's end from every character)."""
    entry = _WORDS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _WORDS[id(pattern)] = (pattern, needed_words(pattern))
    words = entry[1]
    if words is None or lowered_piece is None:
        return True
    for word in words:
        if word in lowered_piece:
            return True
    return False


def occurs_in(pattern: re.Pattern, piece: str, lowered_piece: str | None) -> bool:
    """Whether ``pattern`` occurs in a short piece of text, given the piece
    of its :func:`lowered` form (None: the piece is searched as it is).  It
    is not searched where none of its words is there (:func:`may_occur`),
    and a case-insensitive pattern is searched case-sensitively in the
    lowered piece where that finds the same matches (:func:`lower_twin`:
    several times faster; the cues read before each mention are searched
    for every one of them)."""
    if lowered_piece is None:
        return pattern.search(piece) is not None
    if not may_occur(pattern, lowered_piece):
        return False
    twin = lower_twin(pattern)
    if twin is not None:
        return twin.search(lowered_piece) is not None
    return pattern.search(piece) is not None


class JointScreen:
    """:func:`may_match` for several patterns over one text in one scan: the
    words any of them needs are looked for together, where a screen per
    pattern would scan the text once for each (a document's kind cues)."""

    def __init__(self, patterns):
        #: the patterns, in the order given (held, so that their ids stay theirs)
        self.patterns = tuple(patterns)
        self._needs = {id(pattern): needed_words(pattern) for pattern in self.patterns}
        words = set().union(*(w for w in self._needs.values() if w is not None))
        self._scanner = re.compile(_alternation(words)) if words else None
        #: each word -> the words it begins with (they occur where it does)
        self._prefixes = {w: frozenset(v for v in words if w.startswith(v)) for w in words}

    def words_in(self, lowered_text: str | None) -> frozenset[str] | None:
        """The needed words that occur in the text, given its :func:`lowered`
        form (None when that is None: then every pattern may match)."""
        if lowered_text is None:
            return None
        found: set[str] = set()
        if self._scanner is None:
            return frozenset(found)
        # The scanner matches the longest word at the leftmost place it can (a
        # trie, read greedily); the words there are its beginnings.  Resuming
        # one character on finds the occurrences that overlap it too.
        position = 0
        while (m := self._scanner.search(lowered_text, position)) is not None:
            found |= self._prefixes[m.group()]
            position = m.start() + 1
        return frozenset(found)

    def may_match(self, pattern: re.Pattern, words_in: frozenset[str] | None) -> bool:
        """``may_match(pattern, lowered_text)``, given ``words_in(lowered_text)``."""
        needed = self._needs[id(pattern)]
        return words_in is None or needed is None or not needed.isdisjoint(words_in)


#: id -> (the pattern, the words it needs); held as _SCREENS is
_WORDS: dict[int, tuple[re.Pattern, frozenset[str] | None]] = {}


#: id -> (the pattern, its screen); the pattern is held, so its id stays its own
_SCREENS: dict[int, tuple[re.Pattern, re.Pattern | None]] = {}


def lower_twin(pattern: re.Pattern) -> re.Pattern | None:
    """The case-insensitive ``pattern`` compiled case-sensitively, to be
    searched in the :func:`lowered` text instead of the text (several times
    faster, with the same spans: see :class:`CaselessPattern`); None for a
    pattern that is not case-insensitive or whose source a lower-case
    reading could change (see :func:`_twin`).  Looked up as :func:`screen_of` is."""
    entry = _TWINS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _TWINS[id(pattern)] = (pattern, _twin(pattern))
    return entry[1]


#: id -> (the pattern, its twin); held as _SCREENS is
_TWINS: dict[int, tuple[re.Pattern, re.Pattern | None]] = {}


def _twin(pattern: re.Pattern) -> re.Pattern | None:
    source = pattern.pattern
    if not isinstance(source, str) or not pattern.flags & re.IGNORECASE:
        return None
    # CaselessPattern's conditions, read strictly: no upper-case letter but
    # a named group's "P" (nor an escaped backslash, after which one would be
    # a literal), no group that reads case, and no letter beyond ASCII (some
    # match several others).
    unnamed = source.replace("(?P<", "(?<").replace("(?P=", "(?=")
    if (_UPPER_LETTER.search(unnamed) or "\\\\" in source or "(?-" in source
            or any(not c.isascii() and c.lower() != c.upper() for c in source)):
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


@lru_cache(maxsize=None)
def _screen(pattern: re.Pattern) -> re.Pattern | None:
    """The needed words as one case-sensitive pattern: the engine scans for
    their first letters at C speed."""
    words = needed_words(pattern)
    return None if words is None else re.compile(_alternation(words))


def _alternation(words) -> str:
    """A pattern matching exactly the (distinct, non-empty) words, their
    common beginnings written once: where a word may start, the engine then
    tries the letters that can follow, not every word in turn
    ("sign|signed|signs" is "sign(?:ed|s)?")."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], []).append(word)
    return "|".join(map(_branch, groups.values()))


def _branch(words: list[str]) -> str:
    """Words that start alike: their common beginning, then the rests."""
    prefix = os.path.commonprefix(words)
    rests = [word[len(prefix):] for word in words]
    longer = [rest for rest in rests if rest]
    if not longer:
        return re.escape(prefix)
    optional = "?" if len(longer) < len(rests) else ""  # (the beginning is a word itself)
    return f"{re.escape(prefix)}(?:{_alternation(longer)}){optional}"


@lru_cache(maxsize=None)
def needed_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings one of which every match of the pattern holds, or
    None when the pattern needs no fixed string (or is not read here)."""
    if sre_parse is None or not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return None
    words = _needed(sre_parse.parse(pattern.pattern, pattern.flags).data)
    return frozenset(words) if words and "" not in words else None


def _needed(items) -> set[str] | None:
    """Of a sequence: its best run of fixed parts (spelled out), or the best
    of what its parts need."""
    best: set[str] | None = None
    run: set[str] = {""}  # the spellings of the fixed parts read since the last other part
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the parts either side are adjacent
        spellings = _spellings(op, av)
        if spellings is not None and len(run) * len(spellings) <= _MAX_SPELLINGS:
            run = {a + b for a in run for b in spellings}
            continue
        best = _better(best, run)
        run = spellings if spellings is not None else {""}
        best = _better(best, _needed_by(op, av))
    return _better(best, run)


def _needed_by(op, av) -> set[str] | None:
    """What one part needs, or None."""
    if op is sre.SUBPATTERN:
        return _needed(av[3])
    if op is sre.ATOMIC_GROUP:
        return _needed(av)
    if op is sre.BRANCH:
        alternatives = [_needed(alternative) for alternative in av[1]]
        if any(words is None for words in alternatives):
            return None
        return set().union(*alternatives)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _needed(av[2])
    return None


def _spellings(op, av) -> set[str] | None:
    """Every string one part can match, lower-cased, when they are few and
    fixed (ASCII letters and signs only; other characters have case rules
    of their own)."""
    if op is sre.LITERAL:
        return {chr(av).lower()} if av < 128 else None
    if op is sre.SUBPATTERN:
        return _sequence_spellings(av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence_spellings(av)
    if op is sre.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            spellings = _sequence_spellings(alternative)
            if spellings is None:
                return None
            out |= spellings
        return out if len(out) <= _MAX_SPELLINGS else None
    return None


def _sequence_spellings(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        spellings = _spellings(op, av)
        if spellings is None or len(out) * len(spellings) > _MAX_SPELLINGS:
            return None
        out = {a + b for a in out for b in spellings}
    return out


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more telling of two needs: the one whose shortest word is longer."""
    if not b or "" in b:
        return a
    if not a or "" in a:
        return b
    return b if min(map(len, b)) > min(map(len, a)) else a


class CaselessPattern:
    """A case-insensitive pattern that is scanned case-sensitively in the
    lowered text where that finds the same spans (several times faster).

    Its source must write letters in lower case (escapes such as ``\\S``
    aside) and read no case (no ``(?-i:)``): then a character matches
    exactly when its lower-case form does, as ``lowered`` assures (its
    character classes ``\\d \\s \\w [a-z]`` keep their members' lower-case
    forms).  Only spans are given: the matched text would be lowered."""

    def __init__(self, source: str):
        if _UPPER_LETTER.search(source):
            raise ValueError(f"an upper-case letter in a caseless pattern: {source!r}")
        self.caseless = re.compile(source, re.IGNORECASE)
        self._lower = re.compile(source)

    def spans(self, text: str) -> list[tuple[int, int]]:
        lower = lowered(text)
        if lower is None:
            return [m.span() for m in self.caseless.finditer(text)]
        if not may_match(self.caseless, lower):
            return []  # none of the words it needs is there
        return [m.span() for m in self._lower.finditer(lower)]

    def word_spans(self, text: str, hint: re.Pattern) -> list[tuple[int, int]]:
        """The same spans as :meth:`spans`, scanning only the whitespace-free
        words where ``hint`` (lower case) occurs, for a pattern each of whose
        matches lies inside one word, ends at its end, and holds a hint."""
        lower = lowered(text)
        if lower is None:
            return self.spans(text)
        spans: list[tuple[int, int]] = []
        word_end = 0
        for found in hint.finditer(lower):
            if found.start() < word_end:
                continue  # (in the word just scanned)
            word_start = found.start()
            while word_start > word_end and not lower[word_start - 1].isspace():
                word_start -= 1
            word_end = _NON_SPACE.match(lower, found.end()).end()
            spans += [m.span() for m in self._lower.finditer(lower, word_start, word_end)]
        return spans


_NON_SPACE = re.compile(r"\S*")


_UPPER_LETTER = re.compile(r"(?<!\\)[A-Z]")
