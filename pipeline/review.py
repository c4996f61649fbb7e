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

import errno
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
    Kind,
    OriginalItem,
    Provenance,
    RejectedItem,
    ReviewInfo,
    ReviewStatus,
    StaleCorrection,
    normalise_key,
)

CORRECTION_FORMAT = "1.1.0"  # 1.1: kind and title, and undo
DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
"""The record id pattern; it cannot name a path outside the corrections folder."""

CONTEXT_CHARS = 32
"""Characters kept either side of an added value's span to find it again."""

SCALARS: tuple[str, ...] = ("kind", "title")
"""The record's single-valued fields: corrected with ``edit``/``accept`` whose
target is the field's own name and whose value is ``values["value"]``."""

CORRECTABLE: tuple[str, ...] = SCALARS + FIELDS
"""Every field a reviewer can correct, in the order the page shows them."""

MAX_TITLE = 1000

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
    undo = "undo"  # takes back an earlier correction (target = its id): the log stays append-only


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
    field: Literal[CORRECTABLE]  # type: ignore[valid-type]  # kind, title and the list fields
    target: str | None = Field(
        None, description="Id of the item (accept, reject, edit); the field's name for kind and "
                          "title; the id of the correction an undo takes back.")
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
        if self.op in (Op.accept, Op.reject, Op.undo) and (self.values or self.evidence):
            raise ValueError(f"{self.op.value} takes no values")
        if self.field in SCALARS and self.op in (Op.add, Op.reject):
            raise ValueError(f"{self.field} has one value: edit or accept it")
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
    located = _nearest(text, selected, start)
    if located is None:
        raise ValueError(f"the selected text {selected!r} is not in the document")
    s, e = located
    return Anchor(start=s, end=e, text=selected, prefix=text[max(0, s - CONTEXT_CHARS):s],
                  suffix=text[e:e + CONTEXT_CHARS])


def _nearest(text: str, words: str, start: int) -> tuple[int, int] | None:
    """The occurrence of a fresh selection's words nearest the offsets the browser sent."""
    hits = _occurrences(text, words)
    if not hits:
        return None
    i = min(hits, key=lambda h: abs(h - start))
    return i, i + len(words)


