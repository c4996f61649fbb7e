"""When a run counts as failed, and which fetch failures Prefect retries."""

from __future__ import annotations

import pytest
from prefect.states import Failed

from flows.failures import allowed_failures, parse_max_failures, run_failed
from flows.ingest import _worth_retrying, fetch_task
from pipeline.errors import DocumentError, Stage


@pytest.mark.parametrize("text, value", [("0", 0), ("3", 3), ("0.1", 0.1), ("10%", 0.1), ("1", 1)])
def test_max_failures_is_a_number_or_a_share(text, value):
    assert parse_max_failures(text) == value


@pytest.mark.parametrize("text", ["-1", "1.5", "lots", "100%", "nan"])
def test_max_failures_refuses_what_it_cannot_mean(text):
    with pytest.raises(ValueError):
        parse_max_failures(text)


def test_by_default_one_failed_document_fails_the_run():
    assert run_failed(1, 100, 0) and not run_failed(0, 100, 0)


def test_a_count_or_a_share_of_failures_is_tolerated():
    assert not run_failed(3, 7, 3) and run_failed(4, 7, 3)
    assert allowed_failures(0.1, 25) == 2
    assert not run_failed(2, 25, 0.1) and run_failed(3, 25, 0.1)


def _http_error(status: int, retry_after: float | None = None) -> DocumentError:
    error = DocumentError("doc", Stage.fetch, "E012", status=status, url="https://example.gov/a")
    if retry_after is not None:
        error.fields["retry_after"] = retry_after
    return error


def test_the_retry_condition_retries_only_what_can_succeed_later():
    task = fetch_task.with_options(tags=["host:example.gov"])
    assert _worth_retrying(task, None, Failed(data=_http_error(503)))
    assert _worth_retrying(task, None, Failed(data=DocumentError("doc", Stage.fetch, "E013",
                                                                 url="u", detail="refused")))
    assert not _worth_retrying(task, None, Failed(data=_http_error(404)))
    assert not _worth_retrying(task, None, Failed(data=ValueError("a bug")))
    assert not _worth_retrying(task, None, Failed(data=_http_error(429, retry_after=3600)))


def test_a_retry_after_sets_the_wait_of_that_fetch_only():
    task = fetch_task.with_options(tags=["host:slow.example"])
    assert _worth_retrying(task, None, Failed(data=_http_error(429, retry_after=30)))
    assert min(task.retry_delay_seconds) >= 30
    assert min(fetch_task.retry_delay_seconds) < 30  # the task everyone else submits is untouched
