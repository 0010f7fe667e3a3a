"""`councilpapers ingest`: files and folders into the store, with progress and a summary.

The batch (`councilpapers.batch.run.ingest_paths`) does every step; this command checks that each
path given exists (else exit 2), shows progress (a bar with total and ETA on a terminal, a line
every few seconds otherwise) and prints the summary. Ctrl-C lets the write under way finish, then
says "interrupted: run again to resume" and exits 130.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from councilpapers.cli_options import DEFAULT_DB, BadUsage, DbOption, QuietOption, header_overrides
from councilpapers.cli_output import clock, command, info, progress_bar, show

if TYPE_CHECKING:
    from councilpapers.batch.report import FileResult
    from councilpapers.extract.settings import ExtractSettings

LINE_EVERY = 5.0  # seconds between progress lines when not on a terminal


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
    from councilpapers.batch.run import ingest_paths
    from councilpapers.corpus.store import Store
    from councilpapers.ingest.limits import Limits

    extract = _extract_settings(headers)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise BadUsage(f"no such file or folder: {', '.join(missing)}")
    limits = Limits(
        seconds=timeout, memory_mb=memory_mb, render_pixels=max_pixels, decoded_mb=max_decoded_mb
    )
    try:
        with Store.open(db) as store, _Progress(quiet) as progress:
            report = ingest_paths(
                paths,
                store,
                jobs=jobs or None,
                on_start=progress.start,
                on_result=progress.tick,
                fail_fast=fail_fast,
                retry_refused=retry_refused,
                scheduler=scheduler,
                limits=limits,
                extract=extract,
            )
    except KeyboardInterrupt:
        info("interrupted: run again to resume")
        raise typer.Exit(130) from None
    summary = report.summary()
    show(summary.headline())
    if not quiet:
        for line in summary.details():
            show(line)


def _extract_settings(headers: Path | None) -> ExtractSettings:
    """Extraction settings with the officers' header overrides of `--headers`, if given."""
    from councilpapers.extract.settings import ExtractSettings

    return ExtractSettings(header_overrides=header_overrides(headers))


class _Progress:
    """A rich bar with total and ETA on a terminal; otherwise a line every few seconds."""

    def __init__(self, quiet: bool) -> None:
        self.total, self.quiet, self.done, self.refused = 0, quiet, 0, 0
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.terminal = sys.stderr.isatty() and not quiet

    def __enter__(self) -> _Progress:
        if self.terminal:
            self.bar = progress_bar()
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def start(self, total: int) -> None:
        """The files are found: `total` results to come."""
        self.total = total
        self.started = self.last = time.monotonic()
        if self.bar is not None:
            self.task = self.bar.add_task("ingest", total=total)

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
            f"{clock(elapsed)} elapsed, about {clock(left)} left"
        )
