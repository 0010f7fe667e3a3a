"""Batch import: every file accounted for as imported, unchanged or refused (with a reason).

Files are fingerprinted in the parent; the expensive work (read + extract, `extract_file`) runs in
worker processes on this machine, or on the workers of a Dask cluster (`scheduler`, see
distributed.py); results come back as records and one writer, the parent, stores each document in
one transaction. So a batch killed at any moment leaves whole documents only, and a re-run picks up
where it stopped. Memory is bounded: each worker reads one file at a time, pages one at a time with
pdfplumber's caches released, and each worker process is replaced after `tasks_per_worker` files,
so nothing a long batch leaks can pile up.

Every file is isolated: whatever goes wrong with it (an exception, a limit in `Limits`, a worker
that dies or runs out of time, a file that vanishes or cannot be read) becomes that file's refusal
with a one-line reason, and the batch goes on; `fail_fast` makes it stop at the first. Refusals
for running out of time or memory are retryable: the next run tries those files again.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from councilpapers.corpus.store import FileState, Store
from councilpapers.corpus.workers import Pool
from councilpapers.errors import CouncilPapersError
from councilpapers.extract.document import extract_document
from councilpapers.ingest.discover import find_files, printable, sha256_file
from councilpapers.ingest.failures import exhausted
from councilpapers.ingest.limits import Limits, OverLimit
from councilpapers.ingest.pdf import read_document
from councilpapers.nlp.document import shared_tagger, tag_tables
from councilpapers.records import ExtractedDocument

TASKS_PER_WORKER = 25
IN_FLIGHT_PER_WORKER = 2  # for the Dask runner; local workers take one file at a time
DEFAULT_LIMITS = Limits()

Status = Literal["imported", "unchanged", "refused"]


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    status: Status
    reason: str | None = None
    pages: int = 0
    tables: int = 0
    rows: int = 0
    retryable: bool = False


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


def extract_file(
    path: str, sha256: str | None = None, limits: Limits | None = None
) -> ExtractedDocument:
    """Read and extract one PDF within `limits` (the per-file work a worker does)."""
    extracted = extract_document(read_document(path, sha256=sha256, limits=limits))
    tags = tag_tables(extracted.tables, fallback_date=extracted.meeting.date)
    return replace(extracted, tags=tags)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file was not imported; `retryable` when the next run should try it again."""

    reason: str
    retryable: bool = False


Outcome = ExtractedDocument | Refusal
Runner = Callable[[list[Job]], Iterator[tuple[Job, Outcome]]]


def run_job(job: Job, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """A worker's task: the extracted document, or the reason it was refused. Never raises
    (bar KeyboardInterrupt): whatever goes wrong with one file is that file's refusal."""
    return work(job, limits)[0]


def work(job: Job, limits: Limits) -> tuple[Outcome, bool]:
    """`run_job`, and whether the process is still fit to go on (not after running out of
    memory or recursion depth, or after a failure of our own)."""
    try:
        return extract_file(job.path, job.sha256, limits=limits), True
    except OverLimit as exc:
        return Refusal(one_line(exc), exc.retryable), not exc.retryable
    except CouncilPapersError as exc:
        return Refusal(one_line(exc)), True
    except (MemoryError, RecursionError) as exc:
        return Refusal(one_line(exhausted(Path(job.path).name, exc)), True), False
    except OSError as exc:
        return _unreadable(job, exc), True
    except Exception as exc:  # a bug of ours: refuse the file, say where, go on
        return _internal(job, exc), False


def one_line(exc: BaseException | str) -> str:
    return " ".join(str(exc).split())[:500]


def _unreadable(job: Job, exc: OSError) -> Refusal:
    name = Path(job.path).name
    if isinstance(exc, FileNotFoundError):
        return Refusal(f"{name}: vanished before it could be read (deleted or moved mid-run)")
    return Refusal(f"{name}: cannot read ({exc.strerror or one_line(exc)})")


def _internal(job: Job, exc: Exception) -> Refusal:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return Refusal(
        one_line(
            f"{Path(job.path).name}: internal error ({type(exc).__name__}: {exc}){where}; "
            "please report it; retryable: the next run tries it again"
        ),
        retryable=True,
    )


def refuse(job: Job, why: str) -> Refusal:
    """The refusal of a file whose worker timed out or died (always worth another try)."""
    return Refusal(f"{Path(job.path).name}: {why}", retryable=True)


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
    limits: Limits = DEFAULT_LIMITS,
    isolate: bool = True,
) -> BatchReport:
    """Import files and folders into the store; returns what happened to each file.

    A file refused before and unchanged since is reported refused again without being re-read,
    unless `retry_refused` or the refusal was retryable (out of time or memory). Each file is read
    in a worker process under `limits`; `isolate=False` reads them in this process instead (for
    debugging: no wall-time or memory cap, and a crash there ends the batch). `scheduler` (a Dask
    scheduler address) runs the per-file work on that cluster; `jobs` is then ignored."""
    report = BatchReport()

    def done(result: FileResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)
        if fail_fast and result.status == "refused":
            raise CouncilPapersError(f"stopped at the first refused file: {result.reason}")

    def skipped(path: Path, reason: str) -> None:
        store.record_file(str(path), None, None, None, "refused", reason)
        done(FileResult(printable(path), "refused", printable(reason)))

    todo = list(_plan(find_files(paths, on_skip=skipped), store, done, retry_refused))
    todo.sort(key=lambda job: -job.size)  # largest first: no big file left to finish alone
    runner = _runner(jobs or default_jobs(), scheduler, tasks_per_worker, limits, isolate)
    for job, outcome in runner(todo):
        done(_store(store, job, outcome))
    return report


