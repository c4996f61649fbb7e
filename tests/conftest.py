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

    from pipeline.fetch import RawDocument
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


@pytest.fixture
def extract_text():
    return record_from_text
