"""``tenets export OUT_DIR --format parquet|csv|duckdb|jsonl`` (see pipeline.export)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def export_command(
    out_dir: Annotated[Path, typer.Argument(help="An out/ folder (or a folder of record files).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, csv, duckdb or jsonl.")] = "parquet",
    to: Annotated[Optional[Path], typer.Option("--to", help="Where to write the tables "
                                                            "(default: OUT_DIR/export).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rewrite even if the records are unchanged.")] = False,
) -> None:
    """Write the records as two tables (documents, document_values) for DuckDB, pandas, Spark..."""
    from pipeline.export import FORMATS, export, records_folder  # pyarrow: only when exporting

    if fmt not in FORMATS:
        typer.echo(f"error: --format must be one of {', '.join(FORMATS)}, not {fmt!r}", err=True)
        raise typer.Exit(2)
    if not out_dir.is_dir() or not any(records_folder(out_dir).glob("*.json")):
        typer.echo(f"error: no records in {out_dir}", err=True)
        raise typer.Exit(2)
    dest = to or out_dir / "export"
    try:
        written = export(out_dir, dest, fmt, force=force)
    except OSError as exc:
        typer.echo(f"error: cannot write the export to {dest}: {exc}", err=True)
        raise typer.Exit(2) from exc
    if written is None:
        typer.echo(f"{dest}: {fmt} export up to date (records unchanged)")
    for path in written or []:
        typer.echo(str(path))
