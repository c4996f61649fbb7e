"""Reviewers' corrections: an append-only log per document, replayed as an overlay.

The extractor's output is never edited in place.  Each document has a JSON
Lines log, ``<corrections_dir>/<record id>.jsonl``, one correction per line
(accept, reject, edit, add), and every run replays the whole log over the
fresh extraction with :func:`apply_log`, a pure function (record + log ->
record) shared by the CLI, the Prefect flow and the review app.

Corrections must outlive the extractor and the document, so they point at
items by stable id *and* by the value the reviewer saw, and an added value
keeps the words around the reviewer's selection to find them again when the
text moves.  A correction that still cannot be placed is listed in the
record's ``review.stale_corrections``; nothing is dropped silently.

Logs are plain text and only ever grow, so they diff and merge well in git
(``*.jsonl merge=union`` in ``.gitattributes`` keeps both sides of a merge).
Saves are optimistic: a writer names the log version it read, and a log that
moved on meanwhile answers :class:`ConflictError` with its current state.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.models import (
    FIELDS,
    ITEM_MODELS,
    DocumentRecord,
    Evidence,
    Item,
    OriginalItem,
    RejectedItem,
    ReviewInfo,
    ReviewStatus,
    StaleCorrection,
    normalise_key,
)

CORRECTION_FORMAT = "1.0.0"
DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
"""The record id pattern; it cannot name a path outside the corrections folder."""

CONTEXT_CHARS = 32
"""Characters kept either side of an added value's span to find it again."""

# Item attributes a reviewer may not set: they describe the extraction itself.
_SYSTEM_ATTRS = frozenset({"id", "evidence", "confidence", "rule", "reviewed"})

# The attribute an added item takes from the selected words when not given.
_SELECTED_TEXT_ATTR = {"dates": "text", "parties": "name", "signatories": "name",
                       "people": "name", "principles": "text", "recommendations": "text"}


# ---------------------------------------------------------------------------
# The log format (published as schemas/correction.schema.json)
# ---------------------------------------------------------------------------


class Op(str, Enum):
    accept = "accept"
    reject = "reject"
    edit = "edit"
    add = "add"


class Anchor(BaseModel):
    """A reviewer's span of the document text, with context to re-find it."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1, description="The selected words: text[start:end] when made.")
    prefix: str = Field("", description=f"Up to {CONTEXT_CHARS} characters before the span.")
    suffix: str = Field("", description=f"Up to {CONTEXT_CHARS} characters after the span.")

    @model_validator(mode="after")
    def _ordered(self) -> Anchor:
        if self.end <= self.start:
            raise ValueError("evidence end must follow start")
        return self


class Correction(BaseModel):
    """One line of a document's corrections log."""

    model_config = ConfigDict(json_schema_extra={"title": "tenets Correction"})

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="Unique id of this correction.")
    at: datetime = Field(description="When the reviewer saved it (UTC).")
    reviewer: str = Field(min_length=1)
    op: Op
    field: Literal[FIELDS]  # type: ignore[valid-type]  # the record's list fields
    target: str | None = Field(None, description="Id of the item (accept, reject, edit).")
    target_value: str | None = Field(
        None, description="The item's value when the reviewer saw it; finds the item again "
                          "if the extractor changed its evidence and so its id.")
    values: dict[str, Any] = Field(
        default_factory=dict, description="Attributes to set (edit) or of the new item (add).")
    evidence: Anchor | None = Field(None, description="The reviewer's span (add; optional for edit).")
    reason: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Correction:
        if self.op is Op.add:
            if self.evidence is None:
                raise ValueError("add needs the evidence span of the new value")
        elif not self.target:
            raise ValueError(f"{self.op.value} needs the target item id")
        if self.op is Op.edit and not self.values and self.evidence is None:
            raise ValueError("edit needs values or a new evidence span")
        if self.op in (Op.accept, Op.reject) and (self.values or self.evidence):
            raise ValueError(f"{self.op.value} takes no values")
        return self

    def to_line(self) -> bytes:
        return (self.model_dump_json(exclude_none=True) + "\n").encode("utf-8")


def correction_schema() -> dict:
    from pipeline.schema import SCHEMA_BASE

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/correction/{CORRECTION_FORMAT}/correction.schema.json",
        "version": CORRECTION_FORMAT,
        "description": "One line of a tenets corrections log (corrections/<record id>.jsonl).",
        **Correction.model_json_schema(mode="serialization"),
    }


