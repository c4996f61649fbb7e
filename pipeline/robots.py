"""robots.txt for documents found in feeds and sitemaps, and the crawl delay.

A URL the user named is fetched as asked; a page the pipeline found on its
own (a feed or sitemap entry) is fetched only if the site's robots.txt
allows it for our User-Agent.  robots.txt is read with the standard
library's :mod:`urllib.robotparser`, fetched through the guarded fetch (so it
is kept in the raw store and asked for conditionally next time), once per
site and hour in a process.  Following RFC 9309: a robots.txt that does not exist (any
4xx) allows everything; one that cannot be read (5xx, network failure)
allows nothing for now, and the entries are reported as skipped.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from pipeline.errors import DocumentError
from pipeline.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rules:
    parser: RobotFileParser | None  # None: the site has no robots.txt
    agent: str
    unreadable: str | None = None  # why robots.txt could not be read: nothing is allowed

    def allows(self, url: str) -> bool:
        if self.unreadable:
            return False
        return self.parser is None or self.parser.can_fetch(self.agent, url)

    def crawl_delay(self) -> float | None:
        """Seconds between two requests: Crawl-delay, or what Request-rate implies."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.agent)
        if delay is not None:
            return float(delay)
        rate = self.parser.request_rate(self.agent)
        if rate is not None and rate.requests:
            return rate.seconds / rate.requests
        return None


def agent_token(settings: Settings) -> str:
    """The product token robots.txt groups are matched against ("tenets")."""
    return settings.user_agent.split("/", 1)[0].split()[0]


# Read once per site and hour: a run asks once, and a long-lived process
# (flow.serve, a worker) still sees a changed robots.txt on its next poll
# (RFC 9309 allows caching for up to a day).
CACHE_SECONDS = 3600.0
_cache: dict[str, tuple[float, Rules]] = {}
_cache_lock = threading.Lock()


def rules_for(url: str, settings: Settings, trusted_hosts: list[str]) -> Rules:
    """The robots.txt rules of ``url``'s site."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    with _cache_lock:
        cached = _cache.get(origin)
        if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
    rules = _read(origin, settings, trusted_hosts)
    with _cache_lock:
        _cache[origin] = (time.monotonic(), rules)
    return rules


def forget() -> None:
    """Drop the cached rules (tests; a long-lived process between runs)."""
    with _cache_lock:
        _cache.clear()


def _read(origin: str, settings: Settings, trusted_hosts: list[str]) -> Rules:
    from pipeline.fetch import fetch
    from pipeline.sources import source_for_url

    agent = agent_token(settings)
    url = f"{origin}/robots.txt"
    try:
        raw = fetch(source_for_url(url, id="robots-txt"), settings, trusted_hosts=trusted_hosts)
    except DocumentError as exc:
        status = exc.fields.get("status")
        if exc.code == "E019" or (exc.code == "E012" and isinstance(status, int) and 400 <= status < 500):
            return Rules(None, agent)  # no robots.txt: everything is allowed
        log.warning("robots.txt of %s cannot be read (%s): its entries are skipped this run", origin, exc)
        return Rules(None, agent, unreadable=str(exc))
    parser = RobotFileParser(url)
    parser.parse(raw.data.decode("utf-8", "replace").splitlines())
    return Rules(parser, agent)


# -- pacing -------------------------------------------------------------------

_next_turn: dict[str, float] = {}
_pace_lock = threading.Lock()


def wait_turn(url: str, delay: float | None, settings: Settings) -> None:
    """Space requests to ``url``'s host by ``delay`` seconds (its robots.txt
    Crawl-delay, at most ``settings.max_crawl_delay``), across every feed and
    thread of this process: each caller books the next free moment."""
    if not delay or delay <= 0:
        return
    delay = min(delay, settings.max_crawl_delay)
    host = urlsplit(url).netloc.lower()
    with _pace_lock:
        now = time.monotonic()
        turn = max(now, _next_turn.get(host, now))
        _next_turn[host] = turn + delay
    if turn > now:
        time.sleep(turn - now)
