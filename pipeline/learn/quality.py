"""The quality gates' sets: which annotated documents each pinned baseline
is measured on, and how (``tools/pin_baselines.py`` writes the baselines,
``tests/test_quality.py`` holds the extractor to them)."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.evaluate import Evaluation
from pipeline.goldset import GoldDocument, load_split
from pipeline.learn.crossval import evaluate_documents
from pipeline.learn.dataset import load_examples

#: set name -> which documents of the split it holds
SETS: dict[str, Callable[[GoldDocument], bool]] = {
    "corpus": lambda d: d.set == "corpus",
    "extra": lambda d: d.set == "extra",
    "dev": lambda d: d.part == "dev",
    "test": lambda d: d.part == "test",
    "calibration": lambda d: d.part == "calibration",
    # the pool's pages kept whole (head and body), read from their HTML as the
    # flow reads a fetched page; the sets above read the text exports.  (The
    # training corpus keeps bodies without their headline, which no fetched
    # page lacks.)
    "dev-html": lambda d: d.part == "dev" and _whole_page(d),
    "test-html": lambda d: d.part == "test" and _whole_page(d),
}
def _whole_page(doc: GoldDocument) -> bool:
    return doc.key.startswith("corpus-pool/") and doc.html_path is not None


#: a gate fails on a drop larger than this
TOLERANCE = 0.01


def evaluate_set(name: str) -> Evaluation | None:
    """The set's evaluation, or None when its documents are not available."""
    docs = [d for d in load_split() if SETS[name](d)]
    if not docs:
        return None
    return evaluate_documents(docs, load_examples(docs, html=name.endswith("-html")))
