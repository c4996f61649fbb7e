"""``tenets export``: the records as a documents table and a long values
table, opened as a downstream tool would (DuckDB, pandas)."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from pipeline.export import export

DOCUMENT_COLUMNS = {"id", "kind", "title", "source_uri", "feed_url", "entry_published", "published_date",
                    "signed_date", "review_status"}
VALUE_COLUMNS = {"document_id", "field", "value", "role", "country_code", "name", "title", "organization",
                 "evidence_start", "evidence_end", "evidence_page", "confidence", "rule", "item_id"}
FIELDS = ("dates", "parties", "signatories", "people", "principles", "recommendations")


@pytest.fixture(scope="module")
def out(tmp_path_factory, corpus_dir):
    """Records of the corpus, written as a run writes them."""
    from pipeline.api import process_many
    from pipeline.settings import Settings
    from pipeline.sources import resolve_sources
    from pipeline.store import write_jsonl, write_record

    tmp = tmp_path_factory.mktemp("export")
    settings = Settings(data_dir=tmp / "data", corrections_dir=tmp / "corrections")
    out = tmp / "out"
    for result in process_many(resolve_sources([str(corpus_dir)]), settings, workers=1):
        write_record(out, result.record)
    write_jsonl(out)
    return out


def _records(out) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in (out / "records").glob("*.json")}


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "duckdb"])
def test_every_format_has_the_documented_columns_and_rows(out, tmp_path, fmt):
    import duckdb

    records = _records(out)
    written = export(out, tmp_path / "x", fmt)
    assert written and all(p.exists() for p in written)
    con = duckdb.connect(str(tmp_path / "x" / "tenets.duckdb") if fmt == "duckdb" else ":memory:")
    try:
        if fmt != "duckdb":
            reader = {"parquet": "read_parquet", "csv": "read_csv_auto", "jsonl": "read_json_auto"}[fmt]
            for table in ("documents", "document_values"):
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM {reader}('{tmp_path / 'x' / table}.{fmt}')")
        doc_columns = {r[0] for r in con.execute("DESCRIBE documents").fetchall()}
        value_columns = {r[0] for r in con.execute("DESCRIBE document_values").fetchall()}
        assert DOCUMENT_COLUMNS <= doc_columns and VALUE_COLUMNS <= value_columns
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(records)
        assert con.execute("SELECT count(*) FROM document_values").fetchone()[0] == sum(
            len(r[f]) for r in records.values() for f in FIELDS)
        # Every value points back into its record's text.
        rows = con.execute("SELECT document_id, evidence_start, evidence_end, evidence_text "
                           "FROM document_values").fetchall()
        assert all(records[d]["text"][s:e] == t for d, s, e, t in rows)
    finally:
        con.close()


def test_the_documents_table_reads_as_pandas(out, tmp_path):
    import pandas as pd

    records = _records(out)
    export(out, tmp_path, "parquet")
    docs = pd.read_parquet(tmp_path / "documents.parquet").set_index("id")
    tokyo = records["004_2e1f0053462c66cc"]
    row = docs.loc["004_2e1f0053462c66cc"]
    assert row["kind"] == tokyo["kind"] and row["title"] == tokyo["title"]
    def first(role):
        dates = sorted((d["evidence"]["start"], d["value"]) for d in tokyo["dates"] if d["role"] == role)
        return dates[0][1] if dates else None
    assert row["published_date"] == first("published") and row["signed_date"] == first("signed")
    assert first("signed") == "2019-12-19"
    assert row["review_status"] == "unreviewed"
    values = pd.read_parquet(tmp_path / "document_values.parquet")
    parties = values[(values.document_id == "004_2e1f0053462c66cc") & (values.field == "parties")]
    assert set(parties.country_code) == {p["country_code"] for p in tokyo["parties"]}


def test_the_readme_question_is_one_query(out, tmp_path):
    import duckdb

    export(out, tmp_path, "duckdb")
    con = duckdb.connect(str(tmp_path / "tenets.duckdb"), read_only=True)
    try:
        rows = con.execute("""
            SELECT d.title, d.signed_date,
                   string_agg(DISTINCT v.value, ', ' ORDER BY v.value) AS governments
            FROM documents d JOIN document_values v ON v.document_id = d.id AND v.field = 'parties'
            WHERE d.signed_date IS NOT NULL
            GROUP BY d.title, d.signed_date ORDER BY d.signed_date""").fetchall()
        tokyo = _records(out)["004_2e1f0053462c66cc"]  # what the extractor found, whatever it is today
        governments = ", ".join(sorted({p["name"] for p in tokyo["parties"]}))
        assert (tokyo["title"], "2019-12-19", governments) in rows
        assert con.execute("SELECT count(*) FROM signings").fetchone()[0] == len(rows)
    finally:
        con.close()


def test_an_export_is_rewritten_only_when_records_change(out, tmp_path):
    dest = tmp_path / "x"
    assert export(out, dest, "parquet")
    stamp = os.stat(dest / "documents.parquet").st_mtime_ns
    assert export(out, dest, "parquet") is None
    assert os.stat(dest / "documents.parquet").st_mtime_ns == stamp
    assert export(out, dest, "csv")  # another format is its own export
    record = next((out / "records").glob("*.json"))
    original = record.read_bytes()
    try:
        data = json.loads(original)
        data["title"] = "Changed"
        record.write_text(json.dumps(data))
        assert export(out, dest, "parquet")
    finally:
        record.write_bytes(original)


def test_the_command(out, tmp_path):
    from pipeline.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["export", str(out), "--format", "jsonl", "--to", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "documents.jsonl").exists()
    result = runner.invoke(app, ["export", str(out), "--format", "jsonl", "--to", str(tmp_path)])
    assert result.exit_code == 0 and "up to date" in result.output
    assert runner.invoke(app, ["export", str(out), "--format", "xlsx"]).exit_code == 2
    assert runner.invoke(app, ["export", str(tmp_path / "nothing")]).exit_code == 2
