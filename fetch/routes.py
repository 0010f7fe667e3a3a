"""The two ways into a ModernGov site, behind one interface: its web service, or its pages.

`choose_route` asks the web service for the committees; a site that answers with ModernGov's XML
gets the `ServiceRoute` (meetings and item documents from the service, the meeting-level PDFs from
each meeting's page, which the service does not list, or from the `mgChooseDocPack.aspx` page it
links in their place). A site whose service is off (404, an error
page, robots.txt keeping us out) gets the `PagesRoute`, which reads everything from the pages. A
site that answers neither way is `NotModernGov`; one that does not answer at all, `SiteUnreachable`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from councilpapers.fetch import pages, webservice
from councilpapers.fetch.errors import FetchError, NotModernGov, SiteUnreachable
from councilpapers.fetch.model import Committee, Meeting, MeetingPapers
from councilpapers.fetch.site import Site


class Route(Protocol):
    name: str

    def committees(self) -> list[Committee]: ...

    def meetings(self, committee: Committee, start: date, end: date) -> list[Meeting]: ...

    def papers(self, meeting: Meeting) -> MeetingPapers: ...


def choose_route(site: Site) -> Route:
    try:
        body = site.get(site.url(webservice.committees_path()))
        return ServiceRoute(site, webservice.parse_committees(body.content))
    except SiteUnreachable:
        raise
    except FetchError as service_off:
        why = str(service_off)
    try:
        body = site.get(site.url(pages.COMMITTEES_PAGE))
        found = pages.parse_committee_list(body.content, body.url)
    except SiteUnreachable:
        raise
    except FetchError as exc:
        found, why = [], f"{why}; {exc}"
    if not found:
        raise NotModernGov(
            f"{site.base} does not look like a ModernGov site: neither its web service "
            f"({webservice.SERVICE}) nor its committee list ({pages.COMMITTEES_PAGE}) answered "
            f"as ModernGov does ({why})"
        )
    return PagesRoute(site, found)


@dataclass
class ServiceRoute:
    site: Site
    listed: list[Committee]
    name: str = "web service"

    def committees(self) -> list[Committee]:
        return self.listed

    def meetings(self, committee: Committee, start: date, end: date) -> list[Meeting]:
        path, params = webservice.meetings_query(committee, start, end)
        body = self.site.get(self.site.url(path, params))
        return _in_range(webservice.parse_meetings(body.content, committee), start, end)

    def papers(self, meeting: Meeting) -> MeetingPapers:
        path, params = webservice.meeting_query(meeting)
        body = self.site.get(self.site.url(path, params))
        service = webservice.parse_meeting(body.content, self.site.rebase)
        try:
            page = _page(self.site, meeting)
        except SiteUnreachable:
            raise
        except FetchError as exc:  # the service's item documents are still worth having
            return replace(service, note=f"its page could not be read ({exc})")
        level = tuple(p for p in page.papers if p.kind != "item")
        return MeetingPapers(
            level + service.papers,
            service.cancelled or page.cancelled,
            service.published,
            page.note,  # a pack page that could not be read
        )


@dataclass
class PagesRoute:
    site: Site
    listed: list[Committee]
    name: str = "pages"
    seen: dict[tuple[int, int], list[Meeting]] = field(default_factory=dict)

    def committees(self) -> list[Committee]:
        return self.listed

    def meetings(self, committee: Committee, start: date, end: date) -> list[Meeting]:
        """Every year page that can hold the range: `Year=` is the calendar year on some sites
        and the municipal year (May to April) on others, so the year before is read too."""
        found: dict[int, Meeting] = {}
        for year in range(start.year - 1, end.year + 1):
            params = {"CId": committee.id, "Year": year}
            body = self.site.get(self.site.url(pages.MEETINGS_PAGE, params))
            for meeting in pages.parse_meeting_list(body.content, committee, body.url):
                found.setdefault(meeting.id, meeting)
        return _in_range(list(found.values()), start, end)

    def papers(self, meeting: Meeting) -> MeetingPapers:
        return _page(self.site, meeting)


def _page(site: Site, meeting: Meeting) -> MeetingPapers:
    """The meeting's page, and the pack page it links where it links no pack itself."""
    path, params = pages.meeting_page_path(meeting)
    body = site.get(site.url(path, params))
    found = pages.parse_meeting_page(body.content, body.url)
    if any(p.kind == "pack" for p in found.papers) or not found.pack_pages:
        return found
    papers, notes = list(found.papers), [found.note] if found.note else []
    for url in found.pack_pages:
        try:
            listed = site.get(url)
        except SiteUnreachable:
            raise
        except FetchError as exc:
            notes.append(f"its pack page could not be read ({exc})")
            continue
        known = {p.url for p in papers}
        fresh = pages.parse_pack_page(listed.content, listed.url)
        papers += [p for p in fresh if p.url not in known]
    return replace(found, papers=tuple(papers), note="; ".join(notes))


def _in_range(meetings: list[Meeting], start: date, end: date) -> list[Meeting]:
    """Some sites ignore the range asked for: keep only what is in it, in date order."""
    return sorted((m for m in meetings if start <= m.date <= end), key=lambda m: (m.date, m.id))
