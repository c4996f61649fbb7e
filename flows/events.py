"""Progress events from the flow's tasks to whoever displays them.

The CLI shows a progress bar and one line per document while a run is going
(``flows/progress.py``); the tasks only announce what happened.  Listeners
live in the process: with the threads runner the tasks run in the CLI's
process and every event arrives as it happens; on Dask the tasks run in other
processes, no listener is there, and the CLI reports from the run's summary.
The Prefect UI gets the same outcomes from the run logger, not from here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[[str, dict], None]

_listeners: list[Listener] = []
_lock = threading.Lock()


def subscribe(listener: Listener) -> None:
    with _lock:
        _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    with _lock:
        if listener in _listeners:
            _listeners.remove(listener)


def emit(kind: str, **data) -> None:
    """``planned`` (the number of documents, once feeds and sitemaps are
    read), ``processed`` (a document left extraction, or was skipped before
    it), ``outcome`` (its record or error was written) and ``note`` (a line
    for the user, e.g. what a feed listed)."""
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(kind, data)