def _occurrences(text: str, words: str) -> list[int]:
    hits, i = [], text.find(words)
    while i != -1:
        hits.append(i)
        i = text.find(words, i + 1)
    return hits


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Where the anchored words are now: the occurrence whose surroundings best
    match the saved context, nearest the old place on a tie.

    The same words elsewhere in other surroundings are a different passage:
    an occurrence qualifies only if at least half of the saved context still
    matches, so when the reviewer's passage is gone the correction goes stale
    instead of quietly attaching itself to another "the Parties agree".
    """
    n = len(anchor.text)
    need = (len(anchor.prefix) + len(anchor.suffix) + 1) // 2
    best, best_score = None, None
    for i in _occurrences(text, anchor.text):
        context = (_common_suffix(text[max(0, i - len(anchor.prefix)):i], anchor.prefix)
                   + _common_prefix(text[i + n:i + n + len(anchor.suffix)], anchor.suffix))
        if context < need:
            continue
        score = (context, -abs(i - anchor.start))
        if best_score is None or score > best_score:
            best, best_score = i, score
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
    #: kind and title as corrected so far, with their provenance
    scalars: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)

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

    def remember_scalar(self, name: str) -> None:
        key = (name, name)
        if key not in self.originals:
            prov = self.provenance.get(name)
            self.originals[key] = OriginalItem(field=name, index=0, item={
                "id": name, "value": self.scalars[name],
                "provenance": prov.model_dump(mode="json") if prov else None})

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
        scalars={"kind": base.kind.value, "title": base.title},
        provenance=dict(base.provenance),
    )
    applied: list[str] = []
    stale = [StaleCorrection(correction_id=f"line-{n}", op="unknown", reason=f"unreadable log line {n}: {err}")
             for n, err in unreadable]

    def mark_stale(c: Correction, reason: str) -> None:
        stale.append(StaleCorrection(correction_id=c.id, op=c.op.value, target=c.target,
                                     reason=reason, field=c.field, value=_described(c),
                                     reviewer=c.reviewer, at=c.at))

    undone = _undone(corrections, applied, mark_stale)
    effective = [c for c in corrections if c.op is not Op.undo and c.id not in undone]
    for c in effective:
        try:
            _APPLY[c.op](state, c)
            applied.append(c.id)
        except _Stale as exc:
            mark_stale(c, str(exc))
    review = ReviewInfo(
        status=_status(state, effective, stale),
        corrections_applied=applied,
        stale_corrections=stale,
        rejected=[RejectedItem(field=f, id=item.id, value=item.key(), correction_id=cid)
                  for (f, _), (item, cid) in state.rejected.items()],
        reviewers=sorted({c.reviewer for c in corrections}),
        last_corrected_at=max((c.at for c in corrections), default=None),
        originals=sorted(state.originals.values(), key=lambda o: (CORRECTABLE.index(o.field), o.index)),
    )
    data = base.model_dump()
    data.update({f: [it.model_dump() for it in state.live[f]] for f in FIELDS})
    data.update(state.scalars)
    data["provenance"] = {k: v.model_dump() for k, v in state.provenance.items()}
    data["review"] = review.model_dump()
    return DocumentRecord.model_validate(data)


def _undone(corrections: list[Correction], applied: list[str], mark_stale) -> set[str]:
    """The ids that undo corrections take back (an undo is itself applied or stale)."""
    by_id = {c.id: c for c in corrections}
    undone: set[str] = set()
    for c in corrections:
        if c.op is not Op.undo:
            continue
        target = by_id.get(c.target or "")
        if target is None or target.op is Op.undo:
            mark_stale(c, "nothing to undo: no such correction in this document's log")
        elif target.id in undone:
            mark_stale(c, "that correction was already undone")
        else:
            undone.add(target.id)
            applied.append(c.id)
    return undone


def strip_review(record: DocumentRecord) -> DocumentRecord:
    """The record as the extractor wrote it, before any correction."""
    if not record.review.originals and not any(it.reviewed for _, it in record.iter_items()):
        return record.model_copy(update={"review": ReviewInfo()})
    originals = {(o.field, o.item["id"]): o for o in record.review.originals}
    fields: dict[str, Any] = {}
    provenance = dict(record.provenance)
    for o in record.review.originals:
        if o.field in SCALARS:
            fields[o.field] = Kind(o.item["value"]) if o.field == "kind" else o.item["value"]
            if o.item.get("provenance"):
                provenance[o.field] = Provenance.model_validate(o.item["provenance"])
            else:
                provenance.pop(o.field, None)
    fields["provenance"] = provenance
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
    if c.field in SCALARS:
        return _accept_scalar(state, c)
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
    if c.field in SCALARS:
        return _edit_scalar(state, c)
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


def _accept_scalar(state: _Overlay, c: Correction) -> None:
    """Confirms the value the reviewer saw; if the extractor now says something
    else, the confirmation is about another value and goes stale."""
    current = state.scalars[c.field]
    if c.target_value is not None and (current or "") != c.target_value:
        raise _Stale(f"the {c.field} is now {current!r}, not the {c.target_value!r} that was accepted")
    state.remember_scalar(c.field)
    prov = state.provenance.get(c.field)
    state.provenance[c.field] = Provenance(evidence=prov.evidence if prov else None,
                                           confidence=1.0, rule="review.accepted")


def _edit_scalar(state: _Overlay, c: Correction) -> None:
    unknown = sorted(set(c.values) - {"value"})
    if unknown:
        raise _Stale(f"{c.field} has no attribute {', '.join(unknown)}")
    value = c.values.get("value", state.scalars[c.field])
    if c.field == "kind":
        if value not in {k.value for k in Kind}:
            raise _Stale(f"invalid values: kind must be one of {', '.join(k.value for k in Kind)}")
    else:
        if value is not None and not isinstance(value, str):
            raise _Stale("invalid values: title must be text")
        value = (value or "").strip() or None  # an empty box: the document has no title
        if value and len(value) > MAX_TITLE:
            raise _Stale(f"invalid values: title longer than {MAX_TITLE} characters")
    prov = state.provenance.get(c.field)
    evidence = _resolve(state.text, c.evidence) if c.evidence is not None else (prov.evidence if prov else None)
    state.remember_scalar(c.field)
    state.scalars[c.field] = value
    state.provenance[c.field] = Provenance(evidence=evidence, confidence=1.0, rule="review.edited")


_APPLY = {Op.accept: _accept, Op.reject: _reject, Op.edit: _edit, Op.add: _add}


def editable_attrs(field: str) -> list[str]:
    if field in SCALARS:
        return ["value"]
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
    if c.field in SCALARS and c.op is Op.edit:
        return f"{c.target_value or '(none)'} → {c.values.get('value', c.target_value)}"
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


class LogWriteError(OSError):
    """The log could not be written (full disk, read-only folder); nothing of the
    batch was kept."""


def append_corrections(corrections_dir: Path, doc_id: str, corrections: list[Correction],
                       base_version: str) -> LogState:
    """Append a batch if the log is still at ``base_version``; else ConflictError.

    All of the batch or none of it: the log with the batch is written to a
    temporary file, fsynced and renamed over the old one, so a full disk (or a
    crash) mid-write leaves the log as it was, never 3 of 10 corrections.  An
    exclusive lock on the folder serialises writers (threads and processes
    alike); readers need none, since a rename is atomic.
    """
    path = log_path(corrections_dir, doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(dir_fd, fcntl.LOCK_EX)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        complete = data[:data.rfind(b"\n") + 1]  # a line cut by a crash never happened
        current = _parse(complete)
        if current.version != base_version:
            raise ConflictError(current, base_version)
        payload = b"".join(c.to_line() for c in corrections)
        _replace(path, complete + payload)
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)  # closing releases the lock
    return _parse(complete + payload)


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO):
            raise LogWriteError(exc.errno, f"the corrections could not be saved ({os.strerror(exc.errno)}); "
                                           "nothing of this save was kept") from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def apply_corrections(record: DocumentRecord, corrections_dir: Path,
                      state: LogState | None = None) -> DocumentRecord:
    """The review stage of a run: the document's log replayed over its record.

    A caller that also keys its cache on the log passes the ``state`` it read,
    so the record and the key describe the same reading of the log."""
    state = state if state is not None else read_log(corrections_dir, record.id)
    if not state.corrections and not state.unreadable and record.review == ReviewInfo():
        return record
    return apply_log(record, state.corrections, state.unreadable)


def corrections_as_json(state: LogState) -> list[dict]:
    return [json.loads(c.model_dump_json(exclude_none=True)) for c in state.corrections]
