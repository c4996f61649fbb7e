"""The corrections overlay: applying a log, stale and conflicting corrections,
and the log file itself (versions, conflicts, atomic appends)."""

from __future__ import annotations

import json
import multiprocessing
from datetime import datetime, timezone

import jsonschema
import pytest

from pipeline.models import (
    DateItem,
    DocumentRecord,
    Evidence,
    Kind,
    Principle,
    ReviewInfo,
    Signatory,
    SourceInfo,
)
from pipeline.review import (
    ConflictError,
    Correction,
    anchor_for,
    append_corrections,
    apply_corrections,
    apply_log,
    correction_schema,
    log_path,
    new_correction,
    read_log,
    strip_review,
)

TEXT = ("Signed on 4 May 2023 by Jane Roe, Minister of Science.\n"
        "Shared values: openness, punctual ferries.\n"
        "The first workshop is on the feast of Saint Lucy.")


def ev(text: str, words: str, occurrence: int = 0) -> Evidence:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Evidence(start=start, end=start + len(words), text=words)


def make_record(text: str = TEXT, *, with_ferries: bool = True, jane_words: str = "Jane Roe, Minister") -> DocumentRecord:
    principles = [Principle(text="openness", evidence=ev(text, "openness"), confidence=0.8, rule="t")]
    if with_ferries:
        principles.append(Principle(text="punctual ferries", evidence=ev(text, "punctual ferries"),
                                    confidence=0.8, rule="t"))
    fields = {
        "dates": [DateItem(value="2023-05-04", role="signed", text="4 May 2023",
                           evidence=ev(text, "4 May 2023"), confidence=0.9, rule="t")],
        "signatories": [Signatory(name="Jane Roe", title="Minister", evidence=ev(text, jane_words),
                                  confidence=0.6, rule="t")],
        "principles": principles,
    }
    for field, items in fields.items():
        for item in items:
            item.with_id(field)
    return DocumentRecord(
        pipeline_version="test", id="doc-1", kind="joint_statement", title="T", text=text,
        source=SourceInfo(uri="file:///doc-1.txt", media_type="text/plain", sha256="0" * 64,
                          fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)),
        **fields,
    )


def by_text(record: DocumentRecord, field: str, value: str):
    return next(it for it in getattr(record, field) if it.key().startswith(value))


def reject_ferries(record):
    item = by_text(record, "principles", "punctual ferries")
    return new_correction(reviewer="ana", op="reject", field="principles", target=item.id,
                          target_value=item.key(), reason="not a principle")


def edit_jane(record, **values):
    item = by_text(record, "signatories", "Jane Roe")
    return new_correction(reviewer="ben", op="edit", field="signatories", target=item.id,
                          target_value=item.key(), values=values or {"title": "Minister of Science"})


def add_lucy(record):
    start = record.text.index("the feast of Saint Lucy")
    return new_correction(reviewer="ana", op="add", field="dates",
                          values={"value": "--12-13", "role": "event"},
                          evidence=anchor_for(record.text, start, start + 23, "the feast of Saint Lucy"))


def accept(record, field, value):
    item = by_text(record, field, value)
    return new_correction(reviewer="ana", op="accept", field=field, target=item.id, target_value=item.key())


# --- applying ---------------------------------------------------------------------


def test_without_a_log_the_record_is_unchanged(tmp_path):
    record = make_record()
    assert apply_corrections(record, tmp_path / "corrections") == record
    assert record.review.status.value == "unreviewed"


def test_reject_removes_the_item_and_lists_it_in_the_review():
    record = make_record()
    c = reject_ferries(record)
    out = apply_log(record, [c])
    assert [p.text for p in out.principles] == ["openness"]
    assert [(r.field, r.value, r.correction_id) for r in out.review.rejected] == [
        ("principles", "punctual ferries", c.id)]
    assert out.review.corrections_applied == [c.id]
    assert out.review.status.value == "in_review"


def test_edit_replaces_values_and_keeps_evidence_and_id():
    record = make_record()
    before = record.signatories[0]
    out = apply_log(record, [edit_jane(record)])
    after = out.signatories[0]
    assert (after.title, after.reviewed) == ("Minister of Science", "edited")
    assert after.evidence == before.evidence
    assert after.id == before.id  # later corrections still point at it
    assert out.review.originals[0].item["title"] == "Minister"


