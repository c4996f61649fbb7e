"""Hostile fetching (issue 9): redirects to addresses the user did not name,
servers that trickle, credentials in URLs, source ids that climb out of the
output folder.  Real servers on 127.0.0.1; no request leaves the machine."""

from __future__ import annotations

import base64
import logging
import time
import tomllib

import pytest
from fixtures.http_server import SIMPLE_PAGE as PAGE, LoggingProxy, Response

from pipeline import netguard
from pipeline.errors import DocumentError, TenetsError
from pipeline.fetch import fetch, retry_delay
from pipeline.raw_store import FetchRecord, RawStore
from pipeline.settings import Settings
from pipeline.sources import Source, resolve_sources, source_for_url
from pipeline.store import record_path, write_error

METADATA = "http://169.254.169.254/latest/meta-data/"


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=tmp_path / "data", corrections_dir=tmp_path / "corrections",
                    connect_timeout=2.0, read_timeout=2.0, max_retries=0, retry_backoff=0.01,
                    document_timeout=20.0, fetch_deadline=10.0)


@pytest.fixture
def proxy(monkeypatch):
    """Every request of the fetcher goes through a proxy that logs it."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with LoggingProxy() as logging_proxy:
        monkeypatch.setenv("HTTP_PROXY", logging_proxy.address)
        monkeypatch.setenv("http_proxy", logging_proxy.address)
        yield logging_proxy


@pytest.fixture
def no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def fetch_error(url: str, settings: Settings, **kw) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        fetch(source_for_url(url), settings, **kw)
    return info.value


# -- Which addresses are refused ----------------------------------------------------

@pytest.mark.parametrize(("address", "reason"), [
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("127.0.0.2", "loopback"),
    ("::1", "loopback"), ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"),
    ("fc00::1", "private"), ("224.0.0.251", "multicast"), ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("::ffff:169.254.169.254", "link-local"), ("::ffff:127.0.0.1", "loopback"),
    ("100.64.0.1", "non-public"),
])
def test_internal_addresses_are_refused(address, reason):
    assert netguard.blocked_reason(address).startswith(reason)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert netguard.blocked_reason(address) is None


def test_a_host_with_any_internal_address_is_refused(monkeypatch):
    monkeypatch.setattr(netguard, "_resolve", lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(netguard.RefusedURL) as info:
        netguard.check_url("https://mixed.example/x", trusted_hosts={"user.example"})
    assert info.value.code == "E025" and "10.0.0.7" in str(info.value)
    assert "https://mixed.example/x" in str(info.value)


def test_trusted_and_allowed_hosts_are_not_resolved(monkeypatch):
    def no_dns(host, port):
        raise AssertionError(f"resolved {host}")
    monkeypatch.setattr(netguard, "_resolve", no_dns)
    trusted = netguard.trusted_hosts("http://User.Example:8080/a", ["Intranet.Example."])
    netguard.check_url("https://user.example/b", trusted_hosts=trusted)
    netguard.check_url("http://intranet.example/c", trusted_hosts=trusted)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://user.example/x", "gopher://x/"])
def test_only_http_and_https_are_followed(url):
    with pytest.raises(netguard.RefusedURL) as info:
        netguard.check_url(url, trusted_hosts={"user.example"})
    assert info.value.code == "E026"


# -- Redirects ----------------------------------------------------------------------

def test_a_redirect_to_the_metadata_service_is_refused_before_it_is_requested(server, settings, proxy):
    url = server.route("/go", lambda req: Response(302, b"", {"Location": METADATA}))
    error = fetch_error(url, settings)
    assert error.code == "E025" and error.stage.value == "fetch"
    assert METADATA in str(error) and "link-local address 169.254.169.254" in str(error)
    assert "TENETS_ALLOWED_HOSTS" in str(error)
    assert proxy.requested == [url], "the proxy saw the user's URL and nothing else"
    assert retry_delay(error, settings) is None


@pytest.mark.parametrize("target", ["http://127.0.0.2:{port}/admin", "http://10.1.2.3/",
                                    "http://[::1]:{port}/", "http://[::ffff:127.0.0.1]:{port}/"])
def test_redirects_to_other_internal_hosts_are_refused(server, settings, proxy, target):
    target = target.format(port=server.url("/").split(":")[-1].rstrip("/"))
    url = server.route("/go", lambda req: Response(307, b"", {"Location": target}))
    error = fetch_error(url, settings)
    assert error.code == "E025" and target in str(error)
    assert proxy.requested == [url]


def test_a_redirect_to_another_scheme_is_refused(server, settings, no_proxy):
    url = server.route("/go", lambda req: Response(301, b"", {"Location": "file:///etc/passwd"}))
    error = fetch_error(url, settings)
    assert error.code == "E026"
    assert "Refused redirect to file://" in str(error) and "/etc/passwd" in str(error)


def test_redirects_on_the_users_host_are_followed(server, settings, proxy):
    target = server.add("/final.html", PAGE)
    url = server.route("/moved", lambda req: Response(301, b"", {"Location": "/final.html"}))
    raw = fetch(source_for_url(url), settings)
    assert raw.data == PAGE and raw.final_uri == target
    assert proxy.requested == [url, target]


def test_allowed_hosts_let_a_named_internal_host_through(server, settings, no_proxy):
    port = server.url("/").split(":")[-1].rstrip("/")
    elsewhere = f"http://localhost:{port}/final.html"  # another name: not the user's host
    server.add("/final.html", PAGE)
    url = server.route("/go", lambda req: Response(302, b"", {"Location": elsewhere}))
    refused = fetch_error(url, settings)
    assert refused.code == "E025" and "loopback" in str(refused) and elsewhere in str(refused)
    assert server.hits("/final.html") == []
    raw = fetch(source_for_url(url), settings.model_copy(update={"allowed_hosts": ["LOCALHOST"]}))
    assert raw.data == PAGE and raw.final_uri == elsewhere


def test_allowed_hosts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TENETS_ALLOWED_HOSTS", '["intranet.example", "10.0.0.5"]')
    assert Settings().allowed_hosts == ["intranet.example", "10.0.0.5"]


def test_an_address_that_changes_between_check_and_connect_is_refused(server, settings, no_proxy,
                                                                      monkeypatch):
    """DNS rebinding: the check is told a public address, the connection
    reaches loopback; the request is never sent."""
    port = server.url("/").split(":")[-1].rstrip("/")
    server.add("/secret", b"internal")
    url = server.route("/go", lambda req: Response(302, b"", {"Location": f"http://localhost:{port}/secret"}))
    monkeypatch.setattr(netguard, "_resolve", lambda host, port: ["93.184.216.34"])
    error = fetch_error(url, settings)
    assert error.code == "E025" and "at connection time" in str(error)
    assert server.hits("/secret") == []


def test_a_discovered_link_is_checked_from_its_first_hop(server, settings, no_proxy):
    """Issue 10's discovery fetches links it found with the hosts the user
    named: a link to another host is checked like a redirect."""
    url = server.add("/internal.html", PAGE)
    error = fetch_error(url, settings, trusted_hosts={"www.state.gov"})
    assert error.code == "E025" and f"Refused link to {url}" in str(error)
    assert server.hits("/internal.html") == []
    assert fetch(source_for_url(url), settings, trusted_hosts={"127.0.0.1"}).data == PAGE


def test_too_many_redirects_is_still_e020(server, settings, no_proxy):
    error = fetch_error(server.redirect_loop("/loop"), settings)
    assert error.code == "E020" and len(server.hits("/loop")) == 3  # 6 requests, 5 redirects followed


# -- The overall deadline -------------------------------------------------------------

def slow_settings(settings: Settings, deadline: float) -> Settings:
    # Per-read timeouts longer than the whole deadline, and no per-document
    # limit: only the fetch deadline can stop these servers.
    return settings.model_copy(update={"fetch_deadline": deadline, "read_timeout": 30.0,
                                       "document_timeout": 0.0})


def test_headers_trickled_a_byte_at_a_time_fail_at_the_deadline(server, settings, no_proxy):
    url = server.route("/drip", lambda req: Response(200, PAGE, {"Content-Type": "text/html"},
                                                     header_delay=0.5))
    started = time.monotonic()
    error = fetch_error(url, slow_settings(settings, 2.0), retries=0)  # as the flow's task calls it
    elapsed = time.monotonic() - started
    assert error.code == "E027" and url in str(error) and "overall deadline of 2 s" in str(error)
    assert "headers" in str(error) and elapsed < 2.0 + 2.0
    assert retry_delay(error, settings) is None  # the flow does not try again


def test_a_body_trickled_slowly_fails_at_the_deadline(server, settings, no_proxy):
    body = b"<html><body><p>" + b"slow " * 2000 + b"</p></body></html>"
    url = server.route("/drip", lambda req: Response(200, body, {"Content-Type": "text/html"},
                                                     chunk_delay=0.2))
    started = time.monotonic()
    error = fetch_error(url, slow_settings(settings, 1.5))
    assert error.code == "E027" and "body" in str(error)
    assert time.monotonic() - started < 1.5 + 2.0


def test_a_silent_server_fails_at_the_deadline_not_the_read_timeout(server, settings, no_proxy):
    url = server.slow("/silent", delay=10.0)
    started = time.monotonic()
    error = fetch_error(url, slow_settings(settings, 1.0))
    assert error.code == "E027" and time.monotonic() - started < 1.0 + 2.0


def test_the_flows_fetch_task_has_the_deadline(server, no_proxy, monkeypatch, tmp_path):
    from flows.ingest import fetch_task
    from pipeline import settings as settings_module

    url = server.route("/drip", lambda req: Response(200, PAGE, {}, header_delay=0.5))
    monkeypatch.setenv("TENETS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TENETS_FETCH_DEADLINE", "1.5")
    monkeypatch.setenv("TENETS_READ_TIMEOUT", "30")
    settings_module.get_settings.cache_clear()
    try:
        started = time.monotonic()
        result = fetch_task.fn(source_for_url(url))
    finally:
        settings_module.get_settings.cache_clear()
    assert isinstance(result, DocumentError) and result.code == "E027"
    assert time.monotonic() - started < 1.5 + 2.0


# -- Credentials in URLs ----------------------------------------------------------------

def test_credentials_are_sent_but_never_written(server, settings, no_proxy, tmp_path, caplog):
    from pipeline import api
    from pipeline.store import write_record

    password = "s3cret-Pa55"
    token = base64.b64encode(f"alice:{password}".encode()).decode()

    def private(req):
        if req.headers.get("authorization") != f"Basic {token}":
            return Response(401, b"who are you?", {"WWW-Authenticate": "Basic"})
        return Response(200, PAGE, {"Content-Type": "text/html", "ETag": '"e1"'})
    server.route("/private.html", private)
    base = server.url("/")
    with_credentials = base.replace("http://", f"http://alice:{password}@")
    out = tmp_path / "out"
    caplog.set_level(logging.DEBUG)

    sources = resolve_sources([with_credentials + "private.html", with_credentials + "missing.html"])
    good = api.process(sources[0], settings)
    assert good.error is None, good.error
    write_record(out, good.record)
    bad = api.process(sources[1], settings)
    assert bad.error is not None and bad.error.code == "E012"
    write_error(out, bad.source.id, bad.source.uri, bad.error, bad.error.stage.value)
    fetch(sources[0], settings)  # again: a conditional request, credentials from memory

    assert good.record.source.uri == base + "private.html"
    assert [r.headers.get("authorization") for r in server.hits("/private.html")] == [f"Basic {token}"] * 2
    written = [p for folder in (out, settings.data_dir) for p in folder.rglob("*") if p.is_file()]
    assert len(written) >= 4
    for path in written:
        data = path.read_bytes()
        assert password.encode() not in data and token.encode() not in data, path
    assert password not in caplog.text and token not in caplog.text
    assert "alice" not in str(bad.error) and password not in repr(sources)


def test_credentials_are_not_sent_to_another_host(server, settings, no_proxy):
    port = server.url("/").split(":")[-1].rstrip("/")
    server.add("/final.html", PAGE)
    server.route("/go", lambda req: Response(302, b"", {"Location": f"http://localhost:{port}/final.html"}))
    url = server.url("/go").replace("http://", "http://alice:pw@")
    fetch(source_for_url(url), settings.model_copy(update={"allowed_hosts": ["localhost"]}))
    assert server.hits("/go")[0].headers.get("authorization")
    assert "authorization" not in server.hits("/final.html")[0].headers


def test_fetch_records_never_keep_credentials():
    record = FetchRecord(url="https://bob:pw@example.gov/a", final_url="https://bob:pw@example.gov/b",
                         status=200, fetched_at="2024-01-01T00:00:00Z", sha256="0" * 64, size=1)
    assert record.url == "https://example.gov/a" and record.final_url == "https://example.gov/b"


# -- Source ids and paths ------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", ["../../x", "a/b", "a\\\\b", ".hidden", "..", "", "tab\\there",
                                    "nul\\u0000", "bell\\u0007"])
def test_a_sources_file_with_an_unsafe_id_is_a_usage_error(tmp_path, doc_id):
    listing = tmp_path / "sources.toml"
    listing.write_text(f'[[document]]\nid = "ok"\nurl = "https://example.gov/a"\n\n'
                       f'[[document]]\nid = "{doc_id}"\nurl = "https://example.gov/b"\n')
    real_id = tomllib.loads(listing.read_text())["document"][1]["id"]
    with pytest.raises(TenetsError) as info:
        resolve_sources([str(listing)])
    message = str(info.value)
    assert info.value.code == "E017" and str(listing) in message and "document #2" in message
    assert repr(real_id) in message


def test_a_folder_entry_with_an_unsafe_id_is_refused(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Some text.")
    listing = tmp_path / "sources.toml"
    listing.write_text('[[document]]\nid = "../up"\npath = "docs"\n')
    with pytest.raises(TenetsError, match="E017"):
        resolve_sources([str(listing)])


@pytest.mark.parametrize("doc_id", ["../x", "a/b", ".x", "", "a\nb"])
def test_sources_refuse_unsafe_ids_however_they_are_made(doc_id):
    with pytest.raises(ValueError):
        Source(id=doc_id, uri="memory:x")


def test_the_store_never_writes_outside_out(tmp_path):
    out = tmp_path / "deep" / "out"
    out.mkdir(parents=True)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    error = DocumentError("x", "fetch", "E001", path="x")
    for doc_id in ("../../x", "../x", "a/b", "..", "a\\b"):
        with pytest.raises(DocumentError) as info:
            write_error(out, doc_id, "u", error, "fetch")
        assert info.value.code == "E028"
        with pytest.raises(DocumentError):
            record_path(out, doc_id)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_the_raw_store_names_files_by_digest_only(tmp_path):
    store = RawStore(tmp_path / "raw")
    for name in ("../../x", "/etc/passwd", "a" * 63):
        with pytest.raises(TenetsError):
            store.blob_path(name)
    # An index entry on disk naming a path is ignored, not followed.
    index = store._index_path("https://example.gov/a")
    index.parent.mkdir(parents=True)
    index.write_text('{"url": "https://example.gov/a", "final_url": "x", "status": 200, '
                     '"fetched_at": "2024-01-01T00:00:00Z", "sha256": "../../../etc/passwd", "size": 1}')
    assert store.latest("https://example.gov/a") is None
