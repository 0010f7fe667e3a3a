"""Front sheets: the committee and meeting date a page names, however its meeting system sets it.

Read from a page's opening lines, strongest evidence first:
- a sentence naming the meeting: "A meeting of the County Council will be held … on Thursday,
  13th March, 2025", "MINUTES of a meeting of the Cabinet held … on …", "Meeting of the Children
  and Young People's Scrutiny Committee held on 12 March 2025" (the date is the first one after it);
- fields: "Committee: …", "Meeting: …", "Date: …", "Date and time: …", "Date of meeting: …";
- a title line ("Agenda", "Notice of meeting", "Summons") printed alone, with the committee's
  heading just above it or, when nothing is above, just below ("AGENDA" / "CABINET");
- "… Meeting on Thursday, 13th March, 2025" (the date after "meeting on" / "held on");
- a heading that names the body and the date: "CORPORATE PARENTING PANEL – 29 October 2024";
- when a title was found but no date yet, the first date among the opening lines.
Upper-case names are given in title case; dates as ISO yyyy-mm-dd.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from councilpapers.months import month_number

DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
OPENING = 14  # lines of a page read as its front sheet
SENTENCE = re.compile(
    r"(?i:\bmeeting\s+of\s+(?:the\s+)?)(?P<name>[A-Z][^.;:\n]{1,100}?)\s+"
    r"(?i:(?:(?:will|is\s+to|to)\s+be\s+|was\s+)?held)\b"
)
NAME_FIELD = re.compile(r"^(?:committee|meeting|meeting\s+of|board|panel)\s*:\s*(?P<v>.+)$", re.I)
DATE_FIELD = re.compile(
    r"^date(?:\s+of\s+meeting)?(?:\s*(?:&|and)\s*time)?\s*:\s*(?P<v>.+)$", re.IGNORECASE
)
TITLE = re.compile(
    r"^(?:agenda|notice\s+of\s+(?:the\s+)?meeting|summons(?:\s+to\s+attend)?|"
    r"(?:supplementary\s+)?agenda\s+and\s+reports?|public\s+reports?\s+pack)$",
    re.IGNORECASE,
)
TITLED_NAME = re.compile(  # a title line that names the body: "Agenda for the Cabinet"
    r"^(?i:(?:notice\s+of\s+)?(?:a\s+)?meeting\s+of|agenda\s*(?:for|of|[-–—:])"
    r"(?:\s*(?:a\s+)?meeting\s+of)?)\s*(?i:the\s+)?(?P<name>[A-Z][^\d:;.]{1,90})$"
)
NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)\b")
MEETING_ON = re.compile(r"\b(?:meeting|held)\s+on\b", re.IGNORECASE)
WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DATED_HEADING = re.compile(
    rf"^(?P<name>[A-Za-z][A-Za-z&'’,() ]{{2,80}}?)\s*[-–—:]\s*{WEEKDAY}(?P<when>\d.*\d{{4}})\.?$",
    re.IGNORECASE,
)
ADDRESSED = re.compile(r"^(?:report\s+)?to\b\s*:?\s*", re.IGNORECASE)
# after "To:" the date may follow the name with only a comma or a space: "To: Cabinet, 30 January
# 2025", "To: County Council 13th March 2025"
ADDRESSED_DATED = re.compile(
    rf"^(?P<name>[A-Z][A-Za-z&'’() ]{{2,80}}?)\s*[-–—:,]?\s+(?i:{WEEKDAY})(?P<when>\d.*\d{{4}})\.?$"
)
MEMBERS_OF = re.compile(r"^(?:all\s+)?(?:the\s+)?members\s+of\s+(?:the\s+)?", re.IGNORECASE)
# lines about another meeting: an agenda entry ("3. Minutes of the meeting held on 9 January
# 2025"), a "previous meeting" heading and the fields under it ("Date of meeting: …")
AGENDA_ENTRY = re.compile(r"^\d{1,2}[a-z]?\.\s+\S")
OTHER_MEETING = re.compile(r"\b(?:previous|last|prior|earlier|next|future)\s+meetings?\b", re.I)
FIELD_LINE = re.compile(r"^[A-Z][A-Za-z &/()']{1,40}:")
SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to"}


def parse_date(text: str) -> str | None:
    """The first written date in the text ("Monday, 3 April 2017", "24th August 2017")."""
    match = DATE.search(text)
    if not match:
        return None
    month = month_number(match.group("month"))
    try:
        return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def front_sheet(lines: Sequence[str]) -> tuple[str | None, str | None]:
    """(committee, ISO date) named by a page's opening lines; None for what it does not say."""
    head = this_meeting([line.strip() for line in lines[:OPENING] if line.strip()])
    text = " ".join(head)
    sentence = SENTENCE.search(text)
    named, named_date = addressed_name(_field(head, NAME_FIELD) or "")
    dated = next((m for m in map(_dated, head) if m), None)
    titled, title_found = _titled(head)
    title_name = next((m["name"] for m in map(TITLED_NAME.match, head) if m), None)
    committee = (
        (sentence and sentence["name"])
        or named
        or titled
        or title_name
        or (dated and dated["name"].strip(" ,"))
        or None
    )
    when = (
        (sentence and parse_date(text[sentence.end() : sentence.end() + 250]))
        or _field_date(_field(head, DATE_FIELD) or "")
        or named_date
        or _after(text, MEETING_ON)
        or (dated and parse_date(dated["when"]))
        or (parse_date(text) if title_found or title_name else None)
    )
    return (title_case(committee.strip()) if committee else None), when or None