def test_edit_with_a_new_span_moves_the_evidence():
    record = make_record()
    item = record.signatories[0]
    start = TEXT.index("Jane Roe, Minister of Science")
    c = new_correction(reviewer="ben", op="edit", field="signatories", target=item.id,
                       target_value=item.key(),
                       evidence=anchor_for(TEXT, start, start + 29, "Jane Roe, Minister of Science"))
    out = apply_log(record, [c])
    assert out.signatories[0].evidence.text == "Jane Roe, Minister of Science"
    assert out.signatories[0].title == "Minister"


def test_add_creates_an_item_on_the_reviewers_span():
    record = make_record()
    out = apply_log(record, [add_lucy(record)])
    added = by_text(out, "dates", "--12-13")
    assert (added.role.value, added.text, added.reviewed) == ("event", "the feast of Saint Lucy", "added")
    assert (added.rule, added.confidence) == ("review.added", 1.0)
    assert out.text[added.evidence.start:added.evidence.end] == "the feast of Saint Lucy"
    assert added.id.startswith("dat_")


def test_a_selection_that_is_not_in_the_text_is_refused():
    with pytest.raises(ValueError, match="not in the document"):
        anchor_for(TEXT, 10, 20, "Tromsø harbour")


def test_accepting_every_value_makes_the_document_reviewed():
    record = make_record()
    log = [reject_ferries(record), edit_jane(record), accept(record, "dates", "2023-05-04"),
           accept(record, "principles", "openness")]
    out = apply_log(record, log)
    assert out.review.status.value == "reviewed"
    assert out.review.reviewers == ["ana", "ben"]
    assert {it.reviewed for _, it in out.iter_items()} == {"accepted", "edited"}


def test_an_unrelated_insertion_keeps_ids_and_every_correction_applies():
    old = make_record()
    log = [reject_ferries(old), edit_jane(old), add_lucy(old)]
    new_text = "A paragraph the new version of the page added.\n\n" + TEXT
    new = make_record(new_text)
    assert [it.id for _, it in new.iter_items()] == [it.id for _, it in old.iter_items()]
    out = apply_log(new, log)
    assert out.review.stale_corrections == []
    lucy = by_text(out, "dates", "--12-13")
    assert new_text[lucy.evidence.start:lucy.evidence.end] == "the feast of Saint Lucy"


def test_a_correction_whose_target_is_gone_is_stale_not_dropped():
    record = make_record()
    c = reject_ferries(record)
    out = apply_log(make_record(with_ferries=False), [c])
    assert out.review.corrections_applied == []
    [stale] = out.review.stale_corrections
    assert (stale.correction_id, stale.op, stale.field, stale.value, stale.reviewer) == (
        c.id, "reject", "principles", "punctual ferries", "ana")
    assert "no longer extracted" in stale.reason
    assert out.review.status.value == "in_review"


def test_an_added_value_whose_words_are_gone_is_stale():
    record = make_record()
    c = add_lucy(record)
    out = apply_log(make_record(TEXT.replace("the feast of Saint Lucy", "midsummer")), [c])
    assert [s.correction_id for s in out.review.stale_corrections] == [c.id]
    assert "no longer in the document" in out.review.stale_corrections[0].reason


def test_a_changed_evidence_span_still_finds_the_item_by_its_value():
    record = make_record()
    c = edit_jane(record)
    changed = make_record(jane_words="Jane Roe")  # the extractor now quotes fewer words
    assert changed.signatories[0].id != record.signatories[0].id
    out = apply_log(changed, [c])
    assert out.review.stale_corrections == []
    assert out.signatories[0].title == "Minister of Science"


