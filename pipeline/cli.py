"""The ``tenets`` command line: the library's commands.

    tenets extract FILE|FOLDER [--json]   documents through the library (no Prefect)
    tenets schema [--out DIR]             write the JSON Schemas
    tenets validate DIR                   check records against schemas/
    tenets eval [GOLD_DIR OUT_DIR]        per-field precision, recall, F1 (real gold: --part, --cv K)
    tenets train                          rebuild the learned decisions from the gold
    tenets review ...                     the review app (pipeline/review_app/cli.py)

``tenets run`` (the Prefect flow) lives with the flows, in ``flows/cli.py``,
which adds it to this app: the library never imports the orchestrator.

Exit codes: 0 success, 1 some documents failed or are invalid, 2 usage or
configuration error, 3 the output folder is in use by another run.
Every command takes -v/--verbose and -q/--quiet (pipeline/console.py).
Logs go to stderr, so ``--json`` output on stdout can be piped.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline import __version__
from pipeline.console import error as _error
from pipeline.console import info as _info

log = logging.getLogger(__name__)

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
) -> None:
    """Options before the command (``tenets -v run``) apply to it."""


@app.command()
def extract(
    # A string, not a Path: a Path would turn "https://" into "https:/".
    file: Annotated[str, typer.Argument(
        help="A text, HTML or PDF file, a folder of them (or with a sources.toml), or an http(s) URL.")],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the record as JSON on stdout (a folder: one record per line).")] = False,
) -> None:
    """Run documents through the library (no Prefect) and print their records."""
    from pipeline.api import process_many
    from pipeline.errors import TenetsError
    from pipeline.folders import describe_skipped, skipped_files
    from pipeline.sources import resolve_sources

    try:
        sources = resolve_sources([file])
    except TenetsError as exc:
        _error(str(exc))
        raise typer.Exit(2) from exc
    for line in describe_skipped(skipped_files([file])):
        _info(line)
    if not sources:
        _error(f"no documents in {file} (tenets reads .txt, .md, .html and .pdf files)")
        raise typer.Exit(2)
    log.debug("%d documents from %s: %s", len(sources), file, ", ".join(s.id for s in sources[:20]))
    if len(sources) > 1:
        _info(f"{len(sources)} documents in {file}")
    failed = 0
    started = time.monotonic()
    # In worker processes, like a run: a hostile document is stopped for good.
    for result in process_many(sources, workers=1 if len(sources) == 1 else None):
        log.debug("%s done after %.2f s (%s)", result.source.id, time.monotonic() - started,
                  "failed" if result.error else "ok")
        if result.error is not None:
            failed += 1
            _error(f"{result.source.id} [{result.error.stage.value}] {result.error}")
            continue
        record = result.record
        if as_json:
            indent = 2 if len(sources) == 1 else None  # one record per line for a folder
            sys.stdout.write(record.model_dump_json(indent=indent) + "\n")
            sys.stdout.flush()
            continue
        typer.echo(f"{record.id}  ({record.kind.value})  {record.title or '(no title)'}")
        for field, item in record.iter_items():
            value = _describe(field, item)
            typer.echo(f"  {field:<16} {value}   [{item.rule}, {item.confidence:.2f}]")
    if failed:
        if len(sources) > 1:
            _error(f"{failed} of {len(sources)} documents failed")
        raise typer.Exit(1)


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

    try:
        paths = write_schemas(out)
    except OSError as exc:
        _error(f"cannot write the schemas to {out}: {exc.strerror or exc}")
        raise typer.Exit(2) from exc
    for path in paths:
        typer.echo(str(path))


@app.command()
def validate(
    directory: Annotated[Path, typer.Argument(help="An out/ folder or a folder of record files.")],
    schema_file: Annotated[Optional[Path], typer.Option("--schema", help="Record schema file.")] = None,
) -> None:
    """Validate records against the published JSON Schema, as a downstream app would."""
    import jsonschema

    record_schema = _load_record_schema(schema_file)
    validator_cls = jsonschema.validators.validator_for(record_schema)
    validator = validator_cls(record_schema, format_checker=validator_cls.FORMAT_CHECKER)
    if not directory.is_dir():
        _error(f"{directory} is not a folder")
        raise typer.Exit(2)
    records_dir = directory / "records" if (directory / "records").is_dir() else directory
    paths = sorted(records_dir.glob("*.json"))
    if not paths:
        _error(f"no record files in {records_dir}")
        raise typer.Exit(2)
    bad = 0
    for path in paths:
        problem = _record_problem(validator, path)
        if problem:
            bad += 1
            _echo_err(f"invalid {path.name}: {problem}")
    typer.echo(f"{len(paths) - bad} valid, {bad} invalid ({records_dir})")
    if bad:
        raise typer.Exit(1)


def _load_record_schema(schema_file: Path | None) -> dict:
    """The schema named by --schema, else the project's schemas/, else one
    generated from the models."""
    if schema_file is None:
        default = Path("schemas/record.schema.json")
        if not default.exists():
            from pipeline.schema import record_schema as generate

            return generate()
        schema_file = default
    try:
        return json.loads(schema_file.read_text("utf-8"))
    except OSError as exc:
        _error(f"cannot read the schema {schema_file}: {exc.strerror or exc}")
        raise typer.Exit(2) from exc
    except ValueError as exc:
        _error(f"the schema {schema_file} is not JSON: {exc}")
        raise typer.Exit(2) from exc


def _record_problem(validator, path: Path) -> str | None:
    """Why the file at ``path`` is not a valid record, in one line, or None."""
    try:
        record = json.loads(path.read_text("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8 text"
    except ValueError as exc:
        return f"not JSON ({exc})"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    errors = sorted(validator.iter_errors(record), key=str)
    if errors:
        return f"{errors[0].message} at {list(errors[0].absolute_path)}"
    return None


@app.command("eval")
def evaluate_cmd(
    gold_dir: Annotated[Optional[Path], typer.Argument(
        help="Folder of gold JSON files (with OUT_DIR); leave out to measure the real annotated documents.")] = None,
    out_dir: Annotated[Optional[Path], typer.Argument(help="An out/ folder with records.")] = None,
    part: Annotated[str, typer.Option("--part", help="Part of the split to measure: dev, test or all.")] = "dev",
    cv: Annotated[int, typer.Option("--cv", help="K-fold cross-validation by document (retrains every fold).",
                                    min=0)] = 0,
    split: Annotated[Optional[Path], typer.Option(
        "--split", help="The split file of the real annotated documents "
                        "(default: the project's tests/real/split.tsv).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List missing and extra values.")] = False,
    html: Annotated[bool, typer.Option(
        "--html", help="Read each page from its original HTML body, as the flow reads a fetched page "
                       "(pages without one are left out).")] = False,
) -> None:
    """Per-field precision, recall, F1 and calibration error, per kind, publisher and annotation.

    With GOLD_DIR and OUT_DIR: gold files against written records.  Without:
    the real annotated documents of the split are extracted and scored
    (``--part``), or cross-validated (``--cv K``)."""
    from pipeline.evaluate import evaluate

    if gold_dir is not None or out_dir is not None:
        if gold_dir is None or out_dir is None or not gold_dir.is_dir() or not out_dir.is_dir():
            _error("GOLD_DIR and OUT_DIR must both be folders")
            raise typer.Exit(2)
        try:
            result = evaluate(gold_dir, out_dir)
        except (OSError, ValueError, KeyError) as exc:
            _error(f"cannot read the gold or the records: {exc}")
            raise typer.Exit(2) from exc
        if not result.per_document:
            _error(f"no gold files (*.json) in {gold_dir}")
            raise typer.Exit(1)
        if len(result.unmatched_gold) == len(result.per_document):
            _error(f"none of the {len(result.per_document)} gold files in {gold_dir} has a record in "
                   f"{out_dir} (matched by record id or source file name): nothing to score")
            raise typer.Exit(1)
    else:
        result = _evaluate_split(split, part, cv, html)
    if not result.per_document:
        _error("no annotated document found (is ../shared present?)")
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False, default=str))
        return
    _print_evaluation(result, details)


def _evaluate_split(split: Path | None, part: str, cv: int, html: bool = False):
    from pipeline.goldset import DEFAULT_SPLIT, load_split
    from pipeline.learn.crossval import cross_validate, evaluate_documents
    from pipeline.learn.dataset import load_examples

    if part not in ("dev", "test", "all"):
        _error("--part is dev, test or all")
        raise typer.Exit(2)
    if html and cv:
        _error("--html measures the trained extractor on pages; cross-validation trains on the texts")
        raise typer.Exit(2)
    split = split or DEFAULT_SPLIT
    if not split.is_file():
        _error(f"split file {split} not found")
        raise typer.Exit(2)
    docs = load_split(split, part=None if part == "all" else part)
    if cv:
        # (the documents training chooses each decision's variant on, as `tenets train` does)
        keys = {d.key for d in docs}
        choosing = [d for d in load_split(split, part="calibration") if d.key not in keys]
        return cross_validate(docs, cv, held_out=load_examples(choosing))
    if html:
        return evaluate_documents(docs, load_examples(docs, html=True))
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
    split: Annotated[Optional[Path], typer.Option(
        "--split", help="The split file of the real annotated documents "
                        "(default: the project's tests/real/split.tsv).")] = None,
    reviewed: Annotated[Optional[list[Path]], typer.Option(
        "--reviewed", help="A folder of reviewers' exports (`tenets review export`) to learn from too.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the trained files.")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Folds for model choice and calibration.")] = 5,
) -> None:
    """Rebuild every learned decision from the development part of the gold
    (and reviewers' exports), and the confidence maps from the calibration
    part: deterministic, a few minutes at most."""
    from pipeline.goldset import DEFAULT_SPLIT, load_reviewed, load_split
    from pipeline.learn.train import save
    from pipeline.learn.train import train as train_models
    from pipeline.resources import TRAINED_DIR

    split = split or DEFAULT_SPLIT
    if not split.is_file():
        _error(f"split file {split} not found")
        raise typer.Exit(2)
    docs = load_split(split, part="dev")
    for folder in reviewed or []:
        if not folder.is_dir():
            _error(f"{folder} is not a folder")
            raise typer.Exit(2)
        docs += load_reviewed(folder)
    if not docs:
        _error("no annotated document found (is ../shared present?)")
        raise typer.Exit(1)
    trained = train_models(docs, folds=folds, calibration_docs=load_split(split, part="calibration"))
    written = save(trained, out or TRAINED_DIR)
    for name, info in trained.report.items():
        if name != "calibration":
            held_out = info.get("held_out_quality")
            on_unseen = (f"; on the calibration part {_qualities(held_out)}" if held_out else "")
            typer.echo(f"{name:<15} {info['variant']:<5} cross-validated quality "
                       f"{_qualities(info['cv_quality'])}{on_unseen}, "
                       f"{info['rows']} examples from {info['documents']} documents")
    typer.echo(f"trained on {len(docs)} documents; wrote {len(written)} files to {out or TRAINED_DIR}")


def _qualities(by_variant: dict[str, float]) -> str:
    """"model 0.896, rule 0.733, trees 0.914": each variant tried, as measured."""
    return ", ".join(f"{variant} {quality:.3f}" for variant, quality in by_variant.items())


def _register_subcommands() -> None:
    """Sub-applications living in their own modules (``tenets review ...``)."""
    from pipeline.export_cli import export_command

    app.command("export")(export_command)
    try:
        from pipeline.review_app.cli import review_cli
    except ImportError:  # the review app is optional at import time
        return
    app.add_typer(review_cli, name="review")


_register_subcommands()
