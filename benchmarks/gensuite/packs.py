"""Committee packs around a plan, and the inspection report the plan answers.

A pack is a front sheet (a ModernGov "Summons to and Agenda for a Meeting on Thursday, 13th
March, 2025", or another system's "AGENDA CABINET"), a covering report (with the cabinet's own
numbered recommendations, which are not inspection recommendations), then the plan as an
appendix. Every page after the front sheet is stamped "Page N" in the margin (bottom centre on
portrait pages, up the left margin on landscape ones), numbering continuous through the pack,
and the item's first page "Agenda Item N"; the plan keeps its own "Page X of Y" footer.
The inspection report prints the recommendations, numbered, under "What needs to improve".
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from .content import REPORT_WORDING, Plan
from .styles import Style

AGENDA_ITEM = "6"


def meeting_day(plan: Plan, weekday: int) -> date:
    """The first given weekday (0 = Monday) at least three weeks after the plan's month."""
    month, year = plan.month.split()
    start = date(int(year), _month_number(month), 1) + timedelta(days=21)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _month_number(name: str) -> int:
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    return months.index(name[:3].lower()) + 1


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def front_sheet(
    style: Style, plan: Plan, modern_gov: bool, stamped: int
) -> tuple[list[str], str, date]:
    """Lines of the front sheet, the committee and the meeting date."""
    if modern_gov:
        day = meeting_day(plan, 3)
        committee = "Children and Young People Scrutiny Committee"
        when = f"{day:%A}, {_ordinal(day.day)} {day:%B}, {day.year}"
        head = [
            style.council,
            f"Summons to and Agenda for a Meeting on {when}",
            "at 10.00 am",
            f"Meeting of the {committee}",
            "Council Chamber, Civic Centre",
        ]
    else:
        day = meeting_day(plan, 1)
        committee = "Cabinet"
        head = [
            style.council,
            "AGENDA",
            "CABINET",
            f"Date: {day:%A} {day.day} {day:%B %Y}",
            "Time: 6.00 pm",
            "Venue: Committee Room 1, Town Hall",
        ]
    items = [
        "1. Apologies for absence",
        "2. Declarations of interest",
        "3. Minutes of the previous meeting",
        "4. Public questions",
        "5. Forward plan",
        f"{AGENDA_ITEM}. Children's Services Improvement Plan: progress "
        f"update (Pages 1 - {stamped})",
        "7. Exclusion of the press and public",
    ]
    return [*head, "", *items], committee, day


def covering_report(
    style: Style, plan: Plan, committee: str, day: date, label: str | None = None
) -> list[str]:
    """The report's lines; ``label`` names the plan's version (default "Version N")."""
    label = label or f"Version {plan.version}"
    return [
        f"Report to: {committee}",
        f"Date of meeting: {day.day} {day:%B %Y}",
        "Title: Children's Services Improvement Plan: progress update",
        "Report of: Director of Children's Services",
        "1. Purpose of report",
        f"1.1 This report updates members on progress against the Improvement Plan ({label}) "
        "agreed in response to the Ofsted inspection of children's services.",
        "2. Recommendations",
        f"2.1 That the {committee} notes the progress made against the Improvement Plan.",
        "2.2 That the Director of Children's Services reports again in six months.",
        "3. Background",
        "3.1 Ofsted made a number of recommendations. The plan sets out the actions agreed with "
        "partners, the officers who lead them and the timescales, with a progress update and a "
        "rating for each action.",
        "3.2 Completed actions are kept in the plan until the Improvement Board agrees that "
        "they are embedded.",
        "4. Financial implications",
        "4.1 The actions are met from existing budgets.",
        "Appendices",
        f"Appendix 1 – Improvement Plan ({label})",
    ]


def _prose(lines: list[str]) -> bytes:
    sheet = getSampleStyleSheet()
    story: list[Flowable] = []
    for line in lines:
        story.append(Paragraph(escape(line), sheet["Normal"]) if line else Spacer(1, 12))
        story.append(Spacer(1, 4))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm).build(story)
    return buffer.getvalue()