def test_conflicting_decisions_the_last_one_wins():
    record = make_record()
    reject = reject_ferries(record)
    ferries = by_text(record, "principles", "punctual ferries")
    restore = new_correction(reviewer="ben", op="accept", field="principles", target=ferries.id,
                             target_value=ferries.key(), reason="it is in their list")
    out = apply_log(record, [reject, restore])
    assert [p.text for p in out.principles] == ["openness", "punctual ferries"]  # original place
    assert out.review.rejected == []
    assert out.principles[1].reviewed == "accepted"

    edit = new_correction(reviewer="ana", op="edit", field="principles", target=ferries.id,
                          target_value=ferries.key(), values={"text": "punctuality"})
    out = apply_log(record, [reject, edit])
    assert [p.text for p in out.principles] == ["openness", "punctuality"]

    out = apply_log(record, [edit, reject])
    assert [p.text for p in out.principles] == ["openness"]


def test_invalid_values_are_stale_with_the_reason():
    record = make_record()
    item = record.dates[0]
    bad = new_correction(reviewer="ana", op="edit", field="dates", target=item.id,
                         target_value=item.key(), values={"value": "May 2023"})
    unknown = new_correction(reviewer="ana", op="edit", field="dates", target=item.id,
                             target_value=item.key(), values={"colour": "red"})
    out = apply_log(record, [bad, unknown])
    reasons = [s.reason for s in out.review.stale_corrections]
    assert "invalid values" in reasons[0] and "no attribute colour" in reasons[1]
    assert out.dates[0].value == "2023-05-04"


def test_applying_is_idempotent_and_reversible():
    record = make_record()
    log = [reject_ferries(record), edit_jane(record), add_lucy(record), accept(record, "dates", "2023")]
    once = apply_log(record, log)
    assert apply_log(once, log) == once
    # A record read back from out/ loses nothing: the extractor's version comes back.
    assert strip_review(once) == record.model_copy(update={"review": ReviewInfo()})
    reread = DocumentRecord.model_validate_json(once.model_dump_json())
    assert apply_log(reread, log) == once


def test_a_correction_needs_what_its_operation_uses():
    with pytest.raises(ValueError, match="evidence"):
        new_correction(reviewer="a", op="add", field="dates", values={"value": "2023"})
    with pytest.raises(ValueError, match="target"):
        new_correction(reviewer="a", op="reject", field="dates")
    with pytest.raises(ValueError, match="takes no values"):
        new_correction(reviewer="a", op="accept", field="dates", target="x", values={"value": "2023"})


# --- the log file ------------------------------------------------------------------


