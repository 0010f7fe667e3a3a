"""What an inspection report says about itself: its overall judgement and inspection dates.

Every framework prints these near its start, in one of a few shapes:

- the judgement table (ILACS, 2018 on): the row "Overall effectiveness" and its grade to the
  right, the grade set on one or two lines centred on the row ("Requires improvement" above
  and "to be good" below the label's line); the 2012 framework's "Overall effectiveness …"
  heading with "Grade 3 (Adequate)" under it;
- a sentence (single inspection framework): "The overall judgement is inadequate", "Children's
  services in Kent are good", "… require improvement to be good";
- an area SEND report's outcome, one of three fixed sentences ("… typically lead to positive
  experiences …", "… lead to inconsistent experiences …", "widespread and/or systemic
  failings …").

The first of these in reading order gives the judgement, normalised (`GRADES`) and as printed.
The dates come from the first "Inspection date(s):" line: "5 to 16 December 2022",
"19 November–30 November 2018", "18 March 2014 – 09 April 2014" all give a first and last day.
Such a line at the top of a part's first page makes the part an `inspection_report`
(`type_reports`): every framework's report opens with it, a letter does not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from councilpapers.extract.report_lines import TextLine, document_lines
from councilpapers.extract.settings import ExtractSettings
from councilpapers.months import MONTHS
from councilpapers.records import Document, Inspection, InspectionFacts, PackItem

GRADES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        ("requires_improvement", r"\brequires? improvement( to be good)?"),
        ("inadequate", r"\binadequate\b"),
        ("outstanding", r"\boutstanding\b"),
        ("adequate", r"\badequate\b"),
        ("good", r"\bgood\b"),
        ("systemic_failings", r"\bwidespread and/or systemic failings\b"),
        ("inconsistent", r"\blead to inconsistent experiences\b"),
        ("positive", r"\btypically lead to positive experiences\b"),
    )
)
OUTCOMES = ("systemic_failings", "inconsistent", "positive")
TABLE_LABEL = re.compile(r"^overall effectiveness\b", re.IGNORECASE)
SENTENCE = re.compile(
    r"\b(the overall judgement is|children.s services in [\w ,-]{1,40}?(?= (are|is|requires?)\b))",
    re.IGNORECASE,
)
DATES_LABEL = re.compile(r"^inspection dates?\s*:?\s*(?P<rest>.+)$", re.IGNORECASE)
DAY = r"(\d{1,2})(?:\s*([A-Za-z]{3,9}))?(?:\s+(\d{4}))?"
RANGE = re.compile(DAY + r"\s*(?:to|–|—|-)\s*" + r"(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})")
SINGLE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})")
REPORT_HEAD = 15  # lines at the top of a first page where a report prints its dates
BODIES = (  # name, how it is printed, whether only the first page counts
    ("Ofsted", re.compile(r"\bofsted\b", re.IGNORECASE), False),
    ("Care Quality Commission", re.compile(r"\b((?i:care quality commission)|CQC)\b"), True),
)


def find_inspection_facts(
    document: Document, settings: ExtractSettings | Mapping[str, object] | None = None
) -> InspectionFacts | None:
    """The report's overall judgement and inspection dates; None when it prints neither.

    `settings`: None (the defaults), a dict of overrides or an `ExtractSettings`."""
    return facts_in(document_lines(document, ExtractSettings.resolve(settings)))


def facts_in(lines: Sequence[TextLine]) -> InspectionFacts | None:
    """The judgement and dates printed in these body lines; None when neither is."""
    judgement = _judgement(lines)
    dates = _dates(lines)
    if judgement is None and dates is None:
        return None
    label, printed = judgement or (None, None)
    first, last = dates or (None, None)
    return InspectionFacts(label, printed, first, last)


def _judgement(lines: Sequence[TextLine]) -> tuple[str, str] | None:
    for index, line in enumerate(lines):
        window = " ".join(x.text for x in lines[index : index + 3] if x.page == line.page)
        if TABLE_LABEL.match(line.text):
            found = _grade(_row_text(lines, index)) or _grade(_after(lines, index))
        elif match := SENTENCE.search(window):
            found = _grade(window[match.end() :][:50])
        else:
            found = _outcome(window)
        if found:
            return found
    return None


def _grade(text: str) -> tuple[str, str] | None:
    """The grade named first in the text."""
    found = [
        (match.start(), label, match.group(0))
        for label, pattern in GRADES
        if label not in OUTCOMES and (match := pattern.search(text))
    ]
    if not found:
        return None
    _, label, printed = min(found)
    return label, printed


def _outcome(text: str) -> tuple[str, str] | None:
    for label, pattern in GRADES:
        if label in OUTCOMES and (match := pattern.search(text)):
            return label, match.group(0)
    return None


def _row_text(lines: Sequence[TextLine], index: int) -> str:
    """The words right of a table's label, on the label's line and the lines of its row."""
    label = lines[index]
    right = label.words[1].x1 if len(label.words) > 1 else label.x1
    band = [
        x
        for x in lines[max(0, index - 2) : index + 3]
        if x.page == label.page
        and abs((x.top + x.bottom) - (label.top + label.bottom)) / 2 <= 1.5 * label.size
    ]
    words = [w for x in band for w in x.words if w.x0 > right + label.size]
    return " ".join(w.text for w in sorted(words, key=lambda w: (w.top, w.x0)))


def _after(lines: Sequence[TextLine], index: int) -> str:
    """The two lines under a heading ("Grade 3 (Adequate)")."""
    return " ".join(x.text for x in lines[index + 1 : index + 3])


def type_reports(parts: Sequence[PackItem], lines: Sequence[TextLine]) -> list[PackItem]:
    """Parts whose first page prints an inspection's dates ("Inspection dates: 5 to 16
    December 2022") are inspection reports, inspected by the inspectorates they name, on the
    last day of the inspection. A plan stays a plan."""
    out = []
    for part in parts:
        first = [line for line in lines if line.page == part.first_page]
        dates = _dates(first[:REPORT_HEAD])
        if dates is None or part.doc_type == "plan":
            out.append(part)
            continue
        seen = Inspection(_bodies(part, lines, first), dates[1])
        out.append(replace(part, doc_type="inspection_report", inspection=seen))
    return out


def _bodies(part: PackItem, lines: Sequence[TextLine], first: Sequence[TextLine]) -> str | None:
    """Ofsted when the report names it anywhere; the Care Quality Commission when its first
    page names it (an area SEND report: a joint inspection), not a mention further in."""
    pages = range(part.first_page, part.last_page + 1)
    own = [line for line in lines if line.page in pages]
    found = [
        name
        for name, pattern, first_only in BODIES
        if any(pattern.search(line.text) for line in (first if first_only else own))
    ]
    return " and the ".join(found) or None


def _dates(lines: Sequence[TextLine]) -> tuple[str, str] | None:
    for line in lines:
        match = DATES_LABEL.match(line.text.strip())
        if match and (found := parse_range(match.group("rest"))):
            return found
    return None


def parse_range(text: str) -> tuple[str, str] | None:
    """First and last day (ISO) of a printed range, the first day's month and year taken from
    the last's when not printed; a single date is both."""
    match = RANGE.search(text)
    if match:
        day, month, year, day2, month2, year2 = match.groups()
        last = _iso(day2, month2, year2)
        first = _iso(day, month or month2, year or year2)
        return (first, last) if first and last else None
    single = SINGLE.search(text)
    if single and (one := _iso(*single.groups())):
        return one, one
    return None


def _iso(day: str, month: str, year: str) -> str | None:
    number = MONTHS.get(month[:3].lower())
    if number is None or not 1 <= int(day) <= 31:
        return None
    return f"{int(year):04d}-{number:02d}-{int(day):02d}"
