"""Stable item ids through the real extractor, and corrections surviving a
re-run on a changed document (library path, as `tenets extract` runs it)."""

from __future__ import annotations

from pathlib import Path

from pipeline.api import extract_path
from pipeline.review import anchor_for, append_corrections, new_correction, read_log

FIXTURE = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "docs" / "nordic_quantum.txt"
INSERTED = ("This statement was published on the websites of both ministries, "
            "with a translation into Sami.\n\n")


def ids(record) -> dict[str, set[str]]:
    return {field: {it.id for it in getattr(record, field)} for field in
            ("dates", "parties", "signatories", "people", "principles", "recommendations")}


def write_versions(tmp_path: Path) -> tuple[Path, Path]:
    text = FIXTURE.read_text("utf-8")
    title_end = text.index("\n\n") + 2
    v1, v2 = tmp_path / "v1" / "nordic.txt", tmp_path / "v2" / "nordic.txt"
    for path, content in ((v1, text), (v2, text[:title_end] + INSERTED + text[title_end:])):
        path.parent.mkdir()
        path.write_text(content, "utf-8")
    return v1, v2


def test_an_unrelated_paragraph_keeps_every_item_id(tmp_path, isolated_settings):
    v1, v2 = write_versions(tmp_path)
    first, second = extract_path(v1), extract_path(v2)
    assert second.text != first.text
    assert sum(len(s) for s in ids(first).values()) >= 5  # the fixture has values to keep
    assert ids(second) == ids(first)


def test_corrections_made_on_one_version_apply_to_the_next(tmp_path, isolated_settings):
    v1, v2 = write_versions(tmp_path)
    record = extract_path(v1)
    principle = record.principles[-1]
    signatory = record.signatories[0]
    start = record.text.index("the feast of Saint Lucy")
    log = [
        new_correction(reviewer="ana", op="reject", field="principles", target=principle.id,
                       target_value=principle.key()),
        new_correction(reviewer="ana", op="edit", field="signatories", target=signatory.id,
                       target_value=signatory.key(), values={"title": "Minister of Science"}),
        new_correction(reviewer="ana", op="add", field="dates", values={"value": "--12-13", "role": "event"},
                       evidence=anchor_for(record.text, start, start + 23, "the feast of Saint Lucy")),
    ]
    # The record's id is the file's stem, so both versions share one log.
    append_corrections(isolated_settings.corrections_dir, record.id, log,
                       read_log(isolated_settings.corrections_dir, record.id).version)

    rerun = extract_path(v2)
    assert rerun.review.stale_corrections == []
    assert rerun.review.corrections_applied == [c.id for c in log]
    assert principle.id not in {p.id for p in rerun.principles}
    assert next(s for s in rerun.signatories if s.id == signatory.id).title == "Minister of Science"
    lucy = next(d for d in rerun.dates if d.value == "--12-13")
    assert rerun.text[lucy.evidence.start:lucy.evidence.end] == "the feast of Saint Lucy"
    assert lucy.evidence.start > start  # found again after the inserted paragraph
