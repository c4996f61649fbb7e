"""Annotated documents made ready for training: parsed, analysed once, kept
in memory for every decision and every fold."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract import make_context
from pipeline.extract.context import Context
from pipeline.goldset import GoldDocument
from pipeline.fetch import fetch
from pipeline.parse import parse
from pipeline.parse.text import parse_text
from pipeline.sources import source_for_path


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


def load_examples(docs: list[GoldDocument], *, html: bool = False) -> list[Example]:
    """The documents parsed from their text, or (``html``) from their HTML
    body, for the documents that have one (the others are left out)."""
    out = []
    for doc in docs:
        if html:
            if doc.html_path is None:
                continue
            # (read as the flow reads a page: fetched from its file, its type sniffed)
            parsed = parse(fetch(source_for_path(doc.html_path)))
        else:
            parsed = parse_text(doc.read_text())
        # (the rows are every feature of each candidate, whatever the models in use read)
        out.append(Example(doc=doc, ctx=make_context(parsed, all_features=True)))
    return out
