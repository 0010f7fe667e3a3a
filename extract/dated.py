"""Versions printed only as a date: "Position at 30 September 2024", "Updated 12/03/2025",
"Q2 2024/25 update", "Progress as at end of March 2025".

Many plans, spreadsheet trackers above all, print no version number: each quarter's copy is
named by the date its position was taken. Such a copy is the version named by that date, as an
ISO date (the last day of a month or quarter when no day is printed), so versions sort by it.
A date counts only beside a cue that it dates the document's position ("position", "progress",
"status", "update(d)", "as at" before it; "update", "position", "progress" after it): a date
alone in a title is a deadline or a meeting as often as a version.

Quarters: "Q2 2024/25" (a financial year, April to March) ends 30 September 2024; "Q2 2024"
(a calendar year) ends 30 June 2024.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from councilpapers.months import month_number

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
YEAR = r"(?:19|20)\d\d"
WHEN = (
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})"
    r"|(?P<nday>\d{1,2})[/.-](?P<nmonth>\d{1,2})[/.-](?P<nyear>\d{4}|\d{2})"
    rf"|(?:q(?:uarter)?\s*(?P<q>[1-4]))\s+(?P<qyear>{YEAR})(?:\s*[/-]\s*(?P<fy>\d{{2}}|\d{{4}}))?"
    rf"|(?P<fyfirst>{YEAR})\s*[/-]\s*\d{{2,4}}\s+q(?:uarter)?\s*(?P<fyq>[1-4])"
)
BEFORE = (
    r"\b(?:position|progress|status|updated?|review(?:ed)?|refreshed)\s*(?:(?:as\s+)?(?:at|of|on"
    r"|to)\b)?\s*[:–—-]?\s*(?:the\s+)?(?:end\s+(?:of\s+)?)?|\bas\s+(?:at|of)\s+(?:the\s+)?"
    r"(?:end\s+(?:of\s+)?)?"
)
AFTER = r"\s*[:–—-]?\s*(?:update|position|progress|review|refresh)\b"
DATED = (
    re.compile(rf"(?:{BEFORE})(?:{WHEN})", re.IGNORECASE),
    re.compile(rf"(?:{WHEN})(?={AFTER})", re.IGNORECASE),
)


def dated_version(text: str) -> str | None:
    """The ISO date a text names as its position ("Updated 12/03/2025" -> "2025-03-12"), the
    last such mention winning; None when it names none."""
    found = dated_mention(text)
    return found[0] if found else None


def dated_mention(text: str) -> tuple[str, int] | None:
    """The last dated-position mention in a text: its ISO date and where the mention starts."""
    found = sorted((m for pattern in DATED for m in pattern.finditer(text)), key=lambda m: m.end())
    for match in reversed(found):
        when = _when(match)
        if when is not None:
            return when.isoformat(), match.start()
    return None


def _when(match: re.Match[str]) -> date | None:
    group = match.groupdict()
    try:
        if group["month"]:
            year, month = int(group["year"]), month_number(group["month"])
            day = int(group["day"]) if group["day"] else _last_day(year, month)
            return date(year, month, day)
        if group["nday"]:
            year = int(group["nyear"])
            year = year + 2000 if year < 100 else year
            return date(year, int(group["nmonth"]), int(group["nday"]))
        if group["q"]:
            return _quarter_end(int(group["qyear"]), int(group["q"]), fiscal=bool(group["fy"]))
        if group["fyq"]:
            return _quarter_end(int(group["fyfirst"]), int(group["fyq"]), fiscal=True)
    except (ValueError, KeyError):
        return None
    return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _quarter_end(year: int, quarter: int, fiscal: bool) -> date:
    """The last day of a quarter: of a financial year starting in April `year`, or of the
    calendar year."""
    month = 3 * quarter + (3 if fiscal else 0)
    if month > 12:
        year, month = year + 1, month - 12
    return date(year, month, _last_day(year, month))
