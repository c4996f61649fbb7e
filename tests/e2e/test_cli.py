"""End to end through the installed ``tenets`` command, as a user runs it.

``tenets run`` starts Prefect's embedded server (~15-20 s), so the run checks
share the session's runs (tests/conftest.py): a clean run of the corpus, then
a run on a terminal that adds documents that fail to the same output folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from fixtures.runs import run_tenets

pytestmark = pytest.mark.e2e


def tenets(*args, cwd: Path, timeout: int = 300):
    return run_tenets(*map(str, args), cwd=cwd, timeout=timeout)


@pytest.fixture(scope="module")
def workdir(e2e_project):
    return e2e_project


def test_run_writes_valid_records_for_the_corpus(corpus_run, workdir):
    assert corpus_run.returncode == 0, corpus_run.stderr
    assert "5 new" in corpus_run.stderr
    # A run that succeeded shows no tracebacks or errors, not even from shutdown.
    assert "Traceback" not in corpus_run.stderr and "ERROR" not in corpus_run.stderr
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


def test_a_run_creates_nothing_but_its_output_in_the_current_folder(corpus_run, workdir):
    """Prefect's home, the raw store and caches live in the data folders
    (the project's by default), never in whatever folder the user is in."""
    assert corpus_run.returncode == 0, corpus_run.stderr
    assert sorted(p.name for p in workdir.iterdir()) == ["bad", "corpus", "out", "schemas"]


def test_progress_shows_at_once_and_one_line_per_document(corpus_run):
    """Not a terminal: plain lines, the first before Prefect's server is up,
    then each document's line as its outcome is known."""
    times = corpus_run.line_times
    assert times[0][0] < 5.0, times[:3]
    assert times[0][1].startswith("tenets ") and "ingesting 5 documents" in times[0][1]
    outcomes = [(t, line) for t, line in times if re.match(r"^  (new|changed|unchanged|failed) ", line)]
    assert len(outcomes) == 5
    assert all(line.split()[0] == "new" for _, line in outcomes)
    assert times[-1][1].startswith("done: 5 documents")
    # The lines come as documents finish, not all at the end of the run.
    assert outcomes[-1][0] - outcomes[0][0] > 0.05 or len(outcomes) == 1


def test_validate_and_eval_commands(corpus_run, workdir, root):
    result = tenets("validate", "out", cwd=workdir)
    assert result.returncode == 0 and "5 valid, 0 invalid" in result.stdout
    result = tenets("eval", str(root / "tests" / "gold"), "out", cwd=workdir)
    assert result.returncode == 0
    rows = {line.split()[0]: float(line.split()[3]) for line in result.stdout.splitlines()[1:]
            if line.split() and line.split()[0] in {"kind", "dates", "people", "principles"}}
    assert rows and all(f1 >= 0.9 for f1 in rows.values())


def test_bad_documents_fail_alone_and_nothing_is_lost(corpus_run, failing_run, workdir):
    out = workdir / "out"
    result = failing_run
    assert result.returncode == 1
    assert "5 unchanged" in result.stderr and "5 failed" in result.stderr
    for doc in ("empty", "binary", "latin1", "missing"):
        assert f"failed {doc} [" in result.stderr
    errors = {p.stem: json.loads(p.read_text()) for p in (out / "errors").glob("*.json")}
    assert errors["empty"]["stage"] == "parse" and "empty" in errors["empty"]["cause"]
    assert errors["binary"]["stage"] == "parse" and "binary" in errors["binary"]["cause"]
    assert errors["latin1"]["stage"] == "parse" and "UTF-8" in errors["latin1"]["cause"]
    assert errors["missing"]["stage"] == "fetch" and "not found" in errors["missing"]["cause"]
    # The corpus records are untouched: unchanged input rewrites nothing.
    assert sorted(p.stem for p in (out / "records").glob("*.json")) == \
        sorted(p.stem for p in (workdir / "corpus").glob("*.txt"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert {f["id"] for f in manifest["failures"]} >= {"empty", "binary", "latin1", "missing"}
    assert len(manifest["failures"]) == 5


def test_a_failed_run_says_so_once_per_failure_with_no_traceback(failing_run):
    """Each failure is one line, printed once, even the refused redirect that
    used to print a Prefect traceback between the progress lines; the run
    ends with one line saying it failed."""
    text = failing_run.stderr
    assert "Traceback" not in text and "ERROR" not in text
    for doc in ("empty", "binary", "latin1", "missing"):
        assert len(re.findall(rf"failed {doc} \[", text)) == 1, doc
    refused = re.findall(r"failed moved-\w+ \[fetch\]: \[E025\] Refused redirect to http://10\.255\.255\.1", text)
    assert len(refused) == 1, text[-3000:]
    assert "error: the run failed: 5 of 10 documents failed (0 tolerated" in text


def test_a_terminal_shows_a_progress_bar_with_rate_and_eta(failing_run):
    text = failing_run.stderr
    assert "10/10" in text and "ETA" in text and "docs/s" in text
    assert "\x1b[" in text  # drawn with terminal control codes, not plain lines
    assert "  unchanged " not in text  # on a terminal only failures get a line of their own


def test_a_tolerated_number_of_failures_is_a_successful_run(e2e_project, tmp_path):
    result = tenets("run", "corpus/004_2e1f0053462c66cc.txt", "bad/empty.txt", "--out", tmp_path / "out",
                    "--max-failures", "50%", cwd=e2e_project)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stderr and "1 failed" in result.stderr
    assert "failed empty [parse]" in result.stderr
    assert (tmp_path / "out" / "records" / "004_2e1f0053462c66cc.json").exists()


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
    per-field calibration error and F1 per kind, per publisher and per
    annotation (the independent annotators' pages apart from the project's)."""
    result = tenets("eval", "--part", "dev", "--json", cwd=root)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    if report["documents_scored"] < 10:
        pytest.skip("../shared is not available: only the corpus is scored")
    assert set(report["fields"]) == {"kind", "title", "dates", "parties", "signatories", "people",
                                     "principles", "recommendations"}
    assert "ece" in report["fields"]["dates"]
    assert {"kind", "publisher", "annotation"} <= set(report["groups"])
    assert "The White House" in report["groups"]["publisher"]
    assert {"independent", "project"} <= set(report["groups"]["annotation"])


def test_eval_and_train_refuse_a_missing_split(tmp_path):
    for command in (["eval", "--part", "dev"], ["train"]):
        result = tenets(*command, "--split", str(tmp_path / "nope.tsv"), cwd=tmp_path)
        assert result.returncode == 2
        assert "not found" in result.stderr


def test_eval_reads_the_pages_from_their_html(root):
    """`tenets eval --html` scores the annotated pages read from their original
    HTML (the others are left out), and refuses cross-validation with it."""
    result = tenets("eval", "--part", "test", "--html", "--json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 1:
        pytest.skip("../shared is not available: no page keeps its HTML")
    report = json.loads(result.stdout)
    texts = json.loads(tenets("eval", "--part", "test", "--json", cwd=root).stdout)
    assert 0 < report["documents_scored"] < texts["documents_scored"]
    refused = tenets("eval", "--html", "--cv", "2", cwd=root)
    assert refused.returncode == 2 and "--html" in refused.stderr
