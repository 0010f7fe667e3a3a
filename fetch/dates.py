"""Dates and times as ModernGov prints them, read into `date` and 24-hour "HH:MM".

The web service writes dd/mm/yyyy ("17/07/2024") and "6.00 pm"; the pages write "17 Jul 2024
6.00 pm" or "Wednesday, 17th July, 2024 6.00 pm". The command line takes ISO yyyy-mm-dd.
"""

from __future__ import annotations

import re
from datetime import date

from councilpapers.fetch.errors import BadRange

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
WRITTEN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
TIME = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\b", re.IGNORECASE)


def service_date(text: str) -> date | None:
    """dd/mm/yyyy, as the web service writes it."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text or "")
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    return _date(year, month, day)


def written_date(text: str) -> date | None:
    """The first "17 Jul 2024" / "17th July, 2024" in a text."""
    for match in WRITTEN.finditer(text or ""):
        month = MONTHS.get(match.group(2).lower())
        if month:
            found = _date(int(match.group(3)), month, int(match.group(1)))
            if found:
                return found
    return None


def clock_time(text: str) -> str | None:
    """ "6.00 pm" -> "18:00"; "12.30 pm" -> "12:30"; None when there is no time."""
    match = TIME.search(text or "")
    if not match:
        return None
    hour, minute = int(match.group(1)) % 12, int(match.group(2) or 0)
    if match.group(3).lower() == "p":
        hour += 12
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def iso_date(text: str, option: str) -> date:
    """A command-line date (yyyy-mm-dd); anything else is a `BadRange` naming the option."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    found = _date(*(int(part) for part in match.groups())) if match else None
    if found is None:
        raise BadRange(f"{option} {text!r} is not a date: write it as YYYY-MM-DD")
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
