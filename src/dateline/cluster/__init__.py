"""Reading documents on a Dask cluster (``dateline ingest/extract ... --dask [SCHEDULER]``).

Needs the ``dask`` extra (``pip install 'dateline[dask]'``): ``dask.distributed`` runs the workers.
:class:`DaskExtractor` (:mod:`dateline.cluster.extractor`) is the client's side;
:mod:`dateline.cluster.worker` what runs on each worker.
"""

from __future__ import annotations

from dateline.cluster.extractor import LOCAL, DaskExtractor, check_scheduler, default_workers

__all__ = ["LOCAL", "DaskExtractor", "check_scheduler", "default_workers"]
