"""A replay of a real council's web service (Gloucester City Council's responses in
../shared/real/moderngov) with a hand-built meeting page in ModernGov's markup and generated PDFs:
the fetcher reads the real shapes end to end. The service's absolute URLs name the council's own
host; the replay serves them as its own (a proxy would), so nothing leaves 127.0.0.1."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from councilpapers.fetch.plan import Wanted
from councilpapers.fetch.run import Selection, fetch_papers
from councilpapers.fetch.settings import FetchSettings
from councilpapers.ingest.sidecar import read_sidecar
from tests.conftest import REAL
from tests.replay import FakeClock, Reply, Request, html, not_found, serving, xml
from tests.standin import pdf

GLOUCESTER = REAL / "moderngov" / "gloucester"
pytestmark = pytest.mark.skipif(
    not GLOUCESTER.is_dir(),
    reason="../shared/real/moderngov is not beside this checkout; CI has it",
)
CANONICAL = b"https://democracy.Gloucester.gov.uk"
PACK = "documents/g7837/Public reports pack 21st-Nov-2025 12.30 Cabinet.pdf"
MEETING_PAGE = f"""<html><body><div id="modgov">
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Cabinet - Friday, 21st November, 2025 12.30 pm</h2></div>
<div class="mgContent"><div class="mgLinks"><ul class="mgActionList">
<li><a href="{PACK}?T=10">Public reports pack<span class="mgFileSize">PDF 2 MB</span></a></li>
</ul></div></div></div></body></html>"""  # noqa: E501 (a page as served)


def council(request: Request, canonical: bool = False) -> Reply:
    """The replay; `canonical` leaves the council's own host in the service's answers."""
    host = CANONICAL if canonical else f"http://{request.headers['host']}".encode()
    service = {
        "/mgWebService.asmx/GetCommittees": "GetCommittees.xml",
        "/mgWebService.asmx/GetMeetings": "GetMeetings.xml",  # every meeting, whatever the range
    }
    if request.path in service:
        return xml((GLOUCESTER / service[request.path]).read_bytes().replace(CANONICAL, host))
    if request.path == "/mgWebService.asmx/GetMeeting" and request.query["lmeetingid"] == "7837":
        return xml((GLOUCESTER / "GetMeeting_7837.xml").read_bytes().replace(CANONICAL, host))
    if request.path == "/ieListDocuments.aspx" and request.query.get("mid") == "7837":
        return html(MEETING_PAGE)
    if request.path == f"/{PACK}":
        return Reply(200, pdf(["Cabinet", "Agenda"]), (("Content-Type", "application/pdf"),))
    if request.path == "/mgConvert2PDF.aspx":
        body = pdf([f"Attachment {request.query['id']}"])
        return Reply(200, body, (("Content-Type", "application/pdf"),))
    return not_found()


@pytest.mark.parametrize("canonical", [False, True], ids=["as its own host", "canonical host"])
def test_real_service_shapes_end_to_end(tmp_path: Path, canonical: bool) -> None:
    """Served as its own host, or with the council's canonical host left in the service's URLs
    (a stand-in or a proxy under another name): the documents are asked of the address given."""
    selection = Selection(("Cabinet",), date(2025, 11, 21), date(2025, 11, 21), Wanted(items=True))
    with serving(lambda request: council(request, canonical)) as site:
        report = fetch_papers(site.base, selection, tmp_path, FetchSettings(), FakeClock())
    assert report.route == "web service" and report.meetings == 1  # 20 listed, 1 in range
    assert report.count("downloaded") == 8 and report.count("failed") == 0
    folder = tmp_path / "Cabinet" / "2025-11-21"
    names = sorted(p.name for p in folder.glob("*.pdf"))
    assert "Public reports pack 21st-Nov-2025 12.30 Cabinet.pdf" in names
    assert "Cabinet - Public Questions.pdf" in names
    record = read_sidecar(folder / "Cabinet - Public Questions.pdf")
    assert record is not None
    assert (record.meeting_id, record.date, record.time, record.item) == (
        7837,
        "2025-11-21",
        "12:30",
        "52",
    )
    assert record.url == f"{site.base}mgConvert2PDF.aspx?ID=65461"
    assert not site.requests("GetAttachment")  # the linked documents carry their URLs


def test_real_cancelled_meeting_is_skipped_without_asking_for_it(tmp_path: Path) -> None:
    selection = Selection(("129",), date(2024, 6, 1), date(2024, 6, 30))
    with serving(council) as site:
        report = fetch_papers(site.base, selection, tmp_path, FetchSettings(), FakeClock())
    assert report.skipped == ["Cabinet 2024-06-12 (meeting 7506): cancelled"]
    asked = [e.request.path for e in site.log]
    assert "/mgWebService.asmx/GetMeetings" in asked
    assert "/mgWebService.asmx/GetMeeting" not in asked and "/ieListDocuments.aspx" not in asked
