"""Reading what a ModernGov site says: the web service's XML (the real responses of a council in
../shared/real/moderngov, and the stand-in's), its pages' markup, and its ways of writing dates."""

from __future__ import annotations

from datetime import date

import pytest

from councilpapers.fetch import pages, webservice
from councilpapers.fetch.dates import clock_time, iso_date, service_date, written_date
from councilpapers.fetch.errors import BadRange, FetchError
from councilpapers.fetch.model import Committee
from councilpapers.fetch.plan import Wanted, choose, place, safe_name
from councilpapers.fetch.site import absolute, site_base
from tests.conftest import REAL

GLOUCESTER = REAL / "moderngov" / "gloucester"
needs_gloucester = pytest.mark.skipif(
    not GLOUCESTER.is_dir(),
    reason="../shared/real/moderngov is not beside this checkout; CI has it",
)
CABINET = Committee(129, "Cabinet")


@needs_gloucester
def test_real_committees_counts_and_flags() -> None:
    found = webservice.parse_committees((GLOUCESTER / "GetCommittees.xml").read_bytes())
    assert len(found) == 131  # <committeescount> 131</committeescount>, leading space and all
    assert Committee(129, "Cabinet", True) in found
    assert Committee(123, "Airport Sub Committee", False) in found  # committeeexpired True


@needs_gloucester
def test_real_meetings_dates_times_and_the_cancelled_one() -> None:
    found = webservice.parse_meetings((GLOUCESTER / "GetMeetings.xml").read_bytes(), CABINET)
    assert len(found) == 20
    cancelled = [m for m in found if m.cancelled]
    assert [(m.id, m.date, m.status) for m in cancelled] == [(7506, date(2024, 6, 12), "Cancelled")]
    special = next(m for m in found if m.id == 7837)
    assert (special.date, special.time, special.cancelled) == (date(2025, 11, 21), "12:30", False)


@needs_gloucester
def test_real_meeting_items_linked_documents_and_double_escaping() -> None:
    found = webservice.parse_meeting((GLOUCESTER / "GetMeeting_7837.xml").read_bytes(), str)
    assert found.published and not found.cancelled
    assert len(found.papers) == 7 and {p.kind for p in found.papers} == {"item"}
    first = found.papers[0]
    assert first.title == "Cabinet - Public Questions"
    assert first.url == "https://democracy.Gloucester.gov.uk/mgConvert2PDF.aspx?ID=65461"
    assert (first.item, first.item_title) == ("52", "Public Question Time (15 minutes)")
    raw = (GLOUCESTER / "GetMeeting_7837.xml").read_bytes()
    titles = webservice.parse_meeting(raw.replace(b"Public Question", b"Members&amp;#39; Q"), str)
    assert titles.papers[0].item_title == "Members' Q Time (15 minutes)"  # escaped twice


def test_a_meeting_the_service_does_not_say_is_unpublished_is_judged_by_its_papers() -> None:
    bare = b"<?xml version='1.0'?><meeting><meetingid>1</meetingid><agendaitems/></meeting>"
    assert webservice.parse_meeting(bare, str).published
    off = bare.replace(b"<agendaitems/>", b"<agendapublished>False</agendapublished>")
    assert not webservice.parse_meeting(off, str).published


def test_service_answers_that_are_not_its_xml_are_refused() -> None:
    with pytest.raises(FetchError, match="not XML"):
        webservice.parse_committees(b"<html><body>Welcome</body>")
    with pytest.raises(FetchError, match="<committees> was expected"):
        webservice.parse_committees(b"<?xml version='1.0'?><error>off</error>")


MEETINGS_PAGE = b"""<html><body><div id="modgov"><ul class="mgBulletList">
<li><a href="ieListDocuments.aspx?CId=129&amp;MId=7507&amp;Ver=4">17 Jul 2024 6.00 pm</a></li>
<li><a href="ieListDocuments.aspx?CId=129&amp;MId=7506&amp;Ver=4">12 Jun 2024 6.00 pm</a>
 CANCELLED</li>
<li><a href="ieListDocuments.aspx?CId=129&amp;MeetingId=7400">Wednesday, 10th January, 2024 10.00 am</a></li>
<li><a href="ieListMeetings.aspx?CId=129&amp;Year=2023">Earlier meetings</a></li>
</ul></div></body></html>"""  # noqa: E501 (a page as served)

