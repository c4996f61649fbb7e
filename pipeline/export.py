"""Records -> tables downstream tools can query (``tenets export``).

Two tables, whatever the format:

- ``documents``: one row per record (id, kind, title, source, the first
  published and signed dates, review status);
- ``document_values``: one row per extracted value, long format (document id,
  field, value, role, country code, name, title, organization, evidence
  start/end/page, confidence, rule, item id), so "all signatories" or "every
  party of a signed instrument" is one filter, not a walk through nested JSON.

Formats: Parquet and CSV files (pyarrow), JSON Lines, or one DuckDB file
holding both tables and a ``signings`` view.  Tables are built as Arrow
tables with a fixed schema (an empty export still has every column), read
from the record files as a downstream app reads them (plain JSON, the
published contract), and written atomically.  An export is rewritten only
when the records changed: a fingerprint of the record files is kept beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

FORMATS = ("parquet", "csv", "duckdb", "jsonl")
MARKER = ".tenets-export.json"
DUCKDB_FILE = "tenets.duckdb"

DOCUMENTS_SCHEMA = pa.schema([
    ("id", pa.string()), ("kind", pa.string()), ("title", pa.string()),
    ("source_uri", pa.string()), ("source_media_type", pa.string()), ("source_sha256", pa.string()),
    ("fetched_at", pa.string()), ("feed_url", pa.string()), ("entry_published", pa.string()),
    ("published_date", pa.string()), ("signed_date", pa.string()),
    ("review_status", pa.string()), ("pipeline_version", pa.string()),
])
VALUES_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("field", pa.string()), ("item_id", pa.string()),
    ("value", pa.string()), ("role", pa.string()), ("country_code", pa.string()),
    ("name", pa.string()), ("title", pa.string()), ("organization", pa.string()),
    ("country", pa.string()), ("number", pa.string()), ("group", pa.string()), ("actor", pa.string()),
    ("evidence_start", pa.int64()), ("evidence_end", pa.int64()), ("evidence_page", pa.int64()),
    ("evidence_text", pa.string()), ("confidence", pa.float64()), ("rule", pa.string()),
])
# The value a row stands for, per field (the rest of the item is in its own columns).
_VALUE_KEY = {"dates": "value", "parties": "name", "signatories": "name", "people": "name",
              "principles": "text", "recommendations": "text"}

# "Which governments signed what with whom, when": one row per signed instrument.
SIGNINGS_VIEW = """
CREATE OR REPLACE VIEW signings AS
SELECT d.id, d.title, d.signed_date,
       list_sort(list_distinct(list(p.value) FILTER (WHERE p.field = 'parties'))) AS governments,
       list_sort(list_distinct(list(s.value) FILTER (WHERE s.field = 'signatories'))) AS signatories
FROM documents d
JOIN document_values p ON p.document_id = d.id AND p.field = 'parties'
LEFT JOIN document_values s ON s.document_id = d.id AND s.field = 'signatories'
WHERE d.signed_date IS NOT NULL
GROUP BY d.id, d.title, d.signed_date
"""


def records_folder(out_dir: Path) -> Path:
    """``OUT/records`` of a run's output folder, or a folder of record files."""
    out_dir = Path(out_dir)
    if (out_dir / "records").is_dir() or (out_dir / "manifest.json").exists():
        return out_dir / "records"
    return out_dir


def read_records(out_dir: Path) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(records_folder(out_dir).glob("*.json"))]


