"""Parse and extract in worker processes with hard limits.

A document is hostile until proven otherwise: a pattern that backtracks for
minutes, a PDF whose streams inflate to gigabytes.  Inside one process a time
limit is a thread that cannot interrupt C code holding the interpreter, and
memory has no cap, so parsing and extraction run in a pool of worker
processes (pebble) instead:

- each document has a hard wall-clock limit (``settings.document_timeout``):
  a worker still busy when it passes is killed and replaced, and the document
  fails with E015 naming the stage it was in;
- each worker has an address-space cap (``settings.worker_memory_mb``): a
  document that needs more fails with E023, the worker lives on;
- a worker that dies any other way (a crash in a C extension) fails its
  document with E024 and is replaced;
- workers die with the process that owns the pool, even after ``kill -9``.

Results come back in input order and do not depend on the number of workers:
each document is processed alone, by the same code, in a fresh enough process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import resource
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout

from pebble import ProcessExpired, ProcessPool

from pipeline import limits
from pipeline.errors import DocumentError, Stage
from pipeline.models import DocumentRecord
from pipeline.settings import Settings, get_settings

# Seconds a worker gets past the document limit to notice it cooperatively
# (and report its stage itself) before it is killed.
KILL_GRACE = 2.0
# Shared slots where workers note the stage each document is in, so the stage
# of a killed worker's document is still known.  A document's slot is its
# sequence number modulo SLOTS; at most SLOTS documents are ever scheduled and
# unfinished at once (see WorkerPool.map), so a slot is never shared.
SLOTS = 4096
_STAGES = list(Stage)


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class WorkerPool:
    """A pool of worker processes that parse, extract and assemble documents.

    Use it as a context manager, or call :func:`shared_pool` for one that
    lives as long as the process (the Prefect flow's tasks share it).
    """

    def __init__(self, workers: int | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.workers = workers or self.settings.workers or default_workers()
        self._stages = multiprocessing.get_context("spawn").Array("b", SLOTS, lock=False)
        self._sequence = 0
        self._lock = threading.Lock()
        self._pool = ProcessPool(
            max_workers=self.workers,
            initializer=_init_worker,
            initargs=(self.settings.worker_memory_mb, self._stages, self.settings),
            context=_context(),
        )

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._pool.stop()
        self._pool.join()

    def map(self, raws: Iterable) -> Iterator[DocumentRecord | DocumentError]:
        """Parse, extract and assemble each fetched document; yields a record
        or the document's error, in input order.  Items that are not
        documents (earlier errors, skipped documents) pass through unchanged."""
        window: list[tuple[object, object, int]] = []
        for raw in raws:
            if len(window) >= SLOTS // 2:
                yield self._settle(*window.pop(0))
            window.append(self._submit(raw))
        while window:
            yield self._settle(*window.pop(0))

    def extract(self, raw) -> DocumentRecord:
        """One document through the pool; raises its DocumentError."""
        result = next(self.map([raw]))
        if isinstance(result, DocumentError):
            raise result
        return result

    def _submit(self, raw):
        from pipeline.raw import RawDocument

        if not isinstance(raw, RawDocument):
            return raw, None, -1
        with self._lock:
            slot = self._sequence % SLOTS
            self._sequence += 1
        self._stages[slot] = _STAGES.index(Stage.parse)
        timeout = self.settings.document_timeout
        future = self._pool.schedule(_extract_in_worker, args=(raw, slot),
                                     timeout=timeout + KILL_GRACE if timeout and timeout > 0 else None)
        return raw, future, slot

    def _settle(self, raw, future, slot: int):
        if future is None:
            return raw
        doc_id = raw.source.id
        try:
            return future.result()
        except DocumentError as exc:
            return exc
        except FutureTimeout:
            return DocumentError(doc_id, self._stage(slot), "E015", seconds=self.settings.document_timeout,
                                 stage_name=self._stage(slot).value)
        except ProcessExpired as exc:
            return DocumentError(doc_id, self._stage(slot), "E024", stage_name=self._stage(slot).value,
                                 detail=_describe_exit(exc.exitcode))
        except Exception as exc:  # a result that could not travel back, say
            return DocumentError(doc_id, self._stage(slot), "E008", detail=f"{type(exc).__name__}: {exc}")

    def _stage(self, slot: int) -> Stage:
        return _STAGES[self._stages[slot]]


def _context():
    # Never fork the run's own process: Prefect's threads and event loops may
    # hold locks at that moment.  A fork server started early (with the
    # extraction code preloaded) makes each new worker cheap, which matters
    # when killed workers are replaced.
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.workers", "pipeline.extract", "pipeline.parse"])
        return context
    return multiprocessing.get_context("spawn")


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"exit code {code}"


# --- inside a worker ---------------------------------------------------------

_worker_stages = None
_worker_settings: Settings | None = None
_worker_memory_mb = 0


def _init_worker(memory_mb: int, stages, settings: Settings) -> None:
    global _worker_stages, _worker_settings, _worker_memory_mb
    _die_with_parent()
    # Ctrl-C reaches the whole process group: the run decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_stages, _worker_settings, _worker_memory_mb = stages, settings, memory_mb
    if memory_mb and memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Build the tokenizer and load the trained decisions and word lists once
    # per worker, not inside the first document's time limit.
    from pipeline.extract import extract
    from pipeline.parse.text import parse_text

    extract(parse_text("Warm-up\n\nPresident Ana Lopes met Minister Ivo Petrak on May 5, 2024."))


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _extract_in_worker(raw, slot: int) -> DocumentRecord:
    from pipeline.api import _extract_raw

    settings = _worker_settings or get_settings()

    def note(stage: Stage) -> None:
        _worker_stages[slot] = _STAGES.index(stage)

    with limits.budget(raw.source.id, settings.document_timeout, Stage.parse, on_stage=note):
        try:
            return _extract_raw(raw)
        except (MemoryError, DocumentError) as exc:
            if not _out_of_memory(exc):
                raise
            stage = _STAGES[_worker_stages[slot]]
            raise DocumentError(raw.source.id, stage, "E023", stage_name=stage.value,
                                limit_mb=_worker_memory_mb) from None


def _out_of_memory(exc: BaseException | None) -> bool:
    """A MemoryError, or an error a parser raised while handling one (pdfminer
    reports a failed allocation as its own exception)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


# --- one pool per process ----------------------------------------------------

_shared: WorkerPool | None = None
_shared_lock = threading.Lock()


def shared_pool(settings: Settings | None = None) -> WorkerPool:
    """The process's pool (created on first use, stopped at exit).  A new
    pool replaces it when the number of workers or the limits change."""
    global _shared
    settings = settings or get_settings()
    wanted = (settings.workers or default_workers(), settings.worker_memory_mb,
              settings.document_timeout)
    with _shared_lock:
        if _shared is not None and (_shared.workers, _shared.settings.worker_memory_mb,
                                    _shared.settings.document_timeout) != wanted:
            _shared.close()
            _shared = None
        if _shared is None:
            _shared = WorkerPool(settings=settings)
        return _shared


def close_shared_pool() -> None:
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
            _shared = None


atexit.register(close_shared_pool)
