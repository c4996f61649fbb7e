"""RawDocument -> ParsedDocument, by media type.

Each parser returns the same shape (normalised text plus blocks with offsets),
so the extractor never knows which format a document came in.
"""

from __future__ import annotations

import codecs

from pipeline.errors import DocumentError, Stage
from pipeline.raw import RawDocument
from pipeline.models import ParsedDocument
from pipeline.parse.normalise import looks_binary

TEXT_TYPES = {"text/plain", "text/markdown"}


def parse(raw: RawDocument) -> ParsedDocument:
    doc_id = raw.source.id
    if not raw.data.strip():
        raise DocumentError(doc_id, Stage.parse, "E002", size=len(raw.data))
    if raw.media_type in TEXT_TYPES:
        from pipeline.parse.text import parse_text

        parsed = parse_text(decode_text(raw), media_type=raw.media_type)
    elif raw.media_type == "text/html":
        from pipeline.parse.html import parse_html

        parsed = parse_html(raw)
    elif raw.media_type == "application/pdf":
        from pipeline.parse.pdf import parse_pdf

        parsed = parse_pdf(raw)
    else:
        raise DocumentError(doc_id, Stage.parse, "E005", media_type=raw.media_type)
    if not parsed.text.strip():
        raise DocumentError(doc_id, Stage.parse, "E006")
    return parsed


def decode_text(raw: RawDocument) -> str:
    """Strict decoding: UTF-8 (BOM optional) or UTF-16 with a BOM.

    A text file in an unknown encoding is an error, not a guess: a wrong guess
    silently corrupts names and evidence offsets.
    """
    data = raw.data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if looks_binary(data):
            raise DocumentError(raw.source.id, Stage.parse, "E003", media_type=raw.media_type,
                                expected="text")
        encoding = raw.charset or "utf-8-sig"
        if encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32")):
            # A UTF-16 label without a BOM on bytes without NULs (looks_binary
            # found none) is a lie: plain text in UTF-16 is half NULs.
            encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DocumentError(raw.source.id, Stage.parse, "E004", encoding=encoding.upper(),
                            detail=exc) from exc
