"""Source -> RawDocument: the only stage that reads from the outside world.

Local files are read as they are.  http(s) URLs go through :mod:`httpx` with
connect and read timeouts, an overall deadline per fetch (a server that
trickles its headers or body a byte at a time still fails in time), a
redirect limit, a size cap enforced while the body streams in, a User-Agent
that names the project, a per-host concurrency limit, and bounded retries
with exponential backoff and jitter on connection errors (connect timeouts
included), 429 (honouring Retry-After) and 5xx; other 4xx answers and a
server too slow to answer are final.  Redirects are followed here, not by
httpx, so that each hop to a host the user did not name is checked before it
is requested (:mod:`pipeline.netguard`).  Every body is kept in the
content-addressed raw store, and the next fetch of the same URL is a
conditional request: a 304 is served from the store without downloading the
page again.

Media types come from the bytes first, then the Content-Type, then the name,
because servers and file names both lie.
"""

from __future__ import annotations

import codecs
import email.utils
import hashlib
import itertools
import mimetypes
import random
import re
import socket
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from pipeline import limits, netguard, robots
from pipeline.errors import DocumentError, Stage
from pipeline.raw import RawDocument  # re-exported: callers import it from here too
from pipeline.raw_store import FetchRecord, RawStore
from pipeline.settings import Settings, get_settings
from pipeline.sources import Source


_EXT_TYPES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
              ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".pdf": "application/pdf"}
# Formats we do not read, recognised by their first bytes so that an image or
# an archive served as text/html is reported as what it is.
_MAGIC = [(b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
          (b"PK\x03\x04", "application/zip"), (b"\x1f\x8b", "application/gzip"),
          (b"\xd0\xcf\x11\xe0", "application/x-ole-storage")]
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def sniff_media_type(data: bytes, declared: str | None = None, name: str = "") -> str:
    """Media type from the bytes first, then the declared type, then the name."""
    # PDF readers accept the header anywhere in the first kilobyte.
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    head = _text_head(data)
    if _HTML_START.match(head) or (head.lstrip().startswith(b"<?xml") and b"<html" in head.lower()):
        return "text/html"
    declared_type = (declared or "").split(";")[0].strip().lower()
    if declared_type in {"text/html", "application/xhtml+xml"}:
        return "text/html"
    if declared_type in {"application/pdf", "text/plain", "text/markdown"}:
        return declared_type
    path = urlsplit(name).path if "://" in name else name
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if suffix in _EXT_TYPES:
        return _EXT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or declared_type or "application/octet-stream"


def _text_head(data: bytes) -> bytes:
    """The first kilobyte as ASCII-compatible bytes, whatever the BOM says."""
    head = data[:1024]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, "ignore").encode("ascii", "ignore")
    return head.removeprefix(codecs.BOM_UTF8)


