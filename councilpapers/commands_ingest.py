"""`councilpapers ingest`: files and folders into the store, with progress and a summary.

Before the batch: every path must exist (else exit 2); files that are not PDFs by extension and by
magic bytes are skipped, not refused; each file's path relative to the folder it was found in is
recorded beside its file name. During it: a progress bar with total and ETA on a terminal, a line
every few seconds otherwise. Ctrl-C lets the write under way finish, then says "interrupted: run
again to resume" and exits 130.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from councilpapers.commands_common import (
    DEFAULT_DB,
    BadUsage,
    DbOption,
    QuietOption,
    command,
    info,
    show,
)

if TYPE_CHECKING:
    from councilpapers.corpus.batch import FileResult
    from councilpapers.corpus.store import Store
    from councilpapers.extract.settings import ExtractSettings

PDF_MAGIC = b"%PDF"
LINE_EVERY = 5.0  # seconds between progress lines when not on a terminal


@dataclass
class Discovery:
    """The files to ingest, each one's path relative to its ingest root, and the non-PDFs."""

    files: list[Path] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    skipped: list[Path] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)  # paths that cannot be read, with why


def looks_like_pdf(path: Path) -> bool:
    """A .pdf name or %PDF in the first kilobyte (a PDF may have junk before its header)."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as handle:
            return PDF_MAGIC in handle.read(1024)
    except OSError:
        return True  # let the batch report why it cannot be read


def discover(paths: list[Path]) -> Discovery:
    """Expand folders; a path that does not exist is a usage error."""
    from councilpapers.ingest.discover import find_files, printable

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise BadUsage(f"no such file or folder: {', '.join(missing)}")
    found = Discovery()

    def unusable(path: Path, reason: str) -> None:
        name = printable(str(path))
        found.unusable.append(reason if name in reason else f"{name}: {reason}")

    for root in paths:
        for file in find_files([root], on_skip=unusable):
            key = str(file)
            if key in found.sources:
                continue
            if not looks_like_pdf(file):
                found.skipped.append(file)
                continue
            found.files.append(file)
            found.sources[key] = str(file.relative_to(root)) if root.is_dir() else file.name
    return found


@command
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="PDF files and folders (searched recursively)."),
    ],
    db: DbOption = DEFAULT_DB,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, metavar="N", help="Worker processes (0: all cores)."),
    ] = 0,
    fail_fast: Annotated[bool, typer.Option(help="Stop at the first refused file.")] = False,
    retry_refused: Annotated[
        bool, typer.Option(help="Re-read files refused before (otherwise their reason is kept).")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Dask scheduler address (tcp://HOST:8786): run the work on that cluster; files "
            "must be at the same path on every worker.",
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            min=1, metavar="SECONDS", help="Wall time one file may take (its worker is killed)."
        ),
    ] = 600.0,
    memory_mb: Annotated[
        int, typer.Option(min=256, metavar="MIB", help="Memory one worker process may use.")
    ] = 4096,
    max_pixels: Annotated[
        int,
        typer.Option(min=1, metavar="N", help="Pixels of one page rendered for OCR, at most."),
    ] = 120_000_000,
    max_decoded_mb: Annotated[
        float,
        typer.Option(min=1, metavar="MIB", help="Bytes one compressed stream may inflate to."),
    ] = 256.0,
    headers: Annotated[
        Path | None,
        typer.Option(
            "--headers",
            metavar="FILE",
            help="YAML file of header overrides (`headers: {printed header: field or none}`), "
            "as `explain --headers` reads it.",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Import PDFs: each file is imported, replaced, a copy, unchanged, skipped or refused.

    Each file is read in a worker process under the limits given; a file over one is refused with
    the reason, and tried again by the next run (time and memory refusals are retryable)."""
    from councilpapers.corpus.batch import default_jobs, ingest_paths
    from councilpapers.corpus.store import Store
    from councilpapers.ingest.limits import Limits
    from councilpapers.outputs.summary import summarise

    extract = _extract_settings(headers)
    found = discover(paths)
    with Store.open(db) as store:
        before = _prior(store)
        progress = _Progress(len(found.files), quiet)
        try:
            with finishing_writes(store), progress:
                report = ingest_paths(
                    found.files,
                    store,
                    jobs=jobs or default_jobs(),
                    on_result=lambda r: progress.tick(_record_source(store, r, found.sources)),
                    fail_fast=fail_fast,
                    retry_refused=retry_refused,
                    scheduler=scheduler,
                    extract=extract,
                    limits=Limits(
                        seconds=timeout,
                        memory_mb=memory_mb,
                        render_pixels=max_pixels,
                        decoded_mb=max_decoded_mb,
                    ),
                )
        except KeyboardInterrupt:
            info("interrupted: run again to resume")
            raise typer.Exit(130) from None
        from councilpapers.corpus.queries import file_holders

        holders = file_holders(store)
        from councilpapers.tracking.tracker import refresh_tracking

        refresh_tracking(store)  # register and links stored now, so read commands only read
    summary = summarise(report.results, before, found.skipped, holders)
    show(summary.headline())
    if not quiet:
        for line in summary.details():
            show(line)
    for line in found.unusable:  # reported even when quiet: these files were not looked at
        show(f"  cannot read: {line}")


