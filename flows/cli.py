"""``tenets run``: the ingest flow from the command line, and the ``tenets``
entry point.

The library's commands are in :mod:`pipeline.cli`; this module adds ``run``
(which needs Prefect) to that app, so ``pipeline`` never imports ``flows``.
:func:`main` is the console script: it adds ``-v/-q`` to every command and
sets up logging before anything imports Prefect.

Exit codes (README "Command line"): 0 the run succeeded, 1 documents failed
(more than ``--max-failures`` tolerates; by default any), 2 usage or
configuration error, 3 the output folder is in use by another run.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline import __version__
from pipeline.console import error, info, verbosity

log = logging.getLogger(__name__)


def run(
    sources: Annotated[Optional[list[str]], typer.Argument(
        help="Files, folders, sources.toml files or http(s) URLs (default: corpus).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    workers: Annotated[int, typer.Option(min=0, help="Worker processes that parse and extract "
                                                    "(0: one per core; TENETS_WORKERS).")] = 0,
    batch_size: Annotated[int, typer.Option(min=0, help="Documents per parse/extract task "
                                                       "(0: chosen from the number of documents).")] = 0,
    runner: Annotated[str, typer.Option(help="threads (this machine) or dask.")] = "threads",
    dask_address: Annotated[Optional[str], typer.Option(
        help="Scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786, with --runner dask "
             "(default: a local 2-worker cluster).")] = None,
    max_failures: Annotated[str, typer.Option(
        help="Failed documents tolerated before the run counts as failed (exit 1, Prefect state "
             "Failed): a number (3) or a share (0.1 or 10%).")] = "0",
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait if another run is "
                                                    "writing to OUT.")] = 0.0,
    export: Annotated[Optional[str], typer.Option(
        "--export", help="Also write the records as tables to OUT/export when they changed: "
                         "parquet, csv, duckdb or jsonl (see `tenets export`).")] = None,
) -> None:
    """Run the ingest flow (Prefect) and write records to OUT."""
    from flows.failures import describe, parse_max_failures
    from flows.runners import RUNNERS

    if runner not in RUNNERS:
        error(f"--runner must be 'threads' or 'dask', not {runner!r}")
        raise typer.Exit(2)
    if dask_address and runner != "dask":
        error("--dask-address needs --runner dask")
        raise typer.Exit(2)
    try:
        tolerance = parse_max_failures(max_failures)
    except ValueError as exc:
        error(f"--max-failures {exc}")
        raise typer.Exit(2) from exc
    if export is not None and export not in ("parquet", "csv", "duckdb", "jsonl"):
        error(f"--export must be parquet, csv, duckdb or jsonl, not {export!r}")
        raise typer.Exit(2)

    from flows.environment import prepare_prefect_environment

    prepare_prefect_environment()
    resolved, args, skipped = _resolve(sources or ["corpus"])
    info(f"tenets {__version__}: ingesting {len(resolved)} documents into {out}/"
         + (f" ({describe(tolerance)})" if tolerance else ""))
    for line in skipped:
        info(line)
    if runner == "dask" and dask_address:
        _check_dask(dask_address)
    _check_output_free(out, wait)

    from flows.progress import Display

    started = time.monotonic()
    display = Display(len(resolved), quiet=verbosity.quiet)
    with display:
        display.status("starting Prefect's server" if runner == "threads" else
                       "starting Prefect's server and the Dask cluster")
        state = _run_flow(display, args, out, batch_size, runner, dask_address, wait, workers, tolerance,
                          export)
        summary = state.result(raise_on_failure=False)
        from pipeline.incremental import OutputLocked

        if isinstance(summary, OutputLocked):  # another run took OUT after our check
            error(str(summary))
            raise typer.Exit(3)
        if not isinstance(summary, dict):  # the flow itself broke (not a document)
            error(f"the run did not finish: {state.message or summary}")
            raise typer.Exit(1)
        from pipeline.store import DocumentOutcome

        display.replay([DocumentOutcome(**o) for o in summary["outcomes"]])
    _report(summary, out, time.monotonic() - started)
    if state.is_failed():
        raise typer.Exit(1)


def _resolve(args: list[str]):
    from pipeline.errors import TenetsError
    from pipeline.folders import describe_skipped, skipped_files
    from pipeline.netguard import redact_url
    from pipeline.sources import resolve_sources

    try:
        resolved = resolve_sources(args)
    except TenetsError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    skipped = describe_skipped(skipped_files(args))
    if not resolved:
        for line in skipped:
            info(line)
        error(f"no documents found in {' '.join(args)} (tenets reads .txt, .md, .html and .pdf files)")
        raise typer.Exit(2)
    log.debug("%d documents from %s: %s", len(resolved), " ".join(args),
              ", ".join(s.id for s in resolved[:20]) + (" ..." if len(resolved) > 20 else ""))
    # URLs reach Prefect's database and logs as parameters: without passwords
    # (resolving the sources above kept them for the fetch, in this process).
    return resolved, [redact_url(a) for a in args], skipped


def _check_output_free(out: Path, wait: float) -> None:
    """Fail fast, before Prefect's server starts, when another run holds OUT."""
    from pipeline.incremental import OutputLocked, output_lock

    try:
        with output_lock(out, wait=wait):
            pass
    except OutputLocked as exc:
        error(str(exc))
        raise typer.Exit(3) from exc
    except OSError as exc:
        error(f"cannot write to {out}: {exc.strerror or exc}")
        raise typer.Exit(2) from exc


