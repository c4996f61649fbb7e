"""Errors with stable codes, in the manner of spaCy's ``Errors``.

Every failure of one document is a :class:`DocumentError` naming the document,
the stage and the cause, so one bad file never stops a run and the error file
written for it tells the user what to do.
"""

from __future__ import annotations

from enum import Enum


class Stage(str, Enum):
    source = "source"
    discover = "discover"  # reading a feed or sitemap into the documents it lists
    fetch = "fetch"
    parse = "parse"
    extract = "extract"
    assemble = "assemble"
    review = "review"
    write = "write"


class Errors:
    E001 = "File not found: {path}"
    E002 = "The document is empty ({size} bytes)."
    E003 = "The document looks binary (media type {media_type}); it cannot be read as {expected}."
    E004 = "The document is not valid {encoding} text: {detail}"
    E005 = "Unsupported media type {media_type}."
    E006 = "The document has no text after removing site furniture."
    E007 = "Record failed validation: {detail}"
    E008 = "Extraction failed: {detail}"
    E009 = "No text layer: OCR is not supported."
    E010 = "The PDF is encrypted and cannot be read."
    E011 = "The PDF is corrupt or truncated: {detail}"
    E012 = "HTTP {status} for {url}"
    E013 = "Could not fetch {url}: {detail}"
    E014 = "The document exceeds the size cap of {limit} bytes."
    E015 = "Timed out after {seconds:g} s in stage {stage_name}: the document takes too long."
    E016 = "Unknown source {source!r}: not a file, folder or http(s) URL."
    E017 = "Invalid sources file {path}: {detail}"
    E018 = "Timed out fetching {url}: no answer within {seconds:g} s ({phase})."
    E019 = "HTTP {status} with an empty body from {url}."
    E020 = "Too many redirects (more than {limit}) starting at {url}."
    E021 = ("Unknown character set {charset!r}; the bytes are not UTF-8 and no reliable guess "
            "is possible.")
    E022 = "The server answered 304 Not Modified for {url}, but no earlier copy is stored."
    E023 = ("Out of memory in stage {stage_name}: the document needs more than the worker's "
            "cap of {limit_mb} MB (TENETS_WORKER_MEMORY_MB).")
    E024 = "The worker process died in stage {stage_name} ({detail}); it was replaced."
    E025 = ("Refused {kind} to {target}: {reason} (not a host the user named; allow it with "
            "TENETS_ALLOWED_HOSTS).")
    E026 = "Refused {kind} to {target}: only http and https URLs are followed."
    E027 = ("Timed out fetching {url}: the overall deadline of {seconds:g} s passed ({phase}); "
            "see TENETS_FETCH_DEADLINE.")
    E028 = "Refused to write {path}: it is outside {root}."
    E029 = "The {listing} at {url} cannot be read: {detail}"
    E030 = "{url} is not a {listing} (it looks like {found}); see its entry in sources.toml."


class TenetsError(Exception):
    """Base error. ``code`` is one of the names on :class:`Errors`."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        super().__init__(f"[{code}] {template.format(**fields)}")


class DocumentError(TenetsError):
    """A failure of one document in one stage; the run carries on."""

    def __init__(self, doc_id: str, stage: Stage, code: str, **fields: object) -> None:
        self.doc_id = doc_id
        self.stage = stage
        super().__init__(code, **fields)

    @property
    def cause(self) -> str:
        return str(self)

    def __reduce__(self):
        # Errors cross process boundaries (worker processes, Dask); a field
        # holding an exception or other object travels as its text.
        fields = {k: v if isinstance(v, (str, int, float, bool, type(None))) else str(v)
                  for k, v in self.fields.items()}
        return (_rebuild_document_error, (self.doc_id, self.stage, self.code, fields))


def _rebuild_document_error(doc_id: str, stage: Stage, code: str, fields: dict) -> DocumentError:
    return DocumentError(doc_id, stage, code, **fields)
