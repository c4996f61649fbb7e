"""Discovery from feeds and sitemaps (pipeline.discover, pipeline.robots),
against a real HTTP server on 127.0.0.1: what a listing is, its entries and
their metadata, filters, robots.txt and its crawl delay, sources.toml."""

from __future__ import annotations

import gzip
import time

import pytest

from fixtures.http_server import SIMPLE_PAGE as PAGE
from pipeline import robots
from pipeline.discover import expand, listing_type, read_feed, read_sitemap
from pipeline.errors import DocumentError, TenetsError
from pipeline.fetch import fetch
from pipeline.settings import Settings
from pipeline.sources import Listing, load_sources_file, resolve_sources, source_for_url



@pytest.fixture
def settings(tmp_path):
    robots.forget()
    yield Settings(data_dir=tmp_path / "data", corrections_dir=tmp_path / "corrections", max_retries=0,
                   retry_backoff=0.01, document_timeout=20.0)
    robots.forget()


def _rss(items: list[tuple[str, str, str | None]]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{u}</link>"
                   + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>" for t, u, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>http://x/</link>'
            f"<description>d</description>{body}</channel></rss>").encode()


@pytest.mark.parametrize("data,content_type,expected", [
    (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0"><channel/></rss>', "text/xml", "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "", "feed"),
    (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "application/xml", "feed"),
    (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "text/xml", "sitemap"),
    (b"<sitemapindex/>", "application/octet-stream", "sitemap"),
    (PAGE, "application/rss+xml", None),  # the bytes win over a lying type
    (b"not xml at all", "application/rss+xml", "feed"),  # then the type: a feed, maybe broken
    (b"plain text", "text/plain", None),
])
def test_what_a_listing_is_comes_from_its_bytes_then_its_type(data, content_type, expected):
    assert listing_type(data, content_type) == expected


def test_feed_entries_keep_url_title_and_dates():
    data = _rss([("One", "/a", "Mon, 01 Sep 2025 10:00:00 GMT"), ("Two  words", "http://h/b", None),
                 ("No link", "", None)])
    entries = read_feed(data, "http://h/feed/", "feed")
    assert [(e.url, e.title, e.published) for e in entries] == [
        ("http://h/a", "One", "2025-09-01T10:00:00Z"), ("http://h/b", "Two words", None)]


def test_a_feed_nothing_can_be_read_from_is_an_error_naming_it():
    with pytest.raises(DocumentError) as info:
        read_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Br', "http://h/f", "f-1")
    assert info.value.code == "E029" and info.value.stage.value == "discover" and info.value.doc_id == "f-1"
    assert "http://h/f" in str(info.value)


def test_sitemaps_are_read_without_entities():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>http://h/&b;</loc><lastmod>2025-01-02</lastmod></url>"
            b"<url><loc> /rel </loc><lastmod>yesterday</lastmod></url></urlset>")
    entries, children = read_sitemap(bomb, "http://h/sitemap.xml", "s")
    assert children == []
    assert "aaaaaaaaaa" not in entries[0].url and entries[0].updated == "2025-01-02"
    assert entries[1].url == "http://h/rel" and entries[1].updated is None  # not a W3C date


def test_a_sitemap_index_with_a_gzipped_sitemap(server, settings):
    urlset = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f'<url><loc>{server.url("/p1")}</loc><lastmod>2025-03-01</lastmod></url></urlset>')
    server.add("/s.xml.gz", gzip.compress(urlset.encode()), "application/x-gzip")
    index = f'<sitemapindex><sitemap><loc>{server.url("/s.xml.gz")}</loc></sitemap></sitemapindex>'
    url = server.add("/index.xml", index.encode(), "application/xml")
    server.add("/p1", PAGE)
    found = expand([source_for_url(url, discover="auto")], settings)
    assert not found.errors
    [doc] = found.sources
    assert doc.url == server.url("/p1") and doc.listing.feed_url == url
    assert doc.listing.updated == "2025-03-01" and doc.discover is None
    assert found.listings == {url: 1}


def test_a_gzip_bomb_stops_at_the_size_cap(server, settings):
    url = server.add("/big.xml.gz", gzip.compress(b"<urlset>" + b" " * 3_000_000 + b"</urlset>"),
                     "application/x-gzip")
    found = expand([source_for_url(url, discover="sitemap")], settings.model_copy(update={"max_bytes": 100_000}))
    assert [e.code for e in found.errors] == ["E014"]


def test_a_page_named_on_the_command_line_passes_through(server, settings):
    url = server.add("/page.html", PAGE)
    found = expand(resolve_sources([url]), settings)
    assert [(s.url, s.discover, s.listing) for s in found.sources] == [(url, None, None)]
    assert found.sources[0].probed


def test_a_declared_feed_that_is_a_page_is_an_error(server, settings):
    url = server.add("/page.html", PAGE)
    found = expand([source_for_url(url, id="news", discover="feed")], settings)
    [error] = found.errors
    assert error.code == "E030" and error.doc_id == "news" and "not a feed" in str(error)


