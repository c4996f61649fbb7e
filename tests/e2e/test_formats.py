"""One ``tenets run`` over a mix of formats and sources, as a user runs it.

A ``sources.toml`` lists web pages and the NSTC report served by a real HTTP
server on 127.0.0.1 (started here), a folder of saved HTML pages, a folder of
the corpus text exports and every kind of bad input the issue names.  The
run must write the same values for a document whatever its format, a clear
error (document, stage, cause) for each bad input, carry on past them, and
keep what earlier runs wrote.  Prefect's server costs ~15 s, so everything
is checked on one run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.html_pages import html_page
from fixtures.http_server import FixtureServer
from fixtures.pdf_report import encrypted_pdf, report_pdf, scanned_pdf, truncated
from fixtures.records import field_values

pytestmark = pytest.mark.e2e
TENETS = str(Path(sys.executable).with_name("tenets"))
REPORT = "001_deaef4ef2796e198"
WEB = ["000_009649351f482706", "002_95c04f3a6c09f0e3"]  # served over HTTP
SAVED = ["003_e3b584d7aeb36b41", "004_2e1f0053462c66cc"]  # saved pages in a folder

# id -> (stage, code) of each bad input
BAD = {
    "bad-404": ("fetch", "E012"),
    "bad-timeout": ("fetch", "E018"),
    "bad-empty-200": ("fetch", "E019"),
    "bad-binary-as-html": ("parse", "E003"),
    "bad-lying-charset": ("parse", "E004"),
    "bad-truncated": ("parse", "E011"),
    "bad-encrypted": ("parse", "E010"),
    "bad-scanned": ("parse", "E009"),
    "bad-empty": ("parse", "E002"),
}


def tenets(*args, cwd: Path, env_extra: dict, timeout: int = 300):
    return subprocess.run([TENETS, *args], cwd=cwd, env={**os.environ, **env_extra},
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def server():
    with FixtureServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def project(tmp_path_factory, root, server):
    work = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    report = report_pdf((corpus / f"{REPORT}.txt").read_text("utf-8"),
                        two_column_heading="ABOUT THE NATIONAL SCIENCE AND TECHNOLOGY COUNCIL",
                        running_title="Advancing International Cooperation in QIST")
    docs = []
    for doc_id in WEB:
        url = server.with_etag(f"/briefing-room/{doc_id}/", html_page(doc_id).encode(), etag=f'"{doc_id}"')
        docs.append(f'[[document]]\nid = "web-{doc_id}"\nurl = "{url}"\n')
    url = server.add(f"/reports/{REPORT}.pdf", report, "application/pdf")
    docs.append(f'[[document]]\nid = "pdf-{REPORT}"\nurl = "{url}"\n')

    (work / "pages").mkdir()
    for doc_id in SAVED:
        (work / "pages" / f"{doc_id}.html").write_text(html_page(doc_id), encoding="utf-8")
    (work / "text").mkdir()
    for path in corpus.glob("*.txt"):
        (work / "text" / path.name).write_bytes(path.read_bytes())
    docs.append('[[document]]\nid = "page"\npath = "pages"\n')
    docs.append('[[document]]\nid = "text"\npath = "text"\n')

    bad_urls = {
        "bad-404": server.url("/gone.html"),
        "bad-timeout": server.slow("/slow.html", delay=6.0),
        "bad-empty-200": server.add("/empty.html", b""),
        "bad-binary-as-html": server.add("/binary.html", bytes(range(256)) * 40, "text/html"),
        "bad-lying-charset": server.add(
            "/lying.html", "<html><body><p>Déclaration signée à Genève</p></body></html>".encode("cp1252"),
            "text/html; charset=utf-8"),
    }
    docs += [f'[[document]]\nid = "{i}"\nurl = "{u}"\n' for i, u in bad_urls.items()]
    (work / "bad").mkdir()
    bad_files = {"bad-truncated": ("pdf", truncated(report)), "bad-encrypted": ("pdf", encrypted_pdf()),
                 "bad-scanned": ("pdf", scanned_pdf()), "bad-empty": ("html", b"")}
    for doc_id, (suffix, data) in bad_files.items():
        (work / "bad" / f"{doc_id}.{suffix}").write_bytes(data)
        docs.append(f'[[document]]\nid = "{doc_id}"\npath = "bad/{doc_id}.{suffix}"\n')
    (work / "sources.toml").write_text("\n".join(docs), encoding="utf-8")

    # What an earlier run wrote for a page that now times out must survive.
    earlier = work / "out" / "records" / "bad-timeout.json"
    earlier.parent.mkdir(parents=True)
    earlier.write_text(json.dumps({"id": "bad-timeout", "note": "written by an earlier run"}) + "\n")
    return work


@pytest.fixture(scope="module")
def env(project, root):
    return {"TENETS_DATA_DIR": str(project / ".data"), "TENETS_CORRECTIONS_DIR": str(project / "corrections"),
            "TENETS_READ_TIMEOUT": "1", "PREFECT_HOME": str(root / ".prefect")}


@pytest.fixture(scope="module")
def run(project, env):
    return tenets("run", "sources.toml", "--out", "out", cwd=project, env_extra=env)


def record(project: Path, doc_id: str) -> dict:
    return json.loads((project / "out" / "records" / f"{doc_id}.json").read_text("utf-8"))


def test_the_run_carries_on_past_bad_documents(run, project):
    assert run.returncode == 1, run.stderr  # some documents failed, and the run says so
    assert "Traceback" not in run.stderr
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    failed = {f["id"]: f for f in manifest["failures"]}
    assert set(failed) == set(BAD)
    assert manifest["documents"] == len(BAD) + 5 + len(WEB) + 1 + len(SAVED)


@pytest.mark.parametrize("doc_id", sorted(BAD))
def test_each_bad_input_is_a_clear_error(run, project, doc_id):
    error = json.loads((project / "out" / "errors" / f"{doc_id}.json").read_text())
    stage, code = BAD[doc_id]
    assert (error["id"], error["stage"], error["code"]) == (doc_id, stage, code)
    assert error["cause"].startswith(f"[{code}]") and len(error["cause"]) > 20
    assert f"failed {doc_id} [{stage}]" in run.stderr


def test_what_an_earlier_run_wrote_is_kept(run, project):
    kept = json.loads((project / "out" / "records" / "bad-timeout.json").read_text())
    assert kept["note"] == "written by an earlier run"


@pytest.mark.parametrize(("doc_id", "as_id", "media_type"), [
    *[(d, f"web-{d}", "text/html") for d in WEB],
    *[(d, f"page-{d}", "text/html") for d in SAVED],
    (REPORT, f"pdf-{REPORT}", "application/pdf"),
])
def test_the_same_document_gives_the_same_record_in_every_format(run, project, doc_id, as_id, media_type):
    other = record(project, as_id)
    assert other["source"]["media_type"] == media_type
    assert field_values(other) == field_values(record(project, f"text-{doc_id}"))


def test_pages_are_kept_in_the_raw_store(run, project, server):
    doc = record(project, f"pdf-{REPORT}")
    sha = doc["source"]["sha256"]
    assert (project / ".data" / "raw" / sha).is_file()
    sidecar = json.loads((project / ".data" / "raw" / f"{sha}.json").read_text())
    assert sidecar["url"] == doc["source"]["uri"] and sidecar["status"] == 200
    assert sidecar["headers"]["content-type"] == "application/pdf"
    # One request per URL: nothing is retried that should not be.
    assert len(server.hits("/gone.html")) == 1 and len(server.hits("/slow.html")) == 1


def test_extract_takes_a_url(run, project, env, server):
    url = server.url(f"/briefing-room/{WEB[1]}/")
    result = tenets("extract", url, "--json", cwd=project, env_extra=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["uri"] == url and doc["kind"] == "joint_statement"
    # The run stored the page: this fetch was a conditional request, answered 304.
    last = server.hits(f"/briefing-room/{WEB[1]}/")[-1]
    assert last.headers["if-none-match"] == f'"{WEB[1]}"'
    assert doc["source"]["sha256"] == record(project, f"web-{WEB[1]}")["source"]["sha256"]
