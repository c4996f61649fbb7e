"""Shared fixtures: the corpus, the extra corpus in ../shared (tests that need
it skip when it is absent), and a settings object isolated in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold"
SHARED_EXTRA = ROOT.parent / "shared" / "corpus-extra"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def extra_corpus() -> Path:
    if not (SHARED_EXTRA / "docs").is_dir():
        pytest.skip("../shared/corpus-extra is not available")
    return SHARED_EXTRA


@pytest.fixture
def isolated_settings(tmp_path, monkeypatch):
    """Settings whose data and corrections folders live in tmp_path."""
    from pipeline import settings as settings_module

    monkeypatch.setenv("TENETS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TENETS_CORRECTIONS_DIR", str(tmp_path / "corrections"))
    settings_module.get_settings.cache_clear()
    yield settings_module.get_settings()
    settings_module.get_settings.cache_clear()


def load_json(path: Path) -> dict:
    return json.loads(Path(path).read_text("utf-8"))


def raw_from_text(text: str, doc_id: str = "doc"):
    """An inline text document as the fetch stage would hand it on."""
    import hashlib
    from datetime import datetime, timezone

    from pipeline.raw import RawDocument
    from pipeline.sources import Source

    data = text.encode("utf-8")
    return RawDocument(source=Source(id=doc_id, uri=f"memory:{doc_id}"), data=data,
                       media_type="text/plain", sha256=hashlib.sha256(data).hexdigest(),
                       fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc))


def record_from_text(text: str, doc_id: str = "doc"):
    """Run parse -> extract -> assemble on an inline text document."""
    from pipeline.extract import extract
    from pipeline.parse import parse
    from pipeline.records import assemble

    raw = raw_from_text(text, doc_id)
    parsed = parse(raw)
    return assemble(raw, parsed, extract(parsed))


def context_from_text(text: str, doc_id: str = "doc"):
    """The extraction context of an inline text document, after every extractor ran."""
    from pipeline.extract import extract, make_context
    from pipeline.parse import parse

    parsed = parse(raw_from_text(text, doc_id))
    ctx = make_context(parsed)
    extract(parsed, ctx=ctx)
    return ctx


def rule_roles_from_text(text: str) -> dict[str, str]:
    """The hand-written rules' role of each person mention (before the trained
    person model weighs it with the rest)."""
    from pipeline.extract.mentions import find_mentions
    from pipeline.extract.person_rules import mention_role

    ctx = context_from_text(text)
    return {m.name: mention_role(ctx, m)[0].value for m in find_mentions(ctx)}


@pytest.fixture
def extract_text():
    return record_from_text


# -- End-to-end: one project and one set of `tenets run`s for the whole session -------------
#
# `tenets run` starts Prefect's embedded server (10-20 s), so every end-to-end
# check that can share a run uses these: a clean run of the corpus, then a run
# that adds documents that fail to the same output folder (on a terminal).

from fixtures.runs import Run, run_tenets

BAD_DOCUMENTS = ("bad/empty.txt", "bad/binary.txt", "bad/latin1.txt", "bad/missing.txt")


@pytest.fixture(scope="session")
def e2e_project(tmp_path_factory) -> Path:
    """A user's project folder: the corpus, the schemas, and documents that fail."""
    import shutil

    work = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "corpus", work / "corpus")
    shutil.copytree(ROOT / "schemas", work / "schemas")
    (work / "bad").mkdir()
    (work / "bad" / "empty.txt").write_bytes(b"")
    (work / "bad" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (work / "bad" / "latin1.txt").write_bytes("Déclaration commune sur la coopération".encode("latin-1"))
    return work


@pytest.fixture(scope="session")
def corpus_run(e2e_project) -> Run:
    """``tenets run corpus --out out`` in the project folder, as the README says."""
    return run_tenets("run", "corpus", "--out", "out", cwd=e2e_project)


@pytest.fixture(scope="session")
def refusing_server():
    """A web server whose one page redirects to an address nobody named (a
    private network), which tenets refuses to follow."""
    from fixtures.http_server import FixtureServer, Response

    with FixtureServer() as server:
        server.route("/moved", lambda req: Response(302, b"", {"Location": "http://10.255.255.1/secret"}))
        yield server


@pytest.fixture(scope="session")
def failing_run(corpus_run, e2e_project, refusing_server) -> Run:
    """The same output folder again, with documents that fail in every way (a
    refused redirect too), on a terminal: the user sees the progress bar."""
    assert corpus_run.returncode == 0, corpus_run.stderr
    return run_tenets("run", "corpus", *BAD_DOCUMENTS, refusing_server.url("/moved"), "--out", "out",
                      cwd=e2e_project, tty=True)
