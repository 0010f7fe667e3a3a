"""Plan identity: which version of which plan a table belongs to, read from the document's text.

Evidence, strongest first: a title or mention naming a plan and its version in the body text on
or before the table's first page (the nearest one wins: "Appendix 2: Improvement Action Plan
Version 21", "the Improvement Plan (Ver 21)"), then the running header or footer on the table's
pages ("… Action Plan – Version 14", "Version 19 040917"). A version printed with a month and year
("Version 4 October 2023") is given as "2023-v4".

A plan that prints no version number but dates its position ("Position at 30 September 2024",
"Updated 12/03/2025", "Q2 2024/25 update": `dated.py`) is the version named by that date, as
an ISO date, read from the table's own title (a caption or a title block inside the grid), then
the heading lines before it, then its running header or footer. Where a number is printed too,
the number names the version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from councilpapers.extract.dated import dated_mention
from councilpapers.extract.settings import ExtractSettings
from councilpapers.months import month_number
from councilpapers.records import Document, Page, PlanIdentity

VERSION = re.compile(
    r"\b(?:version|ver\.?|v\.|v(?=\d))\s*(?P<n>\d{1,3}(?:\.\d+)?)\b"
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
    titles: Sequence[str] = (),
    headings: Mapping[int, Sequence[str]] | None = None,
) -> PlanIdentity:
    """The plan version and date for tables spanning these pages (first and last, 1-based).

    `loose` holds, per page, the text printed outside any table (titles, captions, prose);
    `titles` the tables' own titles (captions and title rows inside the grid). With
    `headings` (per page, the heading-like lines outside tables), a plan printing no version
    number is named by the date of its position, read from its titles, those headings or its
    running header or footer (never from prose, where dates of positions abound)."""
    first_page, last_page = pages
    near = settings.version_context
    back = range(first_page, max(0, first_page - settings.title_look_back), -1)
    before = [loose.get(n, "") for n in back]
    furniture = [
        page_text(document.pages[n - 1], furniture=True) for n in range(first_page, last_page + 1)
    ]
    titled = next(
        filter(None, (_mention(t, near, need_plan=True) for t in [*before, *titles])), None
    )
    footer = next(filter(None, (_mention(t, near, need_plan=False) for t in furniture)), None)
    if titled and footer and not titled.date:
        return PlanIdentity(version=titled.version, date=footer.date, title=titled.title)
    if titled or footer or headings is None:
        return titled or footer or PlanIdentity()
    lines = [line for n in back for line in _with_lines_before(headings.get(n, ()))]
    above_of = dict(reversed(lines))  # a caption printed among the headings has lines above it
    captions = [(t, above_of.get(t, "")) for t in titles]
    dated = (_dated(t, near, above) for t, above in [*captions, *lines, *_alone(furniture)])
    return next(filter(None, dated), None) or PlanIdentity()


def _with_lines_before(lines: Sequence[str], before: int = 3) -> list[tuple[str, str]]:
    """Each heading line, nearest the table first, with the lines printed just above it, so a
    date printed on a line of its own ("Updated 13/03/2024") takes the plan's title from the
    line above; after each line, that line and the next one joined."""
    out = []
    for index in range(len(lines) - 1, -1, -1):
        above = "  ".join(lines[max(0, index - before) : index])
        out.append((lines[index], above))
        if index + 1 < len(lines):  # a heading wrapped before its year ("… September" / "2024")
            out.append((f"{lines[index]} {lines[index + 1]}", above))
    return out


def _alone(texts: Sequence[str]) -> list[tuple[str, str]]:
    return [(text, "") for text in texts]


def _dated(text: str, near: int, above: str = "") -> PlanIdentity | None:
    """A version named only by the date of its position (`above`: the lines before it)."""
    found = dated_mention(text)
    if found is None:
        return None
    iso, start = found
    head = text[:start]
    plan_words = list(PLAN_WORD.finditer(head))
    if plan_words:  # "… Improvement Plan – Last updated 18 April 2024": the title ends at "Plan"
        head = head[: plan_words[-1].end()]
    elif above:
        head = ""  # "Progress update – July 2024": the words before the date name no plan
    named = [line for line in above.split("  ") if PLAN_WORD.search(line)]
    if named and not head:  # the nearest line naming a plan, past a sidebar's "Related pages"
        above = named[-1]
    before = f"{above}  {head}" if above else head
    return PlanIdentity(version=iso, date=iso, title=_title(before[-near:]))


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
