"""The ``tenets`` command line.

    tenets run [SOURCES...] --out DIR     ingest through the Prefect flow
    tenets extract FILE [--json]          one document through the library
    tenets schema [--out DIR]             write the JSON Schemas
    tenets validate DIR                   check records against schemas/
    tenets eval [GOLD_DIR OUT_DIR]        per-field precision, recall, F1 (real gold: --part, --cv K)
    tenets train                          rebuild the learned decisions from the gold

Exit codes: 0 success, 1 some documents failed or are invalid, 2 usage error,
3 the output folder is in use by another run.
Logs go to stderr, so ``--json`` output on stdout can be piped.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline import __version__

app = typer.Typer(
    name="tenets",
    help="Ingest policy documents and extract signatories, dates, principles and recommendations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tenets {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More logging.")] = False,
) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def prepare_prefect_environment() -> None:
    """Prefect reads its settings at import: set them first.

    PREFECT_HOME lives inside the project (git-ignored), analytics are off, and
    without PREFECT_API_URL Prefect starts its embedded temporary server.
    Prefect's own INFO chatter stays out of the CLI's output unless asked for.
    """
    from pipeline.settings import get_settings

    settings = get_settings()
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home.resolve()))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    if not os.environ.get("PREFECT_API_URL"):
        # The embedded server is a subprocess writing to this terminal: its
        # shutdown noise is silenced by its logging config, not by a filter here.
        import flows  # a plain package: importing it does not import Prefect

        logging_config = Path(flows.__file__).resolve().parent / "prefect-logging.yml"
        if logging_config.exists():
            os.environ.setdefault("PREFECT_LOGGING_SETTINGS_PATH", str(logging_config))


@app.command()
def run(
    sources: Annotated[Optional[list[str]], typer.Argument(
        help="Files, folders, sources.toml files or http(s) URLs (default: corpus).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per parse/extract task.")] = 100,
    runner: Annotated[str, typer.Option(help="threads (this machine) or dask.")] = "threads",
    dask_address: Annotated[Optional[str], typer.Option(
        help="Scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 "
             "(default: a local 2-worker cluster).")] = None,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait if another run is "
                                                    "writing to OUT.")] = 0.0,
    workers: Annotated[int, typer.Option(min=0, help="Worker processes that parse and extract "
                                                    "(0: one per core; TENETS_WORKERS).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No per-document progress.")] = False,
) -> None:
    """Run the ingest flow (Prefect) and write records to OUT."""
    if runner not in ("threads", "dask"):
        _echo_err(f"error: --runner must be 'threads' or 'dask', not {runner!r}")
        raise typer.Exit(2)
    prepare_prefect_environment()
    from pipeline.errors import TenetsError
    from pipeline.incremental import OutputLocked, output_lock
    from pipeline.netguard import redact_url
    from pipeline.sources import resolve_sources

    args = sources or ["corpus"]
    try:
        resolved = resolve_sources(args)
    except TenetsError as exc:
        _echo_err(f"error: {exc}")
        raise typer.Exit(2) from exc
    if not resolved:
        _echo_err(f"error: no documents found in {' '.join(args)}")
        raise typer.Exit(2)

    progress = logging.getLogger("tenets.progress")
    progress.propagate = False
    if not quiet:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("  %(message)s"))
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
    _echo_err(f"tenets {__version__}: ingesting {len(resolved)} documents into {out}/")

    # Fail fast, before Prefect's server starts, when another run holds OUT.
    try:
        with output_lock(out, wait=wait):
            pass
    except OutputLocked as exc:
        _echo_err(f"error: {exc}")
        raise typer.Exit(3) from exc

    from flows.ingest import ingest
    from flows.runtime import run_flow_quietly, start_embedded_server

    start_embedded_server()
    try:
        # URLs reach Prefect's database and logs as parameters: without passwords
        # (resolving the sources above kept them for the fetch, in this process).
        summary = run_flow_quietly(ingest, sources=[redact_url(a) for a in args], out_dir=str(out),
                                   batch_size=batch_size,
                                   runner=runner, dask_address=dask_address, lock_wait=wait,
                                   workers=workers)
    except OutputLocked as exc:
        _echo_err(f"error: {exc}")
        raise typer.Exit(3) from exc
    if runner == "dask" and not quiet:  # tasks logged in the workers' processes
        for o in summary["outcomes"]:
            _echo_err(f"  {o['status']:<9} {o['id']}")
    counts = summary["by_status"]
    _echo_err(f"done: {summary['documents']} documents — {counts['new']} new, "
              f"{counts['changed']} changed, {counts['unchanged']} unchanged, {counts['failed']} failed")
    if summary["failed"]:
        for o in summary["outcomes"]:
            if o["status"] == "failed":
                _echo_err(f"  failed {o['id']} [{o['stage']}]: {o['error']}")
        _echo_err(f"error details: {out}/errors/")
        raise typer.Exit(1)


@app.command()
def extract(
    # A string, not a Path: a Path would turn "https://" into "https:/".
    file: Annotated[str, typer.Argument(help="A text, HTML or PDF file, or an http(s) URL.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the record as JSON on stdout.")] = False,
) -> None:
    """Run one document through the library (no Prefect) and print its record."""
    from pipeline.api import process_many
    from pipeline.sources import resolve_sources

    source = resolve_sources([file])[0]
    # In a worker process, like a run: a hostile document is stopped for good.
    result = next(process_many([source], workers=1))
    if result.error is not None:
        _echo_err(f"error: {source.id} [{result.error.stage.value}] {result.error}")
        raise typer.Exit(1)
    record = result.record
    if as_json:
        sys.stdout.write(record.model_dump_json(indent=2) + "\n")
        return
    typer.echo(f"{record.id}  ({record.kind.value})  {record.title or '(no title)'}")
    for field, item in record.iter_items():
        value = _describe(field, item)
        typer.echo(f"  {field:<16} {value}   [{item.rule}, {item.confidence:.2f}]")


def _describe(field: str, item) -> str:
    if field == "dates":
        return f"{item.value} ({item.role.value})"
    if field == "parties":
        return f"{item.name} ({item.country_code or '-'})"
    if field == "signatories":
        return f"{item.name} — {item.title or '-'}, {item.country or '-'}"
    if field == "people":
        return f"{item.name} ({item.role.value}) — {item.title or '-'}"
    if field == "principles":
        return item.text
    return f"{item.number or '-'}. {item.text}"


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the schema files.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas generated from the models."""
    from pipeline.schema import write_schemas

    for path in write_schemas(out):
        typer.echo(str(path))


