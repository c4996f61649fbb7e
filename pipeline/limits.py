"""The per-document time limit (``settings.document_timeout``).

One document must never hold up a run: a PDF that sends the parser into a
loop, a server that trickles one byte a second.  The limit has three parts:

- cooperative checks (:func:`check`) in the long loops (PDF pages, download
  chunks) raise E015 naming the stage the document was in;
- in worker processes (:mod:`pipeline.workers`), :func:`budget` sets the
  deadline and the process is killed if the document overstays it, so code
  that never reaches a check is stopped too;
- in-process (a single fetch, one document in a notebook),
  :func:`run_with_time_limit` runs the stages in a thread and stops waiting
  when the time is up.  Python cannot kill a thread: code that never reaches
  a check runs on until it returns, but nobody waits for it.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from pipeline.errors import DocumentError, Stage

T = TypeVar("T")


class Budget:
    def __init__(self, doc_id: str, seconds: float, stage: Stage,
                 on_stage: Callable[[Stage], None] | None = None) -> None:
        self.doc_id = doc_id
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.stage = stage
        self.on_stage = on_stage
        self.cancelled = threading.Event()

    def expired(self) -> bool:
        return self.cancelled.is_set() or time.monotonic() > self.deadline

    def error(self) -> DocumentError:
        return DocumentError(self.doc_id, self.stage, "E015", seconds=self.seconds,
                             stage_name=self.stage.value)


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("tenets_budget", default=None)


def check() -> None:
    """Raise E015 when the current document is out of time (no-op outside a limit)."""
    budget = _budget.get()
    if budget is not None and budget.expired():
        raise budget.error()


def remaining() -> float | None:
    """Seconds left for the current document, or None when there is no limit."""
    budget = _budget.get()
    return None if budget is None else max(0.0, budget.deadline - time.monotonic())


def set_stage(stage: Stage) -> None:
    """Record the stage the current document is in, for the E015 message."""
    budget = _budget.get()
    if budget is not None:
        budget.stage = stage
        if budget.on_stage is not None:
            budget.on_stage(stage)


@contextmanager
def budget(doc_id: str, seconds: float | None, stage: Stage,
           on_stage: Callable[[Stage], None] | None = None) -> Iterator[None]:
    """Set the document's deadline for cooperative checks, without a watchdog
    thread (a worker process is killed from outside when it overstays)."""
    if not seconds or seconds <= 0:
        seconds = float("inf")
    token = _budget.set(Budget(doc_id, seconds, stage, on_stage))
    try:
        yield
    finally:
        _budget.reset(token)


def run_with_time_limit(doc_id: str, seconds: float | None, func: Callable[..., T], *args,
                        first_stage: Stage = Stage.fetch, **kwargs) -> T:
    """Run ``func`` for one document; raise E015 if it takes longer than ``seconds``."""
    if not seconds or seconds <= 0 or _budget.get() is not None:
        # No limit, or already inside one (a nested call shares the outer budget).
        return func(*args, **kwargs)
    budget = Budget(doc_id, seconds, first_stage)
    box: dict[str, object] = {}

    def target() -> None:
        _budget.set(budget)
        try:
            box["value"] = func(*args, **kwargs)
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    # The worker sees the caller's context (logging, settings overrides).
    context = contextvars.copy_context()
    worker = threading.Thread(target=context.run, args=(target,), daemon=True,
                              name=f"tenets-document-{doc_id}")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        budget.cancelled.set()
        raise budget.error()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
