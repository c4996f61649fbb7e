"""Feeds and sitemaps -> the documents they list.

A source with ``discover`` set (``feed = "URL"`` or ``sitemap = "URL"`` in
``sources.toml``, or any URL on the command line, "auto") is fetched through
the guarded fetch (so it is kept in the raw store and asked for
conditionally next time) and read:

- RSS 2.0, RSS 1.0 and Atom with feedparser;
- sitemaps (``urlset``) and sitemap indexes (``sitemapindex``), gzipped or
  not, with lxml (no entities, no network: a sitemap is untrusted XML).

What a listing is comes from its bytes (the root element; gzip by its magic
number), then its Content-Type, never its name.  A command-line URL that is
neither is a document and passes through unchanged.

Each entry becomes a document :class:`~pipeline.sources.Source` that keeps
the entry's URL, title and dates (:class:`~pipeline.sources.Listing`); the
listing's filters (title or URL patterns, a date window) and the site's
robots.txt decide which entries are kept.  Entries are fetched later, by the
flow's fetch stage; a page whose entry date has not changed since it was
last fetched is not asked for again (see :meth:`RawStore.listed`).
"""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from urllib.parse import urljoin

from pipeline import robots
from pipeline.errors import DocumentError, Stage
from pipeline.netguard import redact_url, url_host
from pipeline.settings import Settings, get_settings
from pipeline.sources import Listing, ListingFilter, Source, source_for_url, url_id

