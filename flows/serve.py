"""Serve the ingest flow on a cron schedule from this machine.

    python -m flows.serve --cron "0 6 * * *" --sources corpus --out out

This is Prefect's single-machine mode (``flow.serve``): the process stays up,
registers the deployment with the Prefect server named by PREFECT_API_URL and
runs each scheduled flow run itself.  For a server with work pools and
workers, use ``prefect.yaml`` (see the README).
"""

from __future__ import annotations

import argparse

from pipeline.cli import prepare_prefect_environment


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cron", default="0 6 * * *", help="Cron schedule (UTC).")
    parser.add_argument("--sources", nargs="+", default=["corpus"])
    parser.add_argument("--out", default="out")
    parser.add_argument("--runner", choices=["threads", "dask"], default="threads")
    parser.add_argument("--dask-address", default=None)
    parser.add_argument("--name", default="tenets-ingest")
    args = parser.parse_args(argv)

    prepare_prefect_environment()
    from flows.ingest import ingest

    ingest.serve(
        name=args.name,
        cron=args.cron,
        parameters={"sources": args.sources, "out_dir": args.out, "runner": args.runner,
                    "dask_address": args.dask_address},
        tags=["tenets"],
        description="Ingest policy documents into validated JSON records.",
    )


if __name__ == "__main__":
    main()