def _check_dask(address: str) -> None:
    from flows.runners import RunnerUnavailable, check_dask_address

    try:
        check_dask_address(address)
    except RunnerUnavailable as exc:
        error(str(exc))
        raise typer.Exit(2) from exc


def _run_flow(display, args, out, batch_size, runner, dask_address, wait, workers, tolerance, export=None):
    from flows.ingest import ingest
    from flows.runners import task_runner
    from flows.runtime import run_flow_quietly, start_embedded_server

    try:
        start_embedded_server()
    except RuntimeError as exc:  # it timed out or exited: say so in one line
        error(f"Prefect's embedded server did not start: {str(exc).splitlines()[0][:300]}")
        raise typer.Exit(2) from exc
    # Processes started from here on (a local Dask cluster's workers) keep
    # Prefect's console quiet too: the run's logs go to the API, and the
    # terminal has the progress display (each failure printed once).
    os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "CRITICAL"
    log.debug("Prefect home %s, API %s", os.environ.get("PREFECT_HOME"), os.environ.get("PREFECT_API_URL"))
    log.debug("runner %s%s, batch size %s, workers %s, max failures %s", runner,
              f" at {dask_address}" if dask_address else "", batch_size or "auto", workers or "auto",
              tolerance)
    display.status("running the flow")
    flow = ingest.with_options(task_runner=task_runner(runner, dask_address))
    return run_flow_quietly(flow, sources=args, out_dir=str(out), batch_size=batch_size,
                            lock_wait=wait, workers=workers, max_failures=tolerance,
                            export_format=export)


def _report(summary: dict, out: Path, seconds: float) -> None:
    counts = summary["by_status"]
    info(f"done: {summary['documents']} documents — {counts['new']} new, {counts['changed']} changed, "
         f"{counts['unchanged']} unchanged, {counts['failed']} failed ({seconds:.1f} s)")
    if summary["failed"]:
        info(f"error details: {out}/errors/")
    if summary.get("run_failed"):
        error(f"the run failed: {summary['failed']} of {summary['documents']} documents failed "
              f"({summary['allowed_failures']} tolerated; see --max-failures)")


def register(app: typer.Typer) -> None:
    """Add the flow's commands to the ``tenets`` app (once)."""
    if any(info.name == "run" for info in app.registered_commands):
        return
    app.command("run")(run)
    # Listed first in `tenets --help`: it is the command most people want.
    app.registered_commands.insert(0, app.registered_commands.pop())


def build_app() -> typer.Typer:
    """The whole ``tenets`` command: the library's commands, ``run``, and
    ``-v``/``-q`` on every one of them."""
    from pipeline.cli import app
    from pipeline.console import add_verbosity_options

    register(app)
    add_verbosity_options(app)
    return app


def main() -> None:
    """The ``tenets`` console script."""
    from pipeline.console import configure_logging

    configure_logging()
    build_app()(prog_name="tenets")


if __name__ == "__main__":  # pragma: no cover
    main()
