"""What every extractor gets: the parsed document, its spaCy Doc and helpers
to turn character spans into evidence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc

from pipeline.extract import literals
from pipeline.gazetteer import HONORIFICS
from pipeline.models import Block, BlockKind, Evidence, Kind, ParsedDocument


# A sentence ends at . ! or ? (a closing quote or bracket may follow) before
# whitespace and a capital, a digit or an opening quote -- unless the period
# ends an abbreviation or an initial ("U.S. Government", "Dr. Kang", "J. Smith").
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
# (and the honorifics written with a full stop in ``data/titles.toml``: "YBhg.
# Dato' X", "Dato' Ir. Dr. Y" go on; so does "then-U.S. Ambassador")
_ABBREVIATION = re.compile(r"(?:^|[\s(/-])(?:[A-Z]|[A-Z]\.[A-Z]|Mr|Ms|Mrs|Dr|St|Jr|Sr|No|Nos|vs|Co|Inc|Ltd|"
                           r"Hon|Rt|Gen|Sen|Rep|Gov|Amb|Prof|Rev|Lt|Col|Capt|Adm|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|"
                           r"Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|approx|Art|Para|Sec|Fig|Vol|p|pp|"
                           + "|".join(sorted({re.escape(h[:-1]) for h in HONORIFICS if h.endswith(".") and " " not in h},
                                             key=len, reverse=True))
                           + r")$")


#: Longest sentence span.  Extractors read a mention's whole sentence (its
#: words before and after, the cues in it), so a megabyte without a full
#: stop would make that work grow with the square of the text.  The longest
#: sentence in the pool has 2,466 characters; a longer run is cut at a space.
MAX_SENTENCE = 5000


def first_sentence(text: str) -> str:
    """The text up to its first sentence's end ("U.S. assistance should be
    aligned ..." runs past "U.S.")."""
    for m in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()):
            return text[:m.end()]
    return text


def split_sentences(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans covering the text, never crossing a block boundary
    (nor longer than ``MAX_SENTENCE``)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for start, end in blocks or [(0, len(text))]:
        if start > position:
            spans.append((position, start))
        sentence_start = start
        for m in _SENTENCE_END.finditer(text, start, end):
            # (from before the block: "^" never matches at a search's start,
            # so "Mr." or "H.E." opening a line would end a sentence)
            if _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()):
                continue
            spans.append((sentence_start, m.end()))
            sentence_start = m.end()
        spans.append((sentence_start, end))
        position = end
    if position < len(text):
        spans.append((position, len(text)))
    return [(s, e) for s, e in _capped(text, spans) if text[s:e].strip()]


def _capped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, those over MAX_SENTENCE cut at their last space in reach."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