log = logging.getLogger(__name__)

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}
SITEMAP_ROOTS = {"urlset": "sitemap", "sitemapindex": "sitemap"}
FEED_ROOTS = {"rss": "feed", "rdf": "feed", "feed": "feed"}
_PROLOG = re.compile(rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", re.S | re.I)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


@dataclass
class Entry:
    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None

    def day(self) -> date | None:
        stamp = self.published or self.updated
        return date.fromisoformat(stamp[:10]) if stamp else None


@dataclass
class Discovery:
    """What expanding the sources gave: documents to ingest, listings that
    failed (each the error of the listing's id) and entries left out."""

    sources: list[Source] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    listings: dict[str, int] = field(default_factory=dict)  # listing URL -> documents kept


def expand(sources: list[Source], settings: Settings | None = None) -> Discovery:
    """Replace every listing among ``sources`` by the documents it lists."""
    settings = settings or get_settings()
    result = Discovery()
    seen: set[str] = {s.url or s.uri for s in sources if not s.discover}
    for source in sources:
        if not source.discover:
            result.sources.append(source)
            continue
        try:
            found = _expand_one(source, settings, result)
        except DocumentError as exc:
            result.errors.append(exc)
            continue
        if isinstance(found, str):  # a command-line URL that is a page, not a listing
            result.sources.append(source.model_copy(update={"discover": None, "probed": found}))
            seen.add(source.url or source.uri)
            continue
        kept = 0
        for doc in found:
            if doc.url in seen:  # listed twice (two feeds, or a feed and a page named by hand)
                continue
            seen.add(doc.url)
            result.sources.append(doc)
            kept += 1
        result.listings[source.uri] = kept
    return result


def _expand_one(source: Source, settings: Settings, result: Discovery) -> list[Source] | str:
    """The documents ``source`` lists, or the sha256 of what it is when it
    turns out to be a page (a command-line URL)."""
    from pipeline.fetch import fetch

    url = source.url or source.uri
    raw = fetch(source, settings)
    data = _gunzip(raw.data, settings, source, url)
    found = listing_type(data, raw.media_type)
    declared = source.discover
    if found is None:
        if declared == "auto":
            return raw.sha256
        raise DocumentError(source.id, Stage.discover, "E030", url=url, listing=declared,
                            found=raw.media_type)
    if declared != "auto" and found != declared:
        raise DocumentError(source.id, Stage.discover, "E030", url=url, listing=declared, found=f"a {found}")
    if found == "feed":
        entries = read_feed(data, url, source.id)
    else:
        entries = _sitemap_entries(source, data, url, settings, depth=0)
    entries = [e for e in entries if _wanted(e, source.filters)]
    if len(entries) > settings.max_listing_entries:
        log.warning("%s lists %d documents; the first %d are taken (TENETS_MAX_LISTING_ENTRIES)",
                    redact_url(url), len(entries), settings.max_listing_entries)
        entries = entries[:settings.max_listing_entries]
    return [doc for doc in (_entry_source(source, url, e, settings, result) for e in entries) if doc]


def _entry_source(listing: Source, listing_url: str, entry: Entry, settings: Settings,
                  result: Discovery) -> Source | None:
    if not re.match(r"^https?://", entry.url, re.I):  # mailto:, ftp:, a javascript: link...
        result.skipped.append((redact_url(entry.url), "not an http(s) URL"))
        return None
    delay = None
    if settings.respect_robots:
        rules = robots.rules_for(entry.url, settings, trusted_hosts=[url_host(listing_url)])
        if not rules.allows(entry.url):
            why = f"robots.txt cannot be read ({rules.unreadable})" if rules.unreadable else \
                "disallowed by robots.txt"
            result.skipped.append((redact_url(entry.url), why))
            return None
        delay = rules.crawl_delay()
    doc_id = url_id(entry.url)
    if listing.discover != "auto" and listing.id != url_id(listing_url):  # an id given in sources.toml
        doc_id = f"{listing.id}-{doc_id}"
    return source_for_url(entry.url, id=doc_id, kind=listing.kind,
                          listing=Listing(feed_url=listing_url, title=entry.title, published=entry.published,
                                          updated=entry.updated, crawl_delay=delay))


def listing_type(data: bytes, content_type: str | None = None) -> str | None:
    """"feed", "sitemap" or None (a document), from the root element, then the type."""
    head = _PROLOG.sub(b"", data[:4096].lstrip(b"\xef\xbb\xbf"), count=1)
    m = _ROOT.match(head.lstrip())
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        if name in FEED_ROOTS:
            return "feed"
        if name in SITEMAP_ROOTS:
            return "sitemap"
        if name in ("html", "body", "head"):
            return None
    declared = (content_type or "").split(";")[0].strip().lower()
    return "feed" if declared in FEED_TYPES else None


def read_feed(data: bytes, url: str, doc_id: str) -> list[Entry]:
    """The entries of an RSS or Atom feed, in the feed's order."""
    import feedparser

    # The base for relative links, and a type so that feedparser reads the
    # bytes as XML (it sniffs the encoding from them).
    parsed = feedparser.parse(data, response_headers={"content-location": url,
                                                      "content-type": "application/xml"})
    if parsed.bozo and not parsed.entries:
        # feedparser reads loose, broken feeds when it can; nothing read is an error.
        detail = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
        raise DocumentError(doc_id, Stage.discover, "E029", listing="feed", url=url, detail=detail)
    if parsed.bozo:
        log.warning("the feed %s is not well formed (%s); its %d readable entries are taken",
                    redact_url(url), parsed.bozo_exception, len(parsed.entries))
    entries = []
    for item in parsed.entries:
        link = item.get("link") or (item.get("id") if str(item.get("id", "")).startswith("http") else None)
        if not link:
            continue
        entries.append(Entry(url=urljoin(url, link.strip()), title=_clean(item.get("title")),
                             # dict.get: feedparser's own get maps one date to the other (deprecated)
                             published=_iso(dict.get(item, "published_parsed")),
                             updated=_iso(dict.get(item, "updated_parsed"))))
    return entries


def read_sitemap(data: bytes, url: str, doc_id: str) -> tuple[list[Entry], list[str]]:
    """A sitemap's pages, or a sitemap index's sitemaps: (entries, sitemap URLs)."""
    from lxml import etree

    # Untrusted XML: no entity expansion, no DTD or network access.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(doc_id, Stage.discover, "E029", listing="sitemap", url=url, detail=exc) from exc
    name = etree.QName(root).localname.lower()
    if name not in SITEMAP_ROOTS:
        raise DocumentError(doc_id, Stage.discover, "E030", url=url, listing="sitemap", found=f"<{name}>")
    entries, children = [], []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        fields = {etree.QName(c).localname.lower(): (c.text or "").strip()
                  for c in node if isinstance(c.tag, str)}
        loc = fields.get("loc")
        if not loc:
            continue
        if name == "sitemapindex":
            children.append(urljoin(url, loc))
        else:
            entries.append(Entry(url=urljoin(url, loc), updated=_lastmod(fields.get("lastmod"))))
    return entries, children


def _sitemap_entries(source: Source, data: bytes, url: str, settings: Settings, depth: int) -> list[Entry]:
    from pipeline.fetch import fetch

    entries, children = read_sitemap(data, url, source.id)
    for child_url in children:
        if depth >= settings.max_sitemap_depth:
            log.warning("sitemap index %s nests deeper than %d: %s left out", redact_url(url),
                        settings.max_sitemap_depth, redact_url(child_url))
            continue
        if len(entries) >= settings.max_listing_entries:
            break
        child = source_for_url(child_url, id=source.id)  # its errors are the listing's
        # A sitemap named by an index is a link: checked unless on the index's host.
        raw = fetch(child, settings, trusted_hosts=[url_host(url)])
        child_data = _gunzip(raw.data, settings, source, child_url)
        entries += _sitemap_entries(source, child_data, child_url, settings, depth + 1)
    return entries


def _gunzip(data: bytes, settings: Settings, source: Source, url: str) -> bytes:
    """A gzipped sitemap (``.xml.gz`` served as is), never inflated past the size cap."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, settings.max_bytes + 1)
    except zlib.error as exc:
        raise DocumentError(source.id, Stage.discover, "E029", listing="sitemap", url=url,
                            detail=f"bad gzip data: {exc}") from exc
    if len(out) > settings.max_bytes or inflater.unconsumed_tail:
        raise DocumentError(source.id, Stage.discover, "E014", limit=settings.max_bytes)
    return out


def _wanted(entry: Entry, filters: ListingFilter | None) -> bool:
    if filters is None:
        return True
    haystacks = [entry.url, entry.title or ""]
    if filters.include and not any(re.search(p, h) for p in filters.include for h in haystacks):
        return False
    if any(re.search(p, h) for p in filters.exclude for h in haystacks):
        return False
    if filters.since or filters.until:
        day = entry.day()
        if day is None:  # a window was asked for: an undated entry cannot be placed in it
            return False
        if (filters.since and day < filters.since) or (filters.until and day > filters.until):
            return False
    return True


def _iso(struct) -> str | None:
    """feedparser's UTC struct_time as ISO 8601."""
    if not struct:
        return None
    try:
        return datetime(*struct[:6], tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return None


def _lastmod(value: str | None) -> str | None:
    """A sitemap lastmod (W3C datetime) kept as written when it is one."""
    if value and re.match(r"^\d{4}(-\d{2}(-\d{2})?)?([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$", value):
        return value
    return None


def _clean(text: str | None) -> str | None:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text or None

