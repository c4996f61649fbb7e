"""Every document has a time limit, in the library (CLI) and in the stages the
Prefect flow calls: a document over the limit fails with E015 naming the
stage it was in, and the next document is processed as usual."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from fixtures.http_server import FixtureServer, Response

from pipeline import api
from pipeline.errors import DocumentError
from pipeline.fetch import RawDocument
from pipeline.settings import Settings
from pipeline.sources import Source, source_for_path, source_for_url


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=tmp_path / "data", corrections_dir=tmp_path / "corrections",
                    read_timeout=5.0, max_retries=0, document_timeout=0.8)


@pytest.fixture
def statement(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text("Joint Statement on Quantum Cooperation\n\nThe two governments signed the "
                    "statement on May 6, 2024, affirming shared values such as openness and "
                    "transparency.\n", encoding="utf-8")
    return path


def slow_parse(raw):
    time.sleep(3)
    raise AssertionError("the limit should have stopped waiting")  # pragma: no cover


def test_a_document_over_the_limit_fails_naming_the_stage(statement, settings, monkeypatch):
    monkeypatch.setattr("pipeline.parse.parse", slow_parse)
    started = time.monotonic()
    result = api.process(source_for_path(statement), settings)
    assert time.monotonic() - started < 2.0
    assert result.record is None and result.error.code == "E015"
    assert result.error.stage.value == "parse" and "parse" in str(result.error)
    assert result.error.doc_id == "statement"


def test_the_next_document_is_processed_as_usual(statement, settings, monkeypatch, tmp_path):
    original = api.extract_raw
    calls = []

    def first_one_hangs(raw, s=None):
        calls.append(raw.source.id)
        if len(calls) == 1:
            time.sleep(3)
        return original(raw, s)
    monkeypatch.setattr(api, "extract_raw", first_one_hangs)
    other = tmp_path / "other.txt"
    other.write_bytes(statement.read_bytes())
    first = api.process(source_for_path(statement), settings)
    second = api.process(source_for_path(other), settings.model_copy(update={"document_timeout": 30}))
    assert first.error is not None and first.error.code == "E015"
    assert second.error is None and second.record.dates


def test_the_flow_stages_honour_the_limit(settings, monkeypatch):
    """extract_raw is what the Prefect flow's extract task calls."""
    monkeypatch.setattr("pipeline.parse.parse", slow_parse)
    raw = RawDocument(source=Source(id="doc", uri="file:///doc.txt"), data=b"Some text.",
                      media_type="text/plain", sha256="0" * 64, fetched_at=datetime.now(timezone.utc))
    started = time.monotonic()
    with pytest.raises(DocumentError) as info:
        api.extract_raw(raw, settings)
    assert time.monotonic() - started < 2.0
    assert info.value.code == "E015" and info.value.stage.value == "parse"


def test_a_server_that_trickles_its_body_hits_the_limit(settings):
    body = b"<html><body><p>" + b"slow " * 400 + b"</p></body></html>"
    with FixtureServer() as server:
        url = server.route("/trickle", lambda req: Response(200, body, {"Content-Type": "text/html"},
                                                           chunk_delay=0.05))
        started = time.monotonic()
        result = api.process(source_for_url(url), settings)
    assert time.monotonic() - started < 2.0
    assert result.error is not None and result.error.code in ("E015", "E018")
    assert result.error.stage.value == "fetch"


def test_no_limit_when_disabled(statement, settings):
    record = api.run_stages(source_for_path(statement), settings.model_copy(update={"document_timeout": 0}))
    assert record.dates
