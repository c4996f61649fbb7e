"""End to end through the installed ``tenets`` command, as a user runs it.

``tenets run`` starts Prefect's embedded server (~15-20 s), so the run tests
share one output folder: a clean run of the corpus, then a run that adds bad
documents to the same folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

pytestmark = pytest.mark.e2e
TENETS = str(Path(sys.executable).with_name("tenets"))


def tenets(*args, cwd: Path, env_extra: dict | None = None, timeout: int = 300):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([TENETS, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, root):
    """A user's project folder: the corpus plus a corrections folder of its own."""
    work = tmp_path_factory.mktemp("project")
    shutil.copytree(root / "corpus", work / "corpus")
    shutil.copytree(root / "schemas", work / "schemas")
    (work / "bad").mkdir()
    (work / "bad" / "empty.txt").write_bytes(b"")
    (work / "bad" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (work / "bad" / "latin1.txt").write_bytes("Déclaration commune sur la coopération".encode("latin-1"))
    return work


@pytest.fixture(scope="module")
def env(workdir, root):
    return {"TENETS_CORRECTIONS_DIR": str(workdir / "corrections"),
            "PREFECT_HOME": str(root / ".prefect")}


@pytest.fixture(scope="module")
def clean_run(workdir, env):
    return tenets("run", "corpus", "--out", "out", cwd=workdir, env_extra=env)


def test_run_writes_valid_records_for_the_corpus(clean_run, workdir):
    assert clean_run.returncode == 0, clean_run.stderr
    assert "5 new" in clean_run.stderr
    # A run that succeeded shows no tracebacks or errors, not even from shutdown.
    assert "Traceback" not in clean_run.stderr and "ERROR" not in clean_run.stderr
    out = workdir / "out"
    records = sorted((out / "records").glob("*.json"))
    assert [p.stem for p in records] == sorted(p.stem for p in (workdir / "corpus").glob("*.txt"))
    schema = json.loads((workdir / "schemas" / "record.schema.json").read_text())
    for path in records:
        jsonschema.validate(json.loads(path.read_text()), schema)
    lines = (out / "records.jsonl").read_text().splitlines()
    assert len(lines) == 5
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"] == 5 and manifest["failures"] == []
    assert manifest["field_counts"]["people"] > 40


def test_validate_and_eval_commands(clean_run, workdir, root):
    result = tenets("validate", "out", cwd=workdir)
    assert result.returncode == 0 and "5 valid, 0 invalid" in result.stdout
    result = tenets("eval", str(root / "tests" / "gold"), "out", cwd=workdir)
    assert result.returncode == 0
    rows = {line.split()[0]: float(line.split()[3]) for line in result.stdout.splitlines()[1:]
            if line.split() and line.split()[0] in {"kind", "dates", "people", "principles"}}
    assert rows and all(f1 >= 0.9 for f1 in rows.values())


def test_bad_documents_fail_alone_and_nothing_is_lost(clean_run, workdir, env):
    out = workdir / "out"
    before = {p.name: p.stat().st_mtime_ns for p in (out / "records").glob("*.json")}
    result = tenets("run", "corpus", "bad/empty.txt", "bad/binary.txt", "bad/latin1.txt",
                    "bad/missing.txt", "--out", "out", cwd=workdir, env_extra=env)
    assert result.returncode == 1
    assert "5 unchanged" in result.stderr and "4 failed" in result.stderr
    for doc in ("empty", "binary", "latin1", "missing"):
        assert f"failed {doc}" in result.stderr
    errors = {p.stem: json.loads(p.read_text()) for p in (out / "errors").glob("*.json")}
    assert errors["empty"]["stage"] == "parse" and "empty" in errors["empty"]["cause"]
    assert errors["binary"]["stage"] == "parse" and "binary" in errors["binary"]["cause"]
    assert errors["latin1"]["stage"] == "parse" and "UTF-8" in errors["latin1"]["cause"]
    assert errors["missing"]["stage"] == "fetch" and "not found" in errors["missing"]["cause"]
    # The corpus records are untouched: unchanged input rewrites nothing.
    after = {p.name: p.stat().st_mtime_ns for p in (out / "records").glob("*.json")}
    assert after == before
    manifest = json.loads((out / "manifest.json").read_text())
    assert {f["id"] for f in manifest["failures"]} == {"empty", "binary", "latin1", "missing"}


def test_extract_json_prints_exactly_one_record(workdir):
    result = tenets("extract", "corpus/004_2e1f0053462c66cc.txt", "--json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["kind"] == "press_release"
    assert {(d["value"], d["role"]) for d in record["dates"]} >= {("2019-12-19", "signed")}
    assert "Japan" in {p["name"] for p in record["parties"]}


def test_extract_reports_bad_input_and_usage_errors(workdir):
    result = tenets("extract", "bad/empty.txt", cwd=workdir)
    assert result.returncode == 1 and "[parse]" in result.stderr and "empty" in result.stderr
    assert tenets("run", "--no-such-option", cwd=workdir).returncode == 2
    assert tenets("eval", "nowhere", "out", cwd=workdir).returncode == 2


def test_eval_measures_the_real_annotated_documents(root):
    """`tenets eval --part` extracts and scores the split's documents, with
    per-field calibration error and F1 per kind and per publisher."""
    result = tenets("eval", "--part", "dev", "--json", cwd=root)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    if report["documents_scored"] < 10:
        pytest.skip("../shared is not available: only the corpus is scored")
    assert set(report["fields"]) == {"kind", "title", "dates", "parties", "signatories", "people",
                                     "principles", "recommendations"}
    assert "ece" in report["fields"]["dates"]
    assert {"kind", "publisher"} <= set(report["groups"])
    assert "The White House" in report["groups"]["publisher"]


def test_eval_and_train_refuse_a_missing_split(tmp_path):
    for command in (["eval", "--part", "dev"], ["train"]):
        result = tenets(*command, "--split", str(tmp_path / "nope.tsv"), cwd=tmp_path)
        assert result.returncode == 2
        assert "not found" in result.stderr
