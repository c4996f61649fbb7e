"""Writing results: one JSON file per record, JSON Lines, a manifest, errors.

Every write goes to a temporary file in the same folder and is renamed into
place, so a reader (or a run killed mid-way) never sees half a record.  A
record whose bytes have not changed is not rewritten.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field

from pipeline import __version__
from pipeline.errors import DocumentError, Stage
from pipeline.models import FIELDS, DocumentRecord


class Status:
    new = "new"
    changed = "changed"
    unchanged = "unchanged"
    failed = "failed"


class DocumentOutcome(BaseModel):
    id: str
    uri: str
    status: str
    stage: str | None = None
    error: str | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    kind: str | None = None
    key: str | None = Field(None, description="What the record depends on (see pipeline.incremental).")
    low_confidence: int = Field(0, description="Values with confidence below 0.6.")


def atomic_write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False when it was already there."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def record_bytes(record: DocumentRecord) -> bytes:
    return (record.model_dump_json(indent=2, exclude_none=False) + "\n").encode("utf-8")


def record_path(out_dir: Path, doc_id: str) -> Path:
    return _file_in(Path(out_dir) / "records", doc_id, ".json")


def error_path(out_dir: Path, doc_id: str) -> Path:
    return _file_in(Path(out_dir) / "errors", doc_id, ".json")


def _file_in(folder: Path, doc_id: str, suffix: str) -> Path:
    """``folder/<doc_id><suffix>``, refused (E028) unless it is a file directly
    in ``folder``.  Sources already refuse such ids; this is the last line,
    so that no id, however it got here, writes outside ``--out``."""
    path = folder / f"{doc_id}{suffix}"
    if (not doc_id or any(c in doc_id for c in "/\\\0") or doc_id in (".", "..")
            or path.resolve().parent != folder.resolve()):
        raise DocumentError(str(doc_id), Stage.write, "E028", path=path, root=folder)
    return path


def write_record(out_dir: Path, record: DocumentRecord) -> str:
    path = record_path(out_dir, record.id)
    existed = path.exists()
    changed = atomic_write(path, record_bytes(record))
    error_path(out_dir, record.id).unlink(missing_ok=True)  # the document recovered
    if not changed:
        return Status.unchanged
    return Status.changed if existed else Status.new


def write_error(out_dir: Path, doc_id: str, uri: str, error: BaseException, stage: str) -> Path:
    payload = {
        "id": doc_id,
        "uri": uri,
        "stage": stage,
        "code": getattr(error, "code", type(error).__name__),
        "cause": str(error),
        "pipeline_version": __version__,
    }
    path = error_path(out_dir, doc_id)
    atomic_write(path, (json.dumps(payload, indent=2) + "\n").encode())
    return path


def outcome_for_error(doc_id: str, uri: str, error: BaseException) -> DocumentOutcome:
    stage = error.stage.value if isinstance(error, DocumentError) else "unknown"
    return DocumentOutcome(id=doc_id, uri=uri, status=Status.failed, stage=stage, error=str(error))


def remove_stale_temporaries(out_dir: Path) -> int:
    """Temporary files left by a run that was killed mid-write (never read:
    readers only look at complete files)."""
    removed = 0
    for folder in (Path(out_dir), Path(out_dir) / "records", Path(out_dir) / "errors"):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


def write_jsonl(out_dir: Path) -> Path:
    """Rebuild records.jsonl from the per-document files (sorted by id), so it
    always matches them, including records of earlier runs.  Streams one
    record at a time: memory does not grow with the corpus."""
    records_dir = Path(out_dir) / "records"
    target = Path(out_dir) / "records.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for path in sorted(records_dir.glob("*.json")):
                record = json.loads(path.read_text("utf-8"))
                fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists() and Path(tmp).read_bytes() == target.read_bytes():
            Path(tmp).unlink()
        else:
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_manifest(out_dir: Path, outcomes: Iterable[DocumentOutcome], *, started: datetime,
                   extra: dict | None = None) -> Path:
    outcomes = list(outcomes)
    totals = {f: sum(o.counts.get(f, 0) for o in outcomes) for f in FIELDS}
    by_status: dict[str, int] = {}
    for o in outcomes:
        by_status[o.status] = by_status.get(o.status, 0) + 1
    manifest = {
        "pipeline_version": __version__,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "documents": len(outcomes),
        "by_status": by_status,
        "field_counts": totals,
        "failures": [o.model_dump(include={"id", "uri", "stage", "error"})
                     for o in outcomes if o.status == Status.failed],
        "outcomes": [o.model_dump() for o in outcomes],
        **(extra or {}),
    }
    path = Path(out_dir) / "manifest.json"
    atomic_write(path, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    return path