@app.command()
def validate(
    directory: Annotated[Path, typer.Argument(help="An out/ folder or a folder of record files.")],
    schema_file: Annotated[Optional[Path], typer.Option("--schema", help="Record schema file.")] = None,
) -> None:
    """Validate records against the published JSON Schema, as a downstream app would."""
    import jsonschema

    schema_path = schema_file or Path("schemas/record.schema.json")
    if schema_path.exists():
        record_schema = json.loads(schema_path.read_text("utf-8"))
    else:
        from pipeline.schema import record_schema as generate

        record_schema = generate()
    validator_cls = jsonschema.validators.validator_for(record_schema)
    validator = validator_cls(record_schema, format_checker=validator_cls.FORMAT_CHECKER)
    records_dir = directory / "records" if (directory / "records").is_dir() else directory
    paths = sorted(records_dir.glob("*.json"))
    if not paths:
        _echo_err(f"error: no record files in {records_dir}")
        raise typer.Exit(2)
    bad = 0
    for path in paths:
        errors = sorted(validator.iter_errors(json.loads(path.read_text("utf-8"))), key=str)
        if errors:
            bad += 1
            _echo_err(f"invalid {path.name}: {errors[0].message} at {list(errors[0].absolute_path)}")
    typer.echo(f"{len(paths) - bad} valid, {bad} invalid ({records_dir})")
    if bad:
        raise typer.Exit(1)


@app.command("eval")
def evaluate_cmd(
    gold_dir: Annotated[Optional[Path], typer.Argument(
        help="Folder of gold JSON files (with OUT_DIR); leave out to measure the real annotated documents.")] = None,
    out_dir: Annotated[Optional[Path], typer.Argument(help="An out/ folder with records.")] = None,
    part: Annotated[str, typer.Option("--part", help="Part of the split to measure: dev, test or all.")] = "dev",
    cv: Annotated[int, typer.Option("--cv", help="K-fold cross-validation by document (retrains every fold).",
                                    min=0)] = 0,
    split: Annotated[Path, typer.Option("--split", help="The split file of the real annotated documents.")]
    = Path("tests/real/split.tsv"),
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List missing and extra values.")] = False,
) -> None:
    """Per-field precision, recall, F1 and calibration error, per kind and per publisher.

    With GOLD_DIR and OUT_DIR: gold files against written records.  Without:
    the real annotated documents of the split are extracted and scored
    (``--part``), or cross-validated (``--cv K``)."""
    from pipeline.evaluate import evaluate

    if gold_dir is not None or out_dir is not None:
        if gold_dir is None or out_dir is None or not gold_dir.is_dir() or not out_dir.is_dir():
            _echo_err("error: GOLD_DIR and OUT_DIR must both be folders")
            raise typer.Exit(2)
        result = evaluate(gold_dir, out_dir)
    else:
        result = _evaluate_split(split, part, cv)
    if not result.per_document:
        _echo_err("error: no gold document matched a record" if gold_dir else
                  "error: no annotated document found (is ../shared present?)")
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False, default=str))
        return
    _print_evaluation(result, details)