def _stamp(width: float, height: float, number: int, item_start: bool) -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))
    sheet.setFont("Helvetica", 11)
    if width > height:  # landscape: up the left margin
        sheet.saveState()
        sheet.translate(0.7 * cm, height / 2)
        sheet.rotate(90)
        sheet.drawCentredString(0, 0, f"Page {number}")
        sheet.restoreState()
    else:
        sheet.drawCentredString(width / 2, 0.6 * cm, f"Page {number}")
    if item_start:
        sheet.drawRightString(width - 1 * cm, height - 0.8 * cm, f"Agenda Item {AGENDA_ITEM}")
    sheet.save()
    return buffer.getvalue()


def make_pack(
    style: Style,
    plan: Plan,
    plan_pdf: Path,
    target: Path,
    modern_gov: bool,
    label: str | None = None,
) -> dict[str, Any]:
    """Write the pack; returns its documents.jsonl record (with the plan's page offset).
    ``label`` names the plan's version in the report and the item list (default "Version N")."""
    _, committee, day = front_sheet(style, plan, modern_gov, 0)
    report = PdfReader(io.BytesIO(_prose(covering_report(style, plan, committee, day, label))))
    appendix = PdfReader(plan_pdf)
    stamped = len(report.pages) + len(appendix.pages)
    head, _, _ = front_sheet(style, plan, modern_gov, stamped)
    writer = PdfWriter()
    for part in (PdfReader(io.BytesIO(_prose(head))), report, appendix):
        for page in part.pages:
            writer.add_page(page)
    front = len(writer.pages) - stamped
    for index, page in enumerate(writer.pages[front:], start=1):
        box = page.mediabox
        overlay = PdfReader(
            io.BytesIO(_stamp(float(box.width), float(box.height), index, index == 1))
        ).pages[0]
        page.merge_page(overlay)
    with target.open("wb") as handle:
        writer.write(handle)
    listing = _listing(plan, front, len(report.pages), len(writer.pages), label)
    return {"doc": target.name, "committee": committee, "meeting_date": day.isoformat(), **listing}


def _listing(
    plan: Plan, front: int, body: int, total: int, label: str | None = None
) -> dict[str, Any]:
    agenda = {"agenda_item": None, "title": "Agenda", "doc_type": "agenda", "first_page": 1}
    report = "Children's Services Improvement Plan: progress update"
    appendix = f"Appendix 1 – Improvement Plan {label or f'Version {plan.version}'}"
    return {
        "pages": total,
        "plan_offset": front + body,
        "items": [
            {**agenda, "last_page": front},
            _item(report, "report", front + 1, front + body, front),
            _item(appendix, "plan", front + body + 1, total, front),
        ],
    }


def _item(title: str, kind: str, first: int, last: int, front: int) -> dict[str, Any]:
    return {
        "agenda_item": AGENDA_ITEM,
        "title": title,
        "doc_type": kind,
        "first_page": first,
        "last_page": last,
        "page_stamps": [f"Page {first - front}", f"Page {last - front}"],
    }


def inspection_report(style: Style, plan: Plan, target: Path) -> None:
    """The Ofsted report whose numbered "What needs to improve" list the plan answers."""
    lines = [
        f"{style.council}",
        "Inspection of local authority children's services",
        "Inspection dates: 4 March 2024 to 15 March 2024",
        "Lead inspector: Her Majesty's Inspector",
        "Judgement: Requires improvement to be good",
        "The experiences and progress of children who need help and protection require "
        "improvement. Leaders know their services well and have begun to address weaknesses.",
        "What needs to improve?",
    ]
    for rec in sorted(plan.recs, key=lambda r: r.number):
        lines.append(f"{rec.number}. {REPORT_WORDING[rec.text]}")
    lines += [
        "Main findings",
        "Children and families receive a timely response at the front "
        "door. Thresholds are understood by partners and applied consistently.",
    ]
    target.write_bytes(_prose(lines))
