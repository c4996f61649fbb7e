"""Which task runner a run uses, chosen by the caller with
``ingest.with_options(task_runner=...)`` (the CLI, ``flows.serve``, the Dask
deployment's entry point): the flow itself does not pick one.
"""

from __future__ import annotations

import logging
import socket
from urllib.parse import urlsplit

RUNNERS = ("threads", "dask")


class RunnerUnavailable(RuntimeError):
    """The task runner cannot be used (a Dask scheduler that does not answer)."""


def task_runner(runner: str, dask_address: str | None = None):
    """A task runner for ``runner``: Prefect's thread pool, or Dask (a local
    2-worker cluster, or the cluster whose scheduler is at ``dask_address``)."""
    if runner == "threads":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner()
    if runner != "dask":
        raise ValueError(f"unknown runner {runner!r}: use 'threads' or 'dask'")
    from prefect_dask import DaskTaskRunner

    # Dask's scheduler and workers log every start and stop at INFO.
    for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker",
                 "distributed.core", "distributed.http.proxy"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # Dask workers are daemonic by default, and a daemonic process may not
    # start the worker processes that parse and extract.
    import dask

    dask.config.set({"distributed.worker.daemon": False})
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    # The local cluster's workers are ours to quiet at shutdown (see flows/dask_worker.py).
    dask.config.set({"distributed.worker.preload": ["flows.dask_worker"]})
    return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


def runner_name(task_runner_obj) -> str:
    """``dask`` or ``threads``, for the manifest and the flow's batching."""
    return "dask" if type(task_runner_obj).__name__.startswith("Dask") else "threads"


def check_dask_address(address: str, timeout: float = 5.0) -> None:
    """Fail at once, in one line, when no Dask scheduler answers at ``address``
    (``tcp://host:port``): otherwise Prefect and Dask retry and print pages of
    tracebacks before giving up."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        raise RunnerUnavailable(f"--dask-address {address!r}: use tcp://HOST:PORT (or tls://)")
    try:
        port = parts.port or 8786
    except ValueError:
        raise RunnerUnavailable(f"--dask-address {address!r}: the port is not a number") from None
    if not parts.hostname:
        raise RunnerUnavailable(f"--dask-address {address!r}: no host name")
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise RunnerUnavailable(f"no Dask scheduler answers at {address} ({reason})") from None
