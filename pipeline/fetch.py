"""Source -> RawDocument: the only stage that reads from the outside world.

Local files are read as they are; http(s) URLs go through :mod:`httpx` with
timeouts and a size cap.  Media types come from the name, the Content-Type and
the bytes themselves, because servers and file names both lie.
"""

from __future__ import annotations

import hashlib
import mimetypes
from datetime import datetime, timezone

import httpx
from pydantic import BaseModel, Field

from pipeline.errors import DocumentError, Stage
from pipeline.settings import Settings, get_settings
from pipeline.sources import Source


class RawDocument(BaseModel):
    source: Source
    data: bytes = Field(repr=False)
    media_type: str
    sha256: str
    fetched_at: datetime
    final_uri: str | None = None
    http: dict[str, str] = Field(default_factory=dict, description="Status and validators.")
    charset: str | None = None


_EXT_TYPES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
              ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".pdf": "application/pdf"}


def sniff_media_type(data: bytes, declared: str | None = None, name: str = "") -> str:
    """Media type from the bytes first, then the declared type, then the name."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ").lower()
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:512]:
        return "text/html"
    if declared:
        declared = declared.split(";")[0].strip().lower()
        if declared in {"text/html", "application/xhtml+xml"}:
            return "text/html"
        if declared in {"application/pdf", "text/plain", "text/markdown"}:
            return declared
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in _EXT_TYPES:
        return _EXT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or declared or "application/octet-stream"


def fetch(source: Source, settings: Settings | None = None) -> RawDocument:
    settings = settings or get_settings()
    if source.path is not None:
        return _read_file(source, settings)
    return _fetch_url(source, settings)


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


def _fetch_url(source: Source, settings: Settings) -> RawDocument:
    url = source.url or source.uri
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    headers = {"User-Agent": settings.user_agent}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, headers=headers,
                          max_redirects=settings.max_redirects) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise DocumentError(source.id, Stage.fetch, "E012", status=resp.status_code, url=url)
                chunks, total = [], 0
                for chunk in resp.iter_bytes():
                    total += len(chunk)
                    if total > settings.max_bytes:
                        raise DocumentError(source.id, Stage.fetch, "E014", limit=settings.max_bytes)
                    chunks.append(chunk)
                data = b"".join(chunks)
                content_type = resp.headers.get("content-type", "")
                final = str(resp.url)
    except httpx.HTTPError as exc:
        raise DocumentError(source.id, Stage.fetch, "E013", url=url, detail=exc) from exc
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip().strip('"') or None
    return RawDocument(source=source, data=data, media_type=sniff_media_type(data, content_type, url),
                       sha256=hashlib.sha256(data).hexdigest(),
                       fetched_at=datetime.now(timezone.utc).replace(microsecond=0),
                       final_uri=final, http={"status": "200"}, charset=charset)
