"""Extraction measured on annotated documents: one part of the split, or
K-fold cross-validation by document (every decision retrained without the
held-out fold, then the whole extractor run on it)."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.evaluate import Evaluation, evaluate_pairs
from pipeline.extract import extract
from pipeline.goldset import GoldDocument
from pipeline.learn.dataset import Example, load_examples
from pipeline.learn.train import fold_of, train
from pipeline.resources import using_models


def extraction_record(ex: Example) -> dict:
    """What the extractor writes for one annotated document, as a record dict."""
    return extract(ex.ctx.parsed, ctx=ex.ctx).model_dump(mode="json")


def _groups(doc: GoldDocument) -> dict[str, str]:
    return {"kind": doc.gold["kind"], "publisher": doc.publisher, "annotation": doc.annotated_by}


def evaluate_documents(docs: Sequence[GoldDocument], examples: list[Example] | None = None,
                       models=None) -> Evaluation:
    examples = examples if examples is not None else load_examples(list(docs))
    pairs = []
    with using_models(models):
        for ex in examples:
            ex.reset()
            pairs.append((ex.doc.key, ex.gold, extraction_record(ex), _groups(ex.doc)))
    return evaluate_pairs(pairs)


def cross_validate(docs: Sequence[GoldDocument], k: int = 5, *, examples: list[Example] | None = None,
                   calibrate: bool = True, held_out: Sequence[Example] = ()) -> Evaluation:
    """Each fold's documents extracted by models trained on the other folds
    (calibrated on those folds too, unless ``calibrate`` is false), each
    decision's variant chosen on the ``held_out`` documents as training
    chooses it."""
    examples = examples if examples is not None else load_examples(list(docs))
    pairs = []
    for f in range(k):
        train_ex = [ex for ex in examples if fold_of(ex.doc.key, k) != f]
        test_ex = [ex for ex in examples if fold_of(ex.doc.key, k) == f]
        models = train([], examples=train_ex, calibrate=calibrate, held_out=held_out).models
        with using_models(models):
            for ex in test_ex:
                ex.reset()
                pairs.append((ex.doc.key, ex.gold, extraction_record(ex), _groups(ex.doc)))
    return evaluate_pairs(pairs)
