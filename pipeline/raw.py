"""RawDocument: a document's bytes as the fetch stage hands them on.

It lives apart from :mod:`pipeline.fetch` (the HTTP client, its limits and
retries) so that the parsers, which read a RawDocument, depend only on this
small model and not on the code that talks to the network.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

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

    @property
    def not_modified(self) -> bool:
        """The server said the page has not changed since the stored copy."""
        return self.http.get("status") == "304"
