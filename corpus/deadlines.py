"""Due dates in a plan's timescale cells: "Dec 2016", "Sept 17", "March 2017", "13/12/16".

Enough to tell whether a row's deadline moved later between plan versions; text that names no
month and year ("Ongoing", "Half termly") has no date.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_YEAR = re.compile(
    r"\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*"
    r"(?P<year>(?:19|20)\d\d|'?\d\d(?!\s*[–-]\s*\d)(?!st|nd|rd|th))\b",
    re.IGNORECASE,
)
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>(?:19|20)?\d\d)\b")


def _year(text: str) -> int:
    text = text.lstrip("'")
    return int(text) if len(text) == 4 else 2000 + int(text)


def dates_in(text: str) -> list[date]:
    """Every date the text names, month-and-year ones as the first of the month."""
    found: list[date] = []
    for match in MONTH_YEAR.finditer(text):
        month = MONTHS.index(match.group("month")[:3].lower()) + 1
        found.append(date(_year(match.group("year")), month, 1))
    for match in NUMERIC.finditer(text):
        day, month = int(match.group("day")), int(match.group("month"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(date(_year(match.group("year")), month, 1))
    return found


def latest_deadline(text: str) -> date | None:
    """The latest date in a timescale cell, or None."""
    found = dates_in(text)
    return max(found) if found else None
