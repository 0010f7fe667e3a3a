"""Plan identity: which version of which plan a table belongs to, read from the document's text.

Evidence, strongest first: a title or mention naming a plan and its version in the body text on
or before the table's first page (the nearest one wins: "Appendix 2: Improvement Action Plan
Version 21", "the Improvement Plan (Ver 21)"), then the running header or footer on the table's
pages ("… Action Plan – Version 14", "Version 19 040917"). A version printed with a month and year
("Version 4 October 2023") is given as "2023-v4".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from councilpapers.extract.settings import ExtractSettings
from councilpapers.months import month_number
from councilpapers.records import Document, Page, PlanIdentity

VERSION = re.compile(
    r"\b(?:version|ver\.?|v\.)\s*(?P<n>\d{1,3}(?:\.\d+)?)\b"
    r"(?:\s*[-–,]?\s*(?:(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>(?:jan|feb|mar|apr|may"
    r"|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\.?\s+)?(?P<year>(?:19|20)\d\d)\b)?"
    r"(?:\s+(?P<compact>\d{6})\b)?",
    re.IGNORECASE,
)
PLAN_WORD = re.compile(r"\b(plan|tracker|programme|strategy)\b", re.IGNORECASE)


def page_text(page: Page, furniture: bool = False) -> str:
    words = page.furniture if furniture else page.words
    ordered = sorted(words, key=lambda w: (round(w.bottom), w.x0))
    return " ".join(w.text for w in ordered)


def plan_identity(
    document: Document,
    pages: tuple[int, int],
    loose: Mapping[int, str],
    settings: ExtractSettings,
) -> PlanIdentity:
    """The plan version and date for tables spanning these pages (first and last, 1-based).

    `loose` holds, per page, the text printed outside any table (titles, captions, prose)."""
    first_page, last_page = pages
    near = settings.version_context
    titled = None
    for number in range(first_page, max(0, first_page - settings.title_look_back), -1):
        titled = _mention(loose.get(number, ""), near, need_plan=True)
        if titled:
            break
    footer = None
    for number in range(first_page, last_page + 1):
        furniture = page_text(document.pages[number - 1], furniture=True)
        footer = _mention(furniture, near, need_plan=False)
        if footer:
            break
    if titled and footer and not titled.date:
        return PlanIdentity(version=titled.version, date=footer.date, title=titled.title)
    return titled or footer or PlanIdentity()


def _mention(text: str, near: int, need_plan: bool) -> PlanIdentity | None:
    """The last version mention in the text; with `need_plan`, only one a plan word stands
    before, within `near` characters."""
    for match in reversed(list(VERSION.finditer(text))):
        before = text[max(0, match.start() - near) : match.start()]
        if need_plan and not PLAN_WORD.search(before):
            continue
        return _identity(match, before)
    return None


def _identity(match: re.Match[str], before: str) -> PlanIdentity:
    number = match.group("n")
    when = _date(match)
    version = f"{match.group('year')}-v{number}" if match.group("year") else number
    title = _title(before)
    return PlanIdentity(version=version, date=when.isoformat() if when else None, title=title)


def _date(match: re.Match[str]) -> date | None:
    if match.group("year") and match.group("month"):
        month = month_number(match.group("month"))
        return date(int(match.group("year")), month, int(match.group("day") or 1))
    compact = match.group("compact")
    if compact:
        day, month, year = int(compact[:2]), int(compact[2:4]), 2000 + int(compact[4:])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return date(year, month, day)
    return None


def _title(before: str) -> str | None:
    sentences = re.split(r"(?<=[.:;])\s+|\s{2,}", before.strip())
    tail = sentences[-1] if sentences else ""
    tail = re.sub(r"^(appendix\s+\d+\s*[:.–-]\s*)", "", tail, flags=re.IGNORECASE).strip(" –-:(")
    return tail or None
