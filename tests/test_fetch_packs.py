"""The pack pages ModernGov also uses, and documents served from elsewhere: a meeting page that
links its pack through `mgChooseDocPack.aspx?ID=<MId>` (followed only when the page links no pack
itself; public and supplementary packs taken, a restricted one never asked for), supplementary
agenda packs beside the main pack (each its own file, kind "supplement" in its sidecar), and
document links on another host (a CDN) or scheme, whose robots.txt and delay are that host's own.
All against the stand-in council on the local replay server, on a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from councilpapers.fetch import pages
from councilpapers.fetch.errors import Disallowed
from councilpapers.fetch.model import Committee, Meeting
from councilpapers.fetch.plan import Wanted, choose
from councilpapers.fetch.routes import PagesRoute
from councilpapers.fetch.run import FetchReport, Selection, fetch_papers
from councilpapers.fetch.settings import FetchSettings
from councilpapers.fetch.site import Site
from councilpapers.ingest.sidecar import read_sidecar
from tests.replay import FakeClock, Replay, Reply, Request, html, serving
from tests.standin import CSSP, Council, Markup, other_council

YEAR = Selection((str(CSSP),), date(2024, 1, 1), date(2024, 12, 31))
OTHER_HOST = "127.0.0.2"  # loopback too, but another host name to the fetcher
JULY = "2024-07-15"

# A meeting page as sites using the pack page write it: the pack's link goes to
# mgChooseDocPack.aspx (relative, `&amp;`-free), the frontsheet and an item's supplement directly.
MEETING_PAGE = b"""<html><head><title>Agenda for Cabinet on Wednesday, 17th July, 2024, 6.00 pm</title>
</head><body><div id="modgov"><div class="mgLinks"><ul class="mgActionList">
<li><a href="mgChooseDocPack.aspx?ID=7507" title="Link to agenda reports pack">Agenda reports pack</a></li>
<li><a href="documents/g7507/Agenda frontsheet 17th-Jul-2024 18.00 Cabinet.pdf?T=0">Agenda frontsheet
<span class="mgFileSize">PDF 80 KB</span></a></li>
<li><a href="documents/b9001/Item 5 Supplement 17th-Jul-2024 18.00 Cabinet.pdf?T=9">Item 5 Supplement
<span class="mgFileSize">PDF 120 KB</span></a></li>
</ul></div></div></body></html>"""  # noqa: E501 (a page as served)

# The pack page it links: the packs as a bulleted list, icon links beside the worded ones, a
# restricted pack as a site lists it.
PACK_PAGE = b"""<html><head><title>Choose document pack</title></head><body><div id="modgov">
<div class="mgContent"><ul class="mgBulletList">
<li><a href="documents/g7507/Public reports pack 17th-Jul-2024 18.00 Cabinet.pdf?T=10"><img src="mgImages/pdf.gif" alt=""></a>
<a href="documents/g7507/Public reports pack 17th-Jul-2024 18.00 Cabinet.pdf?T=10">Public reports pack
<span class="mgFileSize">PDF 2 MB</span></a></li>
<li><a href="documents/g7507/Supplementary agenda pack 1 17th-Jul-2024 18.00 Cabinet.pdf">Supplementary agenda pack 1</a></li>
<li><a href="documents/g7507/Printed minutes 17th-Jul-2024 18.00 Cabinet.pdf?T=1">Printed minutes</a></li>
<li><a href="documents/g7507/Restricted reports pack 17th-Jul-2024 18.00 Cabinet.pdf?T=10">Restricted reports pack</a></li>
<li><a href="ieListDocuments.aspx?CId=129&amp;MId=7507">Back to the meeting</a></li>
</ul></div></div></body></html>"""  # noqa: E501 (a page as served)

SITE = "https://democracy.example.gov.uk/"


def run(site: Replay, out: Path, clock: FakeClock | None = None, **kw: object) -> FetchReport:
    settings = FetchSettings(**kw)  # type: ignore[arg-type]
    return fetch_papers(site.base, YEAR, out, settings, clock or FakeClock())


def kinds(out: Path, day: str) -> dict[str, str]:
    """File name (before its date stamp) -> the kind its sidecar says, for one meeting's folder."""
    found = {}
    for pdf in sorted(out.glob(f"*/{day}/*.pdf")):
        record = read_sidecar(pdf)
        assert record is not None, pdf
        found[pdf.name.split(" 15th-")[0].split(" 17th-")[0]] = record.kind
    return found


