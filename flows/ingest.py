"""The Prefect flow that runs the library over a set of sources.

The flow adds what the library leaves out: retries on fetch, caching,
concurrency, scale-out and observability (artifacts, states); scheduling is
in ``flows/serve.py`` and ``prefect.yaml``.  The work itself is the
library's: each task is a thin wrapper around stages of :mod:`pipeline`.

Shape of a run, per batch of documents::

    read-files (local)  ┐
    fetch (per URL)     ┴─> extract (cached) ─> write (review + atomic writes)

Prefect costs 10-30 ms per task run, more than extracting a short document,
so local files are read, extracted and written in batches.  URLs are fetched
one task each: they are slow, retried with backoff, and tagged by host so a
Prefect concurrency limit can protect each site.  Extraction is cached on the
documents' content, the pipeline version and the settings; documents whose
record is already up to date are skipped before extraction.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.states import Completed
from prefect.tasks import exponential_backoff

from pipeline import __version__
from pipeline.api import extract_many, review
from pipeline.errors import DocumentError, Stage
from pipeline.fetch import RawDocument, fetch, retry_delay
from pipeline.incremental import document_key, extraction_key, output_lock, previous_outcomes
from pipeline.models import FIELDS, DocumentRecord
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

progress = logging.getLogger("tenets.progress")


@dataclass(frozen=True)
class Unchanged:
    """A document whose record is up to date: nothing to extract or write.
    It carries the last run's outcome so the manifest stays complete."""

    previous: dict


class Batch:
    """Documents handed from one task to the next.

    Prefect walks task parameters recursively (lists, dicts, pydantic models)
    to find futures; a batch of records is thousands of nested models, so it
    travels in this opaque box instead (it cost about a fifth of the run time).
    """

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items

    def __reduce__(self):  # picklable for Dask and persisted results
        return (Batch, (self.items,))


def _triage(item: RawDocument | DocumentError, known: dict[str, dict], out_dir: Path):
    """Mark a fetched document unchanged when its key matches the last run's."""
    if not isinstance(item, RawDocument):
        return item
    key = document_key(item.sha256, item.source.id, get_settings())
    previous = known.get(item.source.id)
    if previous and previous.get("key") == key and record_path(out_dir, item.source.id).exists():
        return Unchanged(previous)
    return item


@task(name="read-files")
def read_batch(sources: list[Source], known: dict[str, dict], out_dir: Path) -> Batch:
    """Read local files (no retries: a missing file stays missing)."""
    items = []
    for source in sources:
        try:
            items.append(_triage(fetch(source, get_settings()), known, out_dir))
        except DocumentError as exc:
            items.append(exc)
    return Batch(items)


@task(name="fetch", retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=2),
      retry_jitter_factor=0.5)
def fetch_task(source: Source) -> RawDocument | DocumentError:
    """Fetch one URL (conditionally, through the raw store); network failures,
    429 and 5xx raise so Prefect retries with backoff.  The library does not
    retry here (retries=0), or attempts would multiply."""
    settings = get_settings()
    try:
        return fetch(source, settings, retries=0)
    except DocumentError as exc:
        delay = retry_delay(exc, settings)
        if delay is None:
            return exc
        time.sleep(delay)  # the server's Retry-After, before Prefect's own backoff
        raise


@task(name="triage")
def triage_batch(items: list, known: dict[str, dict], out_dir: Path) -> Batch:
    return Batch([_triage(item, known, out_dir) for item in items])


def _extraction_cache_key(context, parameters) -> str:
    """Same documents (bytes, source, fetch time), same code and settings:
    the extraction can be reused from an earlier run."""
    settings = get_settings()
    digest = hashlib.sha256(f"{__version__}|{parameters.get('retry_token', '')}".encode())
    for item in parameters["batch"].items:
        if isinstance(item, RawDocument):
            part = (f"{item.source.id}|{item.source.uri}|{item.source.kind}|{item.fetched_at}|"
                    f"{item.media_type}|{extraction_key(item.sha256, settings)}")
        else:
            part = repr(item)
        digest.update(part.encode())
    return f"extract-{digest.hexdigest()}"


# Persisted (that is what makes the cache work across runs) but not kept in
# memory: Prefect's result store would otherwise hold every batch of records
# until the run ends, and memory would grow with the corpus.
@task(name="extract", cache_key_fn=_extraction_cache_key, persist_result=True,
      cache_result_in_memory=False)
def extract_batch(batch: Batch, retry_token: str = "", workers: int = 0) -> Batch:
    """Parse, extract and assemble the documents that changed (before review),
    in the process's pool of worker processes."""
    return Batch(list(extract_many(batch.items, get_settings(), workers=workers)))


@task(name="write")
def write_batch(out_dir: Path, sources: list[Source], results: Batch) -> list[DocumentOutcome]:
    """Apply reviewers' corrections and write records and errors atomically."""
    settings = get_settings()
    outcomes = []
    for source, result in zip(sources, results.items):
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
        progress.info("%-9s %s%s", outcome.status, outcome.id,
                      f"  [{outcome.stage}] {outcome.error}" if outcome.error else "")
        outcomes.append(outcome)
    return outcomes


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _host_tag(source: Source) -> str:
    return f"host:{urlsplit(source.url or source.uri).hostname or 'unknown'}"


