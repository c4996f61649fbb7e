"""The Prefect flow that runs the library over a set of sources.

The flow adds what the library leaves out: retries on fetch, caching,
concurrency, scale-out and observability (artifacts, states); scheduling is
in ``flows/serve.py`` and ``prefect.yaml``.  The work itself is the
library's: each task is a thin wrapper around stages of :mod:`pipeline`.

Shape of a run, per batch of documents::

    read-files (local)  ┐
    fetch (per URL)     ┴─> extract (cached) ─> write (review + atomic writes)

The run's final state is Failed when more documents failed than
``max_failures`` tolerates (none by default): the other records are still
written, and the state's message names the failed documents.  The task
runner is the caller's choice: ``ingest.with_options(task_runner=...)``
(see ``flows/runners.py``).

Prefect costs 10-30 ms per task run, more than extracting a short document,
so local files are read, extracted and written in batches.  URLs are fetched
one task each: they are slow, retried with backoff, and tagged by host so a
Prefect concurrency limit can protect each site.  Extraction is cached on the
documents' content, the pipeline version and the settings; documents whose
record is already up to date are skipped before extraction.
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.states import Completed, Failed
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import opaque

from flows import events
from flows.discover import discover_documents, listing_failures
from flows.export import check_format as check_export_format
from flows.export import export_task
from flows.failures import allowed_failures, run_failed
from flows.runners import runner_name
from pipeline import __version__
from pipeline.api import extract_many, review
from pipeline.errors import DocumentError, Stage
from pipeline.fetch import fetch, is_retryable, retry_delay
from pipeline.incremental import (
    document_key,
    extraction_key,
    output_lock,
    previous_outcomes,
)
from pipeline.models import FIELDS, DocumentRecord
from pipeline.raw import RawDocument
from pipeline.settings import get_settings
from pipeline.sources import Source, resolve_sources
from pipeline.store import (
    DocumentOutcome,
    Status,
    outcome_for_error,
    record_path,
    remove_stale_temporaries,
    write_error,
    write_jsonl,
    write_manifest,
    write_record,
)


@dataclass(frozen=True)
class Unchanged:
    """A document whose record is up to date: nothing to extract or write.
    It carries the last run's outcome so the manifest stays complete."""

    previous: dict


def _triage(item: RawDocument | DocumentError, known: dict[str, dict], out_dir: Path):
    """Mark a fetched document unchanged when its key matches the last run's."""
    if not isinstance(item, RawDocument):
        return item
    key = document_key(item.sha256, item.source.id, get_settings())
    previous = known.get(item.source.id)
    if previous and previous.get("key") == key and record_path(out_dir, item.source.id).exists():
        return Unchanged(previous)
    return item


# Batches travel between tasks as opaque(...) arguments: Prefect walks task
# parameters recursively (lists, dicts, pydantic models) to find futures, and
# a batch of records is thousands of nested models (walking them cost about a
# fifth of the run time).  Tasks with side effects are never cached.

@task(name="read-files", cache_policy=NO_CACHE)
def read_batch(sources: list[Source], known: dict[str, dict], out_dir: Path) -> list:
    """Read local files (no retries: a missing file stays missing)."""
    items = []
    for source in sources:
        try:
            items.append(_triage(fetch(source, get_settings()), known, out_dir))
        except DocumentError as exc:
            items.append(exc)
    return items


def _worth_retrying(task, task_run, state) -> bool:
    """Prefect's retry condition for a fetch: connection trouble, 429 and 5xx
    are retried with the task's backoff, never longer than the server's
    Retry-After asks; a Retry-After beyond ``retry_after_max`` gives up."""
    error = state.data if isinstance(state.data, BaseException) else None
    if not isinstance(error, DocumentError):
        return False  # a bug does not go away by trying again
    wait = retry_delay(error, get_settings())
    if wait is None:
        return False
    if wait and task.retry_delay_seconds:
        # Each submission has its own Task (with_options per URL), so raising
        # its delays honours this server's Retry-After and no other's.
        task.retry_delay_seconds = [max(float(d), wait) for d in task.retry_delay_seconds]
    return True


@task(name="fetch", retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=2),
      retry_jitter_factor=0.5, retry_condition_fn=_worth_retrying, cache_policy=NO_CACHE)
def fetch_task(source: Source) -> RawDocument | DocumentError:
    """Fetch one URL (conditionally, through the raw store).  Connection
    trouble, 429 and 5xx raise, and Prefect's retry condition decides whether
    to try again; any other failure is final and returned as the document's
    error.  The library does not retry here (retries=0), or attempts would
    multiply."""
    try:
        return fetch(source, get_settings(), retries=0)
    except DocumentError as exc:
        if not is_retryable(exc):
            return exc
        raise


