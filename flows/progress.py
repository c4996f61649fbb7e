"""The progress display of ``tenets run``, on stderr.

On a terminal: a Rich progress bar with the count, the rate and the time
left, failures printed above it as they happen.  Elsewhere (a log file, CI,
a pipe): one plain line per document as its outcome is known.  With ``-q``:
only the failures.  Each failure is printed once.

The display listens to the flow's events (``flows/events.py``), which arrive
as they happen when the tasks run in this process (the threads runner); on
Dask they happen in other processes, so the outcomes are shown from the
run's summary at the end (:meth:`Display.replay`).
"""

from __future__ import annotations

import sys
import threading
import time

from flows import events
from pipeline.store import DocumentOutcome, Status


def outcome_line(outcome: DocumentOutcome) -> str:
    if outcome.status == Status.failed:
        return f"  failed {outcome.id} [{outcome.stage}]: {outcome.error}"
    return f"  {outcome.status:<9} {outcome.id}"


class Display:
    """Shows a run's progress; use as a context manager around the run."""

    def __init__(self, total: int, *, quiet: bool = False, stream=None) -> None:
        self.total = total
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() and not quiet
        self._seen: set[str] = set()
        self._shown: set[str] = set()
        self._lock = threading.Lock()
        self._progress = None
        self._task = None
        self._first_done: float | None = None  # when the first document was done
        self.started = time.monotonic()

    # -- lifecycle --------------------------------------------------------------

    def __enter__(self) -> Display:
        if self.tty:
            self._start_bar()
        events.subscribe(self._on_event)
        return self

    def __exit__(self, *exc) -> None:
        events.unsubscribe(self._on_event)
        if self._progress is not None:
            self._progress.stop()

    def status(self, text: str) -> None:
        """What is happening before the first document (the server starting)."""
        if self.quiet:
            return
        if self._progress is not None:
            self._progress.update(self._task, description=text)
        else:
            self._print(text)

    # -- events -------------------------------------------------------------------

    def _on_event(self, kind: str, data: dict) -> None:
        if kind == "processed" and data.get("id"):
            self._advance(data["id"])
        elif kind == "outcome":
            self.show(data["outcome"])
        elif kind == "planned":  # feeds and sitemaps listed more (or fewer) documents
            self.total = data["documents"]
            if self._progress is not None:
                self._progress.update(self._task, total=self.total)
        elif kind == "note" and not self.quiet:
            self._print(f"  {data['text']}")

    def show(self, outcome: DocumentOutcome) -> None:
        """Print a document's outcome (once) and count it."""
        with self._lock:
            if outcome.id in self._shown:
                return
            self._shown.add(outcome.id)
        self._advance(outcome.id)
        failed = outcome.status == Status.failed
        if failed or not (self.tty or self.quiet):
            self._print(outcome_line(outcome))

    def replay(self, outcomes: list[DocumentOutcome]) -> None:
        """Outcomes the display did not see happen (tasks in other processes)."""
        for outcome in outcomes:
            self.show(outcome)

    # -- output -------------------------------------------------------------------

    def _advance(self, doc_id: str) -> None:
        with self._lock:
            if doc_id in self._seen:
                return
            self._seen.add(doc_id)
            done = len(self._seen)
            if self._first_done is None:
                self._first_done = time.monotonic()
        if self._progress is not None:
            # (the rate is drawn with each document too: a run shorter than
            # the rate thread's tick still ends with one)
            self._progress.update(self._task, completed=done, description="ingesting", **self._rate(done))

    def _print(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            with self._lock:
                self.stream.write(line + "\n")
                self.stream.flush()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
            TimeElapsedColumn(), console=Console(file=self.stream), transient=False,
            refresh_per_second=8)
        self._task = self._progress.add_task("starting", total=self.total, rate="")
        self._progress.start()
        threading.Thread(target=self._update_rate, daemon=True).start()

    def _rate(self, done: int) -> dict[str, str]:
        """Documents per second since the first one was done (the server's
        start does not count), as the bar's ``rate`` field; none before a
        second document."""
        first = self._first_done
        elapsed = time.monotonic() - first if first is not None else 0.0
        if done < 2 or elapsed <= 0:
            return {}
        return {"rate": f"{(done - 1) / elapsed:.1f} docs/s"}

    def _update_rate(self) -> None:
        """The rate beside the bar, kept current while documents are slow
        to come."""
        while self._progress is not None and not self._progress.finished:
            rate = self._rate(len(self._seen))
            if rate:
                self._progress.update(self._task, **rate)
            time.sleep(0.5)
