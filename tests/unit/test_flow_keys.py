"""The flow's incremental and cache keys (no Prefect server needed)."""

import json

from flows.ingest import _extraction_cache_key, _retry_tokens, _token
from pipeline.incremental import document_key, previous_outcomes
from pipeline.sources import Source


def test_a_document_that_failed_last_run_changes_its_batch_cache_key(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({
        "started_at": "2026-01-01T00:00:00+00:00",
        "failures": [{"id": "slow", "uri": "u", "stage": "parse", "error": "[E015] Timed out"}],
        "outcomes": [{"id": "ok", "key": "k1", "status": "new"},
                     {"id": "slow", "status": "failed"}]}))
    retry = _retry_tokens(tmp_path)
    batch = [Source(id="ok", uri="a"), Source(id="slow", uri="b")]
    assert _token(batch, retry) == "slow@2026-01-01T00:00:00+00:00"
    assert _token([Source(id="ok", uri="a")], retry) == ""
    key_now = _extraction_cache_key(None, {"batch": [], "retry_token": _token(batch, retry)})
    key_clean = _extraction_cache_key(None, {"batch": [], "retry_token": ""})
    assert key_now != key_clean
    assert set(previous_outcomes(tmp_path)) == {"ok"}  # failed documents are never "unchanged"


def test_document_key_changes_with_a_correction(isolated_settings):
    before = document_key("a" * 64, "doc", isolated_settings)
    isolated_settings.corrections_dir.mkdir(parents=True)
    (isolated_settings.corrections_dir / "doc.jsonl").write_text('{"op": "accept"}\n')
    assert document_key("a" * 64, "doc", isolated_settings) != before
    assert document_key("b" * 64, "doc", isolated_settings) != before