def charset_from_content_type(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", content_type or "", re.I)
    return m.group(1) if m else None


def fetch(source: Source, settings: Settings | None = None, *, retries: int | None = None,
          trusted_hosts: Iterable[str] | None = None) -> RawDocument:
    """Read one source.  ``retries`` overrides ``settings.max_retries``; the
    Prefect flow passes 0 because Prefect retries the task itself.

    A source's URL is one the user named, trusted with its host, unless
    ``trusted_hosts`` is given: then it was found by the pipeline (a link in
    a page) and every hop to a host outside ``trusted_hosts``, the first
    included, is checked (see :mod:`pipeline.netguard`).
    """
    settings = settings or get_settings()
    limits.set_stage(Stage.fetch)
    if source.path is not None:
        return _read_file(source, settings)
    url = source.url or source.uri
    if trusted_hosts is None:
        trusted_hosts = source.trusted_hosts  # a page found in a feed: a link, checked
    if trusted_hosts is None:
        trusted = netguard.trusted_hosts(url, settings.allowed_hosts)
    else:
        trusted = {netguard.normalize_host(h) for h in (*trusted_hosts, *settings.allowed_hosts)}
    known = _known_answer(source, url, settings)
    if known is not None:
        return known
    if source.listing is not None:  # found by us on a site whose robots.txt may ask for a pause
        robots.wait_turn(url, source.listing.crawl_delay, settings)
    raw = _fetch_url(source, settings, settings.max_retries if retries is None else retries, trusted)
    if source.listing is not None and source.listing.version:
        RawStore(settings.data_dir / "raw").note_listed(url, source.listing.version, raw.sha256)
    return raw


def _known_answer(source: Source, url: str, settings: Settings) -> RawDocument | None:
    """The stored answer, when asking again is pointless (see pipeline.discover):
    discovery just asked for this URL (it was a page, not a feed), or its
    feed entry still has the dates it had when the page was fetched."""
    store = RawStore(settings.data_dir / "raw")
    if source.probed:
        kept = store.latest(url)
        if kept is not None and kept.sha256 == source.probed:
            try:
                return _raw_from_record(source, store.read(kept.sha256), kept)
            except FileNotFoundError:
                return None  # damaged since: fetch it again
    if source.listing is not None and source.listing.version:
        kept = store.listed(url, source.listing.version)
        if kept is not None:
            try:
                return _not_modified(source, url, store, kept)
            except DocumentError:
                return None  # the stored copy is damaged: fetch it again
    return None


def is_retryable(error: DocumentError) -> bool:
    """Worth another attempt later: connection trouble, 429 and 5xx."""
    if error.code == "E013" or (error.code == "E018" and error.fields.get("phase") == "connect"):
        return True
    status = error.fields.get("status")
    return error.code == "E012" and isinstance(status, int) and (status == 429 or status >= 500)


def retry_delay(error: DocumentError, settings: Settings) -> float | None:
    """How long a caller that retries on its own (the Prefect task) should
    wait before the next attempt: None when retrying is pointless, the
    server's Retry-After when it sent one it is reasonable to honour."""
    if not is_retryable(error):
        return None
    wait = error.fields.get("retry_after")
    if wait is None:
        return 0.0
    return float(wait) if wait <= settings.retry_after_max else None


def _read_file(source: Source, settings: Settings) -> RawDocument:
    path = source.path
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise DocumentError(source.id, Stage.fetch, "E014", limit=settings.max_bytes)
        data = path.read_bytes()
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    except FileNotFoundError as exc:
        raise DocumentError(source.id, Stage.fetch, "E001", path=path) from exc
    except IsADirectoryError as exc:
        raise DocumentError(source.id, Stage.fetch, "E016", source=str(path)) from exc
    # A file's "fetch time" is its modification time, so an unchanged file
    # gives a byte-identical record on every run.
    return RawDocument(source=source, data=data, media_type=sniff_media_type(data, name=path.name),
                       sha256=hashlib.sha256(data).hexdigest(), fetched_at=mtime.replace(microsecond=0))


# -- HTTP ---------------------------------------------------------------------

_host_slots: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_host_slots_lock = threading.Lock()


@contextmanager
def _host_slot(url: str, limit: int):
    """At most ``limit`` requests in flight per host in this process, however
    many documents the flow fetches at once: be polite to one site."""
    key = (urlsplit(url).netloc.lower(), max(1, limit))
    with _host_slots_lock:
        slot = _host_slots.setdefault(key, threading.BoundedSemaphore(key[1]))
    with slot:
        yield


class _Retry(Exception):
    """One attempt failed in a way worth retrying; ``error`` is what to report
    if no attempt is left."""

    def __init__(self, error: DocumentError, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.wait = wait


def _fetch_url(source: Source, settings: Settings, retries: int, trusted: set[str]) -> RawDocument:
    url = source.url or source.uri
    store = RawStore(settings.data_dir / "raw")
    previous = store.latest(url)
    attempt = 0
    # The deadline starts once a slot is free: waiting behind other pages of
    # the same site is politeness, not this server's slowness.
    with _host_slot(url, settings.per_host_concurrency), _Deadline(settings.fetch_deadline) as deadline:
        while True:
            limits.check()
            try:
                return _attempt(source, url, settings, store, previous, deadline, trusted)
            except _Retry as retry:
                if retry.wait is not None:
                    retry.error.fields["retry_after"] = retry.wait
                if attempt >= retries:
                    raise retry.error from None
                delay = _backoff(settings, attempt)
                if retry.wait is not None:
                    if retry.wait > settings.retry_after_max:
                        raise retry.error from None
                    delay = max(delay, retry.wait)
                for left in (limits.remaining(), deadline.remaining()):
                    if left is not None and delay >= left:
                        raise retry.error from None
                attempt += 1
                time.sleep(delay)


def _backoff(settings: Settings, attempt: int) -> float:
    # Full jitter keeps many documents that failed together from retrying in step.
    base = min(settings.retry_backoff_max, settings.retry_backoff * 2 ** attempt)
    return base * random.uniform(0.5, 1.5)


class _Deadline:
    """The overall wall-clock deadline of one fetch: every hop, retry, header
    and body byte.

    httpx's timeouts bound each read, and a server that sends one byte a
    second never trips them, in the headers as in the body.  So a watchdog
    timer shuts down the fetch's sockets when the time is up: shutdown (unlike
    close) wakes a read blocked in another thread at once, the request fails
    with a transport error, and the fetch, seeing the deadline passed, reports
    E027.  Every timeout of a request is also capped by the time left, and
    the body loop checks the deadline between chunks.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds if seconds and seconds > 0 else None
        self.phase = "connecting"
        self._expired = threading.Event()
        self._streams: list = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> _Deadline:
        if self.at is not None:
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._streams.clear()

    def passed(self) -> bool:
        return self._expired.is_set() or (self.at is not None and time.monotonic() >= self.at)

    def remaining(self) -> float | None:
        return None if self.at is None else max(0.0, self.at - time.monotonic())

    def error(self, fail, url: str) -> DocumentError:
        return fail("E027", url=url, seconds=self.seconds, phase=self.phase)

    def timeouts(self, settings: Settings) -> dict[str, float]:
        """The request's timeouts, none longer than the time left."""
        left = self.remaining()

        def cap(seconds: float) -> float:
            return seconds if left is None else max(0.001, min(seconds, left))
        return httpx.Timeout(cap(settings.read_timeout), connect=cap(settings.connect_timeout)).as_dict()

    def tracer(self, guarded_url: str | None):
        """httpcore's trace hook for one request: it hands every new connection
        to the watchdog and, for a URL the user did not name, checks the
        address actually connected to before the request is sent (DNS
        rebinding; see pipeline.netguard).  Through a proxy the connection
        is to the proxy, which is not the host checked."""
        connecting: dict[str, str] = {}

        def trace(event: str, info: dict) -> None:
            if event.endswith("connect_tcp.started"):
                connecting["host"] = netguard.normalize_host(info.get("host"))
            elif event.endswith(("connect_tcp.complete", "start_tls.complete")):
                stream = info.get("return_value")
                self._watch(stream)
                if (guarded_url and event.endswith("connect_tcp.complete")
                        and connecting.get("host") == netguard.url_host(guarded_url)):
                    try:
                        netguard.check_peer(guarded_url, stream.get_extra_info("server_addr")[0])
                    except netguard.RefusedURL:
                        stream.close()
                        raise
        return trace

    def _watch(self, stream) -> None:
        with self._lock:
            self._streams.append(stream)
        if self._expired.is_set():
            _shut_down(stream)

    def _expire(self) -> None:
        self._expired.set()
        with self._lock:
            streams = list(self._streams)
        for stream in streams:
            _shut_down(stream)


def _shut_down(stream) -> None:
    try:
        sock = stream.get_extra_info("socket")
        # The plain socket method: ssl.SSLSocket's own would drop its TLS
        # state under the thread that is reading.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, AttributeError, TypeError, ValueError):
        pass  # already closed: nothing to wake


_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
# Not kept in the raw store's sidecar: a session cookie is nobody's business.
_UNSTORED_HEADERS = {"set-cookie", "set-cookie2"}


def _attempt(source: Source, url: str, settings: Settings, store: RawStore,
             previous: FetchRecord | None, deadline: _Deadline, trusted: set[str]) -> RawDocument:
    headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT}
    if previous is not None:
        if previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
    fail = _failure(source, url)
    if deadline.passed():
        raise deadline.error(fail, url)
    try:
        # Redirects are followed by hand (_final_response), each one checked.
        with httpx.Client(follow_redirects=False, headers=headers) as client:
            with _final_response(client, url, settings, deadline, trusted, fail) as resp:
                status = resp.status_code
                if status == 304:
                    return _not_modified(source, url, store, previous)
                if status == 429 or status >= 500:
                    raise _Retry(fail("E012", status=status, url=url),
                                 wait=_retry_after(resp.headers.get("retry-after")))
                if status >= 400:
                    raise fail("E012", status=status, url=url)
                deadline.phase = "reading the body"
                data = _read_body(resp, settings, fail, deadline)
                final_url = str(resp.url)
                response_headers = {k.lower(): v for k, v in resp.headers.items()
                                    if k.lower() not in _UNSTORED_HEADERS}
    except netguard.RefusedURL as exc:
        if exc.code == "E013":  # the host to check did not resolve: connection trouble
            raise _Retry(fail(exc.code, **exc.fields)) from None
        raise fail(exc.code, **exc.fields) from None
    except httpx.ConnectTimeout as exc:
        if deadline.passed():
            raise deadline.error(fail, url) from exc
        raise _Retry(fail("E018", url=url, seconds=settings.connect_timeout, phase="connect")) from exc
    except httpx.TimeoutException as exc:
        if deadline.passed():
            raise deadline.error(fail, url) from exc
        # The server took the request and did not answer in time: asking
        # again would most likely wait as long again, for every attempt.
        raise fail("E018", url=url, seconds=settings.read_timeout, phase="read") from exc
    except (httpx.TransportError, httpx.DecodingError) as exc:
        if deadline.passed():  # the watchdog cut the connection
            raise deadline.error(fail, url) from exc
        raise _Retry(fail("E013", url=url, detail=_describe(exc))) from exc
    if not data.strip():
        raise fail("E019", status=status, url=url)
    record = FetchRecord(url=url, final_url=final_url, status=status, headers=response_headers,
                         fetched_at=datetime.now(timezone.utc).replace(microsecond=0),
                         sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    store.put(data, record)
    return _raw_from_record(source, data, record)


@contextmanager
def _final_response(client: httpx.Client, url: str, settings: Settings, deadline: _Deadline,
                    trusted: set[str], fail):
    """The streaming answer at the end of the redirects.

    Each hop to a host outside ``trusted`` (the user's host and the allowed
    ones) is checked before it is requested (pipeline.netguard: http(s) only,
    and no loopback, private, link-local... address).  The user's
    credentials, if the URL had any, are sent to the user's host only, and
    never in clear after a redirect from https to http.
    """
    user_host = netguard.url_host(url)
    credentials = netguard.credentials_for(url)
    user_scheme = urlsplit(url).scheme.lower()
    netguard.check_url(url, trusted_hosts=trusted, kind="link")  # a no-op for the URL the user named
    request = client.build_request("GET", url)
    for hop in itertools.count():
        target = str(request.url)
        host = netguard.url_host(target)
        request.extensions = {**request.extensions, "timeout": deadline.timeouts(settings),
                              "trace": deadline.tracer(None if host in trusted else target)}
        for_user = host == user_host and not (user_scheme == "https" and request.url.scheme == "http")
        if not for_user:
            request.headers.pop("Authorization", None)
        deadline.phase = "waiting for the headers"
        resp = client.send(request, stream=True, auth=credentials if credentials and for_user else None)
        if not resp.has_redirect_location:
            try:
                yield resp
            finally:
                resp.close()
            return
        resp.close()
        if hop >= settings.max_redirects:
            raise fail("E020", limit=settings.max_redirects, url=url)
        request = resp.next_request
        netguard.check_url(str(request.url), trusted_hosts=trusted, kind="redirect")


def _read_body(resp: httpx.Response, settings: Settings, fail, deadline: _Deadline) -> bytes:
    """The body, stopping as soon as it is over the cap or out of time."""
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise fail("E014", limit=settings.max_bytes)
    chunks, total = [], 0
    started = time.monotonic()
    for chunk in resp.iter_bytes():
        total += len(chunk)
        if total > settings.max_bytes:
            raise fail("E014", limit=settings.max_bytes)
        chunks.append(chunk)
        limits.check()
        if deadline.passed():
            raise deadline.error(fail, netguard.redact_url(str(resp.request.url)))
        # A server that trickles bytes never trips the read timeout.
        if settings.document_timeout and time.monotonic() - started > settings.document_timeout:
            raise fail("E018", url=netguard.redact_url(str(resp.request.url)),
                       seconds=settings.document_timeout, phase="whole body")
    return b"".join(chunks)


def _not_modified(source: Source, url: str, store: RawStore, previous: FetchRecord | None) -> RawDocument:
    if previous is None:
        raise DocumentError(source.id, Stage.fetch, "E022", url=url)
    try:
        data = store.read(previous.sha256)
    except FileNotFoundError as exc:
        raise DocumentError(source.id, Stage.fetch, "E022", url=url) from exc
    # The stored fetch time is kept, so the record of an unchanged page is
    # byte-identical to the last one.
    raw = _raw_from_record(source, data, previous)
    raw.http["status"] = "304"
    return raw


def _raw_from_record(source: Source, data: bytes, record: FetchRecord) -> RawDocument:
    content_type = record.headers.get("content-type", "")
    http = {"status": str(record.status)}
    if record.etag:
        http["etag"] = record.etag
    if record.last_modified:
        http["last_modified"] = record.last_modified
    return RawDocument(source=source, data=data,
                       media_type=sniff_media_type(data, content_type, record.final_url),
                       sha256=record.sha256, fetched_at=record.fetched_at, final_uri=record.final_url,
                       http=http, charset=charset_from_content_type(content_type))


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _failure(source: Source, url: str):
    def make(code: str, **fields) -> DocumentError:
        return DocumentError(source.id, Stage.fetch, code, **fields)
    return make


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if type(exc).__name__ not in text else text