def _evaluate_split(split: Path, part: str, cv: int):
    from pipeline.goldset import load_split
    from pipeline.learn.crossval import cross_validate, evaluate_documents

    if part not in ("dev", "test", "all"):
        _echo_err("error: --part is dev, test or all")
        raise typer.Exit(2)
    if not split.is_file():
        _echo_err(f"error: split file {split} not found")
        raise typer.Exit(2)
    docs = load_split(split, part=None if part == "all" else part)
    if cv:
        return cross_validate(docs, cv)
    return evaluate_documents(docs)


def _print_evaluation(result, details: bool) -> None:
    typer.echo(f"{len(result.per_document)} documents, macro-F1 {result.macro_f1:.3f}")
    typer.echo(f"{'field':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'ECE':>6}   tp  fp  fn")
    for field, s in result.totals.items():
        ece = f"{s.ece:6.3f}" if s.calibration else "     -"
        typer.echo(f"{field:<16} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {ece}  "
                   f"{s.tp:3d} {s.fp:3d} {s.fn:3d}")
    for group, by_value in result.groups.items():
        typer.echo(f"\nF1 by {group}:")
        fields = list(result.totals)
        typer.echo(f"{'':<28} {'docs':>4} {'macro':>6} " + " ".join(f"{f[:6]:>6}" for f in fields))
        for value, scores in sorted(by_value.items()):
            macro = sum(scores[f].f1 for f in fields) / len(fields)
            typer.echo(f"{value[:28]:<28} {result.group_sizes.get((group, value), 0):4d} {macro:6.3f} "
                       + " ".join(f"{scores[f].f1:6.3f}" for f in fields))
    if result.unmatched_gold:
        typer.echo(f"gold files without a record: {', '.join(result.unmatched_gold)}")
    if details:
        for doc, fields in result.per_document.items():
            for field, s in fields.items():
                if s.missing or s.extra:
                    typer.echo(f"{doc} {field}: missing {s.missing} extra {s.extra}")


@app.command()
def train(
    split: Annotated[Path, typer.Option("--split", help="The split file of the real annotated documents.")]
    = Path("tests/real/split.tsv"),
    reviewed: Annotated[Optional[list[Path]], typer.Option(
        "--reviewed", help="A folder of reviewers' exports (`tenets review export`) to learn from too.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the trained files.")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Folds for model choice and calibration.")] = 5,
) -> None:
    """Rebuild every learned decision from the development part of the gold
    (and reviewers' exports): deterministic, a few minutes at most."""
    from pipeline.goldset import load_reviewed, load_split
    from pipeline.learn.train import save
    from pipeline.learn.train import train as train_models
    from pipeline.resources import TRAINED_DIR

    if not split.is_file():
        _echo_err(f"error: split file {split} not found")
        raise typer.Exit(2)
    docs = load_split(split, part="dev")
    for folder in reviewed or []:
        if not folder.is_dir():
            _echo_err(f"error: {folder} is not a folder")
            raise typer.Exit(2)
        docs += load_reviewed(folder)
    if not docs:
        _echo_err("error: no annotated document found (is ../shared present?)")
        raise typer.Exit(1)
    trained = train_models(docs, folds=folds)
    written = save(trained, out or TRAINED_DIR)
    for name, info in trained.report.items():
        if name != "calibration":
            typer.echo(f"{name:<15} {info['variant']:<5} cross-validated quality "
                       f"model {info['cv_quality']['model']:.3f}, rule {info['cv_quality']['rule']:.3f}, "
                       f"{info['rows']} examples from {info['documents']} documents")
    typer.echo(f"trained on {len(docs)} documents; wrote {len(written)} files to {out or TRAINED_DIR}")


def _register_subcommands() -> None:
    """Sub-applications living in their own modules (``tenets review ...``)."""
    try:
        from pipeline.review_app.cli import review_cli
    except ImportError:  # the review app is optional at import time
        return
    app.add_typer(review_cli, name="review")


_register_subcommands()

if __name__ == "__main__":  # pragma: no cover
    app()
