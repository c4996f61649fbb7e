import json
import os

import pytest

from pipeline.errors import TenetsError
from pipeline.sources import load_sources_file, resolve_sources
from pipeline.store import DocumentOutcome, atomic_write, write_jsonl, write_manifest


def test_corpus_sources_file_lists_the_five_documents(corpus_dir):
    sources = load_sources_file(corpus_dir / "sources.toml")
    assert [s.id for s in sources] == sorted(p.stem for p in corpus_dir.glob("*.txt"))
    assert all(s.path.exists() for s in sources)


def test_a_folder_without_sources_toml_means_its_documents(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.csv").write_text("x")
    assert [s.id for s in resolve_sources([str(tmp_path)])] == ["a", "b"]


def test_urls_get_stable_ids_and_duplicates_are_disambiguated(tmp_path):
    url = "https://www.state.gov/joint-statement-on-quantum/"
    first, again = resolve_sources([url]), resolve_sources([url])
    assert first[0].id == again[0].id and first[0].id.startswith("joint-statement-on-quantum-")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "doc.txt").write_text("a")
    (tmp_path / "doc.txt").write_text("b")
    ids = [s.id for s in resolve_sources([str(tmp_path / "doc.txt"), str(tmp_path / "x" / "doc.txt")])]
    assert ids[0] == "doc" and ids[1].startswith("doc-") and len(set(ids)) == 2


def test_invalid_sources_file_names_the_file(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text("[[document]]\nid = 'x'\n")
    with pytest.raises(TenetsError, match="sources.toml.*needs a path or a url"):
        load_sources_file(bad)


def test_atomic_write_skips_unchanged_content(tmp_path):
    path = tmp_path / "r.json"
    assert atomic_write(path, b"one") is True
    mtime = path.stat().st_mtime_ns
    os.utime(path, ns=(mtime - 10**9, mtime - 10**9))
    assert atomic_write(path, b"one") is False
    assert path.stat().st_mtime_ns == mtime - 10**9  # not touched
    assert atomic_write(path, b"two") is True and path.read_bytes() == b"two"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_jsonl_and_manifest(tmp_path):
    (tmp_path / "records").mkdir()
    for doc_id in ("b", "a"):
        (tmp_path / "records" / f"{doc_id}.json").write_text(json.dumps({"id": doc_id}))
    lines = write_jsonl(tmp_path).read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]
    from datetime import datetime, timezone

    outcomes = [DocumentOutcome(id="a", uri="u", status="new", counts={"dates": 2}),
                DocumentOutcome(id="b", uri="v", status="failed", stage="parse", error="[E002] empty")]
    manifest = json.loads(write_manifest(tmp_path, outcomes, started=datetime.now(timezone.utc)).read_text())
    assert manifest["by_status"] == {"new": 1, "failed": 1}
    assert manifest["field_counts"]["dates"] == 2
    assert manifest["failures"] == [{"id": "b", "uri": "v", "stage": "parse", "error": "[E002] empty"}]
