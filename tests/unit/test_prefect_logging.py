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
    from pipeline.cli import prepare_prefect_environment

    saved = dict(os.environ)
    try:
        for var in ("PREFECT_API_URL", "PREFECT_LOGGING_SETTINGS_PATH"):
            os.environ.pop(var, None)
        prepare_prefect_environment()
        assert Path(os.environ["PREFECT_LOGGING_SETTINGS_PATH"]) == root / "flows" / "prefect-logging.yml"
        assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    finally:  # the settings are process-wide: leave the environment as it was
        os.environ.clear()
        os.environ.update(saved)