def test_a_meeting_page_linking_its_pack_page_is_published_and_names_it() -> None:
    found = pages.parse_meeting_page(MEETING_PAGE, f"{SITE}ieListDocuments.aspx?CId=129&MId=7507")
    assert found.pack_pages == (f"{SITE}mgChooseDocPack.aspx?ID=7507",)
    assert found.published and not found.cancelled
    assert [(p.kind, p.title) for p in found.papers] == [
        ("frontsheet", "Agenda frontsheet"),
        ("supplement", "Item 5 Supplement"),
    ]


def test_the_pack_page_gives_packs_supplements_minutes_and_marks_the_restricted() -> None:
    listed = pages.parse_pack_page(PACK_PAGE, f"{SITE}mgChooseDocPack.aspx?ID=7507")
    assert [(p.kind, p.title, p.restricted) for p in listed] == [
        ("pack", "Public reports pack", False),
        ("supplement", "Supplementary agenda pack 1", False),
        ("minutes", "Printed minutes", False),
        ("pack", "Restricted reports pack", True),
    ]
    assert listed[0].url == (
        f"{SITE}documents/g7507/Public%20reports%20pack%2017th-Jul-2024%2018.00%20Cabinet.pdf?T=10"
    )
    found = pages.parse_meeting_page(MEETING_PAGE, f"{SITE}ieListDocuments.aspx?CId=129&MId=7507")
    both = replace(found, papers=(*found.papers, *listed))
    chosen = [p.title for p in choose(both, Wanted())[0]]
    assert chosen == ["Public reports pack", "Item 5 Supplement", "Supplementary agenda pack 1"]
    without_pack = replace(found, papers=tuple(p for p in both.papers if p.kind != "pack"))
    assert choose(without_pack, Wanted())[0] == []  # a supplement goes only with its pack


@pytest.mark.parametrize("webservice", [True, False], ids=["web service", "pages"])
def test_packs_behind_the_pack_page_are_fetched_with_their_supplements(
    tmp_path: Path, webservice: bool
) -> None:
    council = other_council(webservice, Markup(pack_page=True), supplements=True)
    with serving(council) as site:
        report = run(site, tmp_path, delay=0)
        bodies = site.bodies()
        again = run(site, tmp_path, delay=0)
    assert report.count("failed") == 0 and report.count("downloaded") == 5
    assert again.count("unchanged") == 5 and site.bodies() == bodies == 5  # 304s the second time
    assert kinds(tmp_path, JULY) == {
        "Public reports pack": "pack",
        "Supplementary agenda pack": "supplement",
        "Item 3 Supplement": "supplement",
    }
    assert kinds(tmp_path, "2024-01-15") == {"Public reports pack": "pack"}
    asked = [e.request.path for e in site.log]
    assert not [p for p in asked if "Restricted" in p]  # listed, never asked for
    assert len(site.requests("/mgChooseDocPack.aspx")) == 4  # 9101, 9104 (9103: no pack), each run
    served = council.files()
    for pdf in tmp_path.rglob("*.pdf"):
        assert pdf.read_bytes() in served.values()


def test_supplements_beside_a_directly_linked_pack_and_no_pack_page_asked(tmp_path: Path) -> None:
    with serving(other_council(supplements=True)) as site:
        report = run(site, tmp_path, delay=0)
    assert report.count("failed") == 0 and report.count("downloaded") == 5
    assert kinds(tmp_path, JULY) == {
        "Public reports pack": "pack",
        "Supplementary agenda pack": "supplement",
        "Item 3 Supplement": "supplement",
    }
    assert not site.requests("/mgChooseDocPack.aspx")


def test_a_direct_pack_link_wins_over_the_pack_page() -> None:
    pack = b'<li><a href="documents/g7507/Reports pack.pdf?T=10">Public reports pack</a></li>'
    page = MEETING_PAGE.replace(b"<li>", pack + b"<li>", 1)
    panel = Committee(129, "Cabinet")

    def answer(request: Request) -> Reply:
        if request.path == "/robots.txt":
            return Reply(404)
        return html(page.decode() if "ListDocuments" in request.path else PACK_PAGE.decode())

    with serving(answer) as site, Site(site.base, FetchSettings(delay=0), FakeClock()) as polite:
        found = PagesRoute(polite, [panel]).papers(Meeting(7507, panel, date(2024, 7, 17)))
    assert [p.kind for p in found.papers] == ["pack", "frontsheet", "supplement"]
    assert not site.requests("/mgChooseDocPack.aspx")


