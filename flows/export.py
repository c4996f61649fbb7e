"""The flow's optional last task: the records as tables (``pipeline.export``).

Runs after the records, JSON Lines and manifest are written, under the same
output lock; the export is rewritten only when the record files changed
(their fingerprint is kept beside it), so a run that changed nothing costs
one pass over the record files' bytes.
"""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from pipeline.export import FORMATS, export

EXPORT_FOLDER = "export"


def check_format(fmt: str | None) -> None:
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"export format {fmt!r}: use one of {', '.join(FORMATS)}")


@task(name="export", cache_policy=NO_CACHE)
def export_task(out: Path, fmt: str) -> list[str]:
    """Write ``out/export/`` as ``fmt``; the paths written (none if up to date)."""
    written = export(out, out / EXPORT_FOLDER, fmt)
    logger = get_run_logger()
    if written is None:
        logger.info("export (%s) up to date: records unchanged", fmt)
        return []
    logger.info("exported the records as %s: %s", fmt, ", ".join(str(p) for p in written))
    return [str(p) for p in written]
