"""Fetching over HTTP against a real server on 127.0.0.1: retries, limits,
the raw store and conditional requests, media types."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest
from fixtures.http_server import SIMPLE_PAGE as PAGE, Response

from pipeline.errors import DocumentError
from pipeline.fetch import fetch, retry_delay, sniff_media_type
from pipeline.raw_store import RawStore
from pipeline.settings import Settings
from pipeline.sources import source_for_url



@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=tmp_path / "data", corrections_dir=tmp_path / "corrections",
                    connect_timeout=2.0, read_timeout=0.5, max_retries=3, retry_backoff=0.01,
                    retry_backoff_max=0.05, retry_after_max=5.0, max_bytes=200_000,
                    document_timeout=20.0)


def fetch_error(url: str, settings: Settings, **kw) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        fetch(source_for_url(url), settings, **kw)
    return info.value


def test_fetches_a_page_and_names_the_project(server, settings):
    url = server.add("/page.html", PAGE, "text/html; charset=ISO-8859-1")
    raw = fetch(source_for_url(url), settings)
    assert raw.data == PAGE and raw.media_type == "text/html" and raw.charset == "ISO-8859-1"
    assert raw.final_uri == url and raw.http["status"] == "200"
    assert "tenets" in server.hits("/page.html")[0].headers["user-agent"]


def test_retries_a_server_that_fails_twice_then_succeeds(server, settings):
    url = server.flaky("/flaky", PAGE, failures=2)
    raw = fetch(source_for_url(url), settings)
    assert raw.data == PAGE
    assert len(server.hits("/flaky")) == 3


def test_retries_are_bounded(server, settings):
    url = server.flaky("/down", PAGE, failures=10, status=502)
    error = fetch_error(url, settings.model_copy(update={"max_retries": 2}))
    assert error.code == "E012" and error.fields["status"] == 502 and error.stage.value == "fetch"
    assert len(server.hits("/down")) == 3  # the first attempt and two retries


def test_a_404_is_final_and_not_retried(server, settings):
    error = fetch_error(server.url("/nowhere"), settings)
    assert error.code == "E012" and error.fields["status"] == 404
    assert "404" in str(error) and error.doc_id
    assert len(server.hits("/nowhere")) == 1


def test_a_server_slower_than_the_timeout_fails_fast(server, settings):
    url = server.slow("/slow", delay=3.0)
    started = time.monotonic()
    error = fetch_error(url, settings)
    assert time.monotonic() - started < 2.0
    assert error.code == "E018" and error.fields["phase"] == "read"
    assert len(server.hits("/slow")) == 1  # waiting again would cost as much again


def test_honours_retry_after_on_429(server, settings):
    answers = iter([Response(429, b"slow down", {"Retry-After": "1"}), Response(200, PAGE, {})])
    url = server.route("/limited", lambda req: next(answers))
    started = time.monotonic()
    raw = fetch(source_for_url(url), settings)
    assert raw.data == PAGE
    assert time.monotonic() - started >= 0.9


def test_a_retry_after_longer_than_allowed_fails_at_once(server, settings):
    url = server.route("/limited", lambda req: Response(429, b"", {"Retry-After": "3600"}))
    started = time.monotonic()
    error = fetch_error(url, settings)
    assert error.code == "E012" and error.fields["status"] == 429
    assert time.monotonic() - started < 1.0 and len(server.hits("/limited")) == 1


def test_stops_a_redirect_loop(server, settings):
    error = fetch_error(server.redirect_loop("/loop"), settings)
    assert error.code == "E020" and "redirects" in str(error)


def test_follows_a_redirect_and_records_the_final_url(server, settings):
    target = server.add("/final.html", PAGE)
    url = server.route("/moved", lambda req: Response(301, b"", {"Location": "/final.html"}))
    raw = fetch(source_for_url(url), settings)
    assert raw.final_uri == target and raw.source.uri == url


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "streamed"])
def test_enforces_the_size_cap(server, settings, chunked):
    body = b"<html><body>" + b"x" * 1_000_000 + b"</body></html>"
    url = server.route("/big", lambda req: Response(200, body, {"Content-Type": "text/html"}, chunked=chunked))
    error = fetch_error(url, settings)
    assert error.code == "E014" and error.fields["limit"] == settings.max_bytes


def test_an_empty_200_is_an_error(server, settings):
    error = fetch_error(server.add("/empty", b""), settings)
    assert error.code == "E019" and "empty body" in str(error)


def test_connection_refused_is_retried_then_reported(settings):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = fetch_error(f"http://127.0.0.1:{port}/x", settings.model_copy(update={"max_retries": 1}))
    assert error.code == "E013" and retry_delay(error, settings) == 0.0


def test_an_unchanged_page_is_not_downloaded_again(server, settings):
    url = server.with_etag("/etag.html", PAGE)
    first = fetch(source_for_url(url), settings)
    second = fetch(source_for_url(url), settings)
    requests = server.hits("/etag.html")
    assert len(requests) == 2
    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers["if-none-match"] == '"v1"'
    assert requests[1].headers["if-modified-since"] == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert second.not_modified and not first.not_modified
    # Served from the store: same bytes, same fetch time, so the same record.
    assert second.data == first.data and second.sha256 == first.sha256
    assert second.fetched_at == first.fetched_at


def test_the_raw_store_is_content_addressed_with_a_sidecar(server, settings):
    url = server.with_etag("/etag.html", PAGE)
    raw = fetch(source_for_url(url), settings)
    store = RawStore(settings.data_dir / "raw")
    assert (settings.data_dir / "raw" / raw.sha256).read_bytes() == PAGE
    sidecar = store.sidecar(raw.sha256)
    assert sidecar["url"] == url and sidecar["final_url"] == url and sidecar["status"] == 200
    assert sidecar["headers"]["etag"] == '"v1"' and sidecar["fetched_at"]
    # The same bytes from another URL are stored once.
    fetch(source_for_url(server.add("/copy.html", PAGE)), settings)
    blobs = [p for p in (settings.data_dir / "raw").iterdir() if p.is_file() and p.suffix != ".json"]
    assert len(blobs) == 1


def test_a_changed_page_is_downloaded_again(server, settings):
    versions = iter([(PAGE, '"v1"'), (PAGE.replace(b"Hello", b"Changed"), '"v2"')])

    def handler(req):
        body, etag = next(versions)
        return Response(200, body, {"ETag": etag, "Content-Type": "text/html"})
    url = server.route("/news.html", handler)
    first = fetch(source_for_url(url), settings)
    second = fetch(source_for_url(url), settings)
    assert not second.not_modified and second.sha256 != first.sha256 and b"Changed" in second.data


def test_limits_requests_in_flight_per_host(server, settings):
    url = server.slow("/busy", delay=0.1, body=PAGE)
    one_at_a_time = settings.model_copy(update={"per_host_concurrency": 1, "read_timeout": 5.0})
    errors = []

    def worker():
        try:
            fetch(source_for_url(url), one_at_a_time)
        except DocumentError as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)
    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(server.hits("/busy")) == 4
    assert server.max_in_flight == 1


def test_the_flow_retries_only_what_is_worth_retrying(server, settings):
    """The Prefect task calls fetch(retries=0) and asks retry_delay() whether
    to raise for a retry."""
    not_found = fetch_error(server.url("/nowhere"), settings, retries=0)
    assert retry_delay(not_found, settings) is None
    url = server.flaky("/once", PAGE, failures=1, status=503)
    unavailable = fetch_error(url, settings, retries=0)
    assert retry_delay(unavailable, settings) == 0.0 and len(server.hits("/once")) == 1
    url = server.route("/wait", lambda req: Response(429, b"", {"Retry-After": "2"}))
    assert retry_delay(fetch_error(url, settings, retries=0), settings) == 2.0


@pytest.mark.parametrize(("data", "declared", "name", "expected"), [
    (b"%PDF-1.7\n...", "text/html", "report", "application/pdf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html></html>", "application/octet-stream", "x", "text/html"),
    ("\ufeff<html><body>x</body></html>".encode("utf-16-le"), None, "page", "text/html"),
    (b"  <!-- generated --><html lang=en>", "text/plain", "a.txt", "text/html"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "text/html", "logo", "image/png"),
    (b"Plain words.", "text/plain; charset=utf-8", "notes", "text/plain"),
    (b"Plain words.", None, "https://example.gov/doc.pdf?x=1", "application/pdf"),
    (b"<?xml version='1.0'?><rss></rss>", "application/rss+xml", "feed", "application/rss+xml"),
])
def test_sniffs_the_media_type_from_the_bytes_first(data, declared, name, expected):
    assert sniff_media_type(data, declared, name) == expected


def test_a_stale_store_entry_falls_back_to_a_full_download(server, settings):
    url = server.with_etag("/etag.html", PAGE)
    raw = fetch(source_for_url(url), settings)
    os.remove(settings.data_dir / "raw" / raw.sha256)  # someone cleaned the store
    again = fetch(source_for_url(url), settings)
    assert again.data == PAGE and not again.not_modified
    assert "if-none-match" not in server.hits("/etag.html")[1].headers
    assert json.loads((settings.data_dir / "raw" / f"{raw.sha256}.json").read_text())["url"] == url
