"""Operations through the CLI and the flow: Dask, locking, interruption.

Each test starts Prefect's embedded server (~10-20 s), so there are few of
them and each checks one behaviour a data engineer relies on.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.runs import user_env

from pipeline.incremental import output_lock

pytestmark = pytest.mark.e2e
TENETS = str(Path(sys.executable).with_name("tenets"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


def _env(tmp_path, root):
    return {**user_env(), "TENETS_CORRECTIONS_DIR": str(tmp_path / "corrections")}


def _records(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "records").glob("*.json"))}


def test_dask_run_gives_the_same_records_as_the_sequential_run(corpus_run, e2e_project, tmp_path):
    """The session's threads run of the corpus against a Dask run of it, from
    the same project folder."""
    assert corpus_run.returncode == 0, corpus_run.stderr
    dask = subprocess.run([TENETS, "run", "corpus", "--out", str(tmp_path / "dask"), "--runner", "dask"],
                          cwd=e2e_project, env=user_env(), capture_output=True, text=True, timeout=300)
    assert dask.returncode == 0, dask.stderr
    assert "5 new" in dask.stderr and "Traceback" not in dask.stderr
    # Tasks ran in Dask's processes: the outcomes are listed from the run's summary.
    assert sum(1 for line in dask.stderr.splitlines() if line.startswith("  new ")) == 5
    assert _records(e2e_project / "out") == _records(tmp_path / "dask")
    assert len(_records(tmp_path / "dask")) == 5


def test_a_second_run_on_a_busy_output_folder_exits_with_a_clear_message(tmp_path, root):
    out = tmp_path / "out"
    with output_lock(out):
        started = time.monotonic()
        result = subprocess.run([TENETS, "run", "corpus", "--out", str(out), "--wait", "1"], cwd=root,
                                env=_env(tmp_path, root), capture_output=True, text=True, timeout=120)
        waited = time.monotonic() - started
    assert result.returncode == 3
    assert "in use by another tenets run" in result.stderr
    assert waited >= 1.0
    assert not (out / "records").exists()


def test_a_run_killed_mid_way_leaves_no_partial_record_and_the_next_run_completes(tmp_path, root):
    from generate_corpus import generate

    docs = tmp_path / "docs"
    generate(docs, 200, seed=3, formats=("txt", "html"))
    out = tmp_path / "out"
    cmd = [TENETS, "run", str(docs), "--out", str(out), "--batch-size", "5", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=root, env=_env(tmp_path, root), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and len(list((out / "records").glob("*.json"))) < 10:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = list((out / "records").glob("*.json"))
    assert 10 <= len(written) < 200, "the kill should land in the middle of the run"
    for path in written:  # every record on disk is complete
        assert json.loads(path.read_text())["id"] == path.stem

    again = subprocess.run(cmd[:-1], cwd=root, env=_env(tmp_path, root), capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert len(list((out / "records").glob("*.json"))) == 200
    assert not list((out / "records").glob(".*.tmp"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"] == 200 and not manifest["failures"]
