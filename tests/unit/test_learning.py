"""Training, the learned decisions' files and calibration."""

from __future__ import annotations

import json

import pytest

from pipeline.goldset import load_split
from pipeline.learn.calibration import Platt, expected_calibration_error, fit_platt
from pipeline.learn.linear import LinearModel


def test_a_linear_model_reads_back_what_it_wrote(tmp_path):
    model = LinearModel(name="toy", classes=("not", "yes"), weights={"cue": (-1.0, 1.0)},
                        bias=(0.0, 0.0), temperature=2.0)
    model.save(tmp_path / "toy.json")
    again = LinearModel.load(tmp_path / "toy.json")
    assert again.proba({"cue": 1.0}) == pytest.approx(model.proba({"cue": 1.0}))
    # softmax((-1, 1) / 2): the temperature softens the decision
    assert again.proba({"cue": 1.0})["yes"] == pytest.approx(0.731, abs=1e-3)
    assert again.proba({"unknown feature": 1.0}) == {"not": 0.5, "yes": 0.5}


def test_boosted_trees_read_an_interaction_and_score_as_scikit_learn_does(tmp_path):
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    from pipeline.learn.fit import TREES, fit, fit_trees
    from pipeline.learn.trees import TreeModel

    # a party only when named first AND in a readout: each cue alone says nothing
    X = [{"first": float(a), "readout": float(b), "share": s / 10} for a in (0, 1) for b in (0, 1)
         for s in range(10)] * 4
    y = ["party" if x["first"] and x["readout"] else "not" for x in X]
    trees = fit_trees("toy", X, y, classes=("not", "party"))
    trees.save(tmp_path / "toy.json")
    again = TreeModel.load(tmp_path / "toy.json")
    both, first_only = {"first": 1.0, "readout": 1.0}, {"first": 1.0}
    assert again.proba(both)["party"] > 0.9 and again.proba(first_only)["party"] < 0.1
    linear = fit("toy", X, y, classes=("not", "party"))
    assert linear.proba(first_only)["party"] > again.proba(first_only)["party"]
    # the same numbers as scikit-learn's own model of the same rows
    vec = DictVectorizer()
    reference = GradientBoostingClassifier(random_state=0, **TREES).fit(vec.fit_transform(X), [v == "party" for v in y])
    for x in (both, first_only, {"share": 0.35, "readout": 1.0}):
        assert again.proba(x)["party"] == pytest.approx(reference.predict_proba(vec.transform([x]))[0][1], abs=1e-5)


def test_calibration_error_and_platt_maps():
    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([0.9] * 10, [True] * 5 + [False] * 5) == pytest.approx(0.4)
    # scores that rank wrong above right do not give an inverted map
    platt = fit_platt([0.9] * 20 + [0.2] * 20, [False] * 20 + [True] * 20)
    assert platt.a == 0.0 and platt(0.9) == platt(0.2)
    assert Platt()(0.7) == pytest.approx(0.7)


@pytest.fixture(scope="module")
def corpus_docs():
    return [d for d in load_split() if d.set == "corpus"]


