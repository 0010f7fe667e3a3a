"""What a pack's own front sheet expects: the agenda items and the pages each one fills.

A covering letter or agenda lists each item with its pages, "(Pages 74 - 120)", or in a table
whose header names the pages ("Item  Title  Pages" then "7  Title  1 - 18"). The numbers are the
pack's printed "Page N" stamps. This room reads those entries and maps them onto physical pages:
through the stamps when the pack is stamped, else through one physical offset when that offset
makes every range fit the pack (the last range ends on the last page or the one before it, every
range starts after the front sheet and they follow one another without overlap). `pack_ranges`
combines them with the "Agenda Item N" stamps into the pages of each agenda item, and notes
where the two disagree so the item's evidence can say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.ingest.pageview import PageView

RANGE = re.compile(r"\(\s*pages?\s+(\d+)\s*(?:[-–]\s*(\d+))?\s*\)", re.IGNORECASE)
ENTRY = re.compile(
    r"(?m)^\s*(\d{1,2}[a-z]?)\.?\s+([^\n]*?(?:\n(?!\s*\d{1,2}\.)[^\n]*?){0,2})"
    r"\(\s*pages?\s+(\d+)\s*(?:[-–]\s*(\d+))?",
    re.IGNORECASE,
)
TABLE_HEAD = re.compile(r"\bpages?(?:\s+(?:numbers?|nos?\.?))?\s*$", re.IGNORECASE)
TABLE_ROW = re.compile(r"^\s*(\d{1,2}[a-z]?)\.?\s+(.+?)\s+(\d{1,4})\s*[-–]\s*(\d{1,4})\s*$")
FRONT_PAGES = 4  # an unstamped pack's front sheet is looked for on its first pages only


@dataclass(frozen=True, slots=True)
class Entry:
    """One agenda item as the front sheet lists it: number, title, first and last stamp."""

    item: str
    title: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class PageRange:
    """The pages (1-based, inclusive) under one agenda item, with a title hint and a note of
    where the front sheet's range and the stamps disagree."""

    first: int
    last: int
    agenda_item: str | None
    hint: str | None = None
    note: str = ""


def front_entries(views: Sequence[PageView]) -> list[Entry]:
    """The item entries listed on these pages, in order."""
    found: list[Entry] = []
    for view in views:
        found.extend(_entries(view.lines))
    return found


def _entries(lines: Sequence[str]) -> list[Entry]:
    found = []
    for match in ENTRY.finditer("\n".join(lines)):
        first = int(match.group(3))
        last = int(match.group(4) or first)
        found.append(Entry(match.group(1), " ".join(match.group(2).split()), first, last))
    in_table = False
    for line in lines:
        row = TABLE_ROW.match(line) if in_table and not RANGE.search(line) else None
        if row:
            first, last = int(row.group(3)), int(row.group(4))
            found.append(Entry(row.group(1), row.group(2).strip(), first, last))
        in_table = in_table or bool(TABLE_HEAD.search(line.strip()) and len(line) < 60)
    return found


def stamp_map(views: Sequence[PageView], entries: Sequence[Entry], front: int) -> dict[int, int]:
    """Printed page number -> physical page: the stamps, or one offset when the pack has no
    stamps and the entries fit it (`front` is the last page of the front sheet)."""
    stamped = {v.stamp_number: v.number for v in views if v.stamp_number is not None}
    if stamped or not entries:
        return stamped
    total = len(views)
    for offset in (total - entries[-1].last, total - entries[-1].last - 1):
        if _fits(entries, offset, front, total):
            return {n: n + offset for n in range(1, total - offset + 1)}
    return {}


def _fits(entries: Sequence[Entry], offset: int, front: int, total: int) -> bool:
    """Every range lands after the front sheet, inside the pack, in order and apart."""
    previous = front
    for entry in entries:
        first, last = entry.first + offset, entry.last + offset
        if first <= previous or last < first or last > total:
            return False
        previous = last
    return True


def pack_ranges(views: Sequence[PageView]) -> list[PageRange]:
    """Pages grouped by agenda item: the "Agenda Item N" stamps, then the front sheet's ranges
    mapped to physical pages; a pack with neither is one range."""
    starts: dict[int, tuple[str | None, str | None]] = {
        v.number: (v.agenda_item, None) for v in views if v.agenda_item
    }
    front = min(starts) - 1 if starts else _front_end(views)
    entries = front_entries(views[:front])
    mapping = stamp_map(views, entries, front)
    notes: dict[int, str] = {}
    for entry in entries:
        page = mapping.get(entry.first)
        if page is None:
            continue
        stamped = next((n for n, (item, _) in starts.items() if item == entry.item), None)
        if stamped is not None and stamped != page:
            notes[stamped] = f"agenda range says page {page}"
        elif page not in starts or starts[page][0] == entry.item:
            starts[page] = (entry.item, entry.title)
        end = mapping.get(entry.last)
        if end is not None:
            notes[page] = notes.get(page, "") or f"agenda range to page {end}"
    return _ranges(views, starts, notes)


def _front_end(views: Sequence[PageView]) -> int:
    """The last page of an unstamped pack's front sheet: its leading pages that list entries,
    with the padding page after them."""
    end = 0
    for view in views[:FRONT_PAGES]:
        if _entries(view.lines):
            end = view.number
        elif end:
            break
    while end and end < len(views) and views[end].padding:
        end += 1
    return end


def _ranges(
    views: Sequence[PageView],
    starts: dict[int, tuple[str | None, str | None]],
    notes: dict[int, str],
) -> list[PageRange]:
    if not starts:
        return [PageRange(1, len(views), None)]
    ranges = [PageRange(1, min(starts) - 1, None)] if min(starts) > 1 else []
    ordered = sorted(starts)
    for index, page in enumerate(ordered):
        last = ordered[index + 1] - 1 if index + 1 < len(ordered) else len(views)
        note = _disagreement(views, last, notes.get(page, ""))
        ranges.append(PageRange(page, last, starts[page][0], starts[page][1], note))
    return ranges


def _disagreement(views: Sequence[PageView], last: int, note: str) -> str:
    """The note kept on a range: only where the front sheet disagrees with the pages."""
    match = re.match(r"agenda range to page (\d+)$", note)
    if not match:
        return note
    end = int(match.group(1))
    agrees = end == last or (end + 1 == last and views[last - 1].padding)
    return "" if agrees else f"agenda range ends at page {end}, the pages at {last}"
