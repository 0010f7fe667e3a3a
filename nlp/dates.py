"""Find every date expression in a timescale (or status) cell; make it a deadline.

Conventions (the gold file follows them too):
- a named period ends on its last day: a month -> last day of the month, a quarter -> last
  day of the quarter (``Q3 2017/18`` is a financial-year quarter, ``Q3 2017`` a calendar one,
  a bare ``Q3`` the
  financial year holding the plan date), ``2017/18`` -> 31 March 2018, a bare year -> 31 December;
- a spreadsheet's "Oct-24" is October 2024; an ISO date (2024-11-30) is that day;
- a month or day without a year takes the next year written in the same text, else the plan's year;
- a period introduced by "from", "commencing", "start" or followed by "onwards" is a start, not a
  deadline;
- a recurring timescale (quarterly, monthly, termly, twice yearly, annually, every six weeks …)
  is ``ongoing``; a start it names is its first deadline ("Quarterly from June 2024" -> 30 June
  2024), where no other deadline is named;
- ``due_date`` is the latest deadline; ``due_kind`` is ``immediate`` when the text says so, else
  ``ongoing`` (ongoing / recurring / each year / a start date: "from Sept 2017"), else
  ``range`` when the latest
  deadline closes a range (``Jan – April 2017``, ``2024-2029``, ``1-2 years``), else ``date``, else
  ``unknown``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from councilpapers.months import month_number

SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
_YEAR = r"(?:[‘’']\s?)?(?:20\d\d|\d\d)(?!\d)"
_DAY = r"\d{1,2}\s?(?:st|nd|rd|th)?"
_SKIP_WORDS = r"(?<!phase\s)(?<!stage\s)(?<!tier\s)(?<!level\s)(?<!step\s)"
_DAYS = (
    rf"(?P<days>{_SKIP_WORDS}\b{_DAY}(?:\s*(?:/|-|–|,|and)\s*{_DAY})*\s+(?P<dmon>\b{_MON})\.?"
    rf"(?:[ \t]*(?P<dyear>{_YEAR}))?)"
)
_MDAYS = (
    rf"(?P<mdays>\b(?P<mdmon>{_MON})\s+(?P<md1>\d{{1,2}})\s*[-–]\s*(?P<md2>\d{{1,2}})"
    r"(?!\d|\s*(?:/|st|nd|rd|th)))"
)
_QUARTER = (
    r"(?P<quarter>\bQ(?P<q>[1-4])(?:\s*(?P<qfy1>20\d\d)\s*/\s*(?P<qfy2>\d\d(?:\d\d)?)\b"
    r"|\s+(?P<qy>20\d\d)\b)?)"
)
_PATTERN = re.compile(
    "|".join(
        (
            r"(?P<iso>\b20\d\d-[01]\d-[0-3]\d\b)",
            r"(?P<numeric>\b\d{1,2}[./]\d{1,2}[./](?:20)?\d\d(?!\d))",
            _DAYS,
            _MDAYS,
            _QUARTER,
            r"(?P<fy>\b(?P<fy1>(?:20)?\d\d)\s*/\s*(?P<fy2>\d\d)\b(?!\s*/))",
            rf"(?P<month>\b(?P<mon>{_MON})\.?(?:(?:[ \t]*|-)(?P<year>{_YEAR}))?)",
            r"(?P<season>\b(?P<sea>spring|summer|autumn|winter)\s+(?P<syear>20\d\d)\b)",
            r"(?P<rel>\b(?P<r1>\d)\s*(?:-|–|to)\s*(?P<r2>\d{1,2})\s+years?\b)",
            r"(?P<bare>\b20\d\d\b)",
        )
    ),
    re.IGNORECASE,
)
_RANGE_LINK = re.compile(r"^\s*(?:-|–|—|to|until|/)\s*$", re.IGNORECASE)
_START_BEFORE = re.compile(
    r"(?:\bfrom|\bcommence\s?d?|\bcommencing|\bstart(?:s|ing)?|\bsince)\s*$", re.I
)
_START_AFTER = re.compile(r"^\s*(?:onwards|on\s?wards)", re.IGNORECASE)
_PERIOD = r"(?:year|quarter|term|month|week|fortnight|day)s?"
_COUNT = r"(?:\d{1,2}|two|three|four|five|six|eight|ten|twelve)"
_RECURRING = re.compile(
    r"\bterm(?:ly)?\b|half[\s-]+termly|\b(?:bi-?|six-?|6-?|three-?|3-?)?monthly\b"
    r"|\b(?:bi-?)?weekly\b|\bfortnightly\b|\bquarterly\b|\bannual(?:ly)?\b|\byearly\b"
    r"|\bbi-?annual(?:ly)?\b|\bbiennial(?:ly)?\b"
    rf"|\b(?:each|every|per)\s+(?:{_COUNT}\s+)?{_PERIOD}\b"
    rf"|\b(?:twice|once|three\s+times|{_COUNT}\s+times)\s+(?:a|per|each|every)\s+{_PERIOD}\b"
    r"|\b(?:twice|once)\s+(?:yearly|annually|termly|monthly)\b",
    re.IGNORECASE,
)
_ONGOING = re.compile(
    r"on\s?-?\s?going|\bonwards\b|\bcontinuously\b|\bregular(?:ly)?\b|" + _RECURRING.pattern,
    re.IGNORECASE,
)
_IMMEDIATE = re.compile(r"\bimmediate(?:ly)?\b", re.IGNORECASE)
_CASE_SENSITIVE = {"may", "mar", "march"}  # words that are also verbs count only capitalised


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression: where it is, the last day of the period it names, and its role."""

    start: int
    end: int
    last: dt.date
    is_start: bool = False
    closes_range: bool = False


