"""``tenets run`` against hostile sources (issue 9), as a user runs it.

One run (Prefect's server costs ~15 s) over a ``sources.toml`` served by a
real HTTP server on 127.0.0.2, reached through a logging proxy: a page behind
a password given in the URL, redirects to the cloud metadata address and to
another loopback address, and a server that trickles its headers a byte at a
time.  The proxy's log proves nothing was asked of the refused targets.  A
sources file whose id climbs out of ``--out`` is a usage error before
anything runs.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.http_server import FixtureServer, LoggingProxy, Response

pytestmark = pytest.mark.e2e
TENETS = str(Path(sys.executable).with_name("tenets"))
PASSWORD = "Zq9-not-for-logs"
TOKEN = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
METADATA = "http://169.254.169.254/latest/meta-data/"
PAGE = (b"<!DOCTYPE html><html><head><title>Joint Statement on Quantum</title></head><body><main>"
        b"<h1>Joint Statement on Quantum</h1><p>May 6, 2024</p>"
        b"<p>The United States and Japan signed the statement today.</p></main></body></html>")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return {**env, "PREFECT_HOME": str(tmp_path / ".prefect"), "TENETS_DATA_DIR": str(tmp_path / "data"),
            "TENETS_CORRECTIONS_DIR": str(tmp_path / "corrections"), **extra}


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_source_id_that_climbs_out_is_a_usage_error(tmp_path, root):
    work = tmp_path / "work"
    work.mkdir()
    (work / "doc.txt").write_text("The United States and Japan signed the statement on May 6, 2024.")
    listing = work / "sources.toml"
    listing.write_text('[[document]]\nid = "fine"\npath = "doc.txt"\n\n'
                       '[[document]]\nid = "../../x"\npath = "doc.txt"\n')
    before = _listing(tmp_path)
    result = subprocess.run([TENETS, "run", str(listing), "--out", str(work / "out")], cwd=root,
                            env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "E017" in result.stderr and str(listing) in result.stderr
    assert "document #2" in result.stderr and "'../../x'" in result.stderr
    assert _listing(tmp_path) == before  # nothing written, inside --out or out of it


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, root):
    tmp_path = tmp_path_factory.mktemp("hostile")

    def private(req):
        if req.headers.get("authorization") != f"Basic {TOKEN}":
            return Response(401, b"who are you?", {"WWW-Authenticate": "Basic"})
        return Response(200, PAGE, {"Content-Type": "text/html; charset=utf-8"})

    # 127.0.0.2 goes through the proxy; Prefect's own server on 127.0.0.1 does not.
    with FixtureServer(host="127.0.0.2") as server, LoggingProxy() as proxy:
        port = server.url("/").rsplit(":", 1)[1].rstrip("/")
        server.route("/private.html", private)
        server.route("/to-metadata", lambda req: Response(302, b"", {"Location": METADATA}))
        server.route("/to-loopback",
                     lambda req: Response(302, b"", {"Location": f"http://127.0.0.3:{port}/admin"}))
        server.route("/drip", lambda req: Response(200, PAGE, {"Content-Type": "text/html"},
                                                   header_delay=0.5))
        base = server.url("/")
        listing = tmp_path / "sources.toml"
        listing.write_text(
            f'[[document]]\nid = "private"\nurl = "{base.replace("http://", f"http://alice:{PASSWORD}@")}'
            'private.html"\n\n'
            f'[[document]]\nid = "metadata"\nurl = "{base}to-metadata"\n\n'
            f'[[document]]\nid = "loopback"\nurl = "{base}to-loopback"\n\n'
            f'[[document]]\nid = "drip"\nurl = "{base}drip"\n')
        env = _env(tmp_path, HTTP_PROXY=proxy.address, http_proxy=proxy.address,
                   NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
                   TENETS_FETCH_DEADLINE="3", TENETS_READ_TIMEOUT="30")
        started = time.monotonic()
        result = subprocess.run([TENETS, "run", str(listing), "--out", str(tmp_path / "out")], cwd=root,
                                env=env, capture_output=True, text=True, timeout=300)
        elapsed = time.monotonic() - started
        yield {"result": result, "out": tmp_path / "out", "tmp": tmp_path, "proxy": list(proxy.requested),
               "server": server, "base": base, "elapsed": elapsed}


def _error(run, doc_id: str) -> dict:
    return json.loads((run["out"] / "errors" / f"{doc_id}.json").read_text())


def test_redirects_to_internal_addresses_fail_and_are_never_requested(hostile_run):
    assert hostile_run["result"].returncode == 1, hostile_run["result"].stderr
    metadata = _error(hostile_run, "metadata")
    assert metadata["stage"] == "fetch" and metadata["code"] == "E025"
    assert METADATA in metadata["cause"] and "link-local address 169.254.169.254" in metadata["cause"]
    loopback = _error(hostile_run, "loopback")
    assert loopback["code"] == "E025" and "127.0.0.3" in loopback["cause"]
    asked = hostile_run["proxy"]
    assert hostile_run["base"] + "to-metadata" in asked and hostile_run["base"] + "private.html" in asked
    assert not [url for url in asked if "169.254.169.254" in url or "127.0.0.3" in url]


def test_a_server_trickling_its_headers_fails_at_the_deadline(hostile_run):
    drip = _error(hostile_run, "drip")
    assert drip["stage"] == "fetch" and drip["code"] == "E027"
    assert hostile_run["base"] + "drip" in drip["cause"] and "overall deadline of 3 s" in drip["cause"]
    # Prefect's server start included; the drip alone would take 70 s (140 header bytes).
    assert hostile_run["elapsed"] < 120


def test_credentials_are_used_but_written_nowhere(hostile_run):
    record = json.loads((hostile_run["out"] / "records" / "private.json").read_text())
    assert record["source"]["uri"] == hostile_run["base"] + "private.html"
    assert [r.headers.get("authorization") for r in hostile_run["server"].hits("/private.html")] == \
        [f"Basic {TOKEN}"]
    tmp = hostile_run["tmp"]
    written = [p for p in tmp.rglob("*") if p.is_file() and p.name != "sources.toml"]
    assert any(p.is_relative_to(tmp / "data") for p in written)
    for path in written:  # records, errors, manifest, raw store, Prefect's database and logs
        data = path.read_bytes()
        assert PASSWORD.encode() not in data and TOKEN.encode() not in data, path
    result = hostile_run["result"]
    assert PASSWORD not in result.stdout + result.stderr and TOKEN not in result.stdout + result.stderr


def test_credentials_on_the_command_line_are_written_nowhere(tmp_path, root):
    def private(req):
        if req.headers.get("authorization") != f"Basic {TOKEN}":
            return Response(401, b"who are you?", {"WWW-Authenticate": "Basic"})
        return Response(200, PAGE, {"Content-Type": "text/html; charset=utf-8"})

    with FixtureServer() as server:
        url = server.route("/private.html", private).replace("http://", f"http://alice:{PASSWORD}@")
        result = subprocess.run([TENETS, "run", url, "--out", str(tmp_path / "out")], cwd=root,
                                env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    leaks = [p for p in tmp_path.rglob("*") if p.is_file() and PASSWORD.encode() in p.read_bytes()]
    assert leaks == []
