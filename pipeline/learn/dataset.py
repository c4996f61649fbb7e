"""Annotated documents made ready for training: parsed, analysed once, kept
in memory for every decision and every fold."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract import make_context
from pipeline.extract.context import Context
from pipeline.goldset import GoldDocument
from pipeline.parse.text import parse_text


@dataclass
class Example:
    doc: GoldDocument
    ctx: Context

    @property
    def gold(self) -> dict:
        return self.doc.gold

    def reset(self) -> None:
        """Forget every extractor's result, keeping the parse and the spaCy analysis."""
        self.ctx.results.clear()
        self.ctx.analyses.clear()


def load_examples(docs: list[GoldDocument]) -> list[Example]:
    out = []
    for doc in docs:
        parsed = parse_text(doc.read_text())
        # (the rows are every feature of each candidate, whatever the models in use read)
        out.append(Example(doc=doc, ctx=make_context(parsed, all_features=True)))
    return out
