"""What every extractor gets: the parsed document, its spaCy Doc and helpers
to turn character spans into evidence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc

from pipeline.models import Block, BlockKind, Evidence, Kind, ParsedDocument


# A sentence ends at . ! or ? (a closing quote or bracket may follow) before
# whitespace and a capital, a digit or an opening quote -- unless the period
# ends an abbreviation or an initial ("U.S. Government", "Dr. Kang", "J. Smith").
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Z]|[A-Z]\.[A-Z]|Mr|Ms|Mrs|Dr|St|Jr|Sr|No|Nos|vs|Co|Inc|Ltd|"
                           r"Hon|Gen|Sen|Rep|Gov|Amb|Prof|Rev|Lt|Col|Capt|Adm|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|"
                           r"Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|approx|Art|Para|Sec|Fig|Vol|p|pp)$")


def split_sentences(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans covering the text, never crossing a block boundary."""
    spans: list[tuple[int, int]] = []
    position = 0
    for start, end in blocks or [(0, len(text))]:
        if start > position:
            spans.append((position, start))
        sentence_start = start
        for m in _SENTENCE_END.finditer(text, start, end):
            if _ABBREVIATION.search(text, max(start, m.start() - 8), m.start()):
                continue
            spans.append((sentence_start, m.end()))
            sentence_start = m.end()
        spans.append((sentence_start, end))
        position = end
    if position < len(text):
        spans.append((position, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@dataclass
class Context:
    parsed: ParsedDocument
    doc: Doc
    kind_hint: Kind | None = None
    #: results of extractors that ran earlier, by field name
    results: dict[str, Any] = field(default_factory=dict)
    #: analyses several extractors share (person mentions, their decisions)
    analyses: dict[str, Any] = field(default_factory=dict)

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
        return Evidence(start=start, end=end, text=text[start:end], page=self.parsed.page_at(start))

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
        return [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in self.doc.ents]

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

    def blocks(self, *kinds: BlockKind) -> list[Block]:
        return [b for b in self.parsed.blocks if not kinds or b.kind in kinds]

    def heading_before(self, offset: int) -> Block | None:
        found = None
        for block in self.parsed.blocks:
            if block.start > offset:
                break
            if block.kind is BlockKind.heading:
                found = block
        return found