def new_correction(*, reviewer: str, op: Op | str, field: str, target: str | None = None,
                   target_value: str | None = None, values: dict[str, Any] | None = None,
                   evidence: Anchor | None = None, reason: str | None = None) -> Correction:
    return Correction(id=f"c_{secrets.token_hex(8)}",
                      at=datetime.now(timezone.utc).replace(microsecond=0),
                      reviewer=reviewer, op=op, field=field, target=target,
                      target_value=target_value, values=values or {}, evidence=evidence,
                      reason=reason or None)


def anchor_for(text: str, start: int, end: int, selected: str) -> Anchor:
    """The anchor of a reviewer's selection; offsets may be a little off (browsers
    count UTF-16 units), so the words are looked up near them.  ValueError when
    the words are not in the text."""
    rough = Anchor(start=start, end=max(end, start + 1), text=selected)
    located = locate(text, rough)
    if located is None:
        raise ValueError(f"the selected text {selected!r} is not in the document")
    s, e = located
    return Anchor(start=s, end=e, text=selected, prefix=text[max(0, s - CONTEXT_CHARS):s],
                  suffix=text[e:e + CONTEXT_CHARS])


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Where the anchored words are now: in place, else the occurrence whose
    surroundings best match the saved context, nearest the old place on a tie."""
    n = len(anchor.text)
    if text[anchor.start:anchor.end] == anchor.text:
        return anchor.start, anchor.end
    best, best_score = None, None
    i = text.find(anchor.text)
    while i != -1:
        context = (_common_suffix(text[max(0, i - len(anchor.prefix)):i], anchor.prefix)
                   + _common_prefix(text[i + n:i + n + len(anchor.suffix)], anchor.suffix))
        score = (context, -abs(i - anchor.start))
        if best_score is None or score > best_score:
            best, best_score = i, score
        i = text.find(anchor.text, i + 1)
    return None if best is None else (best, best + n)


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _common_suffix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a[::-1], b[::-1]]))


# ---------------------------------------------------------------------------
# Applying a log (pure)
# ---------------------------------------------------------------------------


class _Stale(Exception):
    """This correction cannot be applied to this record; the reason says why."""


@dataclass
class _Overlay:
    """Mutable working state while one log is replayed over one record."""

    text: str
    live: dict[str, list[Item]]
    base_index: dict[tuple[str, str], int]
    rejected: dict[tuple[str, str], tuple[Item, str]] = field(default_factory=dict)
    originals: dict[tuple[str, str], OriginalItem] = field(default_factory=dict)

    def find(self, c: Correction) -> tuple[str, Item]:
        """The target as ('live' | 'rejected', item): by id, else by a unique value."""
        live, rejected = self.live[c.field], [it for (f, _), (it, _) in self.rejected.items()
                                              if f == c.field]
        for where, items in (("live", live), ("rejected", rejected)):
            for item in items:
                if item.id == c.target:
                    return where, item
        if c.target_value:
            want = normalise_key(c.target_value)
            hits = [(where, it) for where, items in (("live", live), ("rejected", rejected))
                    for it in items if normalise_key(it.key()) == want]
            if len(hits) == 1:
                return hits[0]
            if hits:
                raise _Stale(f"{len(hits)} items now have the value {c.target_value!r}")
        raise _Stale("the item is no longer extracted (the document or the extractor changed)")

    def remember(self, field: str, item: Item) -> None:
        """Keep the extractor's version before a correction first touches it."""
        key = (field, item.id)
        if key in self.base_index and key not in self.originals:
            self.originals[key] = OriginalItem(field=field, index=self.base_index[key],
                                               item=item.model_dump(mode="json"))

    def restore(self, field: str, item: Item) -> None:
        """Put a rejected item back where the extractor had it."""
        del self.rejected[(field, item.id)]
        pos = self.base_index.get((field, item.id), len(self.base_index))
        items = self.live[field]
        at = next((i for i, other in enumerate(items)
                   if self.base_index.get((field, other.id), len(self.base_index)) > pos),
                  len(items))
        items.insert(at, item)

    def replace(self, field: str, old: Item, new: Item) -> None:
        items = self.live[field]
        items[next(i for i, it in enumerate(items) if it is old)] = new


