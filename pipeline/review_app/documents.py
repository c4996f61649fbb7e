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

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from pipeline.models import DocumentRecord, ReviewStatus
from pipeline.review import (
    CORRECTABLE,
    DOC_ID_RE,
    SCALARS,
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


MAX_VALUE_CHARS = 5000
"""Longest attribute value a reviewer may enter: a recommendation's first
sentence fits many times over; a pasted book does not."""


class Draft(BaseModel):
    """A correction as a reviewer (page or script) sends it; the server adds
    who, when and the anchoring details.  An undo names the correction it takes
    back as ``target`` and may leave ``field`` out."""

    model_config = ConfigDict(extra="forbid")

    op: Op
    field: Literal[CORRECTABLE] | None = None  # type: ignore[valid-type]
    target: str | None = Field(None, max_length=64)
    values: dict[str, Any] = Field(default_factory=dict, max_length=20)
    evidence: SelectedSpan | None = None
    reason: str | None = Field(None, max_length=2000)

    @field_validator("values")
    @classmethod
    def _short_values(cls, values: dict[str, Any]) -> dict[str, Any]:
        for name, value in values.items():
            if not isinstance(value, (str, int, float, bool, type(None))):
                raise ValueError(f"{name}: a value is text or a number")
            if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
                raise ValueError(f"{name}: longer than {MAX_VALUE_CHARS} characters")
        return values

    @model_validator(mode="after")
    def _has_field(self) -> Draft:
        if self.field is None and self.op is not Op.undo:
            raise ValueError("field is required")
        return self


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
    decided: int = 0  # values with a reviewer's decision (accepted, edited, added)
    undecided: int = 0
    min_confidence: float | None = None  # of the undecided values: how doubtful the document is

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def summarise(view: DocumentView) -> Summary:
    r = view.record
    items = [it for _, it in r.iter_items()]
    open_items = [it for it in items if it.reviewed is None]
    return Summary(id=r.id, kind=r.kind.value, title=r.title, counts=r.counts(),
                   status=r.review.status.value, stale=len(r.review.stale_corrections),
                   corrections=len(view.log.corrections), version=view.version,
                   decided=len(items) - len(open_items) + len(r.review.rejected),
                   undecided=len(open_items),
                   min_confidence=min((it.confidence for it in open_items), default=None))


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

    def views(self) -> list[DocumentView]:
        """Every readable document (a record from another pipeline version is
        left out here; its page says why on open)."""
        result = []
        for doc_id in self.ids():
            try:
                result.append(self.view(doc_id))
            except (NotFound, ValidationError, ValueError):
                continue
        return result

    def summaries(self, kind: str | None = None, status: str | None = None) -> list[Summary]:
        result = []
        for view in self.views():
            summary = summarise(view)
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
        corrections = [self._prepare(view, d, reviewer) for d in drafts]
        try:
            check_correction(view.record, view.log.corrections, corrections)
        except ValueError as exc:
            raise InvalidCorrection(str(exc)) from exc
        append_corrections(self.corrections_dir, doc_id, corrections, base_version)
        return self.view(doc_id)

    def saved_ids(self, before: DocumentView, after: DocumentView) -> list[str]:
        """The ids of the corrections one save appended (for the page's undo)."""
        known = {c.id for c in before.log.corrections}
        return [c.id for c in after.log.corrections if c.id not in known]

    @staticmethod
    def _prepare(view: DocumentView, draft: Draft, reviewer: str):
        record = view.record
        target_value = None
        field = draft.field
        if draft.op is Op.undo:
            undone = next((c for c in view.log.corrections if c.id == draft.target), None)
            if undone is None or undone.op is Op.undo:
                raise InvalidCorrection(f"no correction {draft.target!r} to undo in this document")
            field, target_value = undone.field, undone.target_value
        elif draft.field in SCALARS:
            if draft.target not in (None, draft.field):
                raise InvalidCorrection(f"the target of a {draft.field} correction is {draft.field!r}")
            current = getattr(record, draft.field)
            target_value = (current.value if hasattr(current, "value") else current) or ""
            draft = draft.model_copy(update={"target": draft.field})
        elif draft.op is not Op.add:
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
            return new_correction(reviewer=reviewer, op=draft.op, field=field,
                                  target=draft.target, target_value=target_value,
                                  values=draft.values, evidence=evidence, reason=draft.reason)
        except ValidationError as exc:
            raise InvalidCorrection("; ".join(e["msg"] for e in exc.errors())) from exc


STATUSES = [s.value for s in ReviewStatus]
