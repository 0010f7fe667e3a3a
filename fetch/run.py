"""`fetch_papers`: the one entry point. Committees -> meetings in range -> files on disk.

For each committee asked for (by name or id; an unknown one is an error listing the site's
committees), each meeting in the range is looked at once: a cancelled or unpublished meeting is
skipped with a line saying so; otherwise the files `plan` chooses are downloaded (conditionally)
under `DIR/<committee>/<yyyy-mm-dd>/`, each with its sidecar. The run lists first (every
committee's meetings, then every meeting's papers) and downloads after, so the number of meetings
and then of files is known before the work on them starts (progress with totals, like ingest's).
A file that cannot be had is that file's failed outcome and the run goes on; a site that stops
answering ends the run. `since_last`
starts each committee that many days before the latest meeting already fetched into DIR, so a
scheduled run re-checks a rolling window of recent meetings (late minutes, republished packs).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import httpx

from councilpapers.fetch.download import FileOutcome, Status, download
from councilpapers.fetch.errors import BadRange, FetchError, SiteUnreachable, UnknownCommittee
from councilpapers.fetch.model import Committee, Meeting
from councilpapers.fetch.plan import Planned, Wanted, choose, place
from councilpapers.fetch.polite import Clock
from councilpapers.fetch.routes import Route, choose_route
from councilpapers.fetch.settings import FetchSettings
from councilpapers.fetch.sidecar import last_fetched
from councilpapers.fetch.site import Site

EventKind = Literal["route", "meetings", "meeting", "skipped", "note", "files", "file"]


@dataclass(frozen=True, slots=True)
class Selection:
    """What to fetch: committees (names or ids), the date range, extra kinds, the re-check
    window in days for `since_last` (None: use `start`)."""

    committees: tuple[str, ...]
    start: date
    end: date
    wanted: Wanted = field(default_factory=Wanted)
    since_last: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something the person running the fetch may want to see, as it happens."""

    kind: EventKind
    message: str = ""
    count: int = 0
    outcome: FileOutcome | None = None


OnEvent = Callable[[Event], None]


@dataclass
class FetchReport:
    site: str
    route: str = ""
    committees: list[Committee] = field(default_factory=list)
    meetings: int = 0
    skipped: list[str] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)
    requests: int = 0

    def count(self, status: Status) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def pdfs(self) -> list[Path]:
        """Every file the run holds on disk: downloaded now or unchanged since before."""
        return [f.path for f in self.files if f.status != "failed"]

    def headline(self) -> str:
        return (
            f"{self.meetings} meetings via the {self.route}: "
            f"{self.count('downloaded')} downloaded, {self.count('unchanged')} unchanged, "
            f"{self.count('failed')} failed, "
            f"{len(self.skipped)} meetings skipped; {self.requests} requests"
        )


def check_range(start: date, end: date) -> None:
    if start > end:
        raise BadRange(f"--from {start} is after --to {end}: give the earlier date first")