@task(name="triage", cache_policy=NO_CACHE)
def triage_batch(items: list, known: dict[str, dict], out_dir: Path) -> list:
    return [_triage(item, known, out_dir) for item in items]


def _extraction_cache_key(context, parameters) -> str:
    """Same documents (bytes, source, fetch time), same code and settings:
    the extraction can be reused from an earlier run."""
    settings = get_settings()
    digest = hashlib.sha256(f"{__version__}|{parameters.get('retry_token', '')}".encode())
    for item in parameters["batch"]:
        if isinstance(item, RawDocument):
            part = (f"{item.source.id}|{item.source.uri}|{item.source.kind}|{item.fetched_at}|"
                    f"{item.media_type}|{extraction_key(item.sha256, settings)}|"
                    f"{item.source.listing.model_dump_json() if item.source.listing else ''}")
        else:
            part = repr(item)
        digest.update(part.encode())
    return f"extract-{digest.hexdigest()}"


# Persisted (that is what makes the cache work across runs) but not kept in
# memory: Prefect's result store would otherwise hold every batch of records
# until the run ends, and memory would grow with the corpus.
@task(name="extract", cache_key_fn=_extraction_cache_key, persist_result=True,
      cache_result_in_memory=False)
def extract_batch(batch: list, retry_token: str = "", workers: int = 0) -> list:
    """Parse, extract and assemble the documents that changed (before review),
    in the process's pool of worker processes.  Each document is announced as
    it leaves the pool, so progress moves per document, not per batch."""
    results = []
    for item in extract_many(batch, get_settings(), workers=workers):
        events.emit("processed", id=_item_id(item))
        results.append(item)
    return results


def _item_id(item) -> str | None:
    if isinstance(item, (RawDocument, DocumentRecord)):
        return item.source.id if isinstance(item, RawDocument) else item.id
    if isinstance(item, DocumentError):
        return item.doc_id
    if isinstance(item, Unchanged):
        return item.previous.get("id")
    return None


@task(name="write", cache_policy=NO_CACHE)
def write_batch(out_dir: Path, sources: list[Source], results: list) -> list[DocumentOutcome]:
    """Apply reviewers' corrections and write records and errors atomically.
    Each outcome goes to the run's log (the Prefect UI) and to the progress
    display of the CLI."""
    settings = get_settings()
    logger = get_run_logger()
    outcomes = []
    for source, result in zip(sources, results):
        if isinstance(result, DocumentRecord):
            try:
                result = review(result, settings)
            except DocumentError as exc:
                result = exc
        if isinstance(result, Unchanged):
            outcome = DocumentOutcome(**{**result.previous, "status": Status.unchanged})
        elif isinstance(result, DocumentRecord):
            status = write_record(out_dir, result)
            outcome = DocumentOutcome(id=result.id, uri=source.uri, status=status,
                                      counts=result.counts(), kind=result.kind.value,
                                      key=document_key(result.source.sha256, result.id, settings),
                                      low_confidence=sum(1 for _, i in result.iter_items()
                                                         if i.confidence < 0.6))
        else:
            stage = result.stage.value if isinstance(result, DocumentError) else Stage.extract.value
            write_error(out_dir, source.id, source.uri, result, stage)
            outcome = outcome_for_error(source.id, source.uri, result)
        if outcome.status == Status.failed:
            logger.warning("failed    %s  [%s] %s", outcome.id, outcome.stage, outcome.error)
        else:
            logger.info("%-9s %s", outcome.status, outcome.id)
        events.emit("outcome", outcome=outcome)
        outcomes.append(outcome)
    return outcomes


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _host_tag(source: Source) -> str:
    return f"host:{urlsplit(source.url or source.uri).hostname or 'unknown'}"


