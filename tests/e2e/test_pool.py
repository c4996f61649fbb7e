"""Every page of the real pool gives a record (issue 10): the 805 HTML pages
of ``../shared/corpus-pool/html/`` through the library as a run processes
them (worker processes, time and memory limits).  The texts are covered by
the quality gates and ``bench/extract_speed.py``; skipped without ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
POOL_HTML = Path(__file__).resolve().parents[3] / "shared" / "corpus-pool" / "html"


def test_every_pool_page_gives_a_record(tmp_path):
    if not POOL_HTML.is_dir():
        pytest.skip("../shared/corpus-pool is not available")
    from pipeline.api import process_many
    from pipeline.settings import Settings
    from pipeline.sources import resolve_sources

    settings = Settings(data_dir=tmp_path / "data", corrections_dir=tmp_path / "corrections")
    sources = resolve_sources([str(POOL_HTML)])
    assert len(sources) == len(list(POOL_HTML.glob("*.html")))
    failures = [f"{r.source.id} [{r.error.stage.value}] {r.error}"
                for r in process_many(sources, settings) if r.error is not None]
    assert failures == []
