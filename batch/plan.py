"""Which files a batch must read: the rest are answered from the store without reading them.

A file whose size and time match what the store recorded when it was imported is unchanged; so is
one whose bytes hash the same (its time was touched). A file refused before and unchanged since
keeps its reason, unless the refusal was retryable (out of time or memory) or the caller asks to
retry refusals. A file with the same content as a stored document at another path is recorded as
a copy of it. Everything else becomes a `Job` for the workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from councilpapers.batch.files import Found
from councilpapers.batch.jobs import Job
from councilpapers.batch.report import FileResult
from councilpapers.corpus.store import FileState, Store
from councilpapers.ingest.discover import sha256_file
from councilpapers.records import printable

Done = Callable[[FileResult], None]


def plan(found: Iterable[Found], store: Store, done: Done, retry: bool) -> Iterator[Job]:
    """Answer what needs no reading (through `done`, recording it in the store); yield the rest."""
    for entry in found:
        if entry.reason is not None:
            store.record_file(str(entry.path), None, None, None, "refused", entry.reason)
            done(FileResult(printable(entry.path), "refused", printable(entry.reason)))
            continue
        job = _job(entry, store, done, retry)
        if job is not None:
            yield job


def _job(entry: Found, store: Store, done: Done, retry: bool) -> Job | None:
    file, source = entry.path, entry.source
    path, shown = str(file), printable(file)
    try:
        stat = file.stat()
        state = store.file_state(path)
        if _same_stat(state, stat):
            _keep_source(store, state, source)
            done(FileResult(shown, "unchanged"))
            return None
        sha = sha256_file(file)
    except OSError as exc:
        reason = printable(f"{file.name}: cannot read ({exc.strerror or exc})")
        store.record_file(path, None, None, None, "refused", reason, source=source)
        done(FileResult(shown, "refused", reason))
        return None
    if state and state.sha256 == sha and state.status == "imported":
        store.record_file(path, sha, stat.st_size, stat.st_mtime, "imported", source=source)
        done(FileResult(shown, "unchanged"))
        return None
    if state and state.sha256 == sha and state.status == "refused" and not (retry or state.retry):
        _keep_source(store, state, source)
        done(FileResult(shown, "refused", state.reason))
        return None
    twin = store.document_path(sha)
    if twin and twin != shown:
        reason = f"same content as {twin}"
        store.record_file(
            path, sha, stat.st_size, stat.st_mtime, "unchanged", reason, source=source
        )
        done(FileResult(shown, "unchanged", reason))
        return None
    return Job(path, sha, stat.st_size, stat.st_mtime, source)


def _same_stat(state: FileState | None, stat: os.stat_result) -> bool:
    return bool(
        state
        and state.status == "imported"
        and state.size == stat.st_size
        and state.mtime == stat.st_mtime
    )


def _keep_source(store: Store, state: FileState | None, source: str | None) -> None:
    """A file answered without a write still gets the source of this run (found elsewhere)."""
    if state is not None and source is not None and state.source != printable(source):
        store.set_source(state.path, source)