@dataclass(frozen=True, slots=True)
class Due:
    """A cell's deadline: the latest end date, its kind, and every mention found."""

    due_date: dt.date | None
    due_kind: str
    mentions: tuple[Mention, ...] = ()


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    value = int(digits)
    return value if value >= 1000 else 2000 + value


def _fy_quarter_end(fy_start: int, quarter: int) -> dt.date:
    month = 3 * quarter + 3
    return month_end(fy_start + (month > 12), (month - 1) % 12 + 1)


def _plan_fy(plan: dt.date | None) -> int | None:
    if plan is None:
        return None
    return plan.year if plan.month >= 4 else plan.year - 1


Raw = tuple[int | None, int, int | None]  # (year or None, month, day or None)


def _raw(m: re.Match[str], plan: dt.date | None) -> Raw | dt.date | None:
    """A match as a date (complete) or (year?, month, day?) waiting for a year."""
    g = m.groupdict()
    if g["iso"]:
        y, mo, d = (int(x) for x in g["iso"].split("-"))
        return (
            dt.date(y, mo, d) if 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1] else None
        )
    if g["numeric"]:
        d, mo, y = (int(x) for x in re.split(r"[./]", g["numeric"]))
        y = y if y >= 1000 else 2000 + y
        return (
            dt.date(y, mo, d) if 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1] else None
        )
    if g["days"]:
        day = int(re.findall(r"\d+", g["days"].split(g["dmon"])[0])[-1])
        return (_year(g["dyear"]), month_number(g["dmon"]), day)
    if g["mdays"]:
        return (None, month_number(g["mdmon"]), int(g["md2"]))
    if g["quarter"]:
        return _quarter(m, plan)
    if g["fy"]:
        first, second = _year(g["fy1"]), _year(g["fy2"])
        return dt.date(second, 3, 31) if first and second and second == first + 1 else None
    if g["month"]:
        return (_year(g["year"]), month_number(g["mon"]), None)
    if g["season"]:
        month, day = SEASON_END[g["sea"].lower()]
        year = int(g["syear"]) + (g["sea"].lower() == "winter")
        return month_end(year, month) if month == 2 else dt.date(year, month, day)
    if g["rel"]:
        if plan is None:
            return None
        return month_end(plan.year + int(g["r2"]), plan.month)
    return dt.date(int(g["bare"]), 12, 31)


def _quarter(m: re.Match[str], plan: dt.date | None) -> dt.date | None:
    q = int(m["q"])
    if m["qfy1"]:
        return _fy_quarter_end(int(m["qfy1"]), q)
    if m["qy"]:
        return month_end(int(m["qy"]), 3 * q)
    fy = _plan_fy(plan)
    return _fy_quarter_end(fy, q) if fy is not None else None


def _rejected(m: re.Match[str]) -> bool:
    word = m["mon"] or m["dmon"] or m["mdmon"]
    return bool(word) and word.islower() and word.lower() in _CASE_SENSITIVE and not m["year"]


def _resolve(
    raws: list[tuple[re.Match[str], Raw | dt.date]], plan: dt.date | None
) -> list[tuple[re.Match[str], dt.date]]:
    """Give each partial date the next explicit year in the text, else the plan's year."""
    out: list[tuple[re.Match[str], dt.date]] = []
    for i, (m, raw) in enumerate(raws):
        if isinstance(raw, dt.date):
            out.append((m, raw))
            continue
        year, month, day = raw
        if year is None:
            later = [r[0] for _, r in raws[i + 1 :] if not isinstance(r, dt.date) and r[0]]
            later += [r.year for _, r in raws[i + 1 :] if isinstance(r, dt.date)][:1]
            year = later[0] if later else (plan.year if plan else None)
        if year is None:
            continue
        out.append((m, month_end(year, month) if day is None else _safe_day(year, month, day)))
    return out


def _safe_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def find_dates(text: str, plan_date: dt.date | None = None) -> tuple[Mention, ...]:
    """Every date expression in ``text`` as a Mention, in order."""
    raws: list[tuple[re.Match[str], Raw | dt.date]] = []
    for m in _PATTERN.finditer(text):
        if _rejected(m):
            continue
        raw = _raw(m, plan_date)
        if raw is not None:
            raws.append((m, raw))
    mentions: list[Mention] = []
    for m, last in _resolve(raws, plan_date):
        start = bool(_START_BEFORE.search(text[max(0, m.start() - 25) : m.start()]))
        start = start or bool(_START_AFTER.match(text[m.end() :]))
        closes = bool(m["mdays"] or m["rel"] or (m["days"] and re.search(r"[-–]", m["days"])))
        if mentions and _RANGE_LINK.match(text[mentions[-1].end : m.start()]):
            mentions[-1] = replace(mentions[-1], is_start=False)
            closes = True
        mentions.append(Mention(m.start(), m.end(), last, start, closes))
    return tuple(mentions)


def parse_due(text: str, plan_date: dt.date | None = None) -> Due:
    """The deadline a timescale cell sets: latest end date and its kind (see module docstring)."""
    mentions = find_dates(text, plan_date)
    deadlines = [m for m in mentions if not m.is_start]
    if not deadlines and _RECURRING.search(text):  # "Quarterly from June 2024": the first one
        deadlines = sorted((m for m in mentions if m.is_start), key=lambda m: m.last)[:1]
    latest = max(deadlines, key=lambda m: m.last) if deadlines else None
    due = latest.last if latest else None
    if _IMMEDIATE.search(text):
        kind = "immediate"
    elif _ONGOING.search(text) or any(m.is_start for m in mentions):
        kind = "ongoing"
    elif latest is not None:
        kind = "range" if latest.closes_range else "date"
    else:
        kind = "unknown"
    return Due(due, kind, mentions)
