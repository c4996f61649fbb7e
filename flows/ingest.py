"""The Prefect flow that runs the library over a set of sources.

The flow adds what the library leaves out: retries on fetch, concurrency,
observability (artifacts, states) and scheduling (see ``flows/serve.py``).
The work itself is the library's: each task is a thin wrapper around one
stage of :mod:`pipeline`.

Fetch is one task per document (network-bound, retried with backoff); parse,
extract, assemble and review run in batches, because Prefect's per-task cost
(10-30 ms) would otherwise dominate documents that take a few milliseconds.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from pipeline.api import guarded
from pipeline.errors import DocumentError, Stage
from pipeline.fetch import RawDocument, fetch
from pipeline.settings import get_settings
from pipeline.sources import Source, resolve_sources
from pipeline.store import (
    DocumentOutcome,
    outcome_for_error,
    write_error,
    write_jsonl,
    write_manifest,
    write_record,
)

progress = logging.getLogger("tenets.progress")


@task(name="fetch", tags=["fetch"], retries=2, retry_delay_seconds=[1, 4], retry_jitter_factor=0.5)
def fetch_task(source: Source) -> RawDocument | DocumentError:
    try:
        return fetch(source, get_settings())
    except DocumentError as exc:
        if exc.code == "E013":  # network trouble: let Prefect retry
            raise
        return exc


@task(name="parse-extract")
def process_batch(raws: list[RawDocument]) -> list:
    """Parse, extract, assemble and review a batch; one result per document."""
    from pipeline.extract import extract
    from pipeline.parse import parse
    from pipeline.records import assemble
    from pipeline.review import apply_corrections

    settings = get_settings()
    results = []
    for raw in raws:
        try:
            parsed = guarded(raw.source, Stage.parse, parse, raw)
            extraction = guarded(raw.source, Stage.extract, extract, parsed, kind_hint=raw.source.kind)
            record = assemble(raw, parsed, extraction)
            results.append(guarded(raw.source, Stage.review, apply_corrections, record,
                                   settings.corrections_dir))
        except DocumentError as exc:
            results.append(exc)
    return results


@task(name="write")
def write_batch(out_dir: Path, sources: list[Source], results: list) -> list[DocumentOutcome]:
    outcomes = []
    for source, result in zip(sources, results):
        if isinstance(result, BaseException):
            stage = result.stage.value if isinstance(result, DocumentError) else "unknown"
            write_error(out_dir, source.id, source.uri, result, stage)
            outcome = outcome_for_error(source.id, source.uri, result)
        else:
            status = write_record(out_dir, result)
            outcome = DocumentOutcome(id=result.id, uri=source.uri, status=status,
                                      counts=result.counts(), kind=result.kind.value)
        progress.info("%-9s %s%s", outcome.status, outcome.id,
                      f"  [{outcome.stage}] {outcome.error}" if outcome.error else "")
        outcomes.append(outcome)
    return outcomes


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


@flow(name="ingest", log_prints=True)
def ingest(sources: list[str] | None = None, out_dir: str = "out", batch_size: int = 25) -> dict:
    """Ingest ``sources`` (paths, folders, sources.toml files, URLs) into ``out_dir``."""
    started = datetime.now(timezone.utc)
    logger = get_run_logger()
    out = Path(out_dir)
    resolved = resolve_sources(sources or ["corpus"])
    logger.info("Ingesting %d documents into %s", len(resolved), out)

    fetched = [fetch_task.submit(src) for src in resolved]
    outcomes: list[DocumentOutcome] = []
    for batch_sources, batch_futures in zip(_batches(resolved, batch_size), _batches(fetched, batch_size)):
        raws, results = [], {}
        for src, fut in zip(batch_sources, batch_futures):
            try:
                value = fut.result()
            except DocumentError as exc:
                value = exc
            except Exception as exc:  # retries exhausted on an unexpected error
                value = DocumentError(src.id, Stage.fetch, "E013", url=src.uri, detail=exc)
            if isinstance(value, RawDocument):
                raws.append(value)
            else:
                results[src.id] = value
        for raw, result in zip(raws, process_batch(raws) if raws else []):
            results[raw.source.id] = result
        outcomes += write_batch(out, batch_sources, [results[s.id] for s in batch_sources])

    write_jsonl(out)
    write_manifest(out, outcomes, started=started)
    _publish_artifacts(outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    summary = {"documents": len(outcomes), "failed": len(failed),
               "by_status": {s: sum(1 for o in outcomes if o.status == s)
                             for s in ("new", "changed", "unchanged", "failed")},
               "outcomes": [o.model_dump() for o in outcomes]}
    if failed:
        logger.warning("%d of %d documents failed: %s", len(failed), len(outcomes),
                       ", ".join(o.id for o in failed))
    return summary


def _publish_artifacts(outcomes: list[DocumentOutcome]) -> None:
    rows = [{"id": o.id, "status": o.status, "kind": o.kind or "", "stage": o.stage or "",
             **{f: o.counts.get(f, 0) for f in ("dates", "parties", "signatories", "people",
                                                 "principles", "recommendations")},
             "error": o.error or ""} for o in outcomes]
    create_table_artifact(key="ingest-documents", table=rows,
                          description="Per-document status and field counts")
    failed = [o for o in outcomes if o.status == "failed"]
    no_dates = [o.id for o in outcomes if o.status != "failed" and not o.counts.get("dates")]
    no_principles = [o.id for o in outcomes if o.status != "failed" and not o.counts.get("principles")]
    lines = ["# Ingest quality summary", "",
             f"- documents: {len(outcomes)}, failed: {len(failed)}",
             f"- without a date: {', '.join(no_dates) or 'none'}",
             f"- without principles: {', '.join(no_principles) or 'none'}", ""]
    if failed:
        lines += ["## Failed documents", ""] + [f"- `{o.id}` [{o.stage}]: {o.error}" for o in failed]
    create_markdown_artifact(key="ingest-quality", markdown="\n".join(lines),
                             description="Documents that need attention")


if __name__ == "__main__":  # pragma: no cover
    result = ingest(sys.argv[1:] or None)
    sys.exit(1 if result["failed"] else 0)
