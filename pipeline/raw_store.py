"""Content-addressed store of fetched bytes: ``<data dir>/raw/<sha256>``.

Each blob has a sidecar ``<sha256>.json`` describing the fetch that produced
it (URL, final URL, status, headers, fetched_at), and each URL an index entry
``urls/<hash of url>.json`` naming its latest blob.  The index is what makes
conditional requests possible: the validators (ETag, Last-Modified) of the
last answer are sent back, and a 304 is served from the blob without
downloading it again.  Blobs are never rewritten: the same bytes fetched from
two URLs, or twice, are stored once.

A page found in a feed or sitemap also has ``listed/<hash of url>.json``:
the entry's dates when the page was last fetched.  While the listing gives
the same dates, the page is not asked for at all (:meth:`RawStore.listed`).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from pipeline.errors import TenetsError
from pipeline.netguard import redact_url
from pipeline.store import atomic_write

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class FetchRecord(BaseModel):
    """What one successful fetch said about the bytes it got (the sidecar)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = Field(default_factory=dict)
    fetched_at: datetime
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Names the blob: never a path.")
    size: int

    @field_validator("url", "final_url")
    @classmethod
    def _no_credentials(cls, value: str) -> str:
        # The sidecar and the index are written down: no user name or password.
        return redact_url(value)

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class RawStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def blob_path(self, sha256: str) -> Path:
        return self.root / _checked(sha256)

    def _sidecar_path(self, sha256: str) -> Path:
        return self.root / f"{_checked(sha256)}.json"

    def _index_path(self, url: str) -> Path:
        return self.root / "urls" / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json"

    def put(self, data: bytes, record: FetchRecord) -> None:
        """Store the bytes (once) and make this fetch the URL's latest."""
        blob = self.blob_path(record.sha256)
        if not blob.exists():
            atomic_write(blob, data)
        payload = record.model_dump_json(indent=2).encode()
        atomic_write(self._sidecar_path(record.sha256), payload)
        atomic_write(self._index_path(record.url), payload)

    def latest(self, url: str) -> FetchRecord | None:
        """The last stored fetch of ``url``, if its bytes are still there."""
        try:
            record = FetchRecord.model_validate_json(self._index_path(url).read_bytes())
        except (FileNotFoundError, ValueError):
            return None
        return record if self.blob_path(record.sha256).is_file() else None

    def _listed_path(self, url: str) -> Path:
        return self.root / "listed" / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json"

    def listed(self, url: str, version: str) -> FetchRecord | None:
        """The stored fetch of ``url`` if it was made when its feed or sitemap
        entry had this ``version`` (its dates): the page has not changed since,
        by the publisher's own account, so it need not be asked for again."""
        try:
            noted = json.loads(self._listed_path(url).read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        record = self.latest(url)
        if record is None or noted.get("version") != version or noted.get("sha256") != record.sha256:
            return None
        return record

    def note_listed(self, url: str, version: str, sha256: str) -> None:
        """Remember the entry dates under which ``url`` was fetched as ``sha256``."""
        payload = json.dumps({"url": redact_url(url), "version": version, "sha256": _checked(sha256)},
                             indent=2).encode()
        atomic_write(self._listed_path(url), payload)

    def read(self, sha256: str) -> bytes:
        data = self.blob_path(sha256).read_bytes()
        # A damaged blob must never pass for the page it claims to be.
        if hashlib.sha256(data).hexdigest() != sha256:
            raise FileNotFoundError(f"raw blob {sha256} is damaged")
        return data

    def sidecar(self, sha256: str) -> dict:
        return json.loads(self._sidecar_path(sha256).read_text("utf-8"))


def _checked(sha256: str) -> str:
    """File names in the store are hex digests, so nothing in it is written
    outside the data folder, whatever an index file on disk says."""
    if not _SHA256.match(sha256 or ""):
        raise TenetsError("E028", path=sha256, root="the raw store (names are sha256 digests)")
    return sha256
