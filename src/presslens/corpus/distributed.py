"""Analysis on a Dask distributed cluster: workers analyse, the client writes to the store.

Owns :func:`run_jobs_dask`, the same contract as the local pool (jobs in, :class:`Outcome` out in
input order) on ``--dask local`` (a LocalCluster of worker processes on this machine) or
``--dask tcp://HOST:PORT`` (a running scheduler). Each Dask worker process loads the spaCy
pipeline once (it is cached per process); Articles/Sources go out and Analyses come back, so the
store is only ever written by the client. At most ``window`` jobs are in flight at a time.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..config import Settings
from ..errors import PresslensError
from ..workers import Job, Outcome, outcome

__all__ = ["run_jobs_dask"]

logger = logging.getLogger(__name__)


def _client(address: str, n_workers: int) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise PresslensError("Dask distributed is not installed") from exc
    try:
        if address == "local":
            # distributed's constructors carry no annotations; the values are plain here.
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=n_workers, threads_per_worker=1, processes=True,
                dashboard_address=None, host="127.0.0.1")
            return Client(cluster)  # type: ignore[no-untyped-call]
        return Client(address, timeout="30s")  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise PresslensError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def run_jobs_dask(jobs: Iterable[Job], *, settings: Settings, address: str = "local",
                  n_workers: int = 2, window: int | None = None) -> Iterator[Outcome]:
    """Analyse every job on a Dask cluster; yield one Outcome per job, in input order."""
    client = _client(address, n_workers)
    try:
        limit = window or 4 * max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        pending: deque[Any] = deque()
        for i, job in enumerate(jobs):
            pending.append(client.submit(outcome, i, job, settings, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        cluster = client.cluster
        client.close()
        if address == "local" and cluster is not None:
            cluster.close()