def test_training_is_deterministic_and_its_models_extract(corpus_docs, tmp_path):
    from pipeline.learn.crossval import evaluate_documents
    from pipeline.learn.train import save, train

    first, second = train(corpus_docs, folds=2), train(corpus_docs, folds=2)
    a = save(first, tmp_path / "a")
    b = save(second, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    names = {p.stem for p in a}
    assert names == {"kind", "date_role", "party", "person_role", "principle", "recommendation",
                     "commitment", "calibration"}
    kind = json.loads((tmp_path / "a" / "kind.json").read_text())
    assert kind["meta"]["variant"] in ("model", "rule") and kind["meta"]["documents"] == 5
    evaluation = evaluate_documents(corpus_docs, models=first.models)
    assert evaluation.totals["title"].f1 == 1.0
    for field, score in evaluation.totals.items():
        assert all(0 <= c <= 1 for c, _ in score.calibration), field


def test_the_regularisation_sweep_measures_every_decision_at_every_strength(corpus_docs):
    from pipeline.learn.dataset import load_examples
    from pipeline.learn.train import regularisation_sweep

    if len(corpus_docs) < 5:
        pytest.skip("the corpus's gold is not available")
    examples = load_examples(corpus_docs)
    table = regularisation_sweep(examples[:3], examples[3:], (0.5, 2.0), folds=2)
    assert set(table) == {"kind", "date_role", "party", "person_role", "principle", "recommendation",
                          "commitment"}
    for decision, by_c in table.items():
        assert set(by_c) == {0.5, 2.0}, decision
        for cross_validated, held_out in by_c.values():
            assert 0 <= cross_validated <= 1 and (held_out is None or 0 <= held_out <= 1), decision
    # the kind has one row per document: held out, it is measured
    assert all(held_out is not None for _, held_out in table["kind"].values())


def test_confidence_maps_are_fitted_on_unseen_documents_when_they_hold_enough_values():
    from types import SimpleNamespace

    from pipeline.learn.calibration import MIN_UNSEEN_VALUES, fit_field_calibration

    def evaluation(pairs_by_field):
        return SimpleNamespace(totals={f: SimpleNamespace(calibration=p) for f, p in pairs_by_field.items()})

    # the rules look right 90% of the time on the documents they were written on ...
    developed = evaluation({"principles": [(0.9, True)] * 90 + [(0.9, False)] * 10,
                            "recommendations": [(0.9, True)] * 45 + [(0.9, False)] * 5})
    # ... and 60% on documents nobody developed on
    unseen = evaluation({"principles": [(0.9, True)] * 24 + [(0.9, False)] * 16,
                         "recommendations": [(0.9, True)] * 3 + [(0.9, False)] * 2})
    maps = fit_field_calibration(developed, unseen, rule_decided=frozenset({"principles", "recommendations"}))
    assert maps("principles", 0.9) == pytest.approx(0.6, abs=0.03)
    # a learned field's held-out folds are honest: pooled with the unseen values
    pooled = fit_field_calibration(developed, unseen)
    assert pooled("principles", 0.9) == pytest.approx(114 / 140, abs=0.03)
    # too few unseen values: pooled with the cross-validated ones, the unseen
    # weighing as much together (60% and 90% right: 75%)
    assert 5 < MIN_UNSEEN_VALUES
    assert maps("recommendations", 0.9) == pytest.approx(0.75, abs=0.03)
    # and so they do for a learned field: its folds come from the documents
    # its candidates' rules were written on
    assert pooled("recommendations", 0.9) == pytest.approx(0.75, abs=0.03)
    # none at all: the cross-validated ones alone
    only_developed = fit_field_calibration(developed, evaluation({"principles": []}),
                                           rule_decided=frozenset({"recommendations"}))
    assert only_developed("recommendations", 0.9) == pytest.approx(0.9, abs=0.03)



def _toy_rows(n_docs: int, verdict_wrong_every: int = 0, start: int = 0):
    """Rows of a yes/no decision whose cue always tells the truth and whose
    rules' verdict tells it except on every ``verdict_wrong_every``-th row."""
    from pipeline.learn.decisions import Row

    rows = []
    for i in range(start, start + n_docs):
        truth = "yes" if i % 2 else "not"
        wrong = verdict_wrong_every and i % verdict_wrong_every == 0
        verdict = ("not" if truth == "yes" else "yes") if wrong else truth
        rows.append(Row(doc=i - start, features={"bias": 1.0, f"verdict:{verdict}": 1.0, f"cue:{truth}": 2.0},
                        labels=(truth,)))
    return rows


def test_a_decision_s_variant_is_chosen_on_documents_no_rule_was_written_on():
    """Rules written on the training documents are right on every one of
    them, and cross-validation there cannot tell them from a model that
    weighs the other cues too; on new text the rules fail where the cues do
    not.  Held-out documents with enough examples choose; too few leave the
    choice to cross-validation (where the rule wins a tie)."""
    from pipeline.learn.decisions import Decision, verdict
    from pipeline.learn.train import MIN_HELD_OUT_EXAMPLES, _choose_and_fit, fold_of

    decision = Decision("toy", ("not", "yes"), lambda ex: [], lambda name: name.startswith("verdict:"),
                        verdict)
    written_on = _toy_rows(200)
    folds = [fold_of(str(i), 5) for i in range(200)]
    unseen = _toy_rows(4 * MIN_HELD_OUT_EXAMPLES, verdict_wrong_every=3, start=1000)

    _, info = _choose_and_fit(decision, written_on, folds, 5, unseen)
    assert info["cv_quality"] == {"model": 1.0, "rule": 1.0}
    assert info["held_out_quality"]["model"] == 1.0 > info["held_out_quality"]["rule"]
    assert info["variant"] == "model"

    too_few = [r for r in unseen if r.labels == ("not",)] + [r for r in unseen if r.labels == ("yes",)][:5]
    _, info = _choose_and_fit(decision, written_on, folds, 5, too_few)
    assert info["variant"] == "rule" and "held_out_quality" not in info

    # a tie on the held-out documents: cross-validation settles it
    imperfect_rules = _toy_rows(200, verdict_wrong_every=3)
    _, info = _choose_and_fit(decision, imperfect_rules, folds, 5, _toy_rows(4 * MIN_HELD_OUT_EXAMPLES, start=1000))
    assert info["held_out_quality"] == {"model": 1.0, "rule": 1.0}
    assert info["cv_quality"]["model"] > info["cv_quality"]["rule"] and info["variant"] == "model"



@pytest.mark.parametrize("gain_cv, gain_held, trees", [
    (-0.0017, 0.0221, True),   # clearly better on unseen documents, a tie under cross-validation
    (-0.0033, 0.0231, True),   # (the same after a small change of the rows: the same choice)
    (0.0200, None, True),      # no held-out documents: cross-validation judges
    (0.0050, None, False),     # within the margin: the simpler model stays
    (-0.0200, 0.0500, False),  # clearly worse under cross-validation
    (0.0300, 0.0050, False),   # not clearly better where judged
])
def test_boosted_trees_replace_the_linear_model_only_when_clearly_better_where_judged(gain_cv, gain_held, trees):
    from pipeline.learn.train import prefers_trees

    assert prefers_trees(gain_cv, gain_held) is trees