MEETING_PAGE = b"""<html><body><div id="modgov">
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Cabinet - Wednesday, 17th July, 2024 6.00 pm</h2></div>
<div class="mgLinks"><ul class="mgActionList">
<li><a href="documents/g7507/Public reports pack 17th-Jul-2024 18.00 Cabinet.pdf?T=10">Public reports pack<span class="mgFileSize">PDF 3 MB</span></a></li>
<li><a href="documents/g7507/Printed minutes\r\n17th-Jul-2024 18.00 Cabinet.pdf?T=1">Printed minutes<span class="mgFileSize">PDF 200 KB</span></a></li>
<li><a href="documents/g7507/Agenda frontsheet 17th-Jul-2024 18.00 Cabinet.pdf?T=0">Agenda frontsheet<span class="mgFileSize">PDF 90 KB</span></a></li>
<li><a href="mgIssueHistoryHome.aspx?IId=1">Decisions</a></li></ul></div>
<table class="mgItemTable"><tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">5.</p></td>
<td><p class="mgAiTitleTxt"><a href="mgAi.aspx?ID=5">Budget monitoring</a></p>
<ul class="mgBulletList"><li><a href="documents/s6541/Budget report Q1.pdf">Budget report Q1<span class="mgFileSize">PDF 1 MB</span></a></li></ul>
</td></tr></table></div></body></html>"""  # noqa: E501 (a page as served)


def test_meeting_list_links_dates_and_cancelled_mark() -> None:
    base = "https://democracy.example.gov.uk/ieListMeetings.aspx?CId=129&Year=2024"
    found = {m.id: m for m in pages.parse_meeting_list(MEETINGS_PAGE, CABINET, base)}
    assert set(found) == {7507, 7506, 7400}
    assert (found[7507].date, found[7507].time, found[7507].cancelled) == (
        date(2024, 7, 17),
        "18:00",
        False,
    )
    assert found[7506].cancelled and not found[7400].cancelled
    assert (found[7400].date, found[7400].time) == (date(2024, 1, 10), "10:00")


def test_meeting_page_packs_minutes_frontsheet_and_item_documents() -> None:
    base = "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=129&MId=7507"
    found = pages.parse_meeting_page(MEETING_PAGE, base)
    kinds = {p.kind: p for p in found.papers}
    assert set(kinds) == {"pack", "minutes", "frontsheet", "item"}
    assert kinds["pack"].title == "Public reports pack"  # the size note is not in the title
    assert kinds["pack"].url == (
        "https://democracy.example.gov.uk/documents/g7507/"
        "Public%20reports%20pack%2017th-Jul-2024%2018.00%20Cabinet.pdf?T=10"
    )
    assert "%0D" not in kinds["minutes"].url and "minutes%2017th" in kinds["minutes"].url
    item = kinds["item"]
    assert (item.title, item.item, item.item_title) == (
        "Budget report Q1",
        "5",
        "Budget monitoring",
    )
    assert found.published and not found.cancelled


