"""The entity ruler's spans without tokenizing the whole text.

:class:`RulerShortcut` gives exactly the spans of ``nlp(text).ents`` for a
pipeline that is the entity ruler alone (``pipeline.nlp.build_nlp``), in a
fraction of the time: most text names no country or body, and only the words
where a pattern can start are tokenized (``tests/unit/test_entity_shortcut.py``
holds it to spaCy's spans).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import pairwise

from spacy.language import Language


class RulerShortcut:
    """The entity ruler's spans without tokenizing the whole text (the
    tokenizer was most of the analysis's time, and most text names nothing).

    The ruler matches patterns on token texts (ORTH), so a match's text is
    its tokens joined by nothing or one space: one regular expression finds
    every place where a pattern's text starts, and only the words from there
    on are tokenized and matched token by token.

    The words are tokenized by stretches, each exactly as in the whole text:
    spaCy reads each whitespace-free run on its own, except for special
    cases ("a.m.", ":)") that it matches across a single space -- never
    between two letters or digits (checked when built).  So a stretch ends at
    other whitespace (a line break, two spaces: a token of its own) or at a
    single space between two letters or digits, and the same stretch
    ("the United States", "(Japan)") is tokenized once per process.

    Where two patterns give the same span (New Zealand, GPE and NORP), the
    ruler's choice depends on the order of a set of all matches by token
    index; :meth:`spans` then returns None and the caller runs the pipeline.
    """

    #: stretches whose tokens are kept (words recur from document to document)
    CACHE_SIZE = 50_000

    def __init__(self, nlp: Language, patterns: list[dict]):
        if not _specials_keep_to_runs(nlp.tokenizer):
            raise ValueError("a tokenizer special case crosses spaces between words")
        self.tokenizer = nlp.tokenizer
        #: the patterns' token texts as a trie: token -> node; a node's
        #: (label, id) pairs under the key None (several where two patterns
        #: are spelled alike)
        self.trie: dict = {}
        spellings = set()
        for pattern in patterns:
            tokens = tuple(t.text for t in nlp.make_doc(pattern["pattern"]))
            if not tokens:
                continue
            spellings.add(tokens)
            node = self.trie
            for token in tokens:
                node = node.setdefault(token, {})
            key = (pattern["label"], pattern.get("id") or "")
            if key not in node.setdefault(None, []):
                node[None].append(key)
        self.starts = re.compile(_trie_pattern(spellings))
        self._tokens: dict[str, list[tuple[int, int]]] = {}

    def spans(self, text: str) -> list[tuple[int, int, str, str]] | None:
        """(start, end, label, id) of the ruler's entities, in order; None
        when two patterns give one span (see the class)."""
        reader = _StretchReader(text, self)
        matches = []  # (token count, start, end, token starts, (label, id))
        search, position = self.starts.search, 0
        while (m := search(text, position)) is not None:
            start = m.start()
            position = start + 1
            for n, end, token_starts, keys in self._matches_at(reader, start):
                if len(keys) > 1:
                    return None
                matches.append((n, start, end, token_starts, keys[0]))
        return _longest_first(matches)

    def _matches_at(self, reader: _StretchReader, at: int) -> list[tuple[int, int, list[int], list]]:
        """(token count, end, token starts, keys) of the patterns whose tokens
        start at offset ``at``: the tokens from there are read stretch by
        stretch while the trie goes on."""
        text = reader.text
        found = []
        node = self.trie
        token_starts: list[int] = []
        for s, e in reader.tokens_from(at):
            if not token_starts and s > at:
                return found  # ``at`` is inside a token
            node = node.get(text[s:e])
            if node is None:
                return found
            token_starts.append(s)
            if None in node:
                found.append((len(token_starts), e, token_starts[:], node[None]))
        return found

    def stretch_tokens(self, stretch: str) -> list[tuple[int, int]]:
        """(start, end) of a stretch's tokens (kept: stretches recur)."""
        tokens = self._tokens.get(stretch)
        if tokens is None:
            if len(self._tokens) >= self.CACHE_SIZE:
                self._tokens.clear()
            tokens = self._tokens[stretch] = [(t.idx, t.idx + len(t.text)) for t in self.tokenizer(stretch)]
        return tokens


#: A stretch longer than this ("(a) (b) (c) ..." joined by single spaces) is
#: found and tokenized once per document, not once per pattern start in it.
LONG_STRETCH = 200
# A stretch: non-space characters and the single spaces the tokenizer may
# read across (not between two ASCII letters or digits; see RulerShortcut).
_STRETCH_CHAR = r"(?:\S|(?<=[^\sA-Za-z0-9]) (?=\S)|(?<=\S) (?=[^\sA-Za-z0-9]))"
_STRETCH = re.compile(_STRETCH_CHAR + "+")
_SHORT_STRETCH = re.compile(_STRETCH_CHAR + f"{{0,{LONG_STRETCH + 1}}}")


