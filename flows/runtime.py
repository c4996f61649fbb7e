"""Running a flow from the CLI on Prefect's embedded server, quietly.

When the temporary server shuts down at exit, Prefect's event clients may log
"Error flushing events" with CancelledError tracebacks although the run
succeeded.  Those records say nothing about the user's documents, so once the
flow has returned they are filtered out; any other error still shows.
"""

from __future__ import annotations

import logging

_SHUTDOWN_NOISE = ("Error flushing", "CancelledError", "Event client", "events")


class _AfterRunFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.flow_returned = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.flow_returned:
            return True
        text = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            text += " " + record.exc_info[0].__name__
        return not any(marker in text for marker in _SHUTDOWN_NOISE)


def run_flow_quietly(flow, **parameters):
    noise = _AfterRunFilter()
    prefect_logger = logging.getLogger("prefect")
    handlers = [h for h in prefect_logger.handlers] + logging.getLogger().handlers
    for handler in handlers:
        handler.addFilter(noise)
    try:
        return flow(**parameters)
    finally:
        noise.flow_returned = True
