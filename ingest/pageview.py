"""Page views: the few layout facts per page that tell where one document of a pack ends and the
next begins (text lines, orientation, running header/footer, how full the page is, whether it
opens with a heading or a letter, its "Page N" and "Agenda Item N" stamps)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from councilpapers.ingest.lines import group_lines
from councilpapers.records import Page, Word

AGENDA_ITEM = re.compile(r"\bagenda\s+item\s+(\d{1,3}[a-z]?)\b", re.IGNORECASE)
PAGE_STAMP = re.compile(r"\bpage\s+(\d+)\b", re.IGNORECASE)
DATE_LINE = re.compile(
    r"^(date\s*:\s*)?((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}"
    r"(st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+(19|20)\d\d$",
    re.IGNORECASE,
)
DEAR = re.compile(r"^dear\s+\w+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageView:
    number: int
    lines: tuple[str, ...]
    landscape: bool
    running: str
    fullness: float  # share of the page's height down to its lowest word
    heading_start: bool
    heading: str
    letter_start: bool
    agenda_item: str | None
    stamp: str | None
    stamp_number: int | None


def view_pages(pages: Sequence[Page], line_tolerance: float) -> list[PageView]:
    """A view of each page; words whose bottoms are within `line_tolerance` points share a line."""
    return [view_page(page, line_tolerance) for page in pages]


def view_page(page: Page, line_tolerance: float) -> PageView:
    lines = group_lines(page.words, line_tolerance)
    texts = tuple(" ".join(w.text for w in line) for line in lines)
    printed = group_lines(page.furniture, line_tolerance)
    furniture = " ".join(" ".join(w.text for w in line) for line in printed)
    item = AGENDA_ITEM.search(furniture)
    number = PAGE_STAMP.search(page.stamp or "")
    return PageView(
        number=page.number,
        lines=texts,
        landscape=page.landscape,
        running=_running(furniture),
        fullness=_fullness(page),
        heading_start=_heading_start(lines),
        heading=_heading(lines),
        letter_start=_letter_start(texts),
        agenda_item=item.group(1) if item else None,
        stamp=page.stamp,
        stamp_number=int(number.group(1)) if number else None,
    )


def _running(furniture: str) -> str:
    """The page's running header/footer with stamps removed and digits folded."""
    text = AGENDA_ITEM.sub(" ", furniture)
    text = PAGE_STAMP.sub(" ", text)
    text = re.sub(r"\d+", "#", text.lower())
    text = re.sub(r"(^|\s)#(?=\s|$)", " ", text)
    return " ".join(text.split())


def _fullness(page: Page) -> float:
    if not page.words or not page.height:
        return 0.0
    return max(w.bottom for w in page.words) / page.height


def _body_size(lines: Sequence[Sequence[Word]]) -> float:
    sizes = [w.size for line in lines for w in line if w.size]
    return median(sizes) if sizes else 0.0


def _heading_start(lines: Sequence[Sequence[Word]]) -> bool:
    if not lines:
        return False
    first = lines[0]
    body = _body_size(lines)
    return all(w.bold for w in first) or (body > 0 and max(w.size for w in first) >= body + 1)


def _heading(lines: Sequence[Sequence[Word]]) -> str:
    """The most prominent opening lines of the page (largest type among its first lines)."""
    head = list(lines[:6])
    if not head:
        return ""
    size = max(max(w.size for w in line) for line in head)
    picked: list[str] = []
    for line in head:
        if max(w.size for w in line) >= size - 0.25:
            picked.append(" ".join(w.text for w in line))
        elif picked:
            break
    return " ".join(picked)


def _letter_start(texts: Sequence[str]) -> bool:
    """A letter: a date line at the top, or a salutation among the first lines."""
    return any(DATE_LINE.match(t.strip()) for t in texts[:3]) or any(
        DEAR.match(t.strip()) for t in texts[:16]
    )