def _ingest_documents(sources: list[Source], out: Path, batch_size: int, max_in_flight: int,
                      workers: int, box=opaque) -> list[DocumentOutcome]:
    """Read or fetch, extract and write every source; returns the outcomes.

    Batches are chained through futures so reading, extraction and writing
    of different batches overlap, with at most ``max_in_flight`` batches in
    memory at once (peak memory does not grow with the corpus).  ``box``
    wraps a batch handed from task to task (``opaque``, see above).
    """
    known = previous_outcomes(out)
    retry = _retry_tokens(out)
    local = [s for s in sources if s.path is not None]
    remote = [s for s in sources if s.path is None]
    pending: deque = deque()
    outcomes: list[DocumentOutcome] = []

    logger = get_run_logger()

    def drain(limit: int) -> None:
        while len(pending) > limit:
            outcomes.extend(pending.popleft().result())
            # Progress in the run's log (the Prefect UI), batch by batch.
            logger.info("%d of %d documents done", len(outcomes), len(sources))

    for batch in _batches(local, batch_size):
        batch_known = {s.id: known[s.id] for s in batch if s.id in known}
        items = read_batch.submit(batch, batch_known, out)
        results = extract_batch.submit(box(items), retry_token=_token(batch, retry), workers=workers)
        pending.append(write_batch.submit(out, batch, box(results)))
        drain(max_in_flight)
    for batch in _batches(remote, batch_size):
        fetched = [fetch_task.with_options(tags=["fetch", _host_tag(s)]).submit(s) for s in batch]
        items = [_settle(s, f) for s, f in zip(batch, fetched)]
        batch_known = {s.id: known[s.id] for s in batch if s.id in known}
        triaged = triage_batch.submit(box(items), batch_known, out)
        results = extract_batch.submit(box(triaged), _token(batch, retry), workers=workers)
        pending.append(write_batch.submit(out, batch, box(results)))
        drain(max_in_flight)
    drain(0)
    return outcomes


