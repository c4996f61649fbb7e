"""Extraction -> DocumentRecord: ids, validation, the record contract."""

from __future__ import annotations

from pydantic import ValidationError

from pipeline import __version__
from pipeline.errors import DocumentError, Stage
from pipeline.extract import Extraction
from pipeline.raw import RawDocument
from pipeline.models import FIELDS, DocumentRecord, ParsedDocument, SourceInfo


def assemble(raw: RawDocument, parsed: ParsedDocument, extraction: Extraction) -> DocumentRecord:
    fields = {}
    for field in FIELDS:
        items, seen = [], set()
        for item in getattr(extraction, field):
            item.with_id(field)
            if item.id not in seen:  # the same value read twice from the same words
                seen.add(item.id)
                items.append(item)
        fields[field] = items
    try:
        return DocumentRecord(
            pipeline_version=__version__,
            id=raw.source.id,
            source=SourceInfo(uri=raw.source.uri, media_type=raw.media_type, sha256=raw.sha256,
                              fetched_at=raw.fetched_at, final_uri=raw.final_uri, **_listing(raw.source)),
            kind=extraction.kind,
            title=extraction.title,
            text=parsed.text,
            provenance=extraction.provenance,
            **fields,
        )
    except ValidationError as exc:
        raise DocumentError(raw.source.id, Stage.assemble, "E007", detail=exc) from exc


def _listing(source) -> dict:
    """Where a document found in a feed or sitemap was listed (record ``source``)."""
    listing = source.listing
    if listing is None:
        return {}
    return {"feed_url": listing.feed_url, "entry_title": listing.title,
            "entry_published": listing.published or listing.updated}
