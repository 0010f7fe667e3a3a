"""A ModernGov site's web service (`mgWebService.asmx`): plain GETs answered with bare XML.

`GetCommittees`, `GetMeetings?lCommitteeId=&sFromDate=&sToDate=` (dates dd/mm/yyyy; some sites
ignore the range, so `run` filters again) and `GetMeeting?lMeetingId=` (agenda items, each with
`linkeddocuments/linkeddoc`: attachment id, title, `mgConvert2PDF.aspx?ID=` URL, restricted flag).
The XML's habits, as the real responses in ../shared/real/moderngov show them: booleans are
`True`/`False`, counts carry a leading space, rich text is HTML-escaped and some titles twice
(`&amp;#39;`). The meeting-level PDFs (pack, frontsheet, minutes) are not here: see pages.py.
Parsed with lxml, entities unresolved and no network.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from lxml import etree

from councilpapers.fetch.dates import clock_time, service_date
from councilpapers.fetch.errors import FetchError
from councilpapers.fetch.model import Committee, Meeting, MeetingPapers, Paper

SERVICE = "mgWebService.asmx"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)


def committees_path() -> str:
    return f"{SERVICE}/GetCommittees"


def meetings_query(committee: Committee, start: date, end: date) -> tuple[str, dict[str, str]]:
    params = {
        "lCommitteeId": str(committee.id),
        "sFromDate": start.strftime("%d/%m/%Y"),
        "sToDate": end.strftime("%d/%m/%Y"),
    }
    return f"{SERVICE}/GetMeetings", params


def meeting_query(meeting: Meeting) -> tuple[str, dict[str, str]]:
    return f"{SERVICE}/GetMeeting", {"lMeetingId": str(meeting.id)}


def parse_committees(content: bytes) -> list[Committee]:
    root = _root(content, "committees")
    found = []
    for node in root.iter("committee"):
        number = _int(_text(node, "committeeid"))
        if number is not None:
            gone = _flag(node, "committeedeleted") or _flag(node, "committeeexpired")
            found.append(Committee(number, _title(node, "committeetitle"), not gone))
    return found


def parse_meetings(content: bytes, committee: Committee) -> list[Meeting]:
    root = _root(content, "getmeetings")
    found = []
    for node in root.iter("meeting"):
        number, when = _int(_text(node, "meetingid")), service_date(_text(node, "meetingdate"))
        if number is None or when is None:
            continue
        status = _text(node, "meetingstatus")
        found.append(
            Meeting(
                number,
                committee,
                when,
                clock_time(_text(node, "meetingtime")),
                status,
                "cancel" in status.lower(),
            )
        )
    return found


def parse_meeting(content: bytes, rebase: Callable[[str], str]) -> MeetingPapers:
    """A meeting's status and its item documents (URLs passed through `rebase`)."""
    root = _root(content, "meeting")
    status = _text(root, "meetingstatus")
    # a service that does not say (no <agendapublished>) leaves it to the papers found
    published = _flag(root, "agendapublished", True) and _flag(root, "isdisplayallowed", True)
    papers = []
    for item in root.iter("agendaitem"):
        printed = _text(item, "fulldisplaynumberformat").rstrip(".")
        number = printed or _text(item, "agendaitemnumber")
        for doc in item.iter("linkeddoc"):
            url = _text(doc, "url")
            if url and not _flag(doc, "isurl"):
                papers.append(
                    Paper(
                        "item",
                        _title(doc, "title"),
                        rebase(url),
                        number or None,
                        _title(item, "agendaitemtitle") or None,
                        _flag(doc, "isrestricted"),
                    )
                )
    return MeetingPapers(tuple(papers), "cancel" in status.lower(), published)


def _root(content: bytes, tag: str) -> etree._Element:
    try:
        root = etree.fromstring(content, PARSER)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"the web service answered with something not XML ({exc})") from exc
    if root.tag != tag:
        raise FetchError(f"the web service answered <{root.tag!s}> where <{tag}> was expected")
    return root


def _text(node: etree._Element, tag: str) -> str:
    return (node.findtext(tag) or "").strip()


def _title(node: etree._Element, tag: str) -> str:
    """Text the service escaped once more than XML needs (`&amp;#39;`), unescaped."""
    return " ".join(html.unescape(_text(node, tag)).split())


def _flag(node: etree._Element, tag: str, missing: bool = False) -> bool:
    text = _text(node, tag)
    return text.lower() == "true" if text else missing


def _int(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None
