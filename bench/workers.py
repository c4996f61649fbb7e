"""Speed-up from worker processes, both sides in one run.

    python bench/workers.py [FOLDER] [--workers 1,2] [--limit N] [--no-flow]

FOLDER defaults to ``../shared/corpus-pool/text`` (1,273 real texts).  For
each worker count, in a fresh process each:

- library: every document read, then parsed, extracted and assembled by
  ``pipeline.api.extract_many`` (the pool is started and warmed before the
  clock starts);
- flow: the ``ingest`` flow on Prefect's embedded server (its own Prefect
  home, so nothing is cached) into an empty folder, timed after a warm-up
  flow so the server start is not counted (reading, starting the worker
  pool, review and writing are).

Prints documents per second and the ratio of each count to the first.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POOL = ROOT.parent / "shared" / "corpus-pool" / "text"


def _sources(folder: Path, limit: int | None):
    from pipeline.sources import resolve_sources

    sources = resolve_sources([str(folder)])
    return sources[:limit] if limit else sources


def child_library(folder: Path, workers: int, limit: int | None) -> dict:
    from pipeline.api import extract_many
    from pipeline.errors import DocumentError
    from pipeline.fetch import fetch

    raws = [fetch(s) for s in _sources(folder, limit)]
    list(extract_many(raws[: workers * 2], workers=workers))  # start and warm the workers
    start = time.perf_counter()
    results = list(extract_many(raws, workers=workers))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "documents": len(raws),
            "failed": sum(isinstance(r, DocumentError) for r in results)}


def child_flow(folder: Path, workers: int, limit: int | None, out: Path) -> dict:
    from flows.environment import prepare_prefect_environment

    prepare_prefect_environment()
    from prefect import flow

    from flows.ingest import ingest
    from flows.runtime import start_embedded_server

    start_embedded_server()

    @flow
    def warm_up() -> int:
        return 1

    warm_up()
    docs = folder
    if limit:
        docs = out.parent / f"docs-{limit}"
        if not docs.exists():
            docs.mkdir(parents=True)
            for source in _sources(folder, limit):
                shutil.copy(source.path, docs / source.path.name)
    start = time.perf_counter()
    summary = ingest([str(docs)], str(out), workers=workers)
    return {"seconds": time.perf_counter() - start, "documents": summary["documents"],
            "failed": summary["failed"]}


def run_child(*args: str, prefect_home: Path | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if prefect_home:  # its own Prefect home: no extraction cached by an earlier side
        env["PREFECT_HOME"] = str(prefect_home)
    proc = subprocess.run([sys.executable, __file__, "--child", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=POOL)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--limit", type=int, default=0, help="Only the first N documents.")
    parser.add_argument("--no-flow", action="store_true", help="Library side only.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        mode, folder, workers, limit = args.child[:4]
        if mode == "library":
            result = child_library(Path(folder), int(workers), int(limit) or None)
        else:
            result = child_flow(Path(folder), int(workers), int(limit) or None, Path(args.child[4]))
        print(json.dumps(result))
        return

    if not args.folder.is_dir():
        raise SystemExit(f"no such folder: {args.folder}")
    counts = [int(n) for n in args.workers.split(",")]
    work = Path(tempfile.mkdtemp(prefix="tenets-bench-workers-"))
    rows = []
    try:
        for n in counts:
            lib = run_child("library", str(args.folder), str(n), str(args.limit))
            flo = (None if args.no_flow else
                   run_child("flow", str(args.folder), str(n), str(args.limit), str(work / f"out-{n}"),
                             prefect_home=work / f"prefect-{n}"))
            rows.append((n, lib, flo))
            print(f"workers={n}: library {lib['seconds']:.1f} s"
                  + (f", flow {flo['seconds']:.1f} s" if flo else ""), file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    first_lib, first_flow = rows[0][1], rows[0][2]
    print(f"\n{rows[0][1]['documents']} documents from {args.folder}, {os.cpu_count()} cores")
    print(f"{'workers':>7} {'library docs/s':>15} {'speed-up':>9} {'flow docs/s':>12} {'speed-up':>9}")
    for n, lib, flo in rows:
        line = (f"{n:>7} {lib['documents'] / lib['seconds']:>15.1f} "
                f"{first_lib['seconds'] / lib['seconds']:>8.2f}x")
        if flo:
            line += (f" {flo['documents'] / flo['seconds']:>12.1f} "
                     f"{first_flow['seconds'] / flo['seconds']:>8.2f}x")
        print(line)
    failed = sum(lib["failed"] + (flo["failed"] if flo else 0) for _, lib, flo in rows)
    if failed:
        print(f"note: {failed} document failures in total (counted in the time)")


if __name__ == "__main__":
    main()
