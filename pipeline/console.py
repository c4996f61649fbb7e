"""What the ``tenets`` command prints on stderr: its logging and verbosity.

Every sub-command takes ``-v/--verbose`` (tenets' own debug lines, never a
third party's) and ``-q/--quiet`` (errors only).  They are added to every
command of the Typer app at start-up (:func:`add_verbosity_options`), so a
command added in any module has them too.
"""

from __future__ import annotations

import functools
import inspect
import logging
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

import typer

#: The loggers whose debug lines ``-v`` shows: the library, the flows and the
#: CLI.  Everything else (Prefect, httpx, Dask, ...) stays at warnings.
OWN_LOGGERS = ("pipeline", "flows", "tenets")

#: Prefect's run loggers: their records go to the Prefect API (the UI); the
#: terminal shows tenets' progress display instead, never Prefect's
#: per-task lines or the tracebacks of tasks that failed as expected.
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


@dataclass
class Verbosity:
    verbose: bool = False
    quiet: bool = False


verbosity = Verbosity()


class _TerminalFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        name = record.name
        if name.startswith(RUN_LOGGERS):
            return False
        own = name.split(".", 1)[0] in OWN_LOGGERS
        if verbosity.quiet:
            return record.levelno >= logging.ERROR
        return own or record.levelno >= logging.WARNING


class StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time, so lines logged while
    the progress bar is drawn go through its redirection, above the bar.
    (Its name must not start with "_": Prefect would then take it for one of
    its own and replace it with its console handler.)"""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # StreamHandler.__init__ sets it
        pass


_handler: logging.Handler | None = None


def configure_logging() -> None:
    """One stderr handler on the root logger; tenets' loggers at DEBUG with
    ``-v``, WARNING otherwise; everyone else at their own level (WARNING)."""
    global _handler
    root = logging.getLogger()
    if _handler is None:
        _handler = StderrHandler()
        _handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        _handler.addFilter(_TerminalFilter())
        root.addHandler(_handler)
        if root.level == logging.NOTSET or root.level > logging.WARNING:
            root.setLevel(logging.WARNING)
    own_level = logging.DEBUG if verbosity.verbose else logging.WARNING
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(own_level)


def _set_verbose(value: bool) -> None:
    if value:
        verbosity.verbose, verbosity.quiet = True, False
        configure_logging()


def _set_quiet(value: bool) -> None:
    if value and not verbosity.verbose:
        verbosity.quiet = True
        configure_logging()


VerboseOption = Annotated[bool, typer.Option(
    "--verbose", "-v", callback=_set_verbose, is_eager=True,
    help="Show tenets' debug lines (not third parties').")]
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", callback=_set_quiet, is_eager=True,
    help="Only errors on stderr: no progress or summaries.")]


def with_verbosity(func: Callable) -> Callable:
    """``func`` as a command that also takes ``-v`` and ``-q`` (Typer reads
    the options from the signature, so they are added to it)."""
    signature = inspect.signature(func, eval_str=True)
    if "verbose" in signature.parameters or "quiet" in signature.parameters:
        return func

    @functools.wraps(func)
    def command(*args, verbose: bool = False, quiet: bool = False, **kwargs):
        return func(*args, **kwargs)

    extra = [inspect.Parameter("verbose", inspect.Parameter.KEYWORD_ONLY, default=False,
                               annotation=VerboseOption),
             inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False,
                               annotation=QuietOption)]
    command.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])
    command.__annotations__ = {**typing.get_type_hints(func, include_extras=True),
                               "verbose": VerboseOption, "quiet": QuietOption}
    return command


def add_verbosity_options(app: typer.Typer) -> None:
    """Give every command of ``app`` and of its sub-apps ``-v`` and ``-q``,
    whichever module registered it."""
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = with_verbosity(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            add_verbosity_options(group.typer_instance)


def info(message: str) -> None:
    """A line for the user on stderr, unless ``-q``."""
    if not verbosity.quiet:
        typer.echo(message, err=True)


def error(message: str) -> None:
    """A one-line error on stderr (always shown)."""
    typer.echo(f"error: {message}", err=True)
