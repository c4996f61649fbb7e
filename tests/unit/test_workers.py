"""The worker pool as the library's users see it: order, pass-through, errors
that cross the process boundary, and daemonic callers."""

from __future__ import annotations

import multiprocessing
import pickle

from pipeline.api import extract_many
from pipeline.errors import DocumentError, Stage
from pipeline.models import DocumentRecord
from tests.conftest import raw_from_text


def _raw(doc_id: str, text: str):
    return raw_from_text(text, doc_id)


def test_document_errors_survive_pickling_with_their_code_stage_and_message():
    error = DocumentError("doc", Stage.parse, "E008", detail=ValueError("bad byte"))
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.doc_id, copy.stage, copy.code, str(copy)) == ("doc", Stage.parse, "E008", str(error))


def test_results_come_back_in_input_order_and_earlier_errors_pass_through():
    earlier = DocumentError("gone", Stage.fetch, "E001", path="gone.txt")
    items = [_raw("a", "Joint Statement\n\nThe Ministers met in Paris on 3 March 2024."), earlier,
             _raw("empty", "   "), _raw("b", "Readout\n\nThe Secretary spoke with the Minister.")]
    results = list(extract_many(items, workers=2))
    assert isinstance(results[0], DocumentRecord) and results[0].id == "a"
    assert results[1] is earlier
    assert isinstance(results[2], DocumentError) and results[2].doc_id == "empty"
    assert isinstance(results[3], DocumentRecord) and results[3].id == "b"


def _in_daemon(queue) -> None:
    result = next(extract_many([_raw("d", "Statement\n\nThe leaders met in Canberra.")]))
    queue.put(type(result).__name__)


def test_a_daemonic_caller_still_gets_its_records():
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_in_daemon, args=(queue,), daemon=True)
    process.start()
    assert queue.get(timeout=120) == "DocumentRecord"
    process.join(30)