def apply_log(record: DocumentRecord, corrections: list[Correction],
              unreadable: list[tuple[int, str]] = ()) -> DocumentRecord:
    """``record`` with ``corrections`` replayed in log order.

    ``record`` may already carry an overlay (a record read back from ``out/``):
    it is undone first, so applying is idempotent.  ``unreadable`` lists log
    lines that did not parse (line number, error): they are reported as stale.
    """
    base = strip_review(record)
    state = _Overlay(
        text=base.text,
        live={f: [it.model_copy(deep=True) for it in getattr(base, f)] for f in FIELDS},
        base_index={(f, it.id): i for f in FIELDS for i, it in enumerate(getattr(base, f))},
    )
    applied: list[str] = []
    stale = [StaleCorrection(correction_id=f"line-{n}", op="unknown", reason=f"unreadable log line {n}: {err}")
             for n, err in unreadable]
    for c in corrections:
        try:
            _APPLY[c.op](state, c)
            applied.append(c.id)
        except _Stale as exc:
            stale.append(StaleCorrection(correction_id=c.id, op=c.op.value, target=c.target,
                                         reason=str(exc), field=c.field, value=_described(c),
                                         reviewer=c.reviewer, at=c.at))
    review = ReviewInfo(
        status=_status(state, corrections, stale),
        corrections_applied=applied,
        stale_corrections=stale,
        rejected=[RejectedItem(field=f, id=item.id, value=item.key(), correction_id=cid)
                  for (f, _), (item, cid) in state.rejected.items()],
        reviewers=sorted({c.reviewer for c in corrections}),
        last_corrected_at=max((c.at for c in corrections), default=None),
        originals=sorted(state.originals.values(), key=lambda o: (FIELDS.index(o.field), o.index)),
    )
    data = base.model_dump()
    data.update({f: [it.model_dump() for it in state.live[f]] for f in FIELDS})
    data["review"] = review.model_dump()
    return DocumentRecord.model_validate(data)


def strip_review(record: DocumentRecord) -> DocumentRecord:
    """The record as the extractor wrote it, before any correction."""
    if not record.review.originals and not any(it.reviewed for _, it in record.iter_items()):
        return record.model_copy(update={"review": ReviewInfo()})
    originals = {(o.field, o.item["id"]): o for o in record.review.originals}
    fields = {}
    for f in FIELDS:
        items = [it.model_copy(update={"reviewed": None}) for it in getattr(record, f)
                 if it.reviewed != "added" and (f, it.id) not in originals]
        for o in sorted((o for o in originals.values() if o.field == f), key=lambda o: o.index):
            items.insert(min(o.index, len(items)), ITEM_MODELS[f].model_validate(o.item))
        fields[f] = items
    return record.model_copy(update={**fields, "review": ReviewInfo()})


def _status(state: _Overlay, corrections: list[Correction], stale: list) -> ReviewStatus:
    """Reviewed once every remaining item carries a reviewer's decision and no
    correction is stale; in review from the first correction on."""
    if not corrections and not stale:
        return ReviewStatus.unreviewed
    if stale or any(it.reviewed is None for items in state.live.values() for it in items):
        return ReviewStatus.in_review
    return ReviewStatus.reviewed


def _accept(state: _Overlay, c: Correction) -> None:
    where, item = state.find(c)
    state.remember(c.field, item)
    if where == "rejected":
        state.restore(c.field, item)
    if item.reviewed is None:
        item.reviewed = "accepted"


def _reject(state: _Overlay, c: Correction) -> None:
    where, item = state.find(c)
    if where == "rejected":
        return
    state.remember(c.field, item)
    state.live[c.field] = [it for it in state.live[c.field] if it is not item]
    state.rejected[(c.field, item.id)] = (item, c.id)


def _edit(state: _Overlay, c: Correction) -> None:
    where, item = state.find(c)
    state.remember(c.field, item)
    if where == "rejected":
        state.restore(c.field, item)
    data = item.model_dump()
    data.update(_clean_values(c.field, c.values))
    if c.evidence is not None:
        data["evidence"] = _resolve(state.text, c.evidence).model_dump()
    data["reviewed"] = "added" if item.reviewed == "added" else "edited"
    state.replace(c.field, item, _build(c.field, data))  # keeps the id: corrections point at it


def _add(state: _Overlay, c: Correction) -> None:
    evidence = _resolve(state.text, c.evidence)
    values = _clean_values(c.field, c.values)
    values.setdefault(_SELECTED_TEXT_ATTR[c.field], evidence.text)
    new = _build(c.field, {**values, "evidence": evidence.model_dump(), "confidence": 1.0,
                           "rule": "review.added", "reviewed": "added"}).with_id(c.field)
    if (c.field, new.id) in state.rejected:  # the reviewer takes a rejection back
        state.restore(c.field, state.rejected[(c.field, new.id)][0])
    existing = next((it for it in state.live[c.field] if it.id == new.id), None)
    if existing is None:
        state.live[c.field].append(new)
    elif existing.reviewed is None:  # the extractor found it as well: a confirmation
        state.remember(c.field, existing)
        existing.reviewed = "accepted"


_APPLY = {Op.accept: _accept, Op.reject: _reject, Op.edit: _edit, Op.add: _add}


