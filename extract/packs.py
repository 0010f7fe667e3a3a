"""Pack splitting: divide one PDF into the items a committee pack is made of.

A ModernGov-style pack merges separate documents (covering letter, agenda, reports, appendices)
into one PDF. Hard boundaries come from the "Agenda Item N" stamps and from the agenda's own page
ranges ("(Pages 74 - 120)") mapped through the printed "Page N" stamps. Inside an agenda item the
report ends where its "Appendices" list ends (an item whose first document lists none is cut
only at pages titled "Appendix N"); later documents start where the layout says a new document
starts: the page orientation or the running header/footer changes, or a short page is
followed by one that opens with a heading, a letter or an "Appendix N" title. Document types come
from general signals (front-sheet fields, letter shape, table kinds, title words).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from councilpapers.extract.settings import ExtractSettings
from councilpapers.ingest.pageview import DEAR, PageView, view_pages
from councilpapers.records import DocType, Document, PackItem, Table

PAGES = re.compile(r"\(\s*pages?\s+(\d+)\s*(?:[-–]\s*(\d+))?\s*\)", re.IGNORECASE)
APPENDICES = re.compile(r"^(?:list of )?appendi(?:ces|x)\s*:?$", re.IGNORECASE)
LIST_END = re.compile(r"^(background (?:documents|papers)|documents available)", re.IGNORECASE)
APPENDIX_ENTRY = re.compile(r"\bappendix\s+(?:\d{1,2}|[A-Z])\b\s*[:.–-]?\s*", re.IGNORECASE)
APPENDIX_TITLE = re.compile(r"^appendix\s+(?:\d{1,2}|[A-Z])\b", re.IGNORECASE)
FIELD = re.compile(r"^(report title|title|subject)\s*:\s*(.+)$", re.IGNORECASE)
LABEL = re.compile(r"^[A-Z][A-Za-z /()']{1,40}[:?]")
FRONT_SHEET = re.compile(
    r"^(meeting|report title|title|wards affected|report to|to|date of meeting|"
    r"contact officer|decision maker|report author|subject)\s*:",
    re.IGNORECASE,
)
MINUTES = re.compile(r"\b(minutes|notes of the|present\s*:)", re.IGNORECASE)
IMPACT = re.compile(r"\b(impact assessment|eq[iu]?ia|equality analysis|dpia)\b", re.IGNORECASE)
POLICY = re.compile(r"\bpolicy\b", re.IGNORECASE)
INSPECTORATE = re.compile(
    r"\b(ofsted|care quality commission|hmicfrs|her majesty.s inspector|"
    r"hmi probation|estyn|care inspectorate)\b",
    re.IGNORECASE,
)
STRONG = 2  # a layout score from which a page starts a new document


@dataclass(frozen=True, slots=True)
class PageRange:
    """The pages (1-based, inclusive) under one agenda item, with a title hint."""

    first: int
    last: int
    agenda_item: str | None
    hint: str | None = None


def split_pack(
    document: Document,
    tables: Sequence[Table] = (),
    settings: ExtractSettings | Mapping[str, object] | None = None,
) -> list[PackItem]:
    """The items of a PDF in page order; a document with no agenda stamps is one item."""
    resolved = ExtractSettings.resolve(settings)
    views = view_pages(document.pages, resolved.page_line_tolerance)
    ranges = _agenda_ranges(views)
    items: list[PackItem] = []
    for pages in ranges:
        whole = len(ranges) == 1 and pages.agenda_item is None
        if whole:
            parts: list[tuple[int, int, str | None]] = [(pages.first, pages.last, None)]
        else:
            parts = _components(views, pages, resolved.short_page)
        for first, last, title in parts:
            kind = _doc_type(views, first, last, pages, title, tables, len(items) == 0)
            items.append(_item(views, len(items), pages, first, last, title, kind))
    return items


def _agenda_ranges(views: Sequence[PageView]) -> list[PageRange]:
    """Pages grouped by agenda item: stamps first, then the agenda's page ranges."""
    starts: dict[int, tuple[str | None, str | None]] = {
        v.number: (v.agenda_item, None) for v in views if v.agenda_item
    }
    if not starts:
        return [PageRange(1, len(views), None)]
    by_stamp = {v.stamp_number: v.number for v in views if v.stamp_number is not None}
    for entry, title, first_stamp in _agenda_entries(views[: min(starts)]):
        page = by_stamp.get(first_stamp)
        if page is not None and (page not in starts or starts[page][0] == entry):
            starts[page] = (entry, title)
    ranges = [PageRange(1, min(starts) - 1, None)] if min(starts) > 1 else []
    ordered = sorted(starts)
    for index, page in enumerate(ordered):
        last = ordered[index + 1] - 1 if index + 1 < len(ordered) else len(views)
        ranges.append(PageRange(page, last, starts[page][0], starts[page][1]))
    return ranges


