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
