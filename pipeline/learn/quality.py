"""The quality gates' sets: which annotated documents each pinned baseline
is measured on, and how (``tools/pin_baselines.py`` writes the baselines,
``tests/test_quality.py`` holds the extractor to them)."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.evaluate import Evaluation
from pipeline.goldset import GoldDocument, load_split
from pipeline.learn.crossval import evaluate_documents

#: set name -> which documents of the split it holds
SETS: dict[str, Callable[[GoldDocument], bool]] = {
    "corpus": lambda d: d.set == "corpus",
    "extra": lambda d: d.set == "extra",
    "dev": lambda d: d.part == "dev",
    "test": lambda d: d.part == "test",
    "calibration": lambda d: d.part == "calibration",
}
#: a gate fails on a drop larger than this
TOLERANCE = 0.01


def evaluate_set(name: str) -> Evaluation | None:
    """The set's evaluation, or None when its documents are not available."""
    docs = [d for d in load_split() if SETS[name](d)]
    if not docs:
        return None
    return evaluate_documents(docs)
