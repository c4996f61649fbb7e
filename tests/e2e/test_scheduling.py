"""Scheduling as the README describes it: a Prefect server, a work pool, the
deployments of prefect.yaml, and a worker that runs one of them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def prefect_server(tmp_path):
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("the Prefect server did not start")
    yield env
    os.killpg(server.pid, 15)
    server.wait(timeout=30)


def _prefect(env, *args, cwd, timeout=180):
    result = subprocess.run([str(BIN / "prefect"), "--no-prompt", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"prefect {' '.join(args)}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result.stdout


def test_deployments_from_prefect_yaml_run_on_a_worker(prefect_server, root, tmp_path):
    env = {**prefect_server, "TENETS_PROJECT_DIR": str(root),
           "TENETS_CORRECTIONS_DIR": str(tmp_path / "corrections"),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    _prefect(env, "work-pool", "create", "tenets-pool", "--type", "process", cwd=root)
    _prefect(env, "deploy", "--all", cwd=root)
    listing = _prefect(env, "deployment", "ls", cwd=root)
    assert "ingest/ingest-daily" in listing and "ingest/ingest-weekly-dask" in listing

    out = tmp_path / "out"
    _prefect(env, "deployment", "run", "ingest/ingest-daily", "--param", f"out_dir={out}", cwd=root)
    _prefect(env, "worker", "start", "--pool", "tenets-pool", "--run-once", cwd=root, timeout=300)

    assert len(list((out / "records").glob("*.json"))) == 5
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"] == 5 and not manifest["failures"]
    runs = httpx.post(f"{env['PREFECT_API_URL']}/flow_runs/filter", json={"limit": 10}).json()
    parent = [r for r in runs if r["parent_task_run_id"] is None and r["parameters"].get("out_dir") == str(out)]
    assert [r["state_type"] for r in parent] == ["COMPLETED"]
    assert "5 documents: 5 new" in parent[0]["state"]["message"]
