"""Batch import: every file accounted for as imported, unchanged or refused (with a reason).

Files are fingerprinted in the parent; the expensive work (read + extract) runs in worker
processes; results come back as records and one writer, the parent, stores each document in one
transaction. A refused file never stops the batch; `fail_fast` makes it stop at the first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from councilpapers.corpus.store import Store
from councilpapers.errors import CouncilPapersError
from councilpapers.extract.tables import find_tables
from councilpapers.nlp.document import tag_tables
from councilpapers.ingest.discover import find_files, sha256_file
from councilpapers.ingest.meeting import describe_items, meeting_facts
from councilpapers.ingest.packs import split_pack
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Document, ExtractedDocument

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
    return ExtractedDocument(document=document, tables=tuple(tables), items=tuple(items),
                             meeting=meeting, tags=tag_tables(tables, fallback_date=meeting.date))


def _work(job: Job) -> ExtractedDocument | str:
    try:
        return extract_file(job.path, job.sha256)
    except CouncilPapersError as exc:
        return str(exc)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def ingest_paths(paths: Iterable[str | Path], store: Store, jobs: int | None = None,
                 on_result: Callable[[FileResult], None] | None = None,
                 fail_fast: bool = False, retry_refused: bool = False) -> BatchReport:
    """Import files and folders into the store; returns what happened to each file.

    A file refused before and unchanged since is reported refused again without being re-read,
    unless `retry_refused`."""
    report = BatchReport()

    def done(result: FileResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)
        if fail_fast and result.status == "refused":
            raise CouncilPapersError(f"stopped at the first refused file: {result.reason}")

    todo = list(_plan(find_files(paths), store, done, retry_refused))
    for job, outcome in _run(todo, jobs or default_jobs()):
        done(_store(store, job, outcome))
    return report


def _plan(files: Iterable[Path], store: Store, done: Callable[[FileResult], None],
          retry: bool) -> Iterator[Job]:
    """Skip unchanged files (same size and time, or same hash); yield the rest as jobs."""
    for file in files:
        path = str(file)
        try:
            stat = file.stat()
            state = store.file_state(path)
            if (state and state.status == "imported" and state.size == stat.st_size
                    and state.mtime == stat.st_mtime):
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
            store.record_file(path, sha, stat.st_size, stat.st_mtime, "unchanged",
                              f"same content as {twin}")
            done(FileResult(path, "unchanged", f"same content as {twin}"))
            continue
        yield Job(path, sha, stat.st_size, stat.st_mtime)


def _run(jobs: list[Job], workers: int) -> Iterator[tuple[Job, ExtractedDocument | str]]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, _work(job)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        pending: dict[Future[ExtractedDocument | str], Job] = {}
        queue = iter(jobs)
        for job in queue:
            pending[pool.submit(_work, job)] = job
            if len(pending) >= workers * 2:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job = pending.pop(future)
                yield job, future.result()
                following = next(queue, None)
                if following:
                    pending[pool.submit(_work, following)] = following


def _store(store: Store, job: Job, outcome: ExtractedDocument | str) -> FileResult:
    if isinstance(outcome, str):
        store.record_file(job.path, job.sha256, job.size, job.mtime, "refused", outcome)
        return FileResult(job.path, "refused", outcome)
    store.save(outcome, mtime=job.mtime)
    doc = outcome.document
    return FileResult(job.path, "imported", pages=len(doc.pages), tables=len(outcome.tables),
                      rows=sum(len(t.rows) for t in outcome.tables))
