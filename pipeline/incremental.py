"""What makes a document's output change, and the lock on an output folder.

A document's *key* is the hash of everything its record depends on: the raw
bytes, the pipeline version, the extraction settings and the reviewer's
correction log.  A run compares each key with the previous run's manifest
and skips documents whose key and record are unchanged, so re-running on an
unchanged corpus costs little more than reading and hashing it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from pipeline import __version__
from pipeline.settings import Settings


def corrections_digest(corrections_dir: Path, doc_id: str) -> str:
    log = Path(corrections_dir) / f"{doc_id}.jsonl"
    try:
        return hashlib.sha256(log.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "-"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the library's source, its word lists and its trained decisions:
    an edited rule, lexicon or retrained model changes every key, even before
    the version number is bumped."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    paths = [*package.rglob("*.py"), *(package / "data").glob("*.toml"), *(package / "trained").glob("*.json")]
    for path in sorted(paths):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extraction_key(sha256: str, settings: Settings) -> str:
    """Cache key of parse + extract: content, code, configuration."""
    return hashlib.sha256(f"{sha256}|{code_fingerprint()}|{settings.config_hash()}".encode()).hexdigest()


def document_key(sha256: str, doc_id: str, settings: Settings) -> str:
    """Key of the written record: extraction key plus the corrections log."""
    digest = corrections_digest(settings.corrections_dir, doc_id)
    return hashlib.sha256(f"{extraction_key(sha256, settings)}|{digest}".encode()).hexdigest()


def previous_outcomes(out_dir: Path) -> dict[str, dict]:
    """The last completed run's outcome (with its key) for each document that
    was written, from its manifest."""
    try:
        manifest = json.loads((Path(out_dir) / "manifest.json").read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {o["id"]: o for o in manifest.get("outcomes", [])
            if o.get("key") and o.get("status") != "failed"}


class OutputLocked(RuntimeError):
    pass


@contextmanager
def output_lock(out_dir: Path, wait: float = 0.0):
    """Hold an exclusive lock on ``out_dir`` for a whole run.

    A second run on the same folder waits up to ``wait`` seconds, then gives
    up with a clear message instead of interleaving its writes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".lock"
    with open(path, "a+") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise OutputLocked(
                        f"{out_dir} is in use by another tenets run ({holder}); "
                        f"wait for it to finish or use another --out") from None
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
