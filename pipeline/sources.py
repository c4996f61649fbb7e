"""Where documents come from: ``sources.toml`` files, paths, folders and URLs."""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from pipeline.errors import TenetsError
from pipeline.models import Kind
from pipeline.netguard import remember_credentials

SUPPORTED_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".pdf"}
SOURCES_FILE = "sources.toml"


ListingType = Literal["feed", "sitemap", "auto"]


class ListingFilter(BaseModel):
    """Which entries of a feed or sitemap to ingest (``sources.toml``)."""

    include: list[str] = Field(default_factory=list,
                               description="Regular expressions; an entry is kept when its title or "
                                           "URL matches one (all kept when empty).")
    exclude: list[str] = Field(default_factory=list,
                               description="Regular expressions; an entry whose title or URL matches "
                                           "one is dropped.")
    since: date | None = Field(None, description="Keep entries published on or after this day.")
    until: date | None = Field(None, description="Keep entries published on or before this day.")

    @field_validator("include", "exclude")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} is not a regular expression: {exc}") from exc
        return patterns


class Listing(BaseModel):
    """Where a discovered document was listed: the feed or sitemap entry."""

    feed_url: str = Field(description="The feed or sitemap that listed the document.")
    title: str | None = Field(None, description="The entry's title, as the feed gives it.")
    published: str | None = Field(None, description="The entry's published date (ISO 8601).")
    updated: str | None = Field(None, description="The entry's last-updated date (ISO 8601), "
                                                  "or a sitemap's lastmod.")
    crawl_delay: float | None = Field(None, description="robots.txt Crawl-delay of the entry's host.")

    @property
    def version(self) -> str | None:
        """What says the entry changed: its dates in the listing, if any."""
        stamp = "|".join(v or "" for v in (self.updated, self.published))
        return stamp if stamp.strip("|") else None


class Source(BaseModel):
    """One document to ingest. ``uri`` is what the record's id is stable for."""

    id: str
    uri: str
    path: Path | None = None
    url: str | None = Field(None, description="Where the document lives on the web, if known.")
    kind: Kind | None = Field(None, description="Hint that overrides the kind classifier.")
    discover: ListingType | None = Field(
        None, description="This URL lists documents (a feed or a sitemap; 'auto': find out from "
                          "the answer) and is expanded into them before ingesting.")
    filters: ListingFilter | None = None
    listing: Listing | None = Field(None, description="Set on a document found in a feed or sitemap.")
    probed: str | None = Field(
        None, description="sha256 of the answer discovery just got for this URL (a page, not a "
                          "listing): the fetch reuses it from the raw store instead of asking again.")

    @field_validator("id")
    @classmethod
    def _id_names_no_path(cls, value: str) -> str:
        problem = id_problem(value)
        if problem:
            raise ValueError(f"id {value!r} {problem}")
        return value

    @field_validator("uri", "url")
    @classmethod
    def _no_credentials(cls, value: str | None) -> str | None:
        # What a source carries ends up in records, error files and logs.
        return remember_credentials(value) if value and re.match(r"^https?://", value, re.I) else value

    @property
    def is_remote(self) -> bool:
        return self.path is None

    @property
    def trusted_hosts(self) -> list[str] | None:
        """Hosts fetched without the internal-address check: None for a URL the
        user named (its own host is trusted), the listing's host for a
        document found in a feed (a link on another host is checked)."""
        if self.listing is None:
            return None
        from pipeline.netguard import url_host

        return [url_host(self.listing.feed_url)]


MAX_ID_LENGTH = 200


def id_problem(doc_id: object) -> str | None:
    """Why ``doc_id`` cannot be a document id, or None.  An id names the
    record and error files (``<out>/records/<id>.json``), so it must be one
    plain file name: never a path that climbs out of the output folder."""
    if not isinstance(doc_id, str):
        return "is not a string"
    if not doc_id.strip():
        return "is empty"
    if "/" in doc_id or "\\" in doc_id:
        return "contains a path separator ('/' or '\\')"
    if doc_id.startswith("."):
        return "starts with '.' (a hidden file, or '..' climbing out of the output folder)"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in doc_id):
        return "contains a control or invisible formatting character"
    if len(doc_id) > MAX_ID_LENGTH:
        return f"is longer than {MAX_ID_LENGTH} characters"
    return None


