"""The flow's discovery step: feeds and sitemaps -> the documents they list.

One task reads every listing among the sources (:func:`pipeline.discover.expand`)
before the documents are fetched; a listing that cannot be read becomes
that listing's failed outcome (``out/errors/<id>.json``, stage ``discover``
or ``fetch``), and the entries of the others are ingested as usual.
"""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import events
from pipeline.discover import Discovery, expand
from pipeline.errors import DocumentError
from pipeline.netguard import redact_url
from pipeline.settings import get_settings
from pipeline.sources import Source
from pipeline.store import DocumentOutcome, outcome_for_error, write_error


# Never cached: a feed is read again on every run (conditionally, through the raw store).
@task(name="discover", cache_policy=NO_CACHE)
def discover_task(sources: list[Source]) -> Discovery:
    return expand(sources, get_settings())


def discover_documents(sources: list[Source]) -> tuple[list[Source], list[tuple[DocumentError, str]]]:
    """The documents to ingest, and the listings that could not be read
    (each error with the listing's URI)."""
    if not any(s.discover for s in sources):
        return sources, []
    found = discover_task(sources)
    uris = {s.id: s.uri for s in sources}
    for url, count in found.listings.items():
        _note(f"{'listed':<9} {redact_url(url)}: {count} documents")
    for url, why in found.skipped:
        _note(f"{'skipped':<9} {url} ({why})")
    return found.sources, [(error, uris.get(error.doc_id, "")) for error in found.errors]


def _note(text: str) -> None:
    """To the run's log (the Prefect UI) and the CLI's progress display."""
    get_run_logger().info(text)
    events.emit("note", text=text)


def listing_failures(out: Path, failures: list[tuple[DocumentError, str]]) -> list[DocumentOutcome]:
    """Write the unreadable listings' error files (under the output lock) and
    return their outcomes, for the manifest and the run's final state."""
    outcomes = []
    for error, uri in failures:
        write_error(out, error.doc_id, uri, error, error.stage.value)
        outcome = outcome_for_error(error.doc_id, uri, error)
        get_run_logger().warning("failed    %s  [%s] %s", outcome.id, outcome.stage, outcome.error)
        events.emit("outcome", outcome=outcome)
        outcomes.append(outcome)
    return outcomes
