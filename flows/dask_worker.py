"""Preloaded into the local Dask cluster's worker processes
(``distributed.worker.preload``), where the CLI's logging setup does not reach.

When the local cluster shuts down at the end of a run, the scheduler can close
while a worker's heartbeat is in flight, and the worker then logs the closed
stream with a full traceback under a run that succeeded. Only that record is
dropped: a scheduler that is really lost also breaks the worker's scheduler
connection, which the worker reports on its own.
"""

from __future__ import annotations

import logging

from distributed.comm.core import CommClosedError

HEARTBEAT_FAILURE = "Failed to communicate with scheduler during heartbeat"


class ClosedHeartbeatFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        closed_stream = bool(record.exc_info) and isinstance(record.exc_info[1], CommClosedError)
        return not (closed_stream and str(record.msg).startswith(HEARTBEAT_FAILURE))


def dask_setup(worker) -> None:  # the name Dask's preload protocol calls
    logging.getLogger("distributed.worker").addFilter(ClosedHeartbeatFilter())