def _agenda_entries(views: Sequence[PageView]) -> list[tuple[str, str, int]]:
    """(item number, title, first page stamp) for each agenda line with a page range."""
    found = []
    for view in views:
        text = "\n".join(view.lines)
        for match in re.finditer(
            r"(?m)^\s*(\d{1,2}[a-z]?)\.?\s+([^\n]*?(?:\n(?!\s*\d{1,2}\.)"
            r"[^\n]*?){0,2})\(\s*pages?\s+(\d+)",
            text,
            re.IGNORECASE,
        ):
            title = " ".join(match.group(2).split())
            found.append((match.group(1), title, int(match.group(3))))
    return found


def _components(
    views: Sequence[PageView], pages: PageRange, short: float
) -> list[tuple[int, int, str | None]]:
    """Split one agenda item's pages into documents: (first, last, title from the report);
    `short` is `ExtractSettings.short_page`."""
    report_end, listed = _report_end(views, pages)
    cuts: list[int] = []
    scored: list[tuple[int, int]] = []
    after = pages.first + 1
    if report_end is not None and report_end < pages.last:
        cuts.append(report_end + 1)
        after = report_end + 2
    elif pages.agenda_item is not None:  # no appendices listed: cut only at "Appendix N" titles
        cuts.extend(
            n
            for n in range(after, pages.last + 1)
            if views[n - 1].lines and APPENDIX_TITLE.match(views[n - 1].lines[0])
        )
        after = pages.last + 1
    for number in range(after, pages.last + 1):
        score = _start_score(views[number - 2], views[number - 1], short)
        if score >= STRONG:
            scored.append((score, number))
    if listed and len(scored) > len(listed) - 1:
        scored = sorted(scored, key=lambda s: (-s[0], s[1]))[: max(0, len(listed) - 1)]
    cuts.extend(number for _, number in scored)
    bounds = [pages.first, *sorted(set(cuts)), pages.last + 1]
    parts = [(a, b - 1) for a, b in pairwise(bounds) if b > a]
    titles = _titles(parts, listed, report_end is not None)
    return [(a, b, t) for (a, b), t in zip(parts, titles, strict=True)]


def _titles(parts: list[tuple[int, int]], listed: list[str], has_report: bool) -> list[str | None]:
    """The appendix titles listed by the report, given in order to the documents after it."""
    titles: list[str | None] = [None] * len(parts)
    if not has_report or not listed:
        return titles
    rest = parts[1:]
    for index in range(len(rest)):
        if index == len(rest) - 1 and len(listed) > len(rest):
            titles[index + 1] = "Appendices: " + "; ".join(listed[index:])
        elif index < len(listed):
            titles[index + 1] = listed[index]
    return titles


def _report_end(views: Sequence[PageView], pages: PageRange) -> tuple[int | None, list[str]]:
    """The page where the item's first document lists its appendices, and that list."""
    for number in range(pages.first, pages.last + 1):
        lines = views[number - 1].lines
        for index, line in enumerate(lines):
            if APPENDICES.match(line.strip()):
                listed = _listed(lines[index + 1 :])
                if (index == len(lines) - 1 or not listed) and number < pages.last:
                    return number + 1, _listed(views[number].lines)
                return number, listed
    return None, []


def _listed(lines: Sequence[str]) -> list[str]:
    """Appendix titles from the lines after an "Appendices" heading."""
    block: list[str] = []
    for line in lines:
        if LIST_END.match(line.strip()):
            break
        block.append(line.strip())
    text = " ".join(block)
    if APPENDIX_ENTRY.search(text):
        starts = [m.start() for m in APPENDIX_ENTRY.finditer(text)]
        pieces = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
        return [p for p in pieces if p]
    return [line for line in block if line and len(line) < 160]


def _start_score(before: PageView, page: PageView, short: float) -> int:
    """How strongly the layout says a new document starts on `page` (a page whose text ends
    above `short` of its height ends a document)."""
    score = 0
    if before.landscape != page.landscape:
        score += 2
    if before.running and page.running != before.running:
        score += 2
    elif page.running and not before.running:
        score += 1
    if before.fullness < short:
        score += 1
    if page.heading_start or page.letter_start:
        score += 1
    if page.lines and APPENDIX_TITLE.match(page.lines[0]):
        score += 2
    return score