def this_meeting(head: Sequence[str]) -> list[str]:
    """The lines that may speak of this meeting: agenda entries and another meeting's block
    (a "previous meeting" line and the field lines under it) left out."""
    kept: list[str] = []
    other = False
    for line in head:
        if OTHER_MEETING.search(line):
            other = True
            continue
        if other and FIELD_LINE.match(line):
            continue
        other = False
        if not AGENDA_ENTRY.match(line):
            kept.append(line)
    return kept


def _field_date(value: str) -> str | None:
    """A date field's date, written ("4th March 2025") or in figures, day first ("04/03/2025")."""
    written = parse_date(value)
    match = NUMERIC_DATE.search(value)
    if written or not match:
        return written
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None


def _dated(line: str) -> re.Match[str] | None:
    """A heading naming a body and a date ("PANEL – 29 October 2024", "To: Cabinet, 4 March
    2025")."""
    addressed = ADDRESSED.match(line)
    if addressed:
        match = ADDRESSED_DATED.match(line[addressed.end() :])
    else:
        match = DATED_HEADING.match(line)
    return match if match and parse_date(match["when"]) else None


def addressed_name(value: str) -> tuple[str | None, str | None]:
    """The meeting a "To:" or "Meeting:" field names, without the date printed after it or the
    "All Members of the" before it ("All Members of the County Council, 13 March 2025")."""
    value = MEMBERS_OF.sub("", value.strip())
    match = ADDRESSED_DATED.match(value)
    if match and parse_date(match["when"]):
        return match["name"].strip(" ,"), parse_date(match["when"])
    return value or None, None


def _field(head: Sequence[str], pattern: re.Pattern[str]) -> str | None:
    match = next((m for m in map(pattern.match, head) if m), None)
    return match["v"].strip() if match else None


def _after(text: str, pattern: re.Pattern[str]) -> str | None:
    match = pattern.search(text)
    return parse_date(text[match.end() : match.end() + 60]) if match else None


def _titled(head: Sequence[str]) -> tuple[str | None, bool]:
    """The committee heading beside a title line printed alone, and whether there is one."""
    index = next((i for i, line in enumerate(head) if TITLE.match(line)), None)
    if index is None:
        return None, False
    above: list[str] = []
    for line in reversed(head[max(0, index - 3) : index]):
        if not _heading_like(line):
            break
        above.insert(0, line)
    if above:
        return " ".join(above), True
    below = head[index + 1] if index + 1 < len(head) else ""
    return (below if _heading_like(below) else None), True


def _heading_like(line: str) -> bool:
    """A committee's name as a heading: short, no figures, no field label, starts with a capital."""
    return (
        0 < len(line) <= 90
        and line[0].isupper()
        and not re.search(r"\d|:", line)
        and not TITLE.match(line)
    )


def title_case(text: str) -> str:
    """Upper-case text in title case ("CORPORATE PARENTING PANEL" -> "Corporate Parenting
    Panel"); other text unchanged."""
    if not text.isupper():
        return text
    words = [
        w.capitalize() if w.lower() not in SMALL_WORDS or i == 0 else w.lower()
        for i, w in enumerate(text.split())
    ]
    return " ".join(re.sub(r"\((\w)", lambda m: "(" + m.group(1).upper(), w) for w in words)
