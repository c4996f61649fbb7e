"""The ``tenets`` command as a user meets it, for everything that needs no
Prefect run: one clear line and the documented exit code for expected
failures (2 for usage and configuration errors), ``-v``/``-q`` on every
command, folders read whole, and nothing created in the current folder.

Each test runs the installed command from an empty temporary folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TENETS = str(Path(sys.executable).with_name("tenets"))
ROOT = Path(__file__).resolve().parents[2]
CORPUS_DOC = ROOT / "corpus" / "004_2e1f0053462c66cc.txt"


def tenets(*args, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENETS_", "PREFECT_"))}
    return subprocess.run([TENETS, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def cwd(tmp_path):
    """An empty current folder; each test checks it stays empty."""
    here = tmp_path / "elsewhere"
    here.mkdir()
    yield here
    assert sorted(p.name for p in here.iterdir()) == [], "tenets created state in the current folder"


def _one_clear_line(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_validate_reports_a_file_that_is_not_json_as_invalid(cwd, tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    (records / "broken.json").write_text("{not json")
    result = tenets("validate", records, cwd=cwd)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "invalid broken.json: not JSON" in result.stderr
    assert "0 valid, 1 invalid" in result.stdout


def test_validate_with_a_schema_that_is_not_json_is_a_configuration_error(cwd, tmp_path):
    (tmp_path / "schema.json").write_text("<html>")
    (tmp_path / "records").mkdir()
    line = _one_clear_line(tenets("validate", tmp_path / "records", "--schema", tmp_path / "schema.json",
                                  cwd=cwd))
    assert "schema.json is not JSON" in line


def test_schema_to_an_impossible_folder_is_one_line_and_exit_2(cwd, tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = tenets("schema", "--out", tmp_path / "a-file" / "schemas", cwd=cwd)
    assert result.returncode == 2
    assert "cannot write the schemas" in _one_clear_line(result)


def test_eval_with_no_matching_records_says_so_and_fails(cwd, tmp_path):
    (tmp_path / "out").mkdir()
    result = tenets("eval", ROOT / "tests" / "gold", tmp_path / "out", cwd=cwd)
    assert result.returncode == 1
    assert "none of the 5 gold files" in _one_clear_line(result)
    assert result.stdout == ""


def test_an_unreachable_dask_scheduler_is_one_line_and_exit_2(cwd, tmp_path):
    result = tenets("run", CORPUS_DOC, "--out", tmp_path / "out", "--runner", "dask",
                    "--dask-address", "tcp://127.0.0.1:9", cwd=cwd)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == \
        "error: no Dask scheduler answers at tcp://127.0.0.1:9 (Connection refused)"


@pytest.mark.parametrize("args, message", [
    (["--runner", "spark"], "--runner must be 'threads' or 'dask'"),
    (["--max-failures", "lots"], "--max-failures"),
    (["--dask-address", "tcp://127.0.0.1:9"], "--dask-address needs --runner dask"),
])
def test_run_usage_errors_are_exit_2_before_anything_starts(cwd, tmp_path, args, message):
    result = tenets("run", CORPUS_DOC, "--out", tmp_path / "out", *args, cwd=cwd)
    assert result.returncode == 2
    assert message in _one_clear_line(result)
    assert not (tmp_path / "out").exists()


def test_run_on_a_folder_without_documents_says_what_it_skipped(cwd, tmp_path):
    folder = tmp_path / "inbox"
    (folder / "old").mkdir(parents=True)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    result = tenets("run", folder, "--out", tmp_path / "out", cwd=cwd)
    assert result.returncode == 2
    assert f"skipped {folder / 'notes.docx'}: not a document type tenets reads ('.docx'" in result.stderr
    assert f"skipped {folder / 'old'}: a folder" in result.stderr
    assert "error: no documents found" in result.stderr


def test_extract_on_a_folder_processes_every_document(cwd, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("000_009649351f482706.txt", "004_2e1f0053462c66cc.txt"):
        shutil.copy(ROOT / "corpus" / name, folder / name)
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = tenets("extract", folder, "--json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["id"] for r in records) == ["000_009649351f482706", "004_2e1f0053462c66cc"]
    assert "skipped" in result.stderr and "picture.png" in result.stderr


def test_extract_on_an_empty_folder_refuses_clearly(cwd, tmp_path):
    (tmp_path / "empty").mkdir()
    result = tenets("extract", tmp_path / "empty", cwd=cwd)
    assert result.returncode == 2
    assert "no documents in" in _one_clear_line(result)


@pytest.mark.parametrize("command", [["run"], ["extract"], ["schema"], ["validate"], ["eval"],
                                     ["train"], ["review", "serve"], ["review", "add-user"],
                                     ["review", "export"]])
def test_every_command_takes_verbose_and_quiet(command):
    from typer.testing import CliRunner

    from flows.cli import build_app

    result = CliRunner().invoke(build_app(), [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert re.search(r"--verbose\s+-v\b", result.output), result.output
    assert re.search(r"--quiet\s+-q\b", result.output), result.output


def test_verbose_shows_tenets_debug_lines_and_no_one_elses(cwd):
    result = tenets("extract", CORPUS_DOC, "-v", cwd=cwd)
    assert result.returncode == 0, result.stderr
    debug = [ln for ln in result.stderr.splitlines() if ln.startswith("DEBUG ")]
    assert debug, "no debug lines with -v"
    assert all(ln.split()[1].split(".")[0] in ("pipeline", "flows", "tenets") for ln in debug), debug
    quiet = tenets("extract", CORPUS_DOC, "-q", cwd=cwd)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout  # the record is still printed
