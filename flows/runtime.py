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
    """Run ``flow`` and return its final state (Completed or Failed, with the
    run's summary as its data)."""
    noise = _AfterRunFilter()
    prefect_logger = logging.getLogger("prefect")
    handlers = [h for h in prefect_logger.handlers] + logging.getLogger().handlers
    for handler in handlers:
        handler.addFilter(noise)
    try:
        return flow(**parameters, return_state=True)
    finally:
        noise.flow_returned = True


def start_embedded_server() -> None:
    """Start Prefect's temporary server now, from the main thread, as a child
    that Linux kills when this process dies, even by ``kill -9``.

    Prefect starts the same server on first use when PREFECT_API_URL is unset,
    but as an ordinary child: a run killed hard leaves it running (225 MB
    each).  Prefect keeps one server instance per port; registering ours first
    makes every later ``SubprocessASGIServer()`` lookup return it.
    """
    import os
    import sys

    if os.environ.get("PREFECT_API_URL") or not sys.platform.startswith("linux"):
        return
    from prefect.server.api.server import SubprocessASGIServer

    class _ServerThatDiesWithUs(SubprocessASGIServer):
        def _run_uvicorn_command(self):
            import subprocess

            popen = subprocess.Popen
            subprocess.Popen = _popen_dying_with_parent(popen)  # only for this one call
            try:
                return super()._run_uvicorn_command()
            finally:
                subprocess.Popen = popen

    server = _ServerThatDiesWithUs()
    server.start()
    # Processes started from here on (Dask's local workers) use this server
    # instead of each starting a temporary one of their own.
    os.environ["PREFECT_API_URL"] = server.api_url


def _popen_dying_with_parent(popen):
    import ctypes
    import signal

    prctl = ctypes.CDLL("libc.so.6", use_errno=True).prctl  # looked up before fork
    PR_SET_PDEATHSIG = 1

    def set_death_signal() -> None:  # runs in the child between fork and exec
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    def start(*args, **kwargs):
        return popen(*args, preexec_fn=set_death_signal, **kwargs)

    return start