def test_a_pack_page_that_cannot_be_read_is_a_note_and_the_rest_goes_on(tmp_path: Path) -> None:
    notes: list[str] = []
    council = other_council(style=Markup(pack_page=True), supplements=True)
    with serving(council) as site:
        site.script["/mgChooseDocPack.aspx"] = [Reply(403)]
        report = fetch_papers(
            site.base,
            YEAR,
            tmp_path,
            FetchSettings(delay=0),
            FakeClock(),
            on_event=lambda e: notes.append(e.message),
        )
    assert any("its pack page could not be read" in n and "HTTP 403" in n for n in notes)
    assert report.count("downloaded") == 5 and report.count("failed") == 0
    # the first meeting's pack page failed: its item document instead, as with no pack
    assert kinds(tmp_path, "2024-01-15") == {"Improvement plan update.pdf": "item"}
    assert len(kinds(tmp_path, JULY)) == 3


@pytest.fixture
def cdn() -> Iterator[tuple[Council, Replay]]:
    """The stand-in council whose pages link every document on another host, a CDN with its own
    robots.txt (a Crawl-delay, and one folder kept off)."""
    council = other_council(webservice=False, supplements=True)
    robots = "User-agent: *\nCrawl-delay: 5\nDisallow: /documents/b\n"

    def files(request: Request) -> Reply:
        if request.path == "/robots.txt":
            return Reply(200, robots.encode())
        return council(request)

    with serving(files, OTHER_HOST) as server:
        council.markup = Markup(files_host=server.base.rstrip("/"))
        yield council, server


def test_documents_on_another_host_keep_that_hosts_robots_and_delay(
    tmp_path: Path, cdn: tuple[Council, Replay]
) -> None:
    council, files = cdn
    clock = FakeClock()
    with serving(council) as site:
        report = run(site, tmp_path, clock, delay=0)
    assert [e.request.path for e in files.log].count("/robots.txt") == 1
    fetched = sorted(e.request.path for e in files.log if e.request.path.endswith(".pdf"))
    assert [p.split("/")[2] for p in fetched] == ["g9101", "g9104", "g9104", "s81002"]
    assert not [e for e in site.log if e.request.path.endswith(".pdf")]  # none from the site
    assert clock.sleeps == [5.0] * 4  # the CDN's Crawl-delay after its robots.txt and each file
    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 1 and "Item 3 Supplement" in failed[0].path.name
    assert f"robots.txt of {files.base.rstrip('/')} disallows" in failed[0].reason
    assert report.count("downloaded") == 4


def test_https_links_from_an_http_site_read_that_schemes_robots_but_share_its_delay() -> None:
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/robots.txt":
            rules = "User-agent: *\nDisallow: /private/\n" if request.url.scheme == "https" else ""
            return httpx.Response(200, text=rules)
        return httpx.Response(200, content=b"%PDF-1.4 ... %%EOF")

    clock = FakeClock()
    settings = FetchSettings(delay=2)
    with Site(
        "http://democracy.example.gov.uk/", settings, clock, httpx.MockTransport(answer)
    ) as s:
        document = "https://democracy.example.gov.uk/documents/g1/Public%20reports%20pack.pdf"
        assert s.holds(document) and s.holds("https://cdn.example.net/documents/s5/Report.pdf")
        assert not s.holds("https://www.gov.uk/government/publications/report.pdf")
        s.get(s.url("ieListDocuments.aspx", {"CId": 1, "MId": 1}))
        s.get(document)
        with pytest.raises(Disallowed, match=r"robots\.txt of https://democracy\.example\.gov\.uk"):
            s.get("https://democracy.example.gov.uk/private/x.pdf")
    assert asked == [
        "http://democracy.example.gov.uk/robots.txt",
        "http://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&MId=1",
        "https://democracy.example.gov.uk/robots.txt",
        "https://democracy.example.gov.uk/documents/g1/Public%20reports%20pack.pdf",
    ]
    assert clock.sleeps == [2.0, 2.0, 2.0]  # one host name, one gap, whatever the scheme
