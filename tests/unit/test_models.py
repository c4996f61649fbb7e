from datetime import datetime, timezone

import pytest
from pydantic import ValidationError

from pipeline.models import DateItem, DocumentRecord, Evidence, Principle, SourceInfo, item_id


def _record(text: str, **fields) -> DocumentRecord:
    return DocumentRecord(
        pipeline_version="test", id="doc-1",
        source=SourceInfo(uri="file:///x.txt", media_type="text/plain", sha256="0" * 64,
                          fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)),
        kind="other", title=None, text=text, **fields)


def _principle(text: str, start: int, end: int, evidence_text: str) -> Principle:
    return Principle(text=text, evidence=Evidence(start=start, end=end, text=evidence_text),
                     confidence=0.8, rule="test")


def test_evidence_must_match_record_text():
    text = "shared values such as openness and transparency"
    ok = _record(text, principles=[_principle("openness", 22, 30, "openness")])
    assert ok.principles[0].evidence.text == "openness"
    with pytest.raises(ValidationError, match="does not match the record text"):
        _record(text, principles=[_principle("openness", 0, 8, "openness")])


@pytest.mark.parametrize("value", ["2024-08-01", "2024-08", "2024", "--05-06", "--02-29"])
def test_partial_iso_dates_are_accepted(value):
    item = DateItem(value=value, role="event", text="x", evidence=Evidence(start=0, end=1, text="x"),
                    confidence=0.5, rule="t")
    assert item.value == value


@pytest.mark.parametrize("value", ["2024-13", "2023-02-29", "24-05-06", "May 2024", "--13-01", "2024-8"])
def test_invalid_dates_are_rejected(value):
    with pytest.raises(ValidationError):
        DateItem(value=value, role="event", text="x", evidence=Evidence(start=0, end=1, text="x"),
                 confidence=0.5, rule="t")


def test_confidence_is_bounded():
    with pytest.raises(ValidationError):
        Principle(text="a", evidence=Evidence(start=0, end=1, text="a"), confidence=1.5, rule="t")


def test_item_id_ignores_position_and_case_but_not_value():
    a = item_id("principles", "Openness", "openness")
    assert a == item_id("principles", "openness", "Openness")
    assert a != item_id("principles", "transparency", "transparency")
    assert a != item_id("people", "Openness", "openness")


def test_record_round_trips_through_json():
    text = "shared values such as openness"
    record = _record(text, principles=[_principle("openness", 22, 30, "openness").with_id("principles")])
    again = DocumentRecord.model_validate_json(record.model_dump_json())
    assert again == record
    assert again.principles[0].id.startswith("pri_")