@flow(name="ingest-documents")
def ingest_documents(sources: list[str], out_dir: str, batch_size: int, max_in_flight: int = 1,
                     workers: int = 0) -> list[dict]:
    """Read or fetch, extract and write every source; returns the outcomes.

    Batches are chained through futures so reading, extraction and writing
    of different batches overlap, with at most ``max_in_flight`` batches in
    memory at once (peak memory does not grow with the corpus).  Parameters
    stay small (Prefect sends them to its API); the source list and the last
    run's outcomes are loaded here.
    """
    out = Path(out_dir)
    sources = resolve_sources(sources)
    known = previous_outcomes(out)
    retry = _retry_tokens(out)
    local = [s for s in sources if s.path is not None]
    remote = [s for s in sources if s.path is None]
    pending: deque = deque()
    outcomes: list[DocumentOutcome] = []

    def drain(limit: int) -> None:
        while len(pending) > limit:
            outcomes.extend(pending.popleft().result())

    for batch in _batches(local, batch_size):
        batch_known = {s.id: known[s.id] for s in batch if s.id in known}
        items = read_batch.submit(batch, batch_known, out)
        results = extract_batch.submit(items, retry_token=_token(batch, retry), workers=workers)
        pending.append(write_batch.submit(out, batch, results))
        drain(max_in_flight)
    for batch in _batches(remote, batch_size):
        fetched = [fetch_task.with_options(tags=["fetch", _host_tag(s)]).submit(s) for s in batch]
        items = [_settle(s, f) for s, f in zip(batch, fetched)]
        batch_known = {s.id: known[s.id] for s in batch if s.id in known}
        triaged = triage_batch.submit(items, batch_known, out)
        pending.append(write_batch.submit(out, batch, extract_batch.submit(triaged, _token(batch, retry),
                                                                    workers=workers)))
        drain(max_in_flight)
    drain(0)
    return [o.model_dump() for o in outcomes]


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


def _task_runner(runner: str, dask_address: str | None):
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        # Dask's scheduler and workers log every start and stop at INFO.
        for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker",
                     "distributed.core", "distributed.http.proxy"):
            logging.getLogger(name).setLevel(logging.WARNING)

        # Dask workers are daemonic by default, and a daemonic process may not
        # start the worker processes that parse and extract.
        import dask

        dask.config.set({"distributed.worker.daemon": False})
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    if runner == "threads":
        return None
    raise ValueError(f"unknown runner {runner!r}: use 'threads' or 'dask'")


@flow(name="ingest", log_prints=True)
def ingest(sources: list[str] | None = None, out_dir: str = "out", batch_size: int = 100,
           runner: str = "threads", dask_address: str | None = None, lock_wait: float = 0.0,
           workers: int = 0) -> dict:
    """Ingest ``sources`` (paths, folders, sources.toml files, URLs) into ``out_dir``.

    ``runner`` is ``threads`` (one machine) or ``dask`` (a local cluster, or
    the one at ``dask_address``).  Documents are parsed and extracted in
    ``workers`` worker processes (0: ``settings.workers``, one per core; under
    Dask, per Dask worker, default 1).  Unchanged documents are skipped; a
    second run on the same ``out_dir`` waits ``lock_wait`` seconds for the first.
    """
    started = datetime.now(timezone.utc)
    logger = get_run_logger()
    out = Path(out_dir)
    sources = sources or ["corpus"]
    logger.info("Ingesting %s into %s (runner: %s)", ", ".join(sources), out, runner)

    with output_lock(out, wait=lock_wait):
        remove_stale_temporaries(out)
        # Extraction runs in worker processes; the run's threads only read,
        # hand over and write, so one batch in flight keeps the workers busy.
        body, in_flight = ingest_documents, 1
        task_runner = _task_runner(runner, dask_address)
        if task_runner is not None:
            body, in_flight = ingest_documents.with_options(task_runner=task_runner), 4
            workers = workers or 1  # the cluster's workers are the parallelism
        outcomes = [DocumentOutcome(**o)
                    for o in body(sources, str(out), batch_size, in_flight, workers)]
        changed = any(o.status in (Status.new, Status.changed) for o in outcomes)
        if changed or not (out / "records.jsonl").exists():
            write_jsonl(out)
        write_manifest(out, outcomes, started=started, extra={"runner": runner})
    _publish_artifacts(outcomes, out)

    by_status = {s: sum(1 for o in outcomes if o.status == s)
                 for s in (Status.new, Status.changed, Status.unchanged, Status.failed)}
    summary = {"documents": len(outcomes), "failed": by_status[Status.failed],
               "by_status": by_status, "outcomes": [o.model_dump() for o in outcomes]}
    message = (f"{len(outcomes)} documents: {by_status['new']} new, {by_status['changed']} changed, "
               f"{by_status['unchanged']} unchanged, {by_status['failed']} failed")
    if by_status[Status.failed]:
        logger.warning("%s (%s)", message, ", ".join(o.id for o in outcomes if o.status == Status.failed))
    else:
        logger.info(message)
    # Failed documents are reported, not fatal: the run completed, and its
    # final state says how many failed (shown in the Prefect UI).
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
    result = ingest(sys.argv[1:] or None)
    sys.exit(1 if result["failed"] else 0)