def _runner(
    workers: int, scheduler: str | None, tasks_per_worker: int, limits: Limits, isolate: bool
) -> Runner:
    if scheduler:
        from councilpapers.corpus.distributed import run_on_dask

        return lambda todo: run_on_dask(todo, scheduler, limits)
    if not isolate:
        return lambda todo: ((job, run_job(job, limits)) for job in todo)
    return lambda todo: run_local(todo, workers, tasks_per_worker, limits)


def _plan(
    files: Iterable[Path], store: Store, done: Callable[[FileResult], None], retry: bool
) -> Iterator[Job]:
    """Skip unchanged files (same size and time, or same hash); yield the rest as jobs."""
    for file in files:
        path, shown = str(file), printable(file)
        try:
            stat = file.stat()
            state = store.file_state(path)
            if _same_stat(state, stat):
                done(FileResult(shown, "unchanged"))
                continue
            sha = sha256_file(file)
        except OSError as exc:
            reason = printable(f"{file.name}: cannot read ({exc.strerror or exc})")
            store.record_file(path, None, None, None, "refused", reason)
            done(FileResult(shown, "refused", reason))
            continue
        if state and state.sha256 == sha and state.status == "imported":
            store.record_file(path, sha, stat.st_size, stat.st_mtime, "imported")
            done(FileResult(shown, "unchanged"))
            continue
        if (
            state
            and state.sha256 == sha
            and state.status == "refused"
            and not (retry or state.retry)
        ):
            done(FileResult(shown, "refused", state.reason))
            continue
        twin = store.document_path(sha)
        if twin and twin != shown:
            reason = f"same content as {twin}"
            store.record_file(path, sha, stat.st_size, stat.st_mtime, "unchanged", reason)
            done(FileResult(shown, "unchanged", reason))
            continue
        yield Job(path, sha, stat.st_size, stat.st_mtime)


def _same_stat(state: FileState | None, stat: os.stat_result) -> bool:
    return bool(
        state
        and state.status == "imported"
        and state.size == stat.st_size
        and state.mtime == stat.st_mtime
    )


def run_local(
    jobs: list[Job],
    workers: int,
    tasks_per_worker: int = TASKS_PER_WORKER,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[tuple[Job, Outcome]]:
    """Run jobs in up to `workers` watched processes (workers.py), yielding results as they
    finish; a worker that dies or runs out of time is replaced and the batch goes on."""
    if not jobs:
        return
    size = min(max(1, workers), len(jobs))
    yield from Pool(work, refuse, size, limits, tasks_per_worker, warm_up).run(jobs)


def warm_up() -> None:
    """What a new worker loads before it takes files: the tagger and its models."""
    shared_tagger()


def _store(store: Store, job: Job, outcome: Outcome) -> FileResult:
    shown = printable(job.path)
    if isinstance(outcome, Refusal):
        reason = printable(outcome.reason)
        store.record_file(
            job.path, job.sha256, job.size, job.mtime, "refused", reason, outcome.retryable
        )
        return FileResult(shown, "refused", reason, retryable=outcome.retryable)
    store.save(outcome, mtime=job.mtime)
    doc = outcome.document
    return FileResult(
        shown,
        "imported",
        pages=len(doc.pages),
        tables=len(outcome.tables),
        rows=sum(len(t.rows) for t in outcome.tables),
    )