def _extract_settings(headers: Path | None) -> ExtractSettings:
    """Extraction settings with the officers' header overrides of `--headers`, if given; a file
    that cannot be read or names an unknown field is a usage error (exit 2)."""
    from councilpapers.errors import UsageError
    from councilpapers.extract.header_overrides import read_overrides
    from councilpapers.extract.settings import ExtractSettings

    try:
        overrides = read_overrides(headers) if headers else ()
    except UsageError as exc:
        raise BadUsage(str(exc)) from exc
    return ExtractSettings(header_overrides=overrides)


def _prior(store: Store) -> dict[str, Any]:
    from councilpapers.corpus import queries
    from councilpapers.outputs.summary import Prior

    return {path: Prior(status, sha) for path, status, sha in queries.file_states(store)}


def _record_source(store: Store, result: FileResult, sources: dict[str, str]) -> FileResult:
    source = sources.get(result.path)
    if source is not None:
        from councilpapers.corpus.queries import set_source

        set_source(store, result.path, source)
    return result


@contextmanager
def finishing_writes(store: Store) -> Iterator[None]:
    """Ctrl-C during a store transaction waits for it to commit, then interrupts."""
    state = {"writing": False, "pending": False}
    original = store.transaction

    @contextmanager
    def guarded() -> Iterator[None]:
        state["writing"] = True
        try:
            with original():
                yield
        finally:
            state["writing"] = False
        if state["pending"]:
            raise KeyboardInterrupt

    def handler(signum: int, frame: FrameType | None) -> None:
        if state["writing"]:
            state["pending"] = True
        else:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    store.transaction = guarded  # type: ignore[method-assign]
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        del store.transaction


class _Progress:
    """A rich bar with total and ETA on a terminal; otherwise a line every few seconds."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.quiet, self.done, self.refused = total, quiet, 0, 0
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.terminal = sys.stderr.isatty() and not quiet

    def __enter__(self) -> _Progress:
        if self.terminal:
            self.bar = _rich_bar()
            self.bar.__enter__()
            self.task = self.bar.add_task("ingest", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def tick(self, result: FileResult) -> None:
        self.done += 1
        self.refused += result.status == "refused"
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=Path(result.path).name[:40])
            return
        now = time.monotonic()
        if not self.quiet and now - self.last >= LINE_EVERY and self.done < self.total:
            self.last = now
            info(self.line(now))

    def line(self, now: float) -> str:
        elapsed = now - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        return (
            f"ingest: {self.done}/{self.total} files, {self.refused} refused, "
            f"{_clock(elapsed)} elapsed, about {_clock(left)} left"
        )


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _rich_bar() -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description:<40}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
