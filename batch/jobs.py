"""The per-file work of a batch: read, extract and tag one PDF, or say why it was refused.

A `Job` is one file to read (path, fingerprint, size, time); `run_job` is what a worker does with
it, in a worker process on this machine (workers.py) or on a Dask worker (distributed.py). It
never raises: whatever goes wrong with one file (an exception, a limit in `Limits`, running out of
memory, a file that vanished) is that file's `Refusal`, with a one-line reason, and `retryable`
when the next run should try the file again (out of time or memory; a bug of ours).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from councilpapers.errors import CouncilPapersError
from councilpapers.extract.settings import ExtractSettings
from councilpapers.ingest.failures import exhausted
from councilpapers.ingest.limits import Limits, OverLimit
from councilpapers.ingest.sidecar import with_site_meeting
from councilpapers.records import ExtractedDocument, Page, Word

DEFAULT_LIMITS = Limits()
DEFAULT_EXTRACT = ExtractSettings()


@dataclass(frozen=True, slots=True)
class Job:
    path: str
    sha256: str
    size: int
    mtime: float
    source: str | None = None  # the path relative to the folder it was found in


@dataclass(frozen=True, slots=True)
class Part:
    """Some pages of a large file, read by one worker while others read the rest."""

    job: Job
    numbers: range

    @property
    def path(self) -> str:
        return self.job.path


@dataclass(frozen=True, slots=True)
class Finish:
    """A large file's pages, read in parts: its furniture, extraction and tags, in one worker."""

    job: Job
    pages: tuple[Page, ...]

    @property
    def path(self) -> str:
        return self.job.path


Task = Job | Part | Finish


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file was not imported; `retryable` when the next run should try it again."""

    reason: str
    retryable: bool = False


Outcome = ExtractedDocument | Refusal
Read = tuple[Page, ...]  # what a Part gives back


def extract_file(
    path: str,
    sha256: str | None = None,
    limits: Limits | None = None,
    extract: ExtractSettings = DEFAULT_EXTRACT,
) -> ExtractedDocument:
    """Read and extract one PDF within `limits`, with the extraction settings `extract` (the
    per-file work a worker does). The reading,
    extraction and tagging modules are imported here, not with this module: a batch with
    nothing to read loads none of them (workers have them from `warm_up`)."""
    from councilpapers.extract.extraction import extract_document
    from councilpapers.ingest.pdf import read_document
    from councilpapers.nlp.table_tags import tag_tables

    extracted = extract_document(read_document(path, sha256=sha256, limits=limits), extract)
    extracted = with_site_meeting(extracted, path)  # a fetched file's sidecar: the site's facts
    tags = tag_tables(extracted.tables, fallback_date=extracted.meeting.date)
    return replace(extracted, tags=tags)


def finish_file(
    job: Job,
    pages: tuple[Page, ...],
    limits: Limits | None = None,
    extract: ExtractSettings = DEFAULT_EXTRACT,
) -> ExtractedDocument:
    """Furniture, extraction and tags of a file whose pages were read in parts."""
    from councilpapers.extract.extraction import extract_document
    from councilpapers.ingest.pdf import assemble
    from councilpapers.nlp.table_tags import tag_tables

    document = assemble(job.path, job.sha256, list(pages), limits=limits)
    extracted = with_site_meeting(extract_document(document, extract), job.path)
    tags = tag_tables(extracted.tables, fallback_date=extracted.meeting.date)
    return replace(extracted, tags=tags)


def read_pages_of(part: Part, limits: Limits | None = None) -> Read:
    """A Part's pages, read."""
    from councilpapers.ingest.pdf import read_part

    return tuple(read_part(part.path, part.numbers, limits=limits))


def run_job(
    job: Job, limits: Limits = DEFAULT_LIMITS, extract: ExtractSettings = DEFAULT_EXTRACT
) -> Outcome:
    """A worker's task: the extracted document, or the reason it was refused. Never raises
    (bar KeyboardInterrupt): whatever goes wrong with one file is that file's refusal."""
    outcome = work(job, limits, extract)[0]
    if isinstance(outcome, tuple):  # a Part's pages: never for a whole file's job
        raise TypeError(f"{job.path}: a whole file's job gave pages")
    return outcome


def work(
    job: Task, limits: Limits, extract: ExtractSettings = DEFAULT_EXTRACT
) -> tuple[Outcome | Read, bool]:
    """`run_job` (or a Part's reading, or a Finish), and whether the process is still fit to go
    on (not after running out of memory or recursion depth, or after a failure of our own)."""
    try:
        return _do(job, limits, extract), True
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


def _do(job: Task, limits: Limits, extract: ExtractSettings) -> Outcome | Read:
    if isinstance(job, Part):
        return read_pages_of(job, limits)
    if isinstance(job, Finish):
        return for_writer(finish_file(job.job, job.pages, limits, extract))
    return for_writer(extract_file(job.path, job.sha256, limits=limits, extract=extract))


_WORD = Word("", (0.0, 0.0, 0.0, 0.0))


def for_writer(extracted: ExtractedDocument) -> ExtractedDocument:
    """What goes back to the writer: everything but the pages' words, rules and fills, of
    which the store keeps only the count of words (each word here one shared placeholder, so
    a 70-page pack crosses the pipe in kilobytes, not megabytes)."""
    pages = tuple(
        replace(page, words=(_WORD,) * len(page.words), rules=(), fills=(), furniture=())
        for page in extracted.document.pages
    )
    return replace(extracted, document=replace(extracted.document, pages=pages))


def warm_up() -> None:
    """What a new worker loads before it takes files: the reading and extraction modules, the
    tagger and its models."""
    import councilpapers.extract.extraction
    import councilpapers.ingest.pdf  # noqa: F401
    from councilpapers.nlp.table_tags import shared_tagger

    shared_tagger()


def one_line(exc: BaseException | str) -> str:
    return " ".join(str(exc).split())[:500]


def _unreadable(job: Task, exc: OSError) -> Refusal:
    name = Path(job.path).name
    if isinstance(exc, FileNotFoundError):
        return Refusal(f"{name}: vanished before it could be read (deleted or moved mid-run)")
    return Refusal(f"{name}: cannot read ({exc.strerror or one_line(exc)})")


def _internal(job: Task, exc: Exception) -> Refusal:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return Refusal(
        one_line(
            f"{Path(job.path).name}: internal error ({type(exc).__name__}: {exc}){where}; "
            "please report it; retryable: the next run tries it again"
        ),
        retryable=True,
    )


def refuse(job: Task, why: str) -> Refusal:
    """The refusal of a file whose worker timed out or died (always worth another try)."""
    return Refusal(f"{Path(job.path).name}: {why}", retryable=True)