def test_the_log_is_json_lines_that_match_the_published_schema(tmp_path):
    record = make_record()
    log = [reject_ferries(record), edit_jane(record), add_lucy(record)]
    append_corrections(tmp_path, "doc-1", log, read_log(tmp_path, "doc-1").version)
    lines = (tmp_path / "doc-1.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 3
    schema = correction_schema()
    for line in lines:
        jsonschema.validate(json.loads(line), schema)
    assert json.loads(lines[0])["reason"] == "not a principle"
    assert read_log(tmp_path, "doc-1").corrections == log


def test_a_run_applies_the_documents_log(tmp_path):
    record = make_record()
    append_corrections(tmp_path, "doc-1", [reject_ferries(record)], read_log(tmp_path, "doc-1").version)
    out = apply_corrections(record, tmp_path)
    assert [p.text for p in out.principles] == ["openness"]


def test_a_save_based_on_an_outdated_version_conflicts(tmp_path):
    record = make_record()
    base = read_log(tmp_path, "doc-1").version
    append_corrections(tmp_path, "doc-1", [reject_ferries(record)], base)
    with pytest.raises(ConflictError) as err:
        append_corrections(tmp_path, "doc-1", [edit_jane(record)], base)
    assert [c.op.value for c in err.value.current.corrections] == ["reject"]
    assert len(read_log(tmp_path, "doc-1").corrections) == 1


def _reviewer_process(directory: str, n: int, saves: int) -> list[str]:
    """Save ``saves`` corrections, reloading on conflict; the bases that succeeded."""
    record = make_record()
    bases = []
    for _ in range(saves):
        c = new_correction(reviewer=f"r{n}", op="accept", field="dates", target=record.dates[0].id)
        while True:
            base = read_log(directory, "doc-1").version
            try:
                append_corrections(directory, "doc-1", [c], base)
                bases.append(base)
                break
            except ConflictError:
                continue  # reload and save again, as the page asks the reviewer to
    return bases


def test_concurrent_reviewers_lose_nothing(tmp_path):
    with multiprocessing.get_context("fork").Pool(4) as pool:
        results = pool.starmap(_reviewer_process, [(str(tmp_path), n, 15) for n in range(4)])
    bases = [b for r in results for b in r]
    # Every save was based on the version it replaced: no two saves from one base.
    assert len(set(bases)) == len(bases) == 60
    state = read_log(tmp_path, "doc-1")
    assert len({c.id for c in state.corrections}) == 60
    assert state.version.startswith("60-")


def test_a_line_cut_by_a_crash_is_ignored_then_repaired(tmp_path):
    record = make_record()
    append_corrections(tmp_path, "doc-1", [reject_ferries(record)], read_log(tmp_path, "doc-1").version)
    path = log_path(tmp_path, "doc-1")
    with path.open("ab") as fh:
        fh.write(b'{"id":"c_cut","at":"2024-01-0')
    state = read_log(tmp_path, "doc-1")
    assert len(state.corrections) == 1 and not state.unreadable
    append_corrections(tmp_path, "doc-1", [edit_jane(record)], state.version)
    assert [c.op.value for c in read_log(tmp_path, "doc-1").corrections] == ["reject", "edit"]
    assert b"c_cut" not in path.read_bytes()


def test_an_unreadable_line_is_reported_not_skipped(tmp_path):
    record = make_record()
    path = log_path(tmp_path, "doc-1")
    path.write_text('{"op": "reject", "oops": true}\n', "utf-8")
    out = apply_corrections(record, tmp_path)
    [stale] = out.review.stale_corrections
    assert stale.correction_id == "line-1" and "unreadable" in stale.reason


@pytest.mark.parametrize("doc_id", ["../etc/passwd", "a/b", "", ".hidden", "a\x00b"])
def test_log_paths_stay_in_the_corrections_folder(tmp_path, doc_id):
    with pytest.raises(ValueError):
        log_path(tmp_path, doc_id)


def test_correction_lines_are_forward_compatible():
    line = ('{"id":"c_1","at":"2024-01-01T00:00:00Z","reviewer":"a","op":"accept",'
            '"field":"dates","target":"dat_1","added_later":1}')
    assert Correction.model_validate_json(line).target == "dat_1"


# --- kind and title -------------------------------------------------------------------


def scalar(record, op, field, value=None, **kw):
    current = record.kind.value if field == "kind" else record.title
    return new_correction(reviewer="ana", op=op, field=field, target=field, target_value=current or "",
                          values={"value": value} if value is not None else {}, **kw)


def test_kind_and_title_can_be_corrected_and_the_overlay_undone():
    record = make_record()
    start = record.text.index("Shared values")
    title_words = anchor_for(record.text, start, start + 13, "Shared values")
    log = [scalar(record, "edit", "kind", "press_release"),
           scalar(record, "edit", "title", "Shared values", evidence=title_words)]
    out = apply_log(record, log)
    assert (out.kind.value, out.title) == ("press_release", "Shared values")
    assert out.provenance["title"].rule == "review.edited"
    assert out.provenance["title"].evidence.text == "Shared values"
    assert out.review.stale_corrections == []
    # read back from out/ and replayed: the same record; stripped: the extractor's
    assert apply_log(out, log) == out
    base = strip_review(out)
    assert (base.kind.value, base.title, base.provenance) == ("joint_statement", "T", {})


def test_an_empty_title_means_none_and_a_wrong_kind_is_stale():
    record = make_record()
    out = apply_log(record, [scalar(record, "edit", "title", "  "), scalar(record, "edit", "kind", "memo")])
    assert out.title is None and out.kind.value == "joint_statement"
    [stale] = out.review.stale_corrections
    assert stale.field == "kind" and "kind must be one of" in stale.reason


def test_accepting_a_kind_the_extractor_no_longer_gives_is_stale():
    record = make_record()
    accepted = scalar(record, "accept", "kind")
    assert apply_log(record, [accepted]).provenance["kind"].rule == "review.accepted"
    changed = record.model_copy(update={"kind": Kind.readout})
    [stale] = apply_log(changed, [accepted]).review.stale_corrections
    assert "now 'readout'" in stale.reason


def test_kind_and_title_take_no_add_or_reject():
    with pytest.raises(ValueError, match="edit or accept"):
        new_correction(reviewer="ana", op="reject", field="title", target="title")


# --- undo ---------------------------------------------------------------------------------


def undo(c, reviewer="ana"):
    return new_correction(reviewer=reviewer, op="undo", field=c.field, target=c.id)


def test_undo_takes_a_correction_back_and_stays_in_the_log():
    record = make_record()
    rejected = reject_ferries(record)
    out = apply_log(record, [rejected, undo(rejected)])
    assert [p.text for p in out.principles] == ["openness", "punctual ferries"]
    assert out.review.rejected == [] and out.review.stale_corrections == []
    assert out.review.status.value == "unreviewed"  # nothing left that counts
    assert rejected.id not in out.review.corrections_applied


def test_undo_of_an_unknown_or_already_undone_correction_is_stale():
    record = make_record()
    rejected = reject_ferries(record)
    ghost = new_correction(reviewer="ana", op="undo", field="principles", target="c_nothere")
    out = apply_log(record, [rejected, undo(rejected), undo(rejected), ghost])
    reasons = [s.reason for s in out.review.stale_corrections]
    assert reasons == ["that correction was already undone",
                       "nothing to undo: no such correction in this document's log"]


# --- anchors that lose their passage --------------------------------------------------------


def test_an_anchor_whose_passage_is_gone_is_stale_not_moved_to_other_words():
    text = ("Article 1. The Parties shall meet every year.\n"
            "Article 2. The Parties agree to share data.\n"
            "Annex. Observers: The Parties agree to nothing here.\n") + TEXT
    record = make_record(text)
    start = text.index("The Parties agree to share")
    add = new_correction(reviewer="ana", op="add", field="principles", values={"text": "data sharing"},
                         evidence=anchor_for(text, start, start + 20, "The Parties agree to"))
    assert apply_log(record, [add]).review.stale_corrections == []
    # Article 2 is deleted; the same words survive only in the annex, in other surroundings.
    changed = make_record(text.replace("Article 2. The Parties agree to share data.\n", ""))
    out = apply_log(changed, [add])
    assert [s.correction_id for s in out.review.stale_corrections] == [add.id]
    assert "data sharing" not in [p.text for p in out.principles]


# --- a full disk ----------------------------------------------------------------------------


def test_a_save_on_a_full_disk_keeps_all_of_its_corrections_or_none(tmp_path, monkeypatch):
    import errno
    import os

    from pipeline.review import LogWriteError

    record = make_record()
    append_corrections(tmp_path, "doc-1", [reject_ferries(record)], read_log(tmp_path, "doc-1").version)
    before = read_log(tmp_path, "doc-1")
    batch = [accept(record, "principles", "openness") for _ in range(10)]
    real_write = os.write

    def full_disk(fd, data):  # room for a few hundred bytes, then ENOSPC
        if len(data) > 300:
            real_write(fd, bytes(data[:300]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(LogWriteError):
        append_corrections(tmp_path, "doc-1", batch, before.version)
    monkeypatch.undo()
    after = read_log(tmp_path, "doc-1")
    assert after.version == before.version and len(after.corrections) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc-1.jsonl"]  # no temporary left
    append_corrections(tmp_path, "doc-1", batch, before.version)  # room again: all ten
    assert len(read_log(tmp_path, "doc-1").corrections) == 11


def test_a_run_can_apply_the_log_reading_it_already_made(tmp_path):
    record = make_record()
    append_corrections(tmp_path, "doc-1", [reject_ferries(record)], read_log(tmp_path, "doc-1").version)
    state = read_log(tmp_path, "doc-1")
    append_corrections(tmp_path, "doc-1", [edit_jane(record)], state.version)  # saved meanwhile
    out = apply_corrections(record, tmp_path, state)
    assert len(out.review.corrections_applied) == 1  # what the caller's key describes