# The habits of real sites' meeting pages (older and newer ModernGov versions): the site under a
# folder with absolute links, `&amp;` in hrefs, hrefs already percent-encoded (commas and all),
# whitespace and a size note inside the link, an icon link beside the worded one, an addendum
# under documents/b…, the frontsheet through mgConvert2PDF.aspx?ID=<MId>&T=0, "Agenda reports pack"
# for the pack, item documents through mgConvert2PDF.aspx?ID=<id>.
OLDER_PAGE = b"""<html><head><title>Agenda for Executive on Wednesday, 6th April, 2011, 10.00 am</title></head>
<body><div id="modgov"><div class="mgLinks"><ul class="mgActionList">
<li><a href="http://webapps.example.gov.uk/moderngov/mgMeetingAttendance.aspx?ID=3007" class="external">Attendance details</a></li>
<li><a href="http://webapps.example.gov.uk/moderngov/mgConvert2PDF.aspx?ID=3035&amp;T=0" class="external"
 title="Link to agenda frontsheet pdf file">Agenda frontsheet
   <span class="mgFileSize"> PDF 54 KB</span> </a></li>
<li><a href="http://webapps.example.gov.uk/moderngov/documents/g3035/Agenda%20reports%20pack,%2006th-Apr-2011%2010.00,%20Executive.pdf?T=10"
 class="external"><img src="mgImages/pdf.gif" alt=""></a>
 <a href="http://webapps.example.gov.uk/moderngov/documents/g3035/Agenda%20reports%20pack,%2006th-Apr-2011%2010.00,%20Executive.pdf?T=10"
 class="external">Agenda reports pack <span class="mgFileSize"> PDF 199 KB</span></a></li>
<li><a href="http://webapps.example.gov.uk/moderngov/documents/b10920/%20Membership%20Addendum,%2006th-Apr-2011%2010.00,%20Executive.pdf?T=9"
 class="external">Membership Addendum <span class="mgFileSize"> PDF 79 KB</span> </a></li>
</ul></div><div class="mgContent"><table class="mgItemTable"><tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt"><a name="AI19271"></a>1.</p></td>
<td><p class="mgAiTitleTxt">Minutes</p><ul class="mgBulletList"><li>
<a href="http://webapps.example.gov.uk/moderngov/mgConvert2PDF.aspx?ID=69880" title="Link to document 'Minutes' pdf file">
Minutes <span class="mgFileSize">PDF 40 KB</span></a></li></ul></td></tr></table></div></div></body></html>"""  # noqa: E501 (a page as served)


def test_older_and_absolute_markup_one_paper_per_file() -> None:
    page = "https://webapps.example.gov.uk/moderngov/ieListDocuments.aspx?CId=12&MId=3035"
    found = pages.parse_meeting_page(OLDER_PAGE, page)
    by_kind = {p.kind: p for p in found.papers}
    assert [p.kind for p in found.papers] == ["frontsheet", "pack", "other", "item"]
    site = "http://webapps.example.gov.uk/moderngov/"
    assert by_kind["frontsheet"].url == f"{site}mgConvert2PDF.aspx?ID=3035&T=0"
    assert by_kind["pack"].title == "Agenda reports pack"  # the worded link, not the icon
    assert by_kind["pack"].url == (
        f"{site}documents/g3035/Agenda%20reports%20pack,%2006th-Apr-2011%2010.00,%20Executive.pdf"
        "?T=10"
    )  # encoded once, not twice
    assert by_kind["other"].title == "Membership Addendum"
    assert (by_kind["item"].url, by_kind["item"].item) == (
        f"{site}mgConvert2PDF.aspx?ID=69880",
        "1",
    )
    assert found.published and not found.cancelled
    assert [p.kind for p in choose(found, Wanted())[0]] == ["pack"]


def test_meeting_links_in_an_unclassed_list_of_mglinks() -> None:
    page = (
        b'<html><body><div class="mgLinks"><ul><li><a href="documents/g5/Public reports pack'
        b' 1st-May-2024 10.00 Cabinet.pdf?T=10">Public reports pack</a></li></ul></div>'
        b"</body></html>"
    )
    found = pages.parse_meeting_page(page, "https://x.gov.uk/ieListDocuments.aspx?CId=1&MId=5")
    assert [p.kind for p in found.papers] == ["pack"]


def test_a_cancelled_meeting_said_in_the_pages_title() -> None:
    cancelled = b"<html><head><title>Agenda for Cabinet on Monday, 4th March, 2024 - CANCELLED</title></head><body></body></html>"  # noqa: E501
    assert pages.parse_meeting_page(cancelled, "http://x/").cancelled


