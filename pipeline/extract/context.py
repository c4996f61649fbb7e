"""What every extractor gets: the parsed document, its spaCy Doc and helpers
to turn character spans into evidence."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc

from pipeline.models import Block, BlockKind, Evidence, Kind, ParsedDocument


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
    def _sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.doc.sents]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return [(s.start_char, s.end_char) for s in self.doc.sents]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[max(i, 0)]

    def block_at(self, offset: int) -> Block | None:
        return self.parsed.block_at(offset)

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