def test_filters_title_url_and_date_window(server, settings):
    items = [("Joint Statement on Quantum", server.url("/a"), "Mon, 01 Sep 2025 10:00:00 GMT"),
             ("Travel advisory", server.url("/travel/b"), "Mon, 01 Sep 2025 10:00:00 GMT"),
             ("Joint Statement, old", server.url("/c"), "Mon, 01 Sep 2020 10:00:00 GMT"),
             ("Joint Statement, undated", server.url("/d"), None)]
    server.add("/feed", _rss(items), "application/rss+xml")
    listing = tmp = settings.data_dir.parent / "sources.toml"
    tmp.write_text(f'[[document]]\nid = "state"\nfeed = "{server.url("/feed")}"\n'
                   'include = "(?i)joint statement"\nexclude = ["/travel/"]\nsince = 2025-01-01\n'
                   'kind = "joint_statement"\n')
    found = expand(load_sources_file(listing), settings)
    [doc] = found.sources
    assert doc.url == server.url("/a") and doc.kind.value == "joint_statement"
    assert doc.id.startswith("state-") and doc.listing.title == "Joint Statement on Quantum"


@pytest.mark.parametrize("entry,problem", [
    ('feed = "http://h/f"\nsitemap = "http://h/s"', "either feed or sitemap"),
    ('feed = "http://h/f"\nwhen = "daily"', "unknown keys"),
    ('feed = "http://h/f"\ninclude = "(unclosed"', "not a regular expression"),
])
def test_a_bad_listing_entry_is_a_usage_error(tmp_path, entry, problem):
    listing = tmp_path / "sources.toml"
    listing.write_text(f'[[document]]\n{entry}\n')
    with pytest.raises(TenetsError) as info:
        load_sources_file(listing)
    assert info.value.code == "E017" and problem in str(info.value)


def test_robots_txt_decides_and_is_read_once_per_host(server, settings):
    server.add("/robots.txt", b"User-agent: tenets\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n",
               "text/plain")
    items = [("Open", server.url("/news/a"), None), ("Closed", server.url("/private/b"), None)]
    server.add("/feed", _rss(items), "application/rss+xml")
    found = expand([source_for_url(server.url("/feed"), discover="feed")], settings)
    assert [s.url for s in found.sources] == [server.url("/news/a")]  # the group naming tenets applies
    assert found.skipped == [(server.url("/private/b"), "disallowed by robots.txt")]
    expand([source_for_url(server.url("/feed"), discover="feed")], settings)
    assert len(server.hits("/robots.txt")) == 1


def test_without_robots_txt_everything_is_allowed(server, settings):
    server.add("/feed", _rss([("A", server.url("/a"), None)]), "application/rss+xml")
    found = expand([source_for_url(server.url("/feed"), discover="feed")], settings)
    assert len(found.sources) == 1 and not found.skipped


def test_the_crawl_delay_spaces_requests_to_a_host(server, settings):
    server.add("/robots.txt", b"User-agent: *\nCrawl-delay: 1\n", "text/plain")
    server.add("/feed", _rss([(f"P{i}", server.url(f"/p{i}"), None) for i in range(3)]), "application/rss+xml")
    for i in range(3):
        server.add(f"/p{i}", PAGE)
    found = expand([source_for_url(server.url("/feed"), discover="feed")], settings)
    assert {s.listing.crawl_delay for s in found.sources} == {1.0}
    start = time.monotonic()
    for source in found.sources:
        fetch(source, settings)
    assert time.monotonic() - start >= 1.9  # three requests, two waits


def test_an_unchanged_entry_is_not_fetched_again(server, settings):
    url = server.add("/a", PAGE)
    listing = Listing(feed_url=server.url("/feed"), published="2025-09-01T10:00:00Z")
    source = source_for_url(url, listing=listing)
    first = fetch(source, settings)
    again = fetch(source, settings)
    assert len(server.hits("/a")) == 1 and again.sha256 == first.sha256 and again.not_modified
    changed = source.model_copy(update={"listing": listing.model_copy(update={"updated": "2025-09-02"})})
    fetch(changed, settings)
    assert len(server.hits("/a")) == 2  # the feed says it changed: asked again


def test_an_entry_on_another_host_is_checked_like_a_link(server, settings):
    listing = Listing(feed_url="https://feeds.example.org/rss")
    source = source_for_url(server.url("/a"), listing=listing)  # 127.0.0.1: not the feed's host
    with pytest.raises(DocumentError) as info:
        fetch(source, settings)
    assert info.value.code == "E025"


def test_a_page_probed_by_discovery_is_not_downloaded_twice(server, settings):
    url = server.add("/page.html", PAGE)  # no validators: a second request would download it again
    [source] = expand(resolve_sources([url]), settings).sources
    raw = fetch(source, settings)
    assert len(server.hits("/page.html")) == 1 and raw.data == PAGE


def test_entries_that_are_not_web_pages_are_skipped(server, settings):
    server.add("/feed", _rss([("Mail", "mailto:press@example.org", None), ("Page", server.url("/a"), None)]),
               "application/rss+xml")
    found = expand([source_for_url(server.url("/feed"), discover="feed")], settings)
    assert [s.url for s in found.sources] == [server.url("/a")]
    assert found.skipped == [("mailto:press@example.org", "not an http(s) URL")]
