import json

from pipeline.evaluate import evaluate, score_field
from pipeline.schema import all_schemas, render


def test_score_field_counts_matches_once():
    s = score_field(["a", "b", "b"], ["b", "c"])
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)
    assert round(s.precision, 2) == 0.5 and round(s.recall, 2) == 0.33


def test_evaluate_matches_gold_to_records_and_normalises(tmp_path):
    gold_dir, out = tmp_path / "gold", tmp_path / "out" / "records"
    gold_dir.mkdir()
    out.mkdir(parents=True)
    (gold_dir / "doc.json").write_text(json.dumps({
        "kind": "readout", "title": "A Title", "dates": [{"date": "2024-05", "role": "event"}],
        "parties": ["United States", "South Korea"], "signatories": [],
        "people": [{"name": "Dr. Ann Lee", "role": "host"}], "principles": ["Openness"],
        "recommendations": []}))
    (out / "doc.json").write_text(json.dumps({
        "id": "doc", "kind": "readout", "title": "A title", "source": {"uri": "file:///doc.txt"},
        "dates": [{"value": "2024-05", "role": "event"}, {"value": "2024", "role": "other"}],
        "parties": [{"name": "Republic of Korea"}, {"name": "U.S."}],
        "signatories": [], "people": [{"name": "Ann Lee", "role": "host"}],
        "principles": [{"text": "openness"}], "recommendations": []}))
    result = evaluate(gold_dir, tmp_path / "out")
    assert result.totals["parties"].f1 == 1.0
    assert result.totals["people"].f1 == 1.0
    assert result.totals["dates"].precision == 0.5 and result.totals["dates"].recall == 1.0
    assert result.per_document["doc"]["dates"].extra == [("2024", "other")]


def test_checked_in_schemas_match_the_models(root):
    for name, schema in all_schemas().items():
        path = root / "schemas" / name
        assert path.exists(), f"{name} missing: run `tenets schema`"
        assert path.read_text("utf-8") == render(schema), f"{name} drifted: run `tenets schema`"


def test_a_body_written_by_its_acronym_or_its_name_is_one_party():
    from pipeline.evaluate import field_values

    gold = {"parties": ["IMF", "the United States", "G7"]}
    record = {"parties": [{"name": "International Monetary Fund"}, {"name": "U.S."}, {"name": "G7"}]}
    assert sorted(field_values(gold, "parties")) == sorted(field_values(record, "parties"))
