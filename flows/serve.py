"""Serve the ingest flow on a cron schedule from this machine.

    python -m flows.serve --cron "0 6 * * *" --sources corpus --out out

This is Prefect's single-machine mode (``flow.serve``): the process stays up,
registers the deployment with the Prefect server named by PREFECT_API_URL and
runs each scheduled flow run itself.  Each run's progress and per-document
outcomes are in its logs in the Prefect UI.  For a server with work pools and
workers, use ``prefect.yaml`` (see the README).
"""

from __future__ import annotations

import argparse


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cron", default="0 6 * * *", help="Cron schedule (UTC).")
    parser.add_argument("--sources", nargs="+", default=["corpus"])
    parser.add_argument("--out", default="out")
    parser.add_argument("--runner", choices=["threads", "dask"], default="threads")
    parser.add_argument("--dask-address", default=None)
    parser.add_argument("--max-failures", default="0",
                        help="Failed documents tolerated before a run is Failed: 3, 0.1 or 10%%.")
    parser.add_argument("--name", default="tenets-ingest")
    args = parser.parse_args(argv)

    from flows.failures import parse_max_failures

    try:
        max_failures = parse_max_failures(args.max_failures)
    except ValueError as exc:
        parser.error(f"--max-failures {exc}")

    from flows.environment import prepare_prefect_environment

    prepare_prefect_environment(console=True)
    from flows.ingest import ingest
    from flows.runners import task_runner

    flow = ingest.with_options(task_runner=task_runner(args.runner, args.dask_address))
    flow.serve(
        name=args.name,
        cron=args.cron,
        parameters={"sources": args.sources, "out_dir": args.out, "max_failures": max_failures},
        tags=["tenets"],
        description="Ingest policy documents into validated JSON records.",
    )


if __name__ == "__main__":
    main()
