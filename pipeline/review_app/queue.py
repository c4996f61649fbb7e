"""What to review next: the document list (searched, sorted, paged), the next
document that still needs a reviewer, and every undecided value of every
document ordered by confidence, so reviewers check the doubtful ones first."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import FIELDS
from pipeline.review_app.documents import (
    DocumentStore,
    DocumentView,
    Summary,
)
from pipeline.review_app.render import describe

PER_PAGE = 25
MAX_PER_PAGE = 200

# Sort keys of the list; None-safe, so documents without a title sort last.
SORTS = {
    "title": lambda s: ((s.title or "").casefold() or "\uffff", s.id),
    "id": lambda s: s.id,
    "kind": lambda s: (s.kind, s.id),
    "status": lambda s: (["unreviewed", "in_review", "reviewed"].index(s.status), s.id),
    "undecided": lambda s: (s.undecided, s.id),
    "confidence": lambda s: (s.min_confidence if s.min_confidence is not None else 2.0, s.id),
    "stale": lambda s: (s.stale, s.id),
    "corrections": lambda s: (s.corrections, s.id),
}


@dataclass(frozen=True)
class Page:
    rows: list
    number: int  # 1-based
    pages: int
    total: int  # rows matching, over all pages

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def paginate(rows: list, page: int, per_page: int = PER_PAGE) -> Page:
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    pages = max(1, -(-len(rows) // per_page))
    number = max(1, min(page, pages))
    return Page(rows[(number - 1) * per_page:number * per_page], number, pages, len(rows))


def parse_sort(sort: str) -> tuple[str, bool]:
    """``"-title"`` -> ("title", descending); unknown keys fall back to the id."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    return (key if key in SORTS else "id"), descending


def search(summaries: list[Summary], query: str) -> list[Summary]:
    """Every word of the query in the title, id or kind (case-insensitive)."""
    words = query.casefold().split()
    if not words:
        return summaries
    return [s for s in summaries
            if all(w in f"{s.title or ''} {s.id} {s.kind}".casefold() for w in words)]


def document_list(store: DocumentStore, *, q: str = "", kind: str = "", status: str = "",
                  sort: str = "id", page: int = 1, per_page: int = PER_PAGE) -> Page:
    rows = search(store.summaries(kind=kind or None, status=status or None), q)
    key, descending = parse_sort(sort)
    rows.sort(key=SORTS[key], reverse=descending)
    return paginate(rows, page, per_page)


@dataclass(frozen=True)
class Progress:
    documents: int
    reviewed: int
    values: int
    decided: int

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.values) if self.values else 100


def progress(summaries: list[Summary]) -> Progress:
    return Progress(documents=len(summaries), reviewed=sum(s.status == "reviewed" for s in summaries),
                    values=sum(s.decided + s.undecided for s in summaries),
                    decided=sum(s.decided for s in summaries))


def next_document(store: DocumentStore, after: str = "") -> str | None:
    """The first document after ``after`` (in id order, wrapping) that is not
    yet reviewed."""
    open_ids = [s.id for s in store.summaries() if s.status != "reviewed"]
    later = [i for i in open_ids if i > after and i != after]
    earlier = [i for i in open_ids if i != after]
    return (later or earlier or [None])[0]


@dataclass(frozen=True)
class QueueValue:
    doc_id: str
    doc_title: str | None
    field: str
    item_id: str
    summary: str
    confidence: float
    rule: str

    @property
    def key(self) -> tuple[float, str, str]:
        return (self.confidence, self.doc_id, self.item_id)


def undecided_values(store: DocumentStore) -> list[QueueValue]:
    """Every value no reviewer decided on yet, least confident first."""
    values = [QueueValue(v.record.id, v.record.title, f, it.id, describe(f, it), it.confidence, it.rule)
              for v in store.views() for f in FIELDS for it in getattr(v.record, f)
              if it.reviewed is None]
    values.sort(key=lambda v: v.key)
    return values


def _key_of(view: DocumentView, item_id: str) -> tuple[float, str, str] | None:
    """Where a value stood in the queue, also once decided or rejected."""
    for _, it in view.record.iter_items():
        if it.id == item_id:
            return (it.confidence, view.record.id, item_id)
    for original in view.record.review.originals:
        if original.item.get("id") == item_id and "confidence" in original.item:
            return (original.item["confidence"], view.record.id, item_id)
    return None


def next_value(store: DocumentStore, after: str = "") -> QueueValue | None:
    """The least confident undecided value after ``after`` ("<doc id>/<item id>",
    the value the reviewer just looked at), else the least confident of all."""
    values = undecided_values(store)
    doc_id, _, item_id = after.partition("/")
    key = None
    if doc_id and item_id:
        try:
            key = _key_of(store.view(doc_id), item_id)
        except Exception:  # noqa: BLE001 - an unknown "after" just starts at the top
            key = None
    if key is not None:
        later = [v for v in values if v.key > key]
        if later:
            return later[0]
    return values[0] if values else None
