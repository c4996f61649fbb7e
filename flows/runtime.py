"""Running a flow from the CLI on Prefect's embedded server, quietly.

When the temporary server stops after a run that succeeded, its event
services log "Error flushing ... events" with CancelledError tracebacks.
The server is a subprocess writing straight to the terminal, so its logging
config (``flows/prefect-logging.yml``, set by the CLI) silences those two
services.  This module catches the client side of the same race: once the
flow has returned, records about flushing events or cancelled event tasks
are dropped; any other error still shows.
"""

from __future__ import annotations

import logging

_SHUTDOWN_NOISE = ("Error flushing", "CancelledError")


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