def editable_attrs(field: str) -> list[str]:
    return [name for name in ITEM_MODELS[field].model_fields if name not in _SYSTEM_ATTRS]


def _clean_values(field: str, values: dict[str, Any]) -> dict[str, Any]:
    model = ITEM_MODELS[field]
    unknown = sorted(set(values) - set(editable_attrs(field)))
    if unknown:
        raise _Stale(f"{field} items have no attribute {', '.join(unknown)}")
    # A form's empty box means "none" for optional attributes.
    return {k: (None if v == "" and model.model_fields[k].default is None else v)
            for k, v in values.items()}


def _build(field: str, data: dict[str, Any]) -> Item:
    try:
        return ITEM_MODELS[field].model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise _Stale(f"invalid values: {problems}") from None


def _resolve(text: str, anchor: Anchor) -> Evidence:
    located = locate(text, anchor)
    if located is None:
        raise _Stale(f"the text {anchor.text!r} is no longer in the document")
    return Evidence(start=located[0], end=located[1], text=anchor.text)


def _described(c: Correction) -> str | None:
    if c.target_value:
        return c.target_value
    if c.op is Op.add:
        return ", ".join(f"{k}={v}" for k, v in c.values.items()) or c.evidence.text
    return None


def check_correction(record: DocumentRecord, corrections: list[Correction],
                     new: list[Correction]) -> DocumentRecord:
    """The record with ``new`` appended to the log; ValueError when one of
    them would be stale from the start (a reviewer's mistake, not drift)."""
    result = apply_log(record, corrections + new)
    fresh = {c.id for c in new}
    for s in result.review.stale_corrections:
        if s.correction_id in fresh:
            raise ValueError(s.reason)
    return result


# ---------------------------------------------------------------------------
# The log on disk
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogState:
    """A log as read: its version names exactly these bytes."""

    version: str
    corrections: list[Correction]
    unreadable: list[tuple[int, str]]


class ConflictError(Exception):
    """The log changed since the writer read it; ``current`` is what it holds now."""

    def __init__(self, current: LogState, base_version: str) -> None:
        self.current = current
        super().__init__(f"the corrections changed since version {base_version} "
                         f"(now {current.version}); reload and save again")


def log_path(corrections_dir: Path, doc_id: str) -> Path:
    if not DOC_ID_RE.match(doc_id or ""):
        raise ValueError(f"invalid document id {doc_id!r}")
    return Path(corrections_dir) / f"{doc_id}.jsonl"


def _parse(data: bytes) -> LogState:
    """Complete lines only: a line still being written (or cut by a crash) has
    no newline yet and is not part of the log."""
    complete = data[:data.rfind(b"\n") + 1]
    corrections, unreadable = [], []
    for n, line in enumerate(complete.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            corrections.append(Correction.model_validate_json(line))
        except ValidationError as exc:
            unreadable.append((n, exc.errors()[0]["msg"] if exc.errors() else str(exc)))
    version = f"{len(corrections) + len(unreadable)}-{hashlib.sha256(complete).hexdigest()[:12]}"
    return LogState(version=version, corrections=corrections, unreadable=unreadable)


def read_log(corrections_dir: Path, doc_id: str) -> LogState:
    try:
        data = log_path(corrections_dir, doc_id).read_bytes()
    except FileNotFoundError:
        data = b""
    return _parse(data)


def append_corrections(corrections_dir: Path, doc_id: str, corrections: list[Correction],
                       base_version: str) -> LogState:
    """Append atomically if the log is still at ``base_version``; else ConflictError.

    An exclusive lock serialises writers (threads and processes alike); the
    appended bytes are fsynced before the lock is released.
    """
    path = log_path(corrections_dir, doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    with os.fdopen(fd, "r+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        data = fh.read()
        complete = data[:data.rfind(b"\n") + 1]
        if len(complete) != len(data):  # a writer crashed mid-line: that line never happened
            fh.truncate(len(complete))
        current = _parse(complete)
        if current.version != base_version:
            raise ConflictError(current, base_version)
        payload = b"".join(c.to_line() for c in corrections)
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    if created:
        _fsync_dir(path.parent)
    return _parse(complete + payload)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def apply_corrections(record: DocumentRecord, corrections_dir: Path) -> DocumentRecord:
    """The review stage of a run: the document's log replayed over its record."""
    state = read_log(corrections_dir, record.id)
    if not state.corrections and not state.unreadable and record.review == ReviewInfo():
        return record
    return apply_log(record, state.corrections, state.unreadable)


def corrections_as_json(state: LogState) -> list[dict]:
    return [json.loads(c.model_dump_json(exclude_none=True)) for c in state.corrections]
