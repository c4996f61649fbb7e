"""Scheduling as the README describes it, against one real Prefect server:
the deployments of prefect.yaml run by a worker from a work pool, and the
flow served from this machine (``flows.serve``).  What a data engineer sees
in the UI is checked through Prefect's client: each run's final state and
its logs (the per-document outcomes)."""

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


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    port = _free_port()
    home = tmp_path_factory.mktemp("prefect-home")
    env = {**os.environ, "PREFECT_HOME": str(home),
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
    messages = _log_messages(env, parent[0]["id"])
    assert sum(1 for m in messages if m.startswith("new ")) == 5, messages


POOL_HTML = Path(__file__).resolve().parents[3] / "shared" / "corpus-pool" / "html"


def test_the_discover_and_ingest_deployment_polls_a_feed_and_downloads_nothing_twice(
        prefect_server, root, tmp_path):
    """prefect.yaml's discover-and-ingest, run twice by a worker on a local RSS feed:
    every entry ingested and exported the first time, no page downloaded again the second."""
    from fixtures.http_server import FixtureServer

    pages = sorted(POOL_HTML.glob("dos-*.html"))[:3]
    if not pages:
        pytest.skip("../shared/corpus-pool is not available")
    env = {**prefect_server, "TENETS_PROJECT_DIR": str(root), "TENETS_DATA_DIR": str(tmp_path / "data"),
           "TENETS_CORRECTIONS_DIR": str(tmp_path / "corrections"),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env = {k: v for k, v in env.items() if "proxy" not in k.lower()}
    out = tmp_path / "out-feeds"
    with FixtureServer() as server:
        urls = [server.with_etag(f"/news/{p.stem}", p.read_bytes(), etag=f'"{p.stem}"') for p in pages]
        items = "".join(f"<item><title>{p.stem}</title><link>{u}</link>"
                        f"<pubDate>Mon, 0{i + 1} Sep 2025 10:00:00 GMT</pubDate></item>"
                        for i, (p, u) in enumerate(zip(pages, urls)))
        feed = server.add("/feed", (f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
                                    f"<link>{server.url('/')}</link><description>d</description>{items}"
                                    "</channel></rss>").encode(), "application/rss+xml")
        server.add("/robots.txt", b"User-agent: *\nAllow: /\n", "text/plain")
        _prefect(env, "work-pool", "create", "tenets-pool", "--type", "process", "--overwrite", cwd=root)
        _prefect(env, "deploy", "--name", "discover-and-ingest", cwd=root)
        page_hits = []
        for _ in range(2):
            before = len(server.requests)
            _prefect(env, "deployment", "run", "ingest/discover-and-ingest", "--param", f"out_dir={out}",
                     "--param", f"sources=[\"{feed}\"]", cwd=root)
            _prefect(env, "worker", "start", "--pool", "tenets-pool", "--run-once", cwd=root, timeout=300)
            page_hits.append([r for r in server.requests[before:] if r.path.startswith("/news/")])
    assert len(list((out / "records").glob("*.json"))) == len(pages)
    assert (out / "export" / "tenets.duckdb").is_file()
    assert len(page_hits[0]) == len(pages)
    assert page_hits[1] == []  # the feed is unchanged: no page is even asked for again


def _log_messages(env, flow_run_id) -> list[str]:
    """The run's logs as the Prefect UI shows them, read from the server's API
    (over HTTP: this process's own Prefect settings may point elsewhere)."""
    logs = httpx.post(f"{env['PREFECT_API_URL']}/logs/filter",
                      json={"logs": {"flow_run_id": {"any_": [str(flow_run_id)]}}, "limit": 200}).json()
    return [log["message"] for log in logs]


def test_a_served_run_with_a_failed_document_is_failed_and_logged(prefect_server, root, tmp_path):
    """`python -m flows.serve`, as the README runs it; one run triggered from
    the server.  Its state is Failed, naming the failed document, the other
    record is written, and its logs are in the API."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "statement.txt").write_bytes((root / "corpus" / "004_2e1f0053462c66cc.txt").read_bytes())
    (docs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    env = {**prefect_server, "TENETS_CORRECTIONS_DIR": str(tmp_path / "corrections"),
           "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen([sys.executable, "-m", "flows.serve", "--cron", "0 0 1 1 *", "--sources", str(docs),
                              "--out", str(out), "--name", "served-test"], cwd=root, env=env, stdout=log,
                             stderr=subprocess.STDOUT, start_new_session=True)
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    def logged_to_the_end():
        messages = _log_messages(env, run.id)
        outcomes = [m for m in messages if m.startswith(("new ", "failed "))]
        return messages if len(outcomes) >= 2 and any(m.startswith("Ingesting") for m in messages) else None

    try:
        with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}):
            with get_client(sync_client=True) as client:
                deployment = _wait_for(lambda: _deployment(client, "ingest/served-test"), 120, serve)
                run = client.create_flow_run_from_deployment(deployment.id)
                run = _wait_for(lambda: _final(client.read_flow_run(run.id)), 240, serve)
        # Logs are sent in batches (every 2 s): the last ones may land just
        # after the state, so the serving process is stopped only once they
        # are in (stopped earlier, it could take the unsent batch with it).
        messages = _wait_for(logged_to_the_end, 60, None)
    finally:
        os.killpg(serve.pid, 15)
        serve.wait(timeout=60)
        log.close()
    assert run.state.type.value == "FAILED", run.state
    assert "2 documents: 1 new, 0 changed, 0 unchanged, 1 failed (empty)" in run.state.message
    assert (out / "records" / "statement.json").exists()
    assert any(m.startswith("Ingesting 2 documents") for m in messages), messages
    assert any(m.startswith("new ") and "statement" in m for m in messages), messages
    assert any(m.startswith("failed ") and "empty" in m and "[E002]" in m for m in messages), messages


def _deployment(client, name):
    try:
        return client.read_deployment_by_name(name)
    except Exception:  # not registered yet
        return None


def _final(run):
    return run if run.state and run.state.is_final() else None


def _wait_for(probe, seconds: float, process):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value is not None:
            return value
        assert process is None or process.poll() is None, "the serving process exited"
        time.sleep(1)
    pytest.fail(f"gave up after {seconds} s")
