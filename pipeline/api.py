"""The library's public entry points: one document in, one record out.

``process`` runs fetch -> parse -> extract -> assemble -> review for one
source and never raises for a bad document: it returns the error instead, so
callers (CLI, Prefect flow, benchmarks) treat every document alike.

Every document has a time limit (``settings.document_timeout``): a document
that takes longer fails with E015 naming the stage it was in, and the run
goes on.  ``process_many`` and ``extract_many`` (what the CLI, the Prefect
flow and the benchmarks use) parse and extract in worker processes
(:mod:`pipeline.workers`), where the limit is hard and memory is capped;
``process`` and ``extract_raw`` handle one document in this process, under a
watchdog thread.  Like any code that starts processes, a script that calls
the ``*_many`` functions must do so under ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline import limits
from pipeline.errors import DocumentError, Stage
from pipeline.models import DocumentRecord
from pipeline.settings import Settings, get_settings
from pipeline.sources import Source, source_for_path


@dataclass
class Result:
    source: Source
    record: DocumentRecord | None = None
    error: DocumentError | None = None


def run_stages(source: Source, settings: Settings | None = None) -> DocumentRecord:
    """All stages for one source; raises DocumentError naming the stage."""
    settings = settings or get_settings()
    return limits.run_with_time_limit(source.id, settings.document_timeout, _run_stages, source,
                                      settings, first_stage=Stage.fetch)


def _run_stages(source: Source, settings: Settings) -> DocumentRecord:
    from pipeline.fetch import fetch

    raw = fetch(source, settings)
    return review(extract_raw(raw, settings), settings)


def extract_raw(raw, settings: Settings | None = None) -> DocumentRecord:
    """Parse, extract and assemble one fetched document (before review).

    This is the cacheable part: its output depends only on the bytes, the
    pipeline version and the settings.
    """
    settings = settings or get_settings()
    return limits.run_with_time_limit(raw.source.id, settings.document_timeout, _extract_raw, raw,
                                      first_stage=Stage.parse)


def _extract_raw(raw) -> DocumentRecord:
    from pipeline.extract import extract
    from pipeline.parse import parse
    from pipeline.records import assemble

    source = raw.source
    parsed = guarded(source, Stage.parse, parse, raw)
    extraction = guarded(source, Stage.extract, extract, parsed, kind_hint=source.kind)
    limits.set_stage(Stage.assemble)
    return assemble(raw, parsed, extraction)


def review(record: DocumentRecord, settings: Settings | None = None) -> DocumentRecord:
    """Apply the reviewers' corrections (cheap; never cached, so a new
    correction shows on the next run)."""
    from pipeline.review import apply_corrections

    settings = settings or get_settings()
    limits.set_stage(Stage.review)
    try:
        return apply_corrections(record, settings.corrections_dir)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(record.id, Stage.review, "E008",
                            detail=f"{type(exc).__name__}: {exc}") from exc


def guarded(source: Source, stage: Stage, func, *args, **kwargs):
    """Call one stage; any unexpected exception becomes a DocumentError of that stage."""
    limits.set_stage(stage)
    try:
        return func(*args, **kwargs)
    except DocumentError:
        raise
    except Exception as exc:  # a bug or odd input must not end the whole run
        raise DocumentError(source.id, stage, "E008", detail=f"{type(exc).__name__}: {exc}") from exc


def process(source: Source, settings: Settings | None = None) -> Result:
    try:
        return Result(source, record=run_stages(source, settings))
    except DocumentError as exc:
        return Result(source, error=exc)


def extract_many(raws: Iterable, settings: Settings | None = None, *,
                 workers: int | None = None) -> Iterator[DocumentRecord | DocumentError]:
    """Parse, extract and assemble fetched documents in worker processes;
    yields a record or the document's error, in input order (before review).
    Anything that is not a RawDocument passes through unchanged."""
    import multiprocessing

    from pipeline.raw import RawDocument
    from pipeline.workers import shared_pool

    settings = settings or get_settings()
    if multiprocessing.current_process().daemon:
        # A daemonic process (a Dask worker left at distributed.worker.daemon:
        # true) may not start processes: extract here, under the thread limit.
        logging.getLogger(__name__).warning(
            "this process is daemonic and cannot start worker processes; documents are "
            "extracted in-process (set distributed.worker.daemon: false on the Dask workers)")
        for raw in raws:
            try:
                yield extract_raw(raw, settings) if isinstance(raw, RawDocument) else raw
            except DocumentError as exc:
                yield exc
        return
    if workers:
        settings = settings.model_copy(update={"workers": workers})
    yield from shared_pool(settings).map(raws)


def process_many(sources: Iterable[Source], settings: Settings | None = None, *,
                 workers: int | None = None) -> Iterator[Result]:
    """Fetch (here), then parse and extract (in worker processes) and review
    every source; yields one Result per source, in order."""
    from pipeline.fetch import fetch

    settings = settings or get_settings()
    sources = list(sources)

    def fetched():
        for source in sources:
            try:
                yield fetch(source, settings)
            except DocumentError as exc:
                yield exc

    for source, item in zip(sources, extract_many(fetched(), settings, workers=workers)):
        if isinstance(item, DocumentRecord):
            try:
                item = review(item, settings)
            except DocumentError as exc:
                item = exc
        if isinstance(item, DocumentError):
            yield Result(source, error=item)
        else:
            yield Result(source, record=item)


def extract_path(path: str | Path, settings: Settings | None = None) -> DocumentRecord:
    """Extract one local file; raises DocumentError on bad input."""
    return run_stages(source_for_path(Path(path)), settings)
