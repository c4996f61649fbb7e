"""Quality gates: extraction on the real annotated documents holds its pinned
per-field F1 (``tests/real/baselines.json``, written by
``tools/pin_baselines.py``), within 0.01.  Sets whose documents live in
../shared skip when it is absent; the corpus set is in the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import EVAL_FIELDS
from pipeline.learn.quality import SETS, TOLERANCE, evaluate_set

ROOT = Path(__file__).resolve().parents[1]

BASELINES = json.loads((ROOT / "tests" / "real" / "baselines.json").read_text("utf-8"))
_cache: dict = {}


def _evaluation(name: str):
    if name not in _cache:
        _cache[name] = evaluate_set(name)
    if _cache[name] is None or len(_cache[name].per_document) != BASELINES[name]["documents"]:
        pytest.skip(f"the documents of set {name} are not all available (../shared)")
    return _cache[name]


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("field", EVAL_FIELDS)
def test_field_f1_holds_its_baseline(name, field):
    evaluation = _evaluation(name)
    pinned = BASELINES[name]["f1"][field]
    got = evaluation.totals[field].f1
    assert got >= pinned - TOLERANCE, f"{name} {field}: F1 {got:.4f} fell below its baseline {pinned:.4f}"


def test_corpus_records_through_the_library_match_their_gold(tmp_path, corpus_dir):
    """The corpus end to end (sources -> records on disk -> tenets eval's scoring)."""
    from pipeline.api import process
    from pipeline.evaluate import evaluate
    from pipeline.sources import resolve_sources
    from pipeline.store import write_record

    for source in resolve_sources([str(corpus_dir)]):
        result = process(source)
        assert result.error is None, result.error
        write_record(tmp_path, result.record)
    evaluation = evaluate(ROOT / "tests" / "gold", tmp_path)
    assert not evaluation.unmatched_gold
    assert evaluation.macro_f1 >= BASELINES["corpus"]["macro_f1"] - TOLERANCE
