"""A batch import, every step of it: what `councilpapers ingest` does, as one library call.

`ingest_paths` finds the files once (files.py), answers from the store those that need no reading
(plan.py), has the rest read, extracted and tagged in worker processes on this machine
(workers.py) or on a Dask cluster (distributed.py), and writes each document, with the path it
was found at relative to the folder given, in one transaction, one writer (this process). At the
end it refreshes recommendation tracking, so read commands only read. So a batch killed at any
moment leaves whole documents only, and a re-run picks up where it stopped. Memory is bounded:
each worker reads one file at a time, and each worker process is replaced after
`tasks_per_worker` files, so nothing a long batch leaks can pile up.

Every file is isolated: whatever goes wrong with it (an exception, a limit in `Limits`, a worker
that dies or runs out of time, a file that vanishes or cannot be read) becomes that file's refusal
with a one-line reason, and the batch goes on; `fail_fast` makes it stop at the first. Refusals
for running out of time or memory are retryable: the next run tries those files again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

from councilpapers.batch.files import discover
from councilpapers.batch.interrupt import finishing_writes
from councilpapers.batch.jobs import (
    DEFAULT_EXTRACT,
    DEFAULT_LIMITS,
    Finish,
    Job,
    Outcome,
    Refusal,
    refuse,
    run_job,
    warm_up,
)
from councilpapers.batch.jobs import work as work_on
from councilpapers.batch.parts import Gathering, page_count, split
from councilpapers.batch.plan import plan
from councilpapers.batch.report import BatchReport, FileResult, Prior
from councilpapers.batch.workers import Pool
from councilpapers.corpus import queries
from councilpapers.corpus.store import Store
from councilpapers.errors import CouncilPapersError
from councilpapers.extract.settings import ExtractSettings
from councilpapers.ingest.limits import Limits
from councilpapers.records import printable

TASKS_PER_WORKER = 25

Runner = Callable[[list[Job]], Iterator[tuple[Job, Outcome]]]


def default_jobs() -> int:
    """Worker processes when none are asked for: every core this process may run on."""
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    jobs: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    fail_fast: bool = False,
    retry_refused: bool = False,
    scheduler: str | None = None,
    tasks_per_worker: int = TASKS_PER_WORKER,
    limits: Limits = DEFAULT_LIMITS,
    isolate: bool = True,
    on_start: Callable[[int], None] | None = None,
    root: Path | None = None,
    extract: ExtractSettings | Mapping[str, object] | None = None,
) -> BatchReport:
    """Import files and folders into the store; returns what happened to each file.

    `on_start` is told how many results are to come once the files are found, `on_result` each
    result as it comes. A file refused before and unchanged since is reported refused again
    without being re-read, unless `retry_refused` or the refusal was retryable (out of time or
    memory). Each file is read in a worker process under `limits`; `isolate=False` reads them in
    this process instead (for debugging: no wall-time or memory cap, and a crash there ends the
    batch). `scheduler` (a Dask scheduler address) runs the per-file work on that cluster; `jobs`
    is then ignored. `root` is a folder the files given belong to: each one's stored `source`
    is its path relative to it (as when that folder is given), not its bare name. Ctrl-C (in the
    main thread) lets the document being written land first. `extract` (None, a dict of
    overrides or an `ExtractSettings`, such as header overrides from `ingest --headers`) is
    checked here and goes with every file to its worker."""
    settings = ExtractSettings.resolve(extract)
    found = discover(paths, ignore=store.backend.own_files(), root=root)
    report = BatchReport(skipped=found.skipped, before=_before(store))
    if on_start:
        on_start(len(found.found))

    def done(result: FileResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)
        if fail_fast and result.status == "refused":
            raise CouncilPapersError(f"stopped at the first refused file: {result.reason}")

    with finishing_writes(store):
        todo = sorted(plan(found.found, store, done, retry_refused), key=lambda job: -job.size)
        runner = _runner(
            jobs or default_jobs(), scheduler, tasks_per_worker, limits, isolate, settings
        )
        for job, outcome in runner(todo):  # largest first: no big file left to finish alone
            done(_store(store, job, outcome))
        report.holders = queries.file_holders(store)
        refresh_if_changed(store)  # register and links stored now, so read commands only read
    return report


def refresh_if_changed(store: Store) -> bool:
    """Refresh recommendation tracking unless it was computed from the documents stored now
    (an ingest that changed nothing then imports none of tracking's modules); whether it ran."""
    from councilpapers.corpus.trackstore import tracking_current

    if tracking_current(store):
        return False
    from councilpapers.tracking.tracker import refresh_tracking

    refresh_tracking(store)
    return True


def _before(store: Store) -> dict[str, Prior]:
    return {path: Prior(status, sha) for path, status, sha in queries.file_states(store)}


def _runner(
    workers: int,
    scheduler: str | None,
    tasks_per_worker: int,
    limits: Limits,
    isolate: bool,
    extract: ExtractSettings,
) -> Runner:
    if scheduler:
        from councilpapers.batch.distributed import run_on_dask

        return lambda todo: run_on_dask(todo, scheduler, limits, extract)
    if not isolate:
        return lambda todo: ((job, run_job(job, limits, extract)) for job in todo)
    return lambda todo: run_local(todo, workers, tasks_per_worker, limits, extract)


def run_local(
    jobs: list[Job],
    workers: int,
    tasks_per_worker: int = TASKS_PER_WORKER,
    limits: Limits = DEFAULT_LIMITS,
    extract: ExtractSettings = DEFAULT_EXTRACT,
) -> Iterator[tuple[Job, Outcome]]:
    """Run jobs in up to `workers` watched processes (workers.py), yielding results as they
    finish; a worker that dies or runs out of time is replaced and the batch goes on. With
    several workers, a large file's pages are read by all of them (parts.py)."""
    if not jobs:
        return
    idle = workers > len(jobs)  # split large files only where workers would otherwise wait
    counted = {job.path: page_count(job.path) for job in jobs} if idle else {}
    tasks = list(split(jobs, workers, counted))
    size = min(max(1, workers), len(tasks))
    gathering = Gathering()
    gathering.expect(tasks)
    per_file = partial(work_on, extract=extract)
    pool = Pool(per_file, refuse, size, limits, tasks_per_worker, warm_up)
    for task, outcome in pool.run(tasks):
        done = gathering.take(task, outcome)
        if isinstance(done, Finish):
            pool.queue.appendleft(done)  # its worker is free now: finish before the next file
        elif done is not None:
            yield done


def _store(store: Store, job: Job, outcome: Outcome) -> FileResult:
    """Write a file's outcome, its document or its refusal, with its source, in one transaction."""
    shown = printable(job.path)
    if isinstance(outcome, Refusal):
        reason = printable(outcome.reason)
        store.record_file(
            job.path,
            job.sha256,
            job.size,
            job.mtime,
            "refused",
            reason,
            outcome.retryable,
            source=job.source,
        )
        return FileResult(shown, "refused", reason, retryable=outcome.retryable)
    store.save(outcome, mtime=job.mtime, source=job.source)
    doc = outcome.document
    return FileResult(
        shown,
        "imported",
        pages=len(doc.pages),
        tables=len(outcome.tables),
        rows=sum(len(t.rows) for t in outcome.tables),
    )