def test_meeting_page_without_papers_is_unpublished_and_a_notice_cancels() -> None:
    empty = b"<html><body><p>The agenda has not been published.</p></body></html>"
    assert not pages.parse_meeting_page(empty, "http://x/").published
    notice = b"<html><body><p>This meeting has been cancelled.</p></body></html>"
    assert pages.parse_meeting_page(notice, "http://x/").cancelled


def test_committee_list_by_either_link() -> None:
    page = (
        b'<html><body><a href="mgCommitteeDetails.aspx?ID=129">Cabinet</a>'
        b'<a href="ieListMeetings.aspx?CId=487&amp;Year=0">Audit and Governance Committee</a>'
        b'<a href="https://x/ieListMeetings.aspx?CommitteeId=111">Executive Board</a>'
        b'<a href="mgMemberIndex.aspx">Councillors</a></body></html>'
    )
    found = pages.parse_committee_list(page, "http://x/mgListCommittees.aspx")
    assert found == [
        Committee(129, "Cabinet"),
        Committee(487, "Audit and Governance Committee"),
        Committee(111, "Executive Board"),
    ]


def test_pack_first_items_when_none_extras_when_asked() -> None:
    base = "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=129&MId=7507"
    found = pages.parse_meeting_page(MEETING_PAGE, base)
    assert [p.kind for p in choose(found, Wanted())[0]] == ["pack"]
    chosen, notes = choose(found, Wanted(frontsheet=True, minutes=True, items=True))
    assert sorted(p.kind for p in chosen) == ["frontsheet", "item", "minutes", "pack"]
    no_pack = found.__class__(tuple(p for p in found.papers if p.kind == "item"))
    chosen, notes = choose(no_pack, Wanted(minutes=True))
    assert [p.kind for p in chosen] == ["item"]
    assert notes == [
        "no reports pack published: its 1 item documents instead",
        "no printed minutes published",
    ]


def test_places_are_safe_and_distinct(tmp_path: object) -> None:
    from pathlib import Path

    from councilpapers.fetch.model import Meeting, Paper

    meeting = Meeting(1, Committee(2, "Audit / Risk: Panel"), date(2024, 5, 1))
    twins = [Paper("item", "Appendix A", "http://x/a?1"), Paper("item", "appendix a", "http://x/b")]
    placed = place(Path("out"), meeting, twins, same_day=True)
    assert [str(p.path) for p in placed] == [
        "out/Audit Risk Panel/2024-05-01-1/Appendix A.pdf",
        "out/Audit Risk Panel/2024-05-01-1/appendix a (2).pdf",
    ]
    assert safe_name('..\x00<>"', "fallback") == "fallback"


def test_dates_as_the_site_and_the_command_line_write_them() -> None:
    assert service_date("17/07/2024") == date(2024, 7, 17) and service_date("31/02/2024") is None
    assert written_date("Wednesday, 17th July, 2024 6.00 pm") == date(2024, 7, 17)
    assert written_date("17 Sept 2024") == date(2024, 9, 17)
    assert [clock_time(t) for t in ("6.00 pm", "12.30 pm", "10 am", "12.00 am", "")] == [
        "18:00",
        "12:30",
        "10:00",
        "00:00",
        None,
    ]
    assert iso_date("2024-07-01", "--from") == date(2024, 7, 1)
    with pytest.raises(BadRange, match="--to '01/07/2024' is not a date"):
        iso_date("01/07/2024", "--to")


def test_site_addresses_and_links() -> None:
    assert site_base("democracy.example.gov.uk") == "https://democracy.example.gov.uk/"
    assert site_base("https://x.gov.uk/moderngov/mgListCommittees.aspx?XXR=0") == (
        "https://x.gov.uk/moderngov/"
    )
    assert site_base("http://x.gov.uk/mgWebService.asmx/GetCommittees") == "http://x.gov.uk/"
    assert (
        absolute("http://x/a/b.aspx", "documents/s1/A b.pdf") == "http://x/a/documents/s1/A%20b.pdf"
    )
