"""Committee and meeting date from front sheets as different meeting systems print them: opening
lines written by hand (expected values by construction), and a small reportlab pack read end to
end."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from councilpapers.extract.extraction import extract_document
from councilpapers.extract.frontsheet import addressed_name, front_sheet, title_case
from councilpapers.ingest.pdf import read_document
from tests.conftest import SHARED


@pytest.mark.parametrize(
    ("lines", "committee", "when"),
    [
        (  # ModernGov agenda front sheet: the title first, the committee below it
            ["AGENDA", "CABINET", "Thursday, 30th January, 2025, at 10.00 am Ask for: A Person"],
            "Cabinet",
            "2025-01-30",
        ),
        (  # the committee above the title
            ["HEALTH AND WELLBEING BOARD", "AGENDA", "Date: Tuesday 4 March 2025"],
            "Health and Wellbeing Board",
            "2025-03-04",
        ),
        (  # a summons set over several short lines: date after "Meeting on"
            ["Summons to and", "Agenda for a", "Meeting on", "Thursday, 13th March,", "2025"],
            None,
            "2025-03-13",
        ),
        (  # the summons letter: the date of the meeting, not the letter's own date
            [
                "DEMOCRATIC SERVICES",
                "Wednesday, 5 March 2025",
                "To: All Members of the County Council",
                "A meeting of the County Council will be held in the Council Chamber, County Hall,",
                "Maidstone on Thursday, 13th March, 2025 at 10.00 am to deal with the business.",
            ],
            "County Council",
            "2025-03-13",
        ),
        (  # printed minutes
            [
                "KENT COUNTY COUNCIL",
                "CABINET",
                "MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions",
                "House, County Hall, Maidstone on Thursday, 30 January 2025.",
            ],
            "Cabinet",
            "2025-01-30",
        ),
        (
            [
                "Meeting of the Children and Young People's Scrutiny Committee held on "
                "Wednesday 12 February 2025 at 2pm"
            ],
            "Children and Young People's Scrutiny Committee",
            "2025-02-12",
        ),
        (  # a notice of meeting with fields
            [
                "Notice of meeting",
                "Children's Select Committee",
                "Date and time: Tuesday 8 April 2025, 10.00 am",
                "Place: Room 1, Civic Centre",
            ],
            "Children's Select Committee",
            "2025-04-08",
        ),
        (["Committee: Audit Committee", "Date of meeting: 2nd June 2024"], "Audit Committee",
         "2024-06-02"),
        (  # a heading naming the body and the date
            ["CORPORATE PARENTING PANEL– 29 October 2024", "MINUTES of the meeting held in X."],
            "Corporate Parenting Panel",
            "2024-10-29",
        ),
        (  # a report front sheet addressed to the meeting
            ["From: A Person, Leader of the Council", "To: Cabinet – 4 March 2025",
             "Subject: Quarterly Performance Report"],
            "Cabinet",
            "2025-03-04",
        ),
        (["Meeting of Cabinet", "Tuesday, 4 March 2025 at 2.00 pm"], "Cabinet", "2025-03-04"),
        (  # a date field in figures, day first
            ["Notice of a Meeting of the Children's Scrutiny Committee", "Date: 04/03/2025"],
            "Children's Scrutiny Committee",
            "2025-03-04",
        ),
        (["Agenda for the Health and Wellbeing Board", "Thursday 6 March 2025"],
         "Health and Wellbeing Board", "2025-03-06"),
        (["Agenda - Corporate Parenting Panel", "Date: 12.03.2025"], "Corporate Parenting Panel",
         "2025-03-12"),
        (["Date: 31/02/2025"], None, None),  # no such day
        (["Progress against the plan", "Agenda item 5"], None, None),
        (  # an ordinary report page names no meeting
            ["Progress on the improvement plan", "The service was inspected on 3 May 2024."],
            None,
            None,
        ),
    ],
)  # fmt: skip
def test_front_sheet(lines: list[str], committee: str | None, when: str | None) -> None:
    assert front_sheet(lines) == (committee, when)


@pytest.mark.parametrize(
    ("line", "committee", "when"),
    [
        ("To: County Council, 13 March 2025", "County Council", "2025-03-13"),
        ("To: County Council 13th March 2025", "County Council", "2025-03-13"),
        ("To: Cabinet, Thursday 30 January 2025", "Cabinet", "2025-01-30"),
        ("To: Sue Chandler, Cabinet Member for Children", None, None),  # a person: no meeting
    ],
)
def test_report_addressed_to_a_meeting(line: str, committee: str | None, when: str | None) -> None:
    assert front_sheet(["From: A Person", line, "Subject: Governance"]) == (committee, when)


def test_title_case_keeps_small_words_and_bracketed_capitals() -> None:
    assert title_case("POLICY GROUP (JOINT TEAM) FOR THE BOARD") == (
        "Policy Group (Joint Team) for the Board"
    )
    assert title_case("Cabinet") == "Cabinet"


def _write(canvas: Canvas, lines: list[str], top: float = 780.0, size: int = 12) -> None:
    canvas.setFont("Helvetica", size)
    for index, line in enumerate(lines):
        canvas.drawString(72, top - index * (size + 6), line)


def test_pack_read_end_to_end_takes_committee_and_date_from_its_front_sheet(
    tmp_path: Path,
) -> None:
    path = tmp_path / "summons.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _write(canvas, ["Summons to and", "Agenda for a", "Meeting on", "Friday, 7th March,", "2025"])
    canvas.showPage()
    canvas.showPage()  # a blank page, as printed front sheets often have
    _write(
        canvas,
        [
            "Monday, 24 February 2025",
            "To: All Members of the Borough Council",
            "A meeting of the Borough Council will be held at the Town Hall on",
            "Friday, 7th March, 2025 at 7.00 pm.",
            "1. Apologies",
            "2. Minutes of the last meeting (Pages 1 - 6)",
            "3. Children's services improvement plan (Pages 7 - 20)",
        ],
    )
    canvas.showPage()
    canvas.save()
    extracted = extract_document(read_document(path))
    assert (extracted.meeting.committee, extracted.meeting.date) == (
        "Borough Council",
        "2025-03-07",
    )
    assert [i.doc_type for i in extracted.items] == ["agenda"]  # its page ranges are on page 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Cabinet – 30 January 2025", ("Cabinet", "2025-01-30")),
        ("All Members of the County Council", ("County Council", None)),
        ("County Council, 13 March 2025", ("County Council", "2025-03-13")),
        ("Policy Group (Joint Team)", ("Policy Group (Joint Team)", None)),
    ],
)
def test_addressed_name_drops_the_date_and_the_members_of(
    value: str, expected: tuple[str | None, str | None]
) -> None:
    assert addressed_name(value) == expected


KENT = SHARED / "real" / "kent"
needs_kent = pytest.mark.skipif(
    not KENT.is_dir(), reason="../shared/real/kent is not beside this checkout"
)


@needs_kent
@pytest.mark.parametrize(
    ("name", "committee", "when"),
    [
        # ModernGov agenda front sheet: "AGENDA" above "CABINET"
        ("cabinet_2025-01-30__Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf",
         "Cabinet", "2025-01-30"),
        # "Summons to and Agenda for a Meeting on Thursday, 13th March, 2025", the council named
        # on the letter after a blank page
        ("full_council_2025-03-13__Agenda frontsheet 13th-Mar-2025 10.00 County Council.pdf",
         "County Council", "2025-03-13"),
        # "MINUTES of a meeting of the Cabinet held in … on Thursday, 30 January 2025."
        ("cabinet_2025-01-30__Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
         "Cabinet", "2025-01-30"),
        # "CORPORATE PARENTING PANEL– 29 October 2024"
        ("full_council_2025-03-13__CPP Minutes 29.10.24.pdf",
         "Corporate Parenting Panel", "2024-10-29"),
        # "To: Cabinet – 4 March 2025"
        ("cabinet_2025-03-04__Cabinet QPR Q3 Cover.pdf", "Cabinet", "2025-03-04"),
    ],
)  # fmt: skip
def test_kent_front_sheets_name_the_meeting(name: str, committee: str, when: str) -> None:
    meeting = extract_document(read_document(KENT / name)).meeting
    assert (meeting.committee, meeting.date) == (committee, when)


@pytest.mark.parametrize(
    "lines",
    [
        (
            "Previous meeting",
            "Committee: Children's Scrutiny Committee",
            "Date of meeting: 9 January 2025",
            "AGENDA",
            "CABINET",
            "Thursday, 30th January, 2025, at 10.00 am",
        ),
        (
            "CABINET",
            "AGENDA",
            "Thursday, 30th January, 2025",
            "3. Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)",
        ),
        (
            "AGENDA",
            "CABINET",
            "Minutes of the previous meeting",
            "Date of meeting: 9 January 2025",
            "Thursday, 30th January, 2025",
        ),
    ],
)
def test_another_meetings_lines_are_never_this_meetings(lines: tuple[str, ...]) -> None:
    assert front_sheet(lines) == ("Cabinet", "2025-01-30")
