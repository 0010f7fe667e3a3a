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
from dataclasses import replace
from itertools import pairwise

from councilpapers.extract.boundaries import STRONG, hard_start, start_score
from councilpapers.extract.content_types import content_type
from councilpapers.extract.expectations import PageRange, pack_ranges
from councilpapers.extract.settings import ExtractSettings
from councilpapers.ingest.pageview import DEAR, PageView, view_pages
from councilpapers.records import Document, PackItem, Table
from councilpapers.vocabularies import TABLE_KINDS, DocType

PAGES = re.compile(r"\(\s*pages?\s+(\d+)\s*(?:[-–]\s*(\d+))?\s*\)", re.IGNORECASE)
APPENDICES = re.compile(r"^(?:\d{1,2}\.?\s+)?(?:list of )?appendi(?:ces|x)\s*:?$", re.IGNORECASE)
LIST_END = re.compile(r"^(background (?:documents|papers)|documents available)", re.IGNORECASE)
APPENDIX_ENTRY = re.compile(r"\bappendix\s+(?:\d{1,2}|[A-Z])\b\s*[:.–-]?\s*", re.IGNORECASE)
FIELD = re.compile(r"^(report title|title|subject)\s*:\s*(.+)$", re.IGNORECASE)
LABEL = re.compile(r"^[A-Z][A-Za-z /()']{1,40}[:?]")
FRONT_SHEET = re.compile(
    r"^(meeting|report title|title|wards affected|report to|to|date of meeting|"
    r"contact officer|decision maker|report author|subject)\s*:",
    re.IGNORECASE,
)
MINUTES = re.compile(r"\b(minutes|notes of the|present\s*:)", re.IGNORECASE)
IMPACT = re.compile(r"\b(impact assessment|eq[iu]?ia|equality analysis|dpia)\b", re.IGNORECASE)
DECISION = re.compile(r"\b(?:record of (?:the )?decision|decision record)\b", re.IGNORECASE)
POLICY = re.compile(r"\bpolicy\b", re.IGNORECASE)
INSPECTORATE = re.compile(
    r"\b(ofsted|care quality commission|hmicfrs|her majesty.s inspector|"
    r"hmi probation|estyn|care inspectorate)\b",
    re.IGNORECASE,
)


Part = tuple[int, int, str | None, str]  # first, last page, title from the report, evidence


def split_pack(
    document: Document,
    tables: Sequence[Table] = (),
    settings: ExtractSettings | Mapping[str, object] | None = None,
) -> list[PackItem]:
    """The items of a PDF in page order; a document with no agenda stamps is one item."""
    resolved = ExtractSettings.resolve(settings)
    views = view_pages(document.pages, resolved.page_line_tolerance)
    ranges = pack_ranges(views)
    items: list[PackItem] = []
    for pages in ranges:
        whole = len(ranges) == 1 and pages.agenda_item is None
        if whole:
            parts: list[Part] = [(pages.first, pages.last, None, "whole document")]
        else:
            parts = _components(views, pages, resolved.short_page)
        for first, last, title, why in parts:
            kind = _doc_type(views, first, last, pages, title, tables, len(items) == 0)
            item = _item(views, len(items), pages, first, last, title, kind)
            items.append(replace(item, evidence=why))
    return items


def _components(views: Sequence[PageView], pages: PageRange, short: float) -> list[Part]:
    """Split one agenda item's pages into documents: (first, last, title from the report,
    evidence); `short` is `ExtractSettings.short_page`."""
    hard = {
        n: why
        for n in range(pages.first + 1, pages.last + 1)
        if (why := hard_start(views[n - 2], views[n - 1], short))
    }
    listed_on, listed = _report_end(views, pages)
    cuts = dict(hard)
    if listed_on is not None:  # the report runs at least to the page listing its appendices
        cuts = {n: why for n, why in hard.items() if n > listed_on}
        end = _report_last(views, pages, listed_on, hard, short)
        if end < pages.last and end + 1 not in cuts:
            cuts[end + 1] = "after the report's list of appendices"
        expected = len(listed) - sum(1 for n in cuts if n > end)
        cuts.update(_soft_cuts(views, end + 2, pages.last, short, expected, cuts))
    elif pages.agenda_item is None:  # the pack's front matter: letter, agenda, minutes …
        cuts.update(_soft_cuts(views, pages.first + 1, pages.last, short, len(views), cuts))
    bounds = [pages.first, *sorted(cuts), pages.last + 1]
    parts = [(a, b - 1) for a, b in pairwise(bounds) if b > a]
    titles = _titles(parts, listed, listed_on is not None)
    whys = [_first_evidence(pages), *(cuts[a] for a, _ in parts[1:])]
    return [(a, b, t, w) for (a, b), t, w in zip(parts, titles, whys, strict=True)]


def _first_evidence(pages: PageRange) -> str:
    if pages.agenda_item is None:
        return "first page"
    why = "agenda range" if pages.hint is not None else "agenda item stamp"
    return f"{why}; {pages.note}" if pages.note else why


def _report_last(
    views: Sequence[PageView],
    pages: PageRange,
    listed_on: int,
    hard: Mapping[int, str],
    short: float,
) -> int:
    """The report's last page: the page listing its appendices, or the pages after it that go
    on from it (a page opening mid-sentence with no start signal), with blank padding closing it."""
    end = listed_on
    while end < pages.last and _continues(views[end - 1], views[end], hard, short):
        end += 1
    while end < pages.last and views[end].padding:
        end += 1
    return end


def _continues(before: PageView, page: PageView, hard: Mapping[int, str], short: float) -> bool:
    opening = page.lines[0].lstrip() if page.lines else ""
    return (
        page.number not in hard
        and opening[:1].islower()
        and start_score(before, page, short)[0] == 0
    )


def _soft_cuts(
    views: Sequence[PageView],
    after: int,
    last: int,
    short: float,
    expected: int,
    cuts: Mapping[int, str],
) -> dict[int, str]:
    """Up to `expected` more starts the layout supports, strongest first."""
    scored = []
    for number in range(after, last + 1):
        if number in cuts or views[number - 1].padding:
            continue
        score, signals = start_score(views[number - 2], views[number - 1], short)
        if score >= STRONG:
            scored.append((score, number, signals))
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[: max(0, expected)]
    return {number: f"layout ({signals})" for _, number, signals in best}


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
        titled = re.search(r"(?m)^\s*agenda\s*$", head, re.IGNORECASE)
        if view.letter_start and pages.agenda_item is None and not titled:
            return "covering_letter"
        if titled or len(PAGES.findall(_opening_text(views, first, last))) >= 2:
            return "agenda"
    if IMPACT.search(named):
        return "impact_assessment"
    if DECISION.search(head):
        return "decision_record"
    front_sheet = sum(bool(FRONT_SHEET.match(line)) for line in view.lines[:12]) >= 2
    if first == pages.first and front_sheet:
        return "report"
    by_content = content_type(views, first, last)
    if by_content is not None:
        return by_content
    if first == pages.first:
        if MINUTES.search(head) or (pages.hint and MINUTES.search(pages.hint)):
            return "minutes"
        if pages.agenda_item is None and re.search(r"\breport\b", head, re.IGNORECASE):
            return "report"
        return "report" if pages.agenda_item else "other"
    if POLICY.search(named):
        return "policy"
    return "letter" if view.letter_start else "appendix"


def _plan_pages(tables: Sequence[Table], first: int, last: int) -> int:
    pages = {
        p
        for t in tables
        if t.kind in TABLE_KINDS.flagged("actions")
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