def fetch_papers(
    address: str,
    selection: Selection,
    out: Path,
    settings: FetchSettings | None = None,
    clock: Clock | None = None,
    on_event: OnEvent | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchReport:
    check_range(selection.start, selection.end)
    emit = on_event or (lambda event: None)
    with Site(address, settings, clock, transport) as site:
        report = FetchReport(site.base)
        try:
            route = choose_route(site)
            report.route = route.name
            emit(Event("route", f"{site.base}: reading its {route.name}"))
            report.committees = resolve(selection.committees, route.committees())
            listed = [_meetings(route, c, selection, out, emit) for c in report.committees]
            report.meetings = sum(len(meetings) for meetings in listed)
            jobs = [
                job
                for meetings in listed
                for job in _papers(site, route, meetings, selection.wanted, out, report, emit)
            ]
            emit(Event("files", f"{len(jobs)} files to fetch", len(jobs)))
            for job in jobs:
                outcome = download(site, job)
                report.files.append(outcome)
                emit(Event("file", outcome=outcome))
        finally:
            report.requests = site.requests
    return report


def _meetings(
    route: Route, committee: Committee, selection: Selection, out: Path, emit: OnEvent
) -> list[Meeting]:
    start = _start(selection, out, committee, emit)
    meetings = route.meetings(committee, start, selection.end)
    emit(Event("meetings", f"{committee.title}: {len(meetings)} meetings", len(meetings)))
    return meetings


def _papers(
    site: Site,
    route: Route,
    meetings: list[Meeting],
    wanted: Wanted,
    out: Path,
    report: FetchReport,
    emit: OnEvent,
) -> list[Planned]:
    """The files to fetch for one committee's meetings, each meeting looked at once."""
    days = Counter(m.date for m in meetings)
    jobs: list[Planned] = []
    for meeting in meetings:
        jobs += _meeting(site, route, meeting, days[meeting.date] > 1, wanted, out, report, emit)
        emit(Event("meeting"))
    return jobs


def _start(selection: Selection, out: Path, committee: Committee, emit: OnEvent) -> date:
    if selection.since_last is None:
        return selection.start
    last = last_fetched(out, committee.id)
    if last is None:
        emit(
            Event(
                "note",
                f"{committee.title}: nothing fetched into {out} yet, so from {selection.start}",
            )
        )
        return selection.start
    return min(last - timedelta(days=selection.since_last), selection.end)


def _meeting(
    site: Site,
    route: Route,
    meeting: Meeting,
    same_day: bool,
    wanted: Wanted,
    out: Path,
    report: FetchReport,
    emit: OnEvent,
) -> list[Planned]:
    """The files to fetch for one meeting (none, saying why, for a meeting skipped)."""
    label = f"{meeting.committee.title} {meeting.date.isoformat()} (meeting {meeting.id})"

    def skip(why: str) -> list[Planned]:
        report.skipped.append(f"{label}: {why}")
        emit(Event("skipped", f"skipped {label}: {why}"))
        return []

    if meeting.cancelled:
        return skip("cancelled")
    try:
        found = route.papers(meeting)
    except SiteUnreachable:
        raise
    except FetchError as exc:
        return skip(f"its papers could not be listed ({exc})")
    if found.cancelled:
        return skip("cancelled")
    if not found.published:
        return skip("unpublished (its agenda is not published yet)")
    papers, notes = choose(found, wanted)
    off_site = [p for p in papers if not site.holds(p.url)]
    notes += [f"{p.url} is off the site: not fetched" for p in off_site]
    for note in [*notes, *([found.note] if found.note else [])]:
        emit(Event("note", f"{label}: {note}"))
    papers = [p for p in papers if p not in off_site]
    if not papers:
        return skip("no public papers")
    return place(out, meeting, papers, same_day)


def resolve(asked: Sequence[str], listed: Sequence[Committee]) -> list[Committee]:
    """The site's committees named (case and spacing aside) or numbered by `asked`."""
    chosen: list[Committee] = []
    for text in asked:
        found = _matches(text, listed)
        if len(found) > 1:
            names = ", ".join(f"{c.title} ({c.id})" for c in found)
            raise UnknownCommittee(f"{text!r} names {len(found)} committees ({names}): give the id")
        if not found:
            raise UnknownCommittee(_unknown(text, listed))
        if found[0] not in chosen:
            chosen.append(found[0])
    return chosen


def _matches(text: str, listed: Sequence[Committee]) -> list[Committee]:
    key = text.strip()
    if key.isdigit():
        return [c for c in listed if c.id == int(key)]
    found = [c for c in listed if _fold(c.title) == _fold(key)]
    current = [c for c in found if c.current]
    return current if len(found) > 1 and len(current) == 1 else found


def _unknown(text: str, listed: Sequence[Committee]) -> str:
    current = [c for c in listed if c.current] or list(listed)
    close = difflib.get_close_matches(_fold(text), [_fold(c.title) for c in listed], n=1)
    hint = [c.title for c in listed if close and _fold(c.title) == close[0]][:1]
    names = "; ".join(f"{c.title} ({c.id})" for c in sorted(current, key=lambda c: c.title))
    older = len(listed) - len(current)
    return (
        f"the site has no committee {text!r}"
        + (f" (did you mean {hint[0]!r}?)" if hint else "")
        + f". Its committees: {names}"
        + (f"; and {older} that no longer meet (expired or deleted)" if older else "")
    )


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