def _doc_type(
    views: Sequence[PageView],
    first: int,
    last: int,
    pages: PageRange,
    title: str | None,
    tables: Sequence[Table],
    first_item: bool,
) -> DocType:
    view = views[first - 1]
    head = "\n".join(view.lines[:12])
    named = f"{title or ''}\n{view.lines[0] if view.lines else ''}"
    if _plan_pages(tables, first, last) * 2 >= last - first + 1:
        return "plan"
    if view.letter_start and INSPECTORATE.search(_text(views, first, last)):
        return "inspection_letter"
    if (pages.agenda_item is None and pages.last < len(views)) or (
        first_item and pages.hint is None
    ):
        if view.letter_start and pages.agenda_item is None:
            return "covering_letter"
        if (
            re.search(r"(?m)^\s*agenda\s*$", head, re.IGNORECASE)
            or len(PAGES.findall(_opening_text(views, first, last))) >= 2
        ):
            return "agenda"
    if IMPACT.search(named):
        return "impact_assessment"
    if first == pages.first:
        if sum(bool(FRONT_SHEET.match(line)) for line in view.lines[:12]) >= 2:
            return "report"
        if MINUTES.search(head) or (pages.hint and MINUTES.search(pages.hint)):
            return "minutes"
        if pages.agenda_item is None and re.search(r"\breport\b", head, re.IGNORECASE):
            return "report"
        return "report" if pages.agenda_item else "other"
    if POLICY.search(named):
        return "policy"
    return "appendix"


def _plan_pages(tables: Sequence[Table], first: int, last: int) -> int:
    pages = {
        p
        for t in tables
        if t.kind in ("action_plan", "rag_snapshot")
        for p in range(t.page_first, t.page_last + 1)
    }
    return len(pages & set(range(first, last + 1)))


def _opening_text(views: Sequence[PageView], first: int, last: int) -> str:
    """The text of the first two printed pages of a document (a front sheet may come first)."""
    printed = [n for n in range(first, last + 1) if views[n - 1].lines][:2]
    return "\n".join("\n".join(views[n - 1].lines) for n in printed)


def _text(views: Sequence[PageView], first: int, last: int) -> str:
    return "\n".join("\n".join(views[n - 1].lines) for n in (first, last))


def _item(
    views: Sequence[PageView],
    index: int,
    pages: PageRange,
    first: int,
    last: int,
    title: str | None,
    kind: DocType,
) -> PackItem:
    stamps = (views[first - 1].stamp, views[last - 1].stamp)
    return PackItem(
        index=index,
        agenda_item=pages.agenda_item,
        title=title or _title(views[first - 1], kind, pages),
        doc_type=kind,
        first_page=first,
        last_page=last,
        page_stamps=(stamps[0], stamps[1]) if stamps[0] and stamps[1] else None,
    )


def _title(view: PageView, kind: DocType, pages: PageRange) -> str:
    """A title from the page itself: a front-sheet title field, else its opening heading."""
    if kind == "agenda":
        return "Agenda"
    for index, line in enumerate(view.lines[:12]):
        match = FIELD.match(line.strip())
        if match:
            parts = [match.group(2).strip()]
            for more in view.lines[index + 1 : index + 3]:
                if LABEL.match(more.strip()) or FRONT_SHEET.match(more.strip()):
                    break
                parts.append(more.strip())
            return _clean(" ".join(parts))
    if kind == "covering_letter":
        subject = _upper_block(view.lines)
        return "Covering letter" + (f": {subject}" if subject else "")
    if kind == "minutes":
        return _clean("Minutes: " + " ".join(view.lines[:2]))
    heading = view.heading or (view.lines[0] if view.lines else "")
    return _clean(heading) or (pages.hint or "Untitled")


def _upper_block(lines: Sequence[str]) -> str | None:
    """The first run of upper-case lines (a letter's subject line), joined."""
    block: list[str] = []
    salutation = next((i for i, line in enumerate(lines) if DEAR.match(line)), -1)
    for line in lines[salutation + 1 :]:
        if line.isupper() and len(line) > 3:
            block.append(line.strip())
        elif block:
            break
    return " ".join(block) or None


def _clean(text: str) -> str:
    text = re.sub(r"\s+(date|on)\s*:.*$", "", text, flags=re.IGNORECASE)
    return " ".join(text.split())[:300]