class _StretchReader:
    """The tokens of one text, stretch by stretch (see RulerShortcut)."""

    def __init__(self, text: str, shortcut: RulerShortcut):
        self.text = text
        self._tokenizer = shortcut.tokenizer
        self._stretch_tokens = shortcut.stretch_tokens  # short stretches: shared, by their text
        self._long: dict[int, tuple[int, list[int], list[tuple[int, int]]]] = {}  # start -> (end, starts, tokens)
        self._long_starts: list[int] | None = None

    def tokens_from(self, at: int) -> Iterator[tuple[int, int]]:
        """(start, end) of the tokens from the one at or around ``at`` on,
        while only single spaces are between them."""
        text = self.text
        start, end = self._stretch_at(at)
        while True:
            if end - start <= LONG_STRETCH:
                for s, e in self._stretch_tokens(text[start:end]):
                    if start + s >= at:
                        yield start + s, start + e
            else:
                _, starts, tokens = self._long[start]
                for k in range(bisect.bisect_left(starts, at), len(tokens)):
                    yield tokens[k]
            # the tokens go on in the next stretch only after a single space
            if text[end:end + 1] != " " or end + 1 >= len(text) or text[end + 1].isspace():
                return
            start = end + 1
            end = self._stretch_end(start)

    def _stretch_at(self, at: int) -> tuple[int, int]:
        if self._long_starts:  # (a long stretch is not walked back again for every start in it)
            i = bisect.bisect_right(self._long_starts, at) - 1
            if i >= 0 and at < self._long[self._long_starts[i]][0]:
                return self._long_starts[i], self._long[self._long_starts[i]][0]
        text = self.text
        start = at
        while start > 0 and not _closed(text, start - 1):
            start -= 1
            if at - start > LONG_STRETCH:
                return self._long_stretch_at(at)
        return start, self._stretch_end(start)

    def _stretch_end(self, start: int) -> int:
        end = _SHORT_STRETCH.match(self.text, start).end()
        if end - start > LONG_STRETCH:
            return self._long_stretch_at(start)[1]
        return end

    def _long_stretch_at(self, at: int) -> tuple[int, int]:
        """The long stretch holding ``at`` (the document's long stretches are
        found and tokenized on first use)."""
        if self._long_starts is None:
            for m in _STRETCH.finditer(self.text):
                if m.end() - m.start() > LONG_STRETCH:
                    doc_tokens = [(m.start() + t.idx, m.start() + t.idx + len(t.text))
                                  for t in self._tokenizer(m.group())]
                    self._long[m.start()] = (m.end(), [s for s, _ in doc_tokens], doc_tokens)
            self._long_starts = sorted(self._long)
        i = bisect.bisect_right(self._long_starts, at) - 1
        start = self._long_starts[i]
        return start, self._long[start][0]


def _longest_first(matches: list) -> list[tuple[int, int, str, str]]:
    """The entity ruler's choice among overlapping matches: the longest (in
    tokens) first, then the earliest; a match keeps out any later one
    starting or ending on one of its tokens."""
    matches.sort(key=lambda m: (-m[0], m[1]))
    seen: set[int] = set()
    kept = []
    for _, start, end, token_starts, (label, ent_id) in matches:
        if token_starts[0] in seen or token_starts[-1] in seen:
            continue
        seen.update(token_starts)
        kept.append((start, end, label, ent_id))
    kept.sort()
    return kept


def _closed(text: str, at: int) -> bool:
    """Whether the character at ``at`` ends a stretch: whitespace but a
    single space between two non-space characters of which one is neither an
    ASCII letter nor a digit."""
    char = text[at]
    if not char.isspace():
        return False
    if char != " " or at == 0 or at + 1 == len(text):
        return True
    before, after = text[at - 1], text[at + 1]
    if before.isspace() or after.isspace():
        return True
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()


def _specials_keep_to_runs(tokenizer) -> bool:
    """Whether no special case that spaCy matches token by token has two
    tokens in a row of which the first ends and the next starts with a letter
    or digit (such a case could match across a single space between words),
    and none holds whitespace but the whitespace cases themselves."""
    from spacy.tokenizer import Tokenizer

    plain = Tokenizer(tokenizer.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                      suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                      token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    for special in tokenizer.rules:
        if any(c.isspace() for c in special):
            if special.strip():
                return False
            continue
        tokens = [t.text for t in plain(special)]
        if any(a[-1].isalnum() and b[0].isalnum() for a, b in pairwise(tokens)):
            return False
    return True


def _trie_pattern(spellings: set[tuple[str, ...]]) -> str:
    """A regular expression matching where any of the token sequences is
    written (tokens joined by nothing or one space), as a trie: the engine
    tries one branch per character instead of every pattern in turn."""
    trie: dict = {}
    for tokens in spellings:
        node = trie
        for k, token in enumerate(tokens):
            for char in (token if k == 0 else "\0" + token):
                node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if char == "":
            continue
        piece = " ?" if char == "\0" else re.escape(char)
        branches.append(piece + _trie_regex(child))
    if not branches:
        return ""
    if "" in node:  # a pattern ends here: what follows is optional
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
