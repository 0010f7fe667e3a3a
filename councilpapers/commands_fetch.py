"""`councilpapers fetch`: a council's papers from its ModernGov site into a folder (and the store).

Parses the options, checks the dates, calls `fetch.run.fetch_papers` once and reports: skipped
meetings and failed files as they happen, progress like `ingest`'s (meetings looked at, then files
fetched, each out of its total: a bar on a terminal, a line every few seconds otherwise, on
standard error), a summary line at the end. With `--db` the files are then ingested,
and the batch takes each one's committee and meeting date from its sidecar. httpx, tenacity,
protego and lxml (the `fetch` extra) are imported only when the command runs.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from councilpapers.cli_options import BadUsage, QuietOption
from councilpapers.cli_output import clock, command, info, progress_bar, show
from councilpapers.errors import CouncilPapersError

if TYPE_CHECKING:
    from councilpapers.fetch.run import Event, FetchReport

LINE_EVERY = 5.0
EXTRA = "pip install 'councilpapers[fetch]'"


@command
def fetch(
    site: Annotated[
        str,
        typer.Argument(
            metavar="SITE_URL",
            help="The council's ModernGov site, e.g. https://democracy.COUNCIL.gov.uk",
        ),
    ],
    committee: Annotated[
        list[str],
        typer.Option(
            "--committee", "-c", metavar="NAME_OR_ID", help="A committee's name or id (repeatable)."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="DIR", help="Folder the papers are saved under.")
    ],
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="First meeting date (YYYY-MM-DD); default: a year before --to.",
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help="Last meeting date (YYYY-MM-DD); default: today."
        ),
    ] = None,
    frontsheet: Annotated[bool, typer.Option(help="Also the agenda frontsheet.")] = False,
    minutes: Annotated[
        bool, typer.Option(help="Also the printed minutes, once published.")
    ] = False,
    items: Annotated[
        bool, typer.Option(help="Also every item document, even where a reports pack has them.")
    ] = False,
    since_last: Annotated[
        bool,
        typer.Option(help="Start --window days before the latest meeting already in --out."),
    ] = False,
    window: Annotated[
        int, typer.Option(min=0, metavar="DAYS", help="How far back --since-last re-checks.")
    ] = 90,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="STORE", help="Ingest the papers into this store too."),
    ] = None,
    delay: Annotated[
        float, typer.Option(min=0, metavar="SECONDS", help="Pause between requests to the site.")
    ] = 1.0,
    timeout: Annotated[
        float,
        typer.Option(min=1, metavar="SECONDS", help="How long to wait for the site to answer."),
    ] = 120.0,
    retries: Annotated[
        int,
        typer.Option(min=0, metavar="N", help="Tries again after 429, 5xx or a cut-off transfer."),
    ] = 4,
    max_mb: Annotated[
        float, typer.Option(min=1, metavar="MIB", help="A file bigger than this is refused.")
    ] = 500.0,
    contact: Annotated[
        str | None,
        typer.Option(
            metavar="URL", help="Your URL or email, put in the User-Agent for the council."
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Download a council's committee papers from its ModernGov site (web service or pages).

    For each meeting of the committees in the range: the public reports pack and its supplements
    (else the item documents), each with a JSON sidecar; cancelled and unpublished meetings are
    skipped. A second run asks only conditionally and transfers no unchanged file."""
    run = _library()
    try:
        last = run.iso_date(end, "--to") if end else date.today()
        first = run.iso_date(start, "--from") if start else last - timedelta(days=365)
        run.check_range(first, last)
        settings = run.FetchSettings(
            delay=delay,
            read_timeout=timeout,
            retries=retries,
            max_bytes=int(max_mb * run.MIB),
            **({"contact": contact} if contact else {}),
        )
    except run.UsageError as exc:
        raise BadUsage(str(exc)) from exc
    selection = run.Selection(
        tuple(committee),
        first,
        last,
        run.Wanted(frontsheet, minutes, items),
        window if since_last else None,
    )
    progress = _Progress(quiet)
    try:
        with progress:
            report = run.fetch_papers(site, selection, out, settings, on_event=progress.event)
    except run.UnknownCommittee as exc:
        raise BadUsage(str(exc)) from exc
    except KeyboardInterrupt:
        info("interrupted: run again to resume (no partial file is kept)")
        raise typer.Exit(130) from None
    _report(report, quiet)
    if db is not None and report.pdfs:
        _ingest(report.pdfs, out, db, quiet)


