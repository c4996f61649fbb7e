"""The ingest flow on Dask, for deployments (``prefect.yaml``'s
``ingest-weekly-dask``): the same flow, with its task runner chosen by
``with_options``.  The cluster is the one at ``TENETS_DASK_ADDRESS`` (set it
in the deployment's job variables), or a local 2-worker cluster.
"""

from __future__ import annotations

from flows.ingest import ingest
from flows.runners import task_runner
from pipeline.settings import get_settings

ingest_on_dask = ingest.with_options(task_runner=task_runner("dask", get_settings().dask_address))