def fingerprint(out_dir: Path) -> str:
    """What the export depends on: every record file's name and bytes."""
    digest = hashlib.sha256()
    for path in sorted(records_folder(out_dir).glob("*.json")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def documents_table(records: Iterable[dict]) -> pa.Table:
    rows = []
    for r in records:
        source = r.get("source") or {}
        rows.append({
            "id": r["id"], "kind": r.get("kind"), "title": r.get("title"),
            "source_uri": source.get("uri"), "source_media_type": source.get("media_type"),
            "source_sha256": source.get("sha256"), "fetched_at": source.get("fetched_at"),
            "feed_url": source.get("feed_url"), "entry_published": source.get("entry_published"),
            "published_date": _first_date(r, "published"), "signed_date": _first_date(r, "signed"),
            "review_status": (r.get("review") or {}).get("status"),
            "pipeline_version": r.get("pipeline_version"),
        })
    return pa.Table.from_pylist(rows, schema=DOCUMENTS_SCHEMA)


def values_table(records: Iterable[dict]) -> pa.Table:
    rows = []
    for r in records:
        for field, key in _VALUE_KEY.items():
            for item in r.get(field) or []:
                evidence = item.get("evidence") or {}
                rows.append({
                    "document_id": r["id"], "field": field, "item_id": item.get("id"),
                    "value": item.get(key), "role": item.get("role"),
                    "country_code": item.get("country_code"), "name": item.get("name"),
                    "title": item.get("title") or None, "organization": item.get("organization") or None,
                    "country": item.get("country") or None, "number": item.get("number"),
                    "group": item.get("group") or None, "actor": item.get("actor"),
                    "evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"),
                    "evidence_page": evidence.get("page"), "evidence_text": evidence.get("text"),
                    "confidence": item.get("confidence"), "rule": item.get("rule"),
                })
    return pa.Table.from_pylist(rows, schema=VALUES_SCHEMA)


def _first_date(record: dict, role: str) -> str | None:
    """The document's first date of ``role``, in the order of the text."""
    dates = [d for d in record.get("dates") or [] if d.get("role") == role]
    dates.sort(key=lambda d: (d.get("evidence") or {}).get("start", 0))
    return dates[0]["value"] if dates else None


def export(out_dir: Path, dest: Path, fmt: str, *, force: bool = False) -> list[Path] | None:
    """Write the tables of ``out_dir``'s records to ``dest`` as ``fmt``; None
    when the export is already up to date (nothing rewritten)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    dest = Path(dest)
    stamp = fingerprint(out_dir)
    marker = dest / MARKER
    state = _read_marker(marker)
    paths = _paths(dest, fmt)
    if not force and state.get(fmt) == stamp and all(p.exists() for p in paths):
        return None
    records = read_records(out_dir)
    tables = {"documents": documents_table(records), "document_values": values_table(records)}
    dest.mkdir(parents=True, exist_ok=True)
    _WRITERS[fmt](tables, dest)
    state[fmt] = stamp
    _atomic(marker, lambda tmp: Path(tmp).write_text(json.dumps(state, indent=2, sort_keys=True) + "\n"))
    return paths


def _paths(dest: Path, fmt: str) -> list[Path]:
    if fmt == "duckdb":
        return [dest / DUCKDB_FILE]
    return [dest / f"{name}.{fmt}" for name in ("documents", "document_values")]


def _read_marker(marker: Path) -> dict:
    try:
        return json.loads(marker.read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _atomic(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: a reader
    never sees half an export."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_parquet(tables: dict[str, pa.Table], dest: Path) -> None:
    import pyarrow.parquet as pq

    for name, table in tables.items():
        _atomic(dest / f"{name}.parquet", lambda tmp, t=table: pq.write_table(t, tmp))


def _write_csv(tables: dict[str, pa.Table], dest: Path) -> None:
    import pyarrow.csv as pcsv

    for name, table in tables.items():
        _atomic(dest / f"{name}.csv", lambda tmp, t=table: pcsv.write_csv(t, tmp))


def _write_jsonl(tables: dict[str, pa.Table], dest: Path) -> None:
    for name, table in tables.items():
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in table.to_pylist())
        _atomic(dest / f"{name}.jsonl", lambda tmp, text=lines: Path(tmp).write_text(text, "utf-8"))


def _write_duckdb(tables: dict[str, pa.Table], dest: Path) -> None:
    import duckdb

    def build(tmp: str) -> None:
        Path(tmp).unlink()  # DuckDB creates its own file
        con = duckdb.connect(tmp)
        try:
            for name, table in tables.items():
                con.register("arrow_input", table)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM arrow_input')
                con.unregister("arrow_input")
            con.execute(SIGNINGS_VIEW)
        finally:
            con.close()
        Path(f"{tmp}.wal").unlink(missing_ok=True)

    _atomic(dest / DUCKDB_FILE, build)


_WRITERS = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl, "duckdb": _write_duckdb}