def _library() -> Any:
    """The fetch library, or a one-line error naming the extra to install."""
    try:
        from councilpapers.fetch import cli_api
    except ImportError as exc:
        missing = (exc.name or "its libraries").split(".")[0]
        raise CouncilPapersError(f"fetch needs {missing}: {EXTRA}") from exc
    return cli_api


def _report(report: FetchReport, quiet: bool) -> None:
    show(report.headline())
    for outcome in report.files:
        if outcome.status == "failed":
            show(f"  failed: {outcome.path}: {outcome.reason}")
        elif not quiet:
            show(f"  {outcome.status}: {outcome.path}")


def _ingest(paths: list[Path], out: Path, db: str, quiet: bool) -> None:
    """The files this run holds, as one batch rooted at `out` (each stored with its source
    `<committee>/<yyyy-mm-dd>/<file>.pdf`), through the library's ingest entry point (the batch
    reads each one's sidecar and stores the site's committee and meeting date)."""
    from councilpapers.batch.run import ingest_paths
    from councilpapers.commands_ingest import _Progress as IngestProgress
    from councilpapers.corpus.store import Store

    try:
        with Store.open(db) as store, IngestProgress(quiet) as progress:
            report = ingest_paths(
                paths, store, on_start=progress.start, on_result=progress.tick, root=out
            )
    except KeyboardInterrupt:
        info("interrupted: run again to resume")
        raise typer.Exit(130) from None
    summary = report.summary()
    show(f"ingest into {db}: {summary.headline()}")
    if not quiet:
        for line in summary.details():
            show(line)


class _Progress:
    """Progress like `ingest`'s, in two stretches: meetings looked at out of meetings listed, then
    files fetched out of files to fetch (each total known before its stretch starts). A rich bar
    on a terminal, else a line every few seconds, both on standard error; skipped meetings and
    notes are said as they happen (unless quiet)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.unit, self.total, self.done, self.failed = quiet, "meetings", 0, 0, 0
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty() and not self.quiet:
            self.bar = progress_bar()
            self.bar.__enter__()
            self.task = self.bar.add_task("meetings", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def event(self, event: Event) -> None:
        if event.kind == "meetings":
            self.total += event.count
        elif event.kind == "meeting":
            self.done += 1
        elif event.kind == "files":
            self.unit, self.total, self.done = "files", event.count, 0
            self.started = self.last = time.monotonic()
        elif event.kind == "file" and event.outcome is not None:
            self.done += 1
            self.failed += event.outcome.status == "failed"
        elif event.message:
            self._say(event.message)
        self._tick(event)

    def _say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.console.print(message, markup=False, highlight=False)
        else:
            info(message, self.quiet)

    def _tick(self, event: Event) -> None:
        if self.bar is not None:
            name = event.outcome.path.name[:40] if event.outcome else self.unit
            self.bar.update(
                self.task, total=self.total or None, completed=self.done, description=name
            )
            return
        now = time.monotonic()
        step = event.kind in ("meeting", "file")
        if step and not self.quiet and now - self.last >= LINE_EVERY and self.done < self.total:
            self.last = now
            info(self.line(now))

    def line(self, now: float) -> str:
        elapsed = now - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        counts = f"{self.done}/{self.total} {self.unit}"
        if self.unit == "files":
            counts += f", {self.failed} failed"
        else:
            counts += " looked at"
        return f"fetch: {counts}, {clock(elapsed)} elapsed, about {clock(left)} left"
