"""Distributed runs: the same per-file work (`jobs.run_job`) on the workers of a Dask cluster.

The parent plans the batch and stays the one writer; only reading and extraction travel. Workers
open files by path, so the files must sit where every worker sees them at the same path (a shared
or network file system). A file a worker cannot open is refused with that reason; a worker lost
mid-file is Dask's business (it reschedules the task elsewhere). Installed with the `dask` extra.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from councilpapers.batch.jobs import DEFAULT_LIMITS, Job, Outcome, Refusal, run_job
from councilpapers.errors import UsageError
from councilpapers.ingest.limits import Limits

CONNECT_TIMEOUT = "30s"
IN_FLIGHT_PER_WORKER = 2  # tasks kept on the cluster per worker (local workers take one file)


def run_on_dask(
    jobs: list[Job], scheduler: str | Any, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[Job, Outcome]]:
    """Run jobs on the cluster at `scheduler` (an address, or a Cluster object), as they finish."""
    distributed = _import_distributed()
    if not jobs:
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        yield from _drive(client, distributed.as_completed(), jobs, limits)


def _drive(
    client: Any, running: Any, jobs: list[Job], limits: Limits
) -> Iterator[tuple[Job, Outcome]]:
    """Keep a bounded window of tasks on the cluster, topping it up as each one finishes."""
    limit = max(2, IN_FLIGHT_PER_WORKER * max(1, len(client.nthreads())))
    queue = iter(jobs)
    owner: dict[str, Job] = {}

    def submit(job: Job) -> None:
        future = client.submit(
            run_remote, job, limits, key=f"councilpapers-{job.sha256}-{job.path}", pure=False
        )
        owner[future.key] = job
        running.add(future)

    for job in queue:
        submit(job)
        if len(owner) >= limit:
            break
    for future in running:
        job = owner.pop(future.key)
        yield job, future.result()
        following = next(queue, None)
        if following is not None:
            submit(following)


def run_remote(job: Job, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """`run_job` on a worker (the file-size, page, stream and render limits apply; wall time and
    memory are the cluster's business), a missing file refused with what to do about it."""
    if not os.path.exists(job.path):
        return Refusal(
            f"{job.path}: not found on the Dask worker (files must be on a shared file system)"
        )
    return run_job(job, limits)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise UsageError("--scheduler needs Dask: pip install 'councilpapers[dask]'") from exc
    return distributed
