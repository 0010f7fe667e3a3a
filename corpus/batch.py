"""Batch import: every file accounted for as imported, unchanged or refused (with a reason).

Files are fingerprinted in the parent; the expensive work (read + extract, `extract_file`) runs in
worker processes on this machine, or on the workers of a Dask cluster (`scheduler`, see
distributed.py); results come back as records and one writer, the parent, stores each document in
one transaction. So a batch killed at any moment leaves whole documents only, and a re-run picks up
where it stopped. Memory is bounded: at most two files per worker are in flight, pages are read one
at a time with pdfplumber's caches released, and each worker process is replaced after
`tasks_per_worker` files, so nothing a long batch leaks can pile up. A refused file never stops the
batch; `fail_fast` makes it stop at the first.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from councilpapers.corpus.store import Store
from councilpapers.errors import CouncilPapersError
from councilpapers.extract.inspection_lists import find_improvement_lists
from councilpapers.extract.meeting import describe_items, meeting_facts
from councilpapers.extract.packs import split_pack
from councilpapers.extract.tables import find_tables
from councilpapers.ingest.discover import find_files, sha256_file
from councilpapers.ingest.pdf import read_document
from councilpapers.nlp.document import tag_tables
from councilpapers.records import Document, ExtractedDocument

TASKS_PER_WORKER = 25
IN_FLIGHT_PER_WORKER = 2

Status = Literal["imported", "unchanged", "refused"]


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    status: Status
    reason: str | None = None
    pages: int = 0
    tables: int = 0
    rows: int = 0


@dataclass
class BatchReport:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def refused(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "refused"]


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    sha256: str
    size: int
    mtime: float


def extract_file(path: str, sha256: str | None = None) -> ExtractedDocument:
    """Read and extract one PDF (the per-file work a worker does)."""
    document: Document = read_document(path, sha256=sha256)
    tables = find_tables(document)
    items = describe_items(document, split_pack(document, tables), tables)
    meeting = meeting_facts(document, items)
    return ExtractedDocument(
        document=document,
        tables=tuple(tables),
        items=tuple(items),
        meeting=meeting,
        tags=tag_tables(tables, fallback_date=meeting.date),
        inspection=tuple(find_improvement_lists(document, items)),
    )


Outcome = ExtractedDocument | str
Runner = Callable[[list[Job]], Iterator[tuple[Job, Outcome]]]


def run_job(job: Job) -> Outcome:
    """A worker's task: the extracted document, or the one-line reason it was refused."""
    try:
        return extract_file(job.path, job.sha256)
    except CouncilPapersError as exc:
        return " ".join(str(exc).split())


def default_jobs() -> int:
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
) -> BatchReport:
    """Import files and folders into the store; returns what happened to each file.

    A file refused before and unchanged since is reported refused again without being re-read,
    unless `retry_refused`. `scheduler` (a Dask scheduler address) runs the per-file work on that
    cluster instead of local processes; `jobs` is then ignored."""
    report = BatchReport()

    def done(result: FileResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)
        if fail_fast and result.status == "refused":
            raise CouncilPapersError(f"stopped at the first refused file: {result.reason}")

    todo = list(_plan(find_files(paths), store, done, retry_refused))
    todo.sort(key=lambda job: -job.size)  # largest first: no big file left to finish alone
    runner = _runner(jobs or default_jobs(), scheduler, tasks_per_worker)
    for job, outcome in runner(todo):
        done(_store(store, job, outcome))
    return report


def _runner(workers: int, scheduler: str | None, tasks_per_worker: int) -> Runner:
    if scheduler:
        from councilpapers.corpus.distributed import run_on_dask

        return lambda todo: run_on_dask(todo, scheduler)
    return lambda todo: run_local(todo, workers, tasks_per_worker)


def _plan(
    files: Iterable[Path], store: Store, done: Callable[[FileResult], None], retry: bool
) -> Iterator[Job]:
    """Skip unchanged files (same size and time, or same hash); yield the rest as jobs."""
    for file in files:
        path = str(file)
        try:
            stat = file.stat()
            state = store.file_state(path)
            if (
                state
                and state.status == "imported"
                and state.size == stat.st_size
                and state.mtime == stat.st_mtime
            ):
                done(FileResult(path, "unchanged"))
                continue
            sha = sha256_file(file)
        except OSError as exc:
            store.record_file(path, None, None, None, "refused", f"cannot read: {exc}")
            done(FileResult(path, "refused", f"{file.name}: cannot read ({exc.strerror})"))
            continue
        if state and state.sha256 == sha and state.status == "imported":
            store.record_file(path, sha, stat.st_size, stat.st_mtime, "imported")
            done(FileResult(path, "unchanged"))
            continue
        if state and state.sha256 == sha and state.status == "refused" and not retry:
            done(FileResult(path, "refused", state.reason))
            continue
        twin = store.document_path(sha)
        if twin and twin != path:
            store.record_file(
                path, sha, stat.st_size, stat.st_mtime, "unchanged", f"same content as {twin}"
            )
            done(FileResult(path, "unchanged", f"same content as {twin}"))
            continue
        yield Job(path, sha, stat.st_size, stat.st_mtime)


def run_local(
    jobs: list[Job], workers: int, tasks_per_worker: int = TASKS_PER_WORKER
) -> Iterator[tuple[Job, Outcome]]:
    """Run jobs in `workers` processes, yielding results as they finish."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, run_job(job)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["councilpapers.corpus.batch"])
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        mp_context=context,
        max_tasks_per_child=tasks_per_worker,
    ) as pool:
        pending: dict[Future[Outcome], Job] = {}
        queue = iter(jobs)
        limit = workers * IN_FLIGHT_PER_WORKER
        while True:
            while len(pending) < limit and (following := next(queue, None)):
                pending[pool.submit(run_job, following)] = following
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield pending.pop(future), future.result()


def _store(store: Store, job: Job, outcome: Outcome) -> FileResult:
    if isinstance(outcome, str):
        store.record_file(job.path, job.sha256, job.size, job.mtime, "refused", outcome)
        return FileResult(job.path, "refused", outcome)
    store.save(outcome, mtime=job.mtime)
    doc = outcome.document
    return FileResult(
        job.path,
        "imported",
        pages=len(doc.pages),
        tables=len(outcome.tables),
        rows=sum(len(t.rows) for t in outcome.tables),
    )
