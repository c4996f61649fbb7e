"""Prefect's settings for tenets' processes, set before Prefect is imported
(it reads them at import).

Every mode (the CLI, ``flows.serve``, a worker running a deployment) keeps
Prefect's log level at INFO, so per-document outcomes and the run's summary
reach the Prefect API and its UI (the flow logs them with Prefect's run
logger, which needs no registration in any mode).  The CLI only quiets Prefect's *console*:
the terminal shows tenets' own progress instead (``flows/progress.py``).
"""

from __future__ import annotations

import os
from pathlib import Path


def prepare_prefect_environment(*, console: bool = False) -> None:
    """PREFECT_HOME from the settings (never the current folder), analytics
    off, and without PREFECT_API_URL Prefect's embedded temporary server.

    ``console=False`` (the CLI) leaves warnings only on Prefect's console
    handler; ``console=True`` (a served flow) keeps its INFO lines too.
    """
    from pipeline.settings import get_settings

    settings = get_settings()
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home.resolve()))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    # Prefect's default (20 s) is too short on a busy machine: the run then
    # fails before its first document.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    if not console:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    if not os.environ.get("PREFECT_API_URL"):
        # The embedded server is a subprocess writing to this terminal: its
        # shutdown noise is silenced by its logging config, not by a filter here.
        logging_config = Path(__file__).resolve().parent / "prefect-logging.yml"
        os.environ.setdefault("PREFECT_LOGGING_SETTINGS_PATH", str(logging_config))

