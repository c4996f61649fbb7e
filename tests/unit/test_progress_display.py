"""What `tenets run` prints while a run goes, fed the flow's events."""

from __future__ import annotations

import io

from flows import events
from flows.progress import Display
from pipeline.store import DocumentOutcome


def _outcome(doc_id: str, status: str) -> DocumentOutcome:
    if status == "failed":
        return DocumentOutcome(id=doc_id, uri=doc_id, status=status, stage="parse",
                               error="[E002] The document is empty (0 bytes).")
    return DocumentOutcome(id=doc_id, uri=doc_id, status=status)


def _run(quiet: bool = False) -> str:
    stream = io.StringIO()
    with Display(3, quiet=quiet, stream=stream) as display:
        events.emit("processed", id="a")
        events.emit("outcome", outcome=_outcome("a", "new"))
        events.emit("note", text="listed    https://example.gov/feed.xml: 2 documents")
        events.emit("outcome", outcome=_outcome("empty", "failed"))
        # The run's summary at the end repeats every outcome: nothing is shown twice.
        display.replay([_outcome("a", "new"), _outcome("empty", "failed"), _outcome("b", "unchanged")])
    events.emit("outcome", outcome=_outcome("late", "new"))  # after the run: not listening
    return stream.getvalue()


def test_not_a_terminal_one_line_per_document_each_failure_once():
    assert _run().splitlines() == [
        "  new       a",
        "  listed    https://example.gov/feed.xml: 2 documents",
        "  failed empty [parse]: [E002] The document is empty (0 bytes).",
        "  unchanged b",
    ]


def test_quiet_shows_only_the_failures():
    assert _run(quiet=True).splitlines() == ["  failed empty [parse]: [E002] The document is empty (0 bytes)."]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_run_quicker_than_the_rate_tick_still_ends_with_its_rate():
    stream = _Terminal()
    with Display(10, stream=stream):
        for n in range(10):
            events.emit("processed", id=f"doc{n}")
    text = stream.getvalue()
    assert "10/10" in text and "docs/s" in text and "ETA" in text