@dataclass
class Context:
    parsed: ParsedDocument
    #: a spaCy Doc of the text, if the caller made one; make_context does not
    #: (a long document is analysed in pieces, see ``pipeline.nlp.entity_spans``)
    doc: Doc | None = None
    kind_hint: Kind | None = None
    #: results of extractors that ran earlier, by field name
    results: dict[str, Any] = field(default_factory=dict)
    #: analyses several extractors share (person mentions, their decisions)
    analyses: dict[str, Any] = field(default_factory=dict)
    #: the entity ruler's (start, end, label, id) spans, when given without a Doc
    entity_spans: list[tuple[int, int, str, str]] | None = None
    #: compute every feature of a candidate, also those the trained model in
    #: use gives no weight (training reads them all; extraction needs only
    #: what the model scores)
    all_features: bool = False
    #: :meth:`found`'s answers, by (id of the pattern, start, end)
    _found: dict[tuple[int, int, int], bool] = field(default_factory=dict, repr=False)
    #: :meth:`found_each`'s answers, by (id of the screen, start, end)
    _found_each: dict[tuple[int, int, int], tuple[bool, ...]] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.parsed.text

    def evidence(self, start: int, end: int) -> Evidence:
        # Evidence never starts or ends on whitespace, so it reads cleanly.
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        # (the page by bisection: ParsedDocument.page_at walks the blocks)
        block = self.block_at(start)
        return Evidence(start=start, end=end, text=text[start:end], page=block.page if block else None)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans: blocks split after a sentence-final mark (headings,
        list items and signature lines never run into the next block)."""
        return split_sentences(self.text, [(b.start, b.end) for b in self.parsed.blocks])

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    @cached_property
    def entities(self) -> list[tuple[int, int, str, str]]:
        """(start, end, label, id) of the entity ruler's spans, in order."""
        if self.entity_spans is not None:
            return self.entity_spans
        return [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in self.doc.ents]

    def found(self, pattern: re.Pattern, start: int, end: int) -> bool:
        """Whether ``pattern`` occurs in ``text[start:end]``, searched once per
        span: extractors ask it of a sentence or block for each mention in it,
        and a long block holds thousands."""
        # (keyed by the pattern's identity, which literals.screen_of keeps its own:
        # hashing a compiled pattern hashes its whole program)
        key = (id(pattern), start, end)
        hit = self._found.get(key)
        if hit is None:
            hit = self._found[key] = self._occurs(pattern, start, end)
        return hit

    def found_each(self, screen: literals.JointScreen, start: int, end: int) -> tuple[bool, ...]:
        """:meth:`found` of each of the screen's patterns in ``text[start:end]``,
        in their order.  The span is scanned once for the words any of them
        needs: a pattern none of whose words is there is not searched (one
        screen per pattern would scan the span once for each)."""
        key = (id(screen), start, end)
        hits = self._found_each.get(key)
        if hits is None:
            lowered = self.lowered
            present = screen.words_in(None if lowered is None else lowered[start:end])
            hits = self._found_each[key] = tuple(
                screen.may_match(pattern, present) and self.found(pattern, start, end)
                for pattern in screen.patterns)
        return hits

    def _occurs(self, pattern: re.Pattern, start: int, end: int) -> bool:
        lowered = self.lowered
        if lowered is None:
            return pattern.search(self.text[start:end]) is not None
        screen = literals.screen_of(pattern)
        if screen is not None and screen.search(lowered, start, end) is None:
            return False  # none of the words it needs is there
        # (a case-insensitive pattern is searched case-sensitively in the lowered text)
        twin = literals.lower_twin(pattern)
        if twin is not None:
            return twin.search(lowered[start:end]) is not None
        return pattern.search(self.text[start:end]) is not None

    def may_match(self, pattern: re.Pattern, start: int, end: int) -> bool:
        """False when ``pattern`` cannot occur in ``text[start:end]``: none of
        the words it needs is there (a test far cheaper than the search)."""
        return literals.may_match(pattern, self.lowered, start, end)

    @cached_property
    def lowered(self) -> str | None:
        """The text in lower case, for :meth:`may_match` (see ``literals.lowered``)."""
        return literals.lowered(self.text)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[max(i, 0)]

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.parsed.blocks]

    def block_index(self, offset: int) -> int | None:
        """Index of the block holding a character offset (binary search)."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.parsed.blocks[i].end:
            return i
        return None

    def block_at(self, offset: int) -> Block | None:
        i = self.block_index(offset)
        return None if i is None else self.parsed.blocks[i]

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def title_block(self) -> Block | None:
        """The heading the title extractor took for the title (a genre label
        over it, "PRESS RELEASE", is not it); None where the title is no
        heading of the text.  Requires the "title" result."""
        _, provenance = self.results.get("title") or (None, None)
        if provenance is None or provenance.evidence is None:
            return None
        block = self.block_at(provenance.evidence.start)
        return block if block is not None and block.kind is BlockKind.heading else None

    def blocks(self, *kinds: BlockKind) -> list[Block]:
        return [b for b in self.parsed.blocks if not kinds or b.kind in kinds]

    @cached_property
    def _headings(self) -> list[Block]:
        return [b for b in self.parsed.blocks if b.kind is BlockKind.heading]

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [b.start for b in self._headings]

    def heading_before(self, offset: int) -> Block | None:
        """The last heading starting at or before ``offset`` (by bisection:
        it is asked for each line of a roster)."""
        i = bisect.bisect_right(self._heading_starts, offset)
        return self._headings[i - 1] if i else None