def slugify(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")
    return (slug or "doc")[:100]


def path_uri(path: Path) -> str:
    """A file's identity: its path relative to the working folder when inside
    it (records are then the same in every checkout), else its file: URI."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_uri()


def source_for_path(path: Path, *, id: str | None = None, url: str | None = None,
                    kind: Kind | None = None) -> Source:
    path = Path(path)
    return Source(id=id or slugify(path.stem), uri=url or path_uri(path), path=path, url=url, kind=kind)


def source_for_url(url: str, *, id: str | None = None, kind: Kind | None = None,
                   discover: ListingType | None = None, filters: ListingFilter | None = None,
                   listing: Listing | None = None) -> Source:
    url = remember_credentials(url)  # before the id is derived from it
    if id is None:
        id = url_id(url)
    return Source(id=id, uri=url, url=url, kind=kind, discover=discover, filters=filters, listing=listing)


def url_id(url: str) -> str:
    """A stable id for a URL: the last path segment and a hash of the whole."""
    tail = re.sub(r"\.[A-Za-z0-9]+$", "", url.rstrip("/").rsplit("/", 1)[-1]) or "index"
    return f"{slugify(tail)[:80]}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def load_sources_file(path: Path) -> list[Source]:
    """Read a ``sources.toml``: ``[[document]]`` tables with id, path (a file
    or a folder) or url, and kind."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TenetsError("E017", path=path, detail=exc) from exc
    sources = []
    for i, entry in enumerate(data.get("document", [])):
        try:
            if "id" in entry and id_problem(entry["id"]):
                raise ValueError(f"id {entry['id']!r} {id_problem(entry['id'])}; an id must be a plain "
                                 "file name")
            if "path" in entry and (path.parent / entry["path"]).is_dir():
                # A folder: every document in it, ids prefixed by the entry's id.
                sources.extend(folder_sources(path.parent / entry["path"], kind=entry.get("kind"),
                                              prefix=entry.get("id")))
            elif "path" in entry:
                sources.append(source_for_path(path.parent / entry["path"], id=entry.get("id"),
                                               url=entry.get("url"), kind=entry.get("kind")))
            elif "url" in entry:
                sources.append(source_for_url(entry["url"], id=entry.get("id"), kind=entry.get("kind")))
            elif "feed" in entry or "sitemap" in entry:
                sources.append(_listing_source(entry))
            else:
                raise ValueError("each [[document]] needs a path or a url "
                                 "(or a feed or a sitemap to discover them)")
        except (ValueError, ValidationError) as exc:
            raise TenetsError("E017", path=path, detail=f"document #{i + 1}: {exc}") from exc
    return sources


_FILTER_KEYS = ("include", "exclude", "since", "until")


def _listing_source(entry: dict) -> Source:
    """``feed = "URL"`` or ``sitemap = "URL"`` with optional filters: a source
    expanded into its entries by :mod:`pipeline.discover` (``id`` prefixes them)."""
    if "feed" in entry and "sitemap" in entry:
        raise ValueError("give either feed or sitemap, not both")
    kind_of = "feed" if "feed" in entry else "sitemap"
    unknown = set(entry) - {"id", "kind", kind_of, *_FILTER_KEYS}
    if unknown:
        raise ValueError(f"unknown keys for a {kind_of}: {', '.join(sorted(unknown))}")
    filters = ListingFilter(**{k: _as_list(entry[k]) if k in ("include", "exclude") else entry[k]
                               for k in _FILTER_KEYS if k in entry})
    return source_for_url(entry[kind_of], id=entry.get("id"), kind=entry.get("kind"), discover=kind_of,
                          filters=filters)


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def folder_sources(folder: Path, *, kind: Kind | None = None, prefix: str | None = None) -> list[Source]:
    """The supported documents (text, HTML, PDF) directly in ``folder``."""
    return [source_for_path(p, id=f"{prefix}-{slugify(p.stem)}" if prefix else None, kind=kind)
            for p in sorted(Path(folder).iterdir())
            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]


def resolve_sources(args: list[str]) -> list[Source]:
    """Turn command-line arguments into sources.

    A folder with a ``sources.toml`` means that file; a folder without one means
    every supported file in it; a ``.toml`` file is a sources file; anything else
    is a document path or an http(s) URL.  A path that does not exist still
    becomes a source, so the run reports it as that document's error.
    """
    sources: list[Source] = []
    for arg in args:
        if re.match(r"^https?://", arg, re.I):
            # A URL may be a page, a feed or a sitemap: discovery finds out.
            sources.append(source_for_url(arg, discover="auto"))
            continue
        path = Path(arg)
        if path.is_dir():
            listing = path / SOURCES_FILE
            if listing.exists():
                sources.extend(load_sources_file(listing))
            else:
                sources.extend(folder_sources(path))
        elif path.suffix == ".toml" and path.is_file():
            sources.extend(load_sources_file(path))
        else:
            sources.append(source_for_path(path))
    return _dedupe_ids(sources)


def _dedupe_ids(sources: list[Source]) -> list[Source]:
    seen: dict[str, int] = {}
    out = []
    for src in sources:
        if src.id in seen:
            suffix = hashlib.sha256(src.uri.encode()).hexdigest()[:8]
            src = src.model_copy(update={"id": f"{src.id}-{suffix}"})
        seen[src.id] = 1
        out.append(src)
    return out
