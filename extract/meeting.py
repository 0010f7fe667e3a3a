"""Meeting facts: which committee a pack was published for and when it met; for each plan in it,
the plan's title, version and date; for an inspection letter, the inspecting body and its date.

Evidence, in order: a covering letter's subject line ("COMMITTEE NAME - MONDAY, 3 APRIL 2017"),
the agenda's heading (the lines above "AGENDA", or the heading just below it), then a report front
sheet's "Meeting:" and "Date:" fields. Where these leave a gap, the front pages of the document
and of its items are read as any meeting system prints them (`front_sheet`): a sentence naming
the meeting ("A meeting of the County Council will be held … on Thursday, 13th March, 2025",
"Minutes of a meeting of the Cabinet held … on …"), a title line ("Agenda", "Notice of meeting",
"Summons to … a Meeting on …") with the committee's heading beside it, fields ("Committee:",
"Date and time:"), or a heading that names the body and the date ("CORPORATE PARENTING PANEL –
29 October 2024"). Dates are given as ISO yyyy-mm-dd.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from councilpapers.extract.frontsheet import addressed_name, front_sheet, parse_date, title_case
from councilpapers.extract.settings import ExtractSettings
from councilpapers.ingest.pageview import PageView, view_pages
from councilpapers.records import Document, Inspection, MeetingFacts, PackItem, PlanIdentity, Table

WEEKDAY_SPLIT = re.compile(
    r"\s+[-–]\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*)?$", re.IGNORECASE
)
MEETING_FIELD = re.compile(
    r"^(?:meeting|to)\s*:\s*(?P<name>.+?)(?:\s+(?:date|on)\s*:\s*(?P<date>.+))?$", re.IGNORECASE
)
DATE_FIELD = re.compile(r"\b(?:date|on)\s*:\s*(?P<date>.+)$", re.IGNORECASE)
FRONT_TYPES = ("covering_letter", "agenda", "minutes", "report", "other")
BODIES = (
    ("Ofsted", r"\bofsted\b|her majesty.s inspector"),
    ("CQC", r"care quality commission|\bcqc\b"),
    ("HMICFRS", r"\bhmicfrs\b"),
    ("HM Inspectorate of Probation", r"hmi probation"),
    ("Estyn", r"\bestyn\b"),
    ("Care Inspectorate", r"care inspectorate"),
)


def meeting_facts(
    document: Document,
    items: Sequence[PackItem],
    settings: ExtractSettings | Mapping[str, object] | None = None,
) -> MeetingFacts:
    """The committee and meeting date the pack was published for (None when it does not say)."""
    views = view_pages(document.pages, ExtractSettings.resolve(settings).page_line_tolerance)
    committee: str | None = None
    when: str | None = None
    for item in items:
        view = views[item.first_page - 1]
        if item.doc_type == "covering_letter":
            committee, when = committee or _letter_subject(item), when or parse_date(item.title)
        elif item.doc_type == "agenda":
            committee = committee or _agenda_heading(view)
            when = when or parse_date(" ".join(view.lines[:8]))
        elif item.doc_type in ("report", "minutes") and item.agenda_item:
            name, day = _front_sheet(view)
            committee, when = committee or name, when or day
    for lines in _front_pages(views, items):
        if committee and when:
            break
        name, day = front_sheet(lines)
        committee, when = committee or name, when or day
    return MeetingFacts(committee=committee, date=when)


def _front_pages(views: Sequence[PageView], items: Sequence[PackItem]) -> list[tuple[str, ...]]:
    """The opening lines of the first two printed pages of each item that may be a front sheet
    (not a plan, appendix or inspection letter), in page order."""
    pages: list[int] = []
    for item in items:
        if item.doc_type in FRONT_TYPES:
            printed = [n for n in range(item.first_page, item.last_page + 1) if views[n - 1].lines]
            pages.extend(printed[:2])
    return [views[n - 1].lines for n in dict.fromkeys(pages)]


def describe_items(
    document: Document,
    items: Sequence[PackItem],
    tables: Sequence[Table],
    settings: ExtractSettings | Mapping[str, object] | None = None,
) -> list[PackItem]:
    """Add plan identity to plan items and inspecting body/date to inspection letters."""
    views = view_pages(document.pages, ExtractSettings.resolve(settings).page_line_tolerance)
    out = []
    for item in items:
        if item.doc_type == "plan":
            item = replace(item, plan=_plan(item, tables))
        elif item.doc_type == "inspection_letter":
            item = replace(item, inspection=_inspection(views, item))
        out.append(item)
    return out


def _letter_subject(item: PackItem) -> str | None:
    subject = item.title.split(":", 1)[1].strip() if ":" in item.title else ""
    name = WEEKDAY_SPLIT.sub("", subject).strip(" -–")
    return title_case(name) if name else None


def _agenda_heading(view: PageView) -> str | None:
    head: list[str] = []
    for line in view.lines[:6]:
        if re.fullmatch(r"\s*agenda\s*", line, re.IGNORECASE):
            return title_case(" ".join(head)) if head else None
        head.append(line.strip())
    return None


def _front_sheet(view: PageView) -> tuple[str | None, str | None]:
    name = when = None
    for line in view.lines[:10]:
        match = MEETING_FIELD.match(line.strip())
        if match and not name:
            name, dated = addressed_name(match.group("name"))
            when = parse_date(match.group("date") or "") or dated or when
        field = DATE_FIELD.search(line)
        if field and not when:
            when = parse_date(field.group("date"))
    return name, when


def _plan(item: PackItem, tables: Sequence[Table]) -> PlanIdentity:
    inside = [
        t
        for t in tables
        if item.first_page <= t.page_first <= item.last_page
        and t.kind in ("action_plan", "rag_snapshot")
    ]
    found = next((t.plan for t in inside if t.plan.version), None)
    title = re.sub(r"^appendix\s+\w+\s*[:.–-]?\s*", "", item.title, flags=re.IGNORECASE)
    if found:
        when = found.date or parse_date(" ".join(t.title or "" for t in inside))
        return PlanIdentity(version=found.version, date=when, title=found.title or title)
    return PlanIdentity(title=title)


def _inspection(views: Sequence[PageView], item: PackItem) -> Inspection:
    text = "\n".join(
        "\n".join(views[n - 1].lines) for n in range(item.first_page, item.last_page + 1)
    )
    body = next((name for name, pattern in BODIES if re.search(pattern, text, re.IGNORECASE)), None)
    return Inspection(body=body, date=parse_date("\n".join(views[item.first_page - 1].lines[:6])))
