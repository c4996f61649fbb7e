"""The review queue without HTTP: the list searched, sorted and paged; the
next document to review; undecided values by confidence."""

from __future__ import annotations

from datetime import datetime, timezone

from pipeline.models import DocumentRecord, Evidence, Principle, SourceInfo
from pipeline.review import append_corrections, new_correction, read_log
from pipeline.review_app.documents import DocumentStore
from pipeline.review_app.queue import (
    document_list,
    next_document,
    next_value,
    paginate,
    progress,
    undecided_values,
)
from pipeline.store import write_record


def doc(doc_id: str, title: str | None, confidences: list[float], kind: str = "other") -> DocumentRecord:
    words = [f"value{i}" for i in range(len(confidences))]
    text = " ".join(words)
    items = []
    for i, (w, c) in enumerate(zip(words, confidences)):
        start = text.index(w)
        items.append(Principle(text=w, evidence=Evidence(start=start, end=start + len(w), text=w),
                               confidence=c, rule="t").with_id("principles"))
    return DocumentRecord(pipeline_version="t", id=doc_id, kind=kind, title=title, text=text,
                          principles=items,
                          source=SourceInfo(uri=f"file:///{doc_id}", media_type="text/plain", sha256="0" * 64,
                                            fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)))


def store_with(tmp_path, *records) -> DocumentStore:
    for r in records:
        write_record(tmp_path / "out", r)
    return DocumentStore(tmp_path / "out", tmp_path / "corrections")


def accept_all(store: DocumentStore, doc_id: str) -> None:
    record = store.view(doc_id).record
    log = [new_correction(reviewer="ana", op="accept", field=f, target=it.id, target_value=it.key())
           for f, it in record.iter_items()]
    append_corrections(store.corrections_dir, doc_id, log, read_log(store.corrections_dir, doc_id).version)


def test_the_list_is_searched_sorted_and_paged(tmp_path):
    store = store_with(tmp_path, *(doc(f"d{n:02d}", f"Statement {n}" if n % 3 else None, [0.5 + n / 100])
                                   for n in range(30)))
    first = document_list(store, per_page=10)
    assert (first.number, first.pages, first.total, first.next) == (1, 3, 30, 2)
    assert [s.id for s in first.rows][:2] == ["d00", "d01"]
    third = document_list(store, page=3, per_page=10)
    assert [s.id for s in third.rows][-1] == "d29" and third.next is None
    assert [s.id for s in document_list(store, q="statement 2", per_page=50).rows] == \
        ["d02", "d20", "d22", "d23", "d25", "d26", "d28", "d29"]
    by_title = document_list(store, sort="title", per_page=50).rows
    assert by_title[0].title == "Statement 1" and by_title[-1].title is None  # untitled last
    doubtful = document_list(store, sort="-confidence", per_page=50).rows
    assert doubtful[0].id == "d29"


def test_paging_past_the_end_shows_the_last_page():
    assert paginate(list(range(5)), 9, 2).rows == [4]
    assert paginate([], 1).pages == 1


def test_the_next_document_skips_reviewed_ones_and_wraps(tmp_path):
    store = store_with(tmp_path, doc("a", "A", [0.9]), doc("b", "B", [0.9]), doc("c", "C", [0.9]))
    accept_all(store, "b")
    assert next_document(store) == "a"
    assert next_document(store, after="a") == "c"
    assert next_document(store, after="c") == "a"
    for d in ("a", "c"):
        accept_all(store, d)
    assert next_document(store) is None
    assert progress(store.summaries()).reviewed == 3


def test_undecided_values_come_least_confident_first_across_documents(tmp_path):
    store = store_with(tmp_path, doc("a", "A", [0.9, 0.2]), doc("b", "B", [0.5, 0.1]))
    values = undecided_values(store)
    assert [(v.doc_id, v.confidence) for v in values] == [("b", 0.1), ("a", 0.2), ("b", 0.5), ("a", 0.9)]
    first = next_value(store)
    assert (first.doc_id, first.confidence) == ("b", 0.1)
    # skipped (not decided): the next after it
    second = next_value(store, after=f"b/{first.item_id}")
    assert (second.doc_id, second.confidence) == ("a", 0.2)
    # decided: it leaves the queue, and "after" it still means after its place
    accept_all(store, "a")
    after_decided = next_value(store, after=f"a/{second.item_id}")
    assert (after_decided.doc_id, after_decided.confidence) == ("b", 0.5)
    s = progress(store.summaries())
    assert (s.values, s.decided) == (4, 2)
