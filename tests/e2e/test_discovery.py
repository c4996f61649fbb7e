"""``tenets run FEED_URL SITEMAP_URL ...`` against a real HTTP server (issue 10).

A server on 127.0.0.1 serves an RSS 2.0 feed, an Atom feed, a sitemap index
naming a gzipped sitemap, a malformed feed, robots.txt disallowing one path,
and pages of ``../shared/corpus-pool/html/`` with ETag and Last-Modified; one
feed entry 404s.  Two runs of the CLI on the same sources: the first ingests
every listed page (the broken feed and the missing page fail with clear
errors, the rest are written), the second downloads no page again.  The
export of the records opens in DuckDB and pandas.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fixtures.http_server import FixtureServer, Response

pytestmark = pytest.mark.e2e
TENETS = str(Path(sys.executable).with_name("tenets"))
POOL_HTML = Path(__file__).resolve().parents[3] / "shared" / "corpus-pool" / "html"
LAST_MODIFIED = "Wed, 21 Oct 2025 07:28:00 GMT"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return {**env, "PREFECT_HOME": str(tmp_path / ".prefect"), "TENETS_DATA_DIR": str(tmp_path / "data"),
            "TENETS_CORRECTIONS_DIR": str(tmp_path / "corrections")}


class Site:
    """The publisher: pages with validators, feeds, sitemaps, robots.txt.
    Counts the 200 answers per path (a 304 or a 404 downloads no page)."""

    def __init__(self, server: FixtureServer, pages: list[Path]) -> None:
        self.server = server
        self.downloads: dict[str, int] = {}
        self._lock = threading.Lock()
        self.pages = {f"/news/{p.stem}": p.read_bytes() for p in pages}
        for path, body in self.pages.items():
            self._validated(path, body, "text/html; charset=utf-8")
        # Not in any page list: only the disallowed and missing entries point there.
        self._validated("/private/secret", self.pages[next(iter(self.pages))], "text/html")

    def _validated(self, path: str, body: bytes, content_type: str) -> str:
        etag = f'"{abs(hash(body)) % 10**8}"'

        def handler(req):
            if req.headers.get("if-none-match") == etag or req.headers.get("if-modified-since") == LAST_MODIFIED:
                return Response(304, b"", {"ETag": etag})
            with self._lock:
                self.downloads[path] = self.downloads.get(path, 0) + 1
            return Response(200, body, {"Content-Type": content_type, "ETag": etag,
                                        "Last-Modified": LAST_MODIFIED})
        return self.server.route(path, handler)

    def url(self, path: str) -> str:
        return self.server.url(path)

    def publish(self) -> dict[str, str]:
        paths = list(self.pages)
        rss_items = "".join(
            f"<item><title>Page {i}</title><link>{self.url(p)}</link>"
            f"<pubDate>Mon, 0{i + 1} Sep 2025 10:00:00 GMT</pubDate></item>" for i, p in enumerate(paths[:3]))
        rss_items += (f"<item><title>Gone</title><link>{self.url('/news/missing')}</link>"
                      "<pubDate>Tue, 09 Sep 2025 10:00:00 GMT</pubDate></item>"
                      f"<item><title>Secret</title><link>{self.url('/private/secret')}</link>"
                      "<pubDate>Tue, 09 Sep 2025 10:00:00 GMT</pubDate></item>")
        rss = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
               f"<link>{self.url('/')}</link><description>d</description>{rss_items}</channel></rss>")
        atom_entries = "".join(
            f'<entry><title>Atom {i}</title><link rel="alternate" href="{self.url(p)}"/><id>urn:x:{i}</id>'
            f"<updated>2025-09-1{i}T08:00:00Z</updated><published>2025-09-1{i}T08:00:00Z</published></entry>"
            for i, p in enumerate(paths[2:5]))  # paths[2] is also in the RSS feed: ingested once
        atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Statements</title><id>urn:x</id><updated>2025-09-20T00:00:00Z</updated>"
                f"{atom_entries}</feed>")
        urlset = ('<?xml version="1.0" encoding="UTF-8"?>'
                  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                  + "".join(f"<url><loc>{self.url(p)}</loc><lastmod>2025-08-0{i + 1}</lastmod></url>"
                            for i, p in enumerate(paths[5:]))
                  + f"<url><loc>{self.url('/private/secret')}</loc></url></urlset>")
        index = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"<sitemap><loc>{self.url('/sitemaps/pages.xml.gz')}</loc></sitemap></sitemapindex>")
        self._validated("/feeds/rss", rss.encode(), "application/rss+xml")
        self._validated("/feeds/atom.xml", atom.encode(), "application/atom+xml; charset=utf-8")
        self._validated("/sitemap_index.xml", index.encode(), "application/xml")
        self._validated("/sitemaps/pages.xml.gz", gzip.compress(urlset.encode(), mtime=0),
                        "application/x-gzip")
        self._validated("/feeds/broken", b'<?xml version="1.0"?><rss version="2.0"><channel><title>Br',
                        "application/rss+xml")
        self.server.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
        return {"rss": self.url("/feeds/rss"), "atom": self.url("/feeds/atom.xml"),
                "sitemap": self.url("/sitemap_index.xml"), "broken": self.url("/feeds/broken")}


def _run(args: list[str], env: dict, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([TENETS, "run", *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def discovery(tmp_path_factory, root):
    if not POOL_HTML.is_dir():
        pytest.skip("../shared/corpus-pool is not available")
    tmp_path = tmp_path_factory.mktemp("discovery")
    pages = sorted(POOL_HTML.glob("dos-*.html"))[:7]
    with FixtureServer() as server:
        site = Site(server, pages)
        feeds = site.publish()
        out = tmp_path / "out"
        env = _env(tmp_path)
        args = [feeds["rss"], feeds["atom"], feeds["sitemap"], feeds["broken"], "--out", str(out),
                "--export", "duckdb"]
        first = _run(args, env, root)
        exported = out / "export" / "tenets.duckdb"
        export_mtime = exported.stat().st_mtime_ns if exported.exists() else None
        first_downloads = dict(site.downloads)
        site.downloads.clear()
        requests_before = len(server.requests)
        second = _run(args, env, root)
        second_requests = server.requests[requests_before:]
        yield {"first": first, "second": second, "out": out, "site": site, "feeds": feeds,
               "first_downloads": first_downloads, "second_downloads": dict(site.downloads),
               "second_requests": second_requests, "env": env, "tmp": tmp_path,
               "export_mtimes": (export_mtime, exported.stat().st_mtime_ns if exported.exists() else None)}


def _records(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in (out / "records").glob("*.json")}


def test_the_first_run_ingests_every_listed_page(discovery):
    first, out, site = discovery["first"], discovery["out"], discovery["site"]
    assert first.returncode == 1, first.stderr  # the broken feed and the missing page failed
    records = _records(out)
    by_url = {r["source"]["uri"]: r for r in records.values()}
    assert set(by_url) == {site.url(p) for p in site.pages}, first.stderr
    assert {p: discovery["first_downloads"].get(p) for p in site.pages} == {p: 1 for p in site.pages}


def test_records_keep_the_feed_entry(discovery):
    site, feeds = discovery["site"], discovery["feeds"]
    by_url = {r["source"]["uri"]: r["source"] for r in _records(discovery["out"]).values()}
    first_page = site.url(next(iter(site.pages)))
    assert by_url[first_page]["feed_url"] == feeds["rss"]
    assert by_url[first_page]["entry_title"] == "Page 0"
    assert by_url[first_page]["entry_published"] == "2025-09-01T10:00:00Z"
    atom_only = site.url(list(site.pages)[4])
    assert by_url[atom_only]["feed_url"] == feeds["atom"]
    assert by_url[atom_only]["entry_published"] == "2025-09-12T08:00:00Z"
    from_sitemap = site.url(list(site.pages)[5])
    assert by_url[from_sitemap]["feed_url"] == feeds["sitemap"]  # the listing named, not the child
    assert by_url[from_sitemap]["entry_published"] == "2025-08-01"


def test_failures_name_the_document_and_the_stage(discovery):
    first, out = discovery["first"], discovery["out"]
    errors = {p.stem: json.loads(p.read_text()) for p in (out / "errors").glob("*.json")}
    broken = [e for e in errors.values() if e["uri"] == discovery["feeds"]["broken"]]
    assert len(broken) == 1 and broken[0]["stage"] == "discover" and broken[0]["code"] == "E029"
    assert "feed" in broken[0]["cause"] and discovery["feeds"]["broken"] in broken[0]["cause"]
    missing = [e for e in errors.values() if e["uri"].endswith("/news/missing")]
    assert len(missing) == 1 and missing[0]["stage"] == "fetch" and "HTTP 404" in missing[0]["cause"]
    assert len(errors) == 2
    assert f"failed {missing[0]['id']} [fetch]" in first.stderr
    assert f"failed {broken[0]['id']} [discover]" in first.stderr


def test_robots_txt_is_honoured(discovery):
    site = discovery["site"]
    assert not site.server.hits("/private/secret")  # disallowed: never asked for, in either run
    assert "disallowed by robots.txt" in discovery["first"].stderr
    user_agents = {r.headers.get("user-agent", "") for r in site.server.requests}
    assert all(ua.startswith("tenets/") for ua in user_agents)


def test_the_second_run_downloads_no_page_again(discovery):
    second = discovery["second"]
    assert second.returncode == 1, second.stderr  # the same two failures, nothing else
    assert discovery["second_downloads"] == {}
    asked = {r.path for r in discovery["second_requests"]}
    # Listed pages whose entry is unchanged are not even asked for; the
    # listings are asked for conditionally (304).
    assert not {p for p in discovery["site"].pages} & asked
    assert "unchanged" in second.stderr and " 0 new, 0 changed" in second.stderr


def test_exports_open_in_duckdb_and_pandas(discovery, root):
    import duckdb
    import pandas as pd

    out, tmp = discovery["out"], discovery["tmp"]
    records = _records(out)
    for fmt in ("parquet", "csv", "duckdb", "jsonl"):
        result = subprocess.run([TENETS, "export", str(out), "--format", fmt, "--to", str(tmp / "export")],
                                cwd=root, env=discovery["env"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    docs = pd.read_parquet(tmp / "export" / "documents.parquet")
    assert set(docs["id"]) == set(records)
    assert {"id", "kind", "title", "source_uri", "feed_url", "entry_published", "published_date",
            "signed_date", "review_status"} <= set(docs.columns)
    values = pd.read_csv(tmp / "export" / "document_values.csv")
    assert {"document_id", "field", "value", "role", "country_code", "name", "title", "organization",
            "evidence_start", "evidence_end", "evidence_page", "confidence", "rule",
            "item_id"} <= set(values.columns)
    expected = sum(len(r[f]) for r in records.values()
                   for f in ("dates", "parties", "signatories", "people", "principles", "recommendations"))
    assert len(values) == expected
    con = duckdb.connect(str(tmp / "export" / "tenets.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(records)
        parties = con.execute("SELECT count(*) FROM document_values WHERE field = 'parties'").fetchone()[0]
        assert parties == sum(len(r["parties"]) for r in records.values())
        con.execute("SELECT * FROM signings").fetchall()  # the README's question, as a view
    finally:
        con.close()
    jsonl = pd.read_json(tmp / "export" / "documents.jsonl", lines=True)
    assert len(jsonl) == len(records)


def test_the_flow_exports_only_when_records_changed(discovery):
    import duckdb

    first, second = discovery["export_mtimes"]
    assert first is not None and first == second  # the second run changed no record
    con = duckdb.connect(str(discovery["out"] / "export" / "tenets.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(_records(discovery["out"]))
    finally:
        con.close()
