"""The embedded server's logging config: Prefect's own, plus the two event
services that print tracebacks when a successful run stops the server."""

import os
from pathlib import Path

import yaml

import prefect


def test_shipped_config_is_prefects_default_plus_the_silenced_services(root):
    ours = yaml.safe_load((root / "flows" / "prefect-logging.yml").read_text())
    default = yaml.safe_load((Path(prefect.__file__).parent / "logging" / "logging.yml").read_text())
    silenced = {"prefect.server.services.task_run_recorder", "prefect.server.events.services.event_persister"}
    assert {name: ours["loggers"][name]["level"] for name in silenced} == dict.fromkeys(silenced, "CRITICAL")
    for name in silenced:
        del ours["loggers"][name]
    assert ours == default


def test_cli_points_the_embedded_server_at_it(root):
    from flows.environment import prepare_prefect_environment

    saved = dict(os.environ)
    try:
        for var in list(os.environ):
            if var.startswith(("PREFECT_", "TENETS_")):
                del os.environ[var]
        prepare_prefect_environment()
        assert Path(os.environ["PREFECT_LOGGING_SETTINGS_PATH"]) == root / "flows" / "prefect-logging.yml"
        assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
        # Prefect's home is the project's, not the current folder's.
        assert Path(os.environ["PREFECT_HOME"]) == root / ".prefect"
        # Run logs at INFO reach the API (the UI); only the terminal is quieter.
        assert os.environ["PREFECT_LOGGING_LEVEL"] == "INFO"
        assert os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] == "WARNING"
    finally:  # the settings are process-wide: leave the environment as it was
        os.environ.clear()
        os.environ.update(saved)


def test_a_served_flow_keeps_prefects_console_at_info():
    from flows.environment import prepare_prefect_environment

    saved = dict(os.environ)
    try:
        for var in list(os.environ):
            if var.startswith("PREFECT_"):
                del os.environ[var]
        prepare_prefect_environment(console=True)
        assert os.environ["PREFECT_LOGGING_LEVEL"] == "INFO"
        assert "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL" not in os.environ
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _heartbeat_record(exc: BaseException) -> "logging.LogRecord":
    import logging

    try:
        raise exc
    except BaseException:
        import sys

        return logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1,
                                 "Failed to communicate with scheduler during heartbeat.", None, sys.exc_info())


def test_local_dask_workers_drop_only_the_heartbeat_lost_at_shutdown():
    """A local Dask run that succeeded ends without a worker's traceback for a
    heartbeat the closing scheduler did not answer; other worker errors stay."""
    import copy

    import dask
    from distributed.comm.core import CommClosedError

    from flows.dask_worker import ClosedHeartbeatFilter
    from flows.runners import task_runner

    saved = copy.deepcopy(dask.config.config)
    try:
        task_runner("dask")
        assert dask.config.get("distributed.worker.preload") == ["flows.dask_worker"]
    finally:  # the runner sets process-wide Dask config: leave it as it was
        dask.config.config.clear()
        dask.config.config.update(saved)
    quiet = ClosedHeartbeatFilter()
    assert not quiet.filter(_heartbeat_record(CommClosedError("in <TCP (closed)>: Stream is closed")))
    assert quiet.filter(_heartbeat_record(OSError("Connection refused")))
    other = _heartbeat_record(CommClosedError("closed"))
    other.msg = "Compute Failed"
    assert quiet.filter(other)
