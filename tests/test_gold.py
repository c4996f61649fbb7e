"""Extraction quality against hand-made gold records.

The five corpus documents must reach per-field F1 >= 0.9; the extra corpus
in ../shared (documents the rules were not written from) guards against
rules that only fit one document's wording.
"""

import pytest

from pipeline.api import process
from pipeline.evaluate import EVAL_FIELDS, evaluate
from pipeline.sources import resolve_sources
from pipeline.store import write_record


def _run_library(sources_arg, out_dir):
    for source in resolve_sources([str(sources_arg)]):
        result = process(source)
        assert result.error is None, result.error
        write_record(out_dir, result.record)


@pytest.fixture(scope="module")
def corpus_eval(tmp_path_factory, corpus_dir, root):
    out = tmp_path_factory.mktemp("gold-out")
    _run_library(corpus_dir, out)
    return evaluate(root / "tests" / "gold", out)


@pytest.mark.parametrize("field", EVAL_FIELDS)
def test_corpus_field_f1_at_least_0_9(corpus_eval, field):
    score = corpus_eval.totals[field]
    details = {doc: (s[field].missing, s[field].extra) for doc, s in corpus_eval.per_document.items()
               if s[field].missing or s[field].extra}
    assert score.f1 >= 0.9, f"{field}: F1 {score.f1:.3f}; {details}"
    assert not corpus_eval.unmatched_gold


@pytest.mark.parametrize("field", EVAL_FIELDS)
def test_extra_corpus_field_f1(extra_corpus, tmp_path_factory, field):
    out = tmp_path_factory.getbasetemp() / "extra-out"
    if not out.exists():
        _run_library(extra_corpus / "docs", out)
    result = evaluate(extra_corpus / "gold", out)
    assert result.totals[field].f1 >= 0.85, {
        doc: (s[field].missing, s[field].extra) for doc, s in result.per_document.items()
        if s[field].missing or s[field].extra}


# Sets written independently of the rules, in other styles, and the floor
# each must keep. heldout3 is the newest (measured once, then fixed only by
# general rules), so its floor is lower: raise it as the extractor improves.
HELDOUT_FLOORS = {"heldout": 0.85, "heldout2": 0.85, "heldout3": 0.75}


@pytest.fixture(scope="module", params=sorted(HELDOUT_FLOORS))
def heldout_eval(request, tmp_path_factory, root):
    folder = root / "tests" / request.param
    out = tmp_path_factory.mktemp(f"{request.param}-out")
    _run_library(folder / "docs", out)
    return request.param, evaluate(folder / "gold", out)


@pytest.mark.parametrize("field", EVAL_FIELDS)
def test_heldout_field_f1(heldout_eval, field):
    """A guard against rules that only fit one document's wording."""
    name, result = heldout_eval
    assert result.totals[field].f1 >= HELDOUT_FLOORS[name], {
        doc: (s[field].missing, s[field].extra) for doc, s in result.per_document.items()
        if s[field].missing or s[field].extra}