def auto_batch_size(documents: int, workers: int) -> int:
    """Documents per task when none is given: batches small enough that
    outcomes arrive steadily on a small corpus (a task per document for a
    handful), up to 100 on a large one, where Prefect's cost per task would
    otherwise show (10-30 ms each)."""
    return max(1, min(100, documents // (8 * max(1, workers))))


def _retry_tokens(out: Path) -> dict[str, str]:
    """Documents that failed last run, with that run's start time."""
    import json

    try:
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {f["id"]: manifest.get("started_at", "") for f in manifest.get("failures", [])}


def _token(batch: list[Source], retry: dict[str, str]) -> str:
    """Part of the extraction cache key: a batch holding a document that failed
    last time (a time-out, say) is extracted again instead of replaying the
    cached failure."""
    return "|".join(f"{s.id}@{retry[s.id]}" for s in batch if s.id in retry)


def _settle(source: Source, future) -> RawDocument | DocumentError:
    """A fetch whose retries are exhausted becomes that document's error."""
    try:
        return future.result()
    except DocumentError as exc:
        return exc
    except Exception as exc:
        return DocumentError(source.id, Stage.fetch, "E013", url=source.uri, detail=exc)


@flow(name="ingest")
def ingest(sources: list[str] | None = None, out_dir: str = "out", batch_size: int = 0,
           lock_wait: float = 0.0, workers: int = 0, max_failures: int | float = 0,
           export_format: str | None = None):
    """Ingest ``sources`` (paths, folders, sources.toml files, URLs) into ``out_dir``.

    Documents are parsed and extracted in ``workers`` worker processes (0:
    ``settings.workers``, one per core; on Dask, one per Dask worker), in
    batches of ``batch_size`` (0: chosen from the number of documents).
    Unchanged documents are skipped; a second run on the same ``out_dir``
    waits ``lock_wait`` seconds for the first.  The run fails when more
    documents fail than ``max_failures`` allows: a number of documents (3) or
    a share of them (0.1); the other documents' records are written anyway.
    ``export_format`` (parquet, csv, duckdb, jsonl) also writes the records as
    tables to ``out_dir/export`` when they changed (``tenets export``).
    """
    check_export_format(export_format)
    started = datetime.now(timezone.utc)
    logger = get_run_logger()
    out = Path(out_dir)
    sources = sources or ["corpus"]
    context = FlowRunContext.get()
    runner = runner_name(context.task_runner if context else None)
    # The source list and the last run's outcomes are loaded here, not passed
    # in: parameters stay small (Prefect sends them to its API).
    # Feeds and sitemaps among the sources become the documents they list.
    resolved, unreadable = discover_documents(resolve_sources(sources))
    events.emit("planned", documents=len(resolved) + len(unreadable))
    if runner == "dask":
        # The cluster's workers are the parallelism: one worker process each,
        # several batches in flight.
        in_flight, workers = 4, workers or 1
    else:
        # Extraction runs in worker processes; the run's threads only read,
        # hand over and write, so one batch in flight keeps the workers busy.
        in_flight = 1
    size = batch_size or auto_batch_size(len(resolved), workers or get_settings().workers or _cores())
    logger.info("Ingesting %d documents from %s into %s (runner: %s, batches of %d)",
                len(resolved), ", ".join(sources), out, runner, size)

    with output_lock(out, wait=lock_wait):
        remove_stale_temporaries(out)
        outcomes = listing_failures(out, unreadable) + _ingest_documents(resolved, out, size, in_flight, workers,
                                                                         box=_box_for(runner))
        changed = any(o.status in (Status.new, Status.changed) for o in outcomes)
        if changed or not (out / "records.jsonl").exists():
            write_jsonl(out)
        write_manifest(out, outcomes, started=started, extra={"runner": runner})
        if export_format:
            export_task(out, export_format)
    _publish_artifacts(outcomes, out)
    return _final_state(outcomes, max_failures, logger)


def _box_for(runner: str):
    """prefect-dask (0.3.7) swaps Prefect futures for Dask futures inside task
    arguments and the ``opaque`` annotation reaches the task as a plain tuple,
    so on Dask batches travel as bare futures (walked by Prefect, as before
    the annotation; checked by tests/e2e/test_operations.py)."""
    return opaque if runner != "dask" else _bare


def _bare(value):
    return value


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def _final_state(outcomes: list[DocumentOutcome], max_failures: int | float, logger):
    """Completed, or Failed when more documents failed than tolerated; the
    message says how many and which, and the data is the run's summary."""
    by_status = {s: sum(1 for o in outcomes if o.status == s)
                 for s in (Status.new, Status.changed, Status.unchanged, Status.failed)}
    failed_ids = [o.id for o in outcomes if o.status == Status.failed]
    summary = {"documents": len(outcomes), "failed": len(failed_ids), "by_status": by_status,
               "failed_ids": failed_ids, "outcomes": [o.model_dump() for o in outcomes],
               "allowed_failures": allowed_failures(max_failures, len(outcomes))}
    message = (f"{len(outcomes)} documents: {by_status['new']} new, {by_status['changed']} changed, "
               f"{by_status['unchanged']} unchanged, {by_status['failed']} failed")
    if failed_ids:
        message += f" ({_sample(failed_ids)[1:-1]})"
    summary["run_failed"] = run_failed(len(failed_ids), len(outcomes), max_failures)
    if summary["run_failed"]:
        logger.error("%s; %d tolerated", message, summary["allowed_failures"])
        return Failed(message=message, data=summary)
    if failed_ids:
        logger.warning("%s; up to %d tolerated", message, summary["allowed_failures"])
    else:
        logger.info(message)
    return Completed(message=message, data=summary)


def _publish_artifacts(outcomes: list[DocumentOutcome], out: Path) -> None:
    rows = [{"id": o.id, "status": o.status, "kind": o.kind or "", "stage": o.stage or "",
             **{f: o.counts.get(f, 0) for f in FIELDS}, "error": o.error or ""} for o in outcomes]
    create_table_artifact(key="ingest-documents", table=rows,
                          description="Per-document status, failing stage and field counts")
    ok = [o for o in outcomes if o.status != Status.failed]
    failed = [o for o in outcomes if o.status == Status.failed]
    no_dates = [o.id for o in ok if not o.counts.get("dates")]
    no_principles = [o.id for o in ok if not o.counts.get("principles")]
    low = sorted((o for o in ok if o.low_confidence), key=lambda o: -o.low_confidence)
    lines = ["# Ingest quality summary", "",
             f"- documents: {len(outcomes)} ({len(failed)} failed)",
             f"- without a date: {len(no_dates)} {_sample(no_dates)}",
             f"- without principles: {len(no_principles)} {_sample(no_principles)}",
             f"- with low-confidence values (< 0.6): {len(low)} "
             f"{_sample([f'{o.id} ({o.low_confidence})' for o in low])}", ""]
    if failed:
        lines += ["## Failed documents", ""]
        lines += [f"- [`{o.id}`]({(out / 'errors' / (o.id + '.json')).resolve().as_uri()}) "
                  f"[{o.stage}]: {o.error}" for o in failed]
    create_markdown_artifact(key="ingest-quality", markdown="\n".join(lines),
                             description="Documents that need attention")


def _sample(ids: list[str], n: int = 10) -> str:
    if not ids:
        return ""
    more = f", … {len(ids) - n} more" if len(ids) > n else ""
    return "(" + ", ".join(ids[:n]) + more + ")"


if __name__ == "__main__":  # pragma: no cover
    state = ingest(sys.argv[1:] or None, return_state=True)
    sys.exit(1 if state.is_failed() else 0)
