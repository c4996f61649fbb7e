"""The documents the app serves: a run's records with their logs applied.

Records are read from ``<out>/records`` and never written; what a reviewer
sees is ``apply_log(record, log)``, the same function a run applies, so the
page shows exactly what the next run will write.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.models import FIELDS, DocumentRecord, ReviewStatus
from pipeline.review import (
    DOC_ID_RE,
    ConflictError,
    LogState,
    Op,
    anchor_for,
    append_corrections,
    apply_log,
    check_correction,
    new_correction,
    read_log,
)


class NotFound(LookupError):
    pass


class InvalidCorrection(ValueError):
    pass


class SelectedSpan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1, max_length=20_000)


class Draft(BaseModel):
    """A correction as a reviewer (page or script) sends it; the server adds
    who, when and the anchoring details."""

    model_config = ConfigDict(extra="forbid")

    op: Op
    field: Literal[FIELDS]  # type: ignore[valid-type]  # the record's list fields
    target: str | None = Field(None, max_length=64)
    values: dict[str, Any] = Field(default_factory=dict)
    evidence: SelectedSpan | None = None
    reason: str | None = Field(None, max_length=2000)


@dataclass(frozen=True)
class DocumentView:
    record: DocumentRecord  # with the log applied
    log: LogState

    @property
    def version(self) -> str:
        return self.log.version


@dataclass(frozen=True)
class Summary:
    id: str
    kind: str
    title: str | None
    counts: dict[str, int]
    status: str
    stale: int
    corrections: int
    version: str

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class DocumentStore:
    def __init__(self, out_dir: Path, corrections_dir: Path) -> None:
        self.records_dir = Path(out_dir) / "records"
        self.corrections_dir = Path(corrections_dir)
        self._records: dict[str, tuple[tuple[int, int], DocumentRecord]] = {}
        self._views: dict[str, tuple[tuple, DocumentView]] = {}
        self._lock = threading.Lock()

    def ids(self) -> list[str]:
        if not self.records_dir.is_dir():
            return []
        return sorted(p.stem for p in self.records_dir.glob("*.json") if DOC_ID_RE.match(p.stem))

    def _record(self, doc_id: str) -> tuple[tuple[int, int], DocumentRecord]:
        if not DOC_ID_RE.match(doc_id or ""):
            raise NotFound(doc_id)
        path = self.records_dir / f"{doc_id}.json"
        try:
            st = path.stat()
        except FileNotFoundError:
            raise NotFound(doc_id) from None
        stamp = (st.st_mtime_ns, st.st_size)
        with self._lock:
            cached = self._records.get(doc_id)
        if cached and cached[0] == stamp:
            return cached
        record = DocumentRecord.model_validate_json(path.read_bytes())
        with self._lock:
            self._records[doc_id] = (stamp, record)
        return stamp, record

    def view(self, doc_id: str) -> DocumentView:
        stamp, record = self._record(doc_id)
        log = read_log(self.corrections_dir, doc_id)
        key = (stamp, log.version)
        with self._lock:
            cached = self._views.get(doc_id)
        if cached and cached[0] == key:
            return cached[1]
        view = DocumentView(apply_log(record, log.corrections, log.unreadable), log)
        with self._lock:
            self._views[doc_id] = (key, view)
        return view

    def summaries(self, kind: str | None = None, status: str | None = None) -> list[Summary]:
        result = []
        for doc_id in self.ids():
            try:
                view = self.view(doc_id)
            except (NotFound, ValidationError, ValueError):
                continue  # a record from another pipeline version; the page says so on open
            r = view.record
            summary = Summary(id=r.id, kind=r.kind.value, title=r.title, counts=r.counts(),
                              status=r.review.status.value, stale=len(r.review.stale_corrections),
                              corrections=len(view.log.corrections), version=view.version)
            if (kind and summary.kind != kind) or (status and summary.status != status):
                continue
            result.append(summary)
        return result

    def save(self, doc_id: str, drafts: list[Draft], reviewer: str, base_version: str) -> DocumentView:
        """Append a reviewer's corrections; ConflictError if the log moved on
        since ``base_version``, InvalidCorrection if one cannot apply."""
        view = self.view(doc_id)
        if view.version != base_version:
            raise ConflictError(view.log, base_version)
        corrections = [self._prepare(view.record, d, reviewer) for d in drafts]
        try:
            check_correction(view.record, view.log.corrections, corrections)
        except ValueError as exc:
            raise InvalidCorrection(str(exc)) from exc
        append_corrections(self.corrections_dir, doc_id, corrections, base_version)
        return self.view(doc_id)

    @staticmethod
    def _prepare(record: DocumentRecord, draft: Draft, reviewer: str):
        target_value = None
        if draft.op is not Op.add:
            live = {it.id: it.key() for it in getattr(record, draft.field)}
            rejected = {r.id: r.value for r in record.review.rejected if r.field == draft.field}
            if draft.target not in live and draft.target not in rejected:
                raise InvalidCorrection(f"no item {draft.target!r} among the {draft.field}")
            target_value = live.get(draft.target, rejected.get(draft.target))
        evidence = None
        if draft.evidence is not None:
            try:
                evidence = anchor_for(record.text, draft.evidence.start, draft.evidence.end,
                                      draft.evidence.text)
            except ValueError as exc:
                raise InvalidCorrection(str(exc)) from exc
        try:
            return new_correction(reviewer=reviewer, op=draft.op, field=draft.field,
                                  target=draft.target, target_value=target_value,
                                  values=draft.values, evidence=evidence, reason=draft.reason)
        except ValidationError as exc:
            raise InvalidCorrection("; ".join(e["msg"] for e in exc.errors())) from exc


STATUSES = [s.value for s in ReviewStatus]
