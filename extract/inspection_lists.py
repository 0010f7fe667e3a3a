"""Recommendation lists printed in a document: an inspection's "What needs to improve" and the like.

Inspection reports and letters print what they ask for as lists under headings such as "What
needs to improve?", "Recommendations", "Priority and immediate action", "Areas for priority
action" or "Areas for improvement" (`list_headings`: the heading names the items' kind). The
finder reads the document's body lines in order (`report_lines`), and at each such heading reads
the list under it: as a table by column when a header row of columns follows (`list_tables`),
else line by line (`list_items`): numbered, lettered or bulleted in any font, or plain
paragraphs, each item with its sub-items, across page breaks.

Each item says whose list it is (`source_kind`): an inspection heading ("What needs to improve",
"Areas for improvement / priority action") is an inspection's; a bare "Recommendations" heading
is an inspection's only in a document that reads as an inspection report and when its items do
not address a committee ("Cabinet is asked to note…"): otherwise it is a committee decision.
This runs at ingest (`extract_file`), so read commands never re-open a PDF.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from councilpapers.extract.inspection_facts import facts_in, type_reports
from councilpapers.extract.list_headings import heading_kind, inspection_heading
from councilpapers.extract.list_items import ListItem, ListReader
from councilpapers.extract.list_tables import read_table
from councilpapers.extract.report_lines import TextLine, document_lines
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Document, InspectionFacts, InspectionPoint, PackItem
from councilpapers.vocabularies import DOC_TYPES, RecKind, SourceKind

INSPECTION_DOC = re.compile(r"\b(ofsted|inspection|inspectors?|care quality commission)\b", re.I)
COMMITTEE_DOC = re.compile(r"\b(cabinet|committee|agenda|decision no|key decision)\b", re.I)
DECISION_ITEM = re.compile(
    r"^(that\s+)?(the\s+)?(cabinet|council|committee|board|members?|panel)\b"
    r"|^(note|agree|approve|endorse|delegate|consider|comment|adopt|recommend)s?\b"
    r"|\bis (asked|recommended) to\b",
    re.IGNORECASE,
)

Found = list[tuple[ListItem, str | None]]  # items with their responsible body


def find_improvement_lists(
    document: Document,
    parts: Sequence[PackItem] = (),
    settings: ExtractSettings | Mapping[str, object] | None = None,
) -> list[InspectionPoint]:
    """Every item of every recommendations list in the document, in order.

    `parts` (the pack's items, when known) tells which pages are an inspection letter's;
    `settings`: None (the defaults), a dict of overrides or an `ExtractSettings`."""
    s = ExtractSettings.resolve(settings)
    return _lists(document, document_lines(document, s), parts, s)


@dataclass(frozen=True, slots=True)
class InspectionReading:
    """What one reading of a document's lines finds: its parts with the inspection reports
    typed, the items of its lists, and its inspection facts."""

    parts: tuple[PackItem, ...]
    points: tuple[InspectionPoint, ...]
    facts: InspectionFacts | None


def find_inspection(
    document: Document,
    parts: Sequence[PackItem] = (),
    settings: ExtractSettings | Mapping[str, object] | None = None,
) -> InspectionReading:
    """The document's parts (inspection reports typed: `inspection_facts.type_reports`), list
    items and inspection facts, from one reading of its lines: what `extract_document` keeps."""
    s = ExtractSettings.resolve(settings)
    lines = document_lines(document, s)
    typed = type_reports(parts, lines)
    points = _lists(document, lines, typed, s)
    return InspectionReading(tuple(typed), tuple(points), facts_in(lines))


def _lists(
    document: Document, lines: list[TextLine], parts: Sequence[PackItem], s: ExtractSettings
) -> list[InspectionPoint]:
    inspected = _inspected_pages(document, lines, parts)
    body = _body_size(lines)
    points: list[InspectionPoint] = []
    index = 0
    while index < len(lines):
        heading = lines[index]
        kind = heading_kind(heading)
        if kind is None or not _set_as_heading(heading, body):
            index += 1
            continue
        found, end = _read_list(lines, index, s)
        source = _source_kind(heading, heading.page in inspected, found)
        points.extend(_points(found, heading, kind, source, start=len(points)))
        index = max(end, index + 1)
    return points


def _read_list(lines: list[TextLine], index: int, s: ExtractSettings) -> tuple[Found, int]:
    table = read_table(lines, index + 1, lines[index], s)
    if table is not None and table[0]:
        return table
    items, end = ListReader(lines, index + 1, lines[index], s).read()
    return [(item, None) for item in items], end


def _points(
    found: Found, heading: TextLine, kind: RecKind, source: SourceKind, start: int
) -> list[InspectionPoint]:
    return [
        InspectionPoint(
            number=item.number if item.number is not None else position,
            text=item.text,
            page=item.spans[0].page if item.spans else heading.page,
            heading=heading.text.strip(),
            source_kind=source,
            kind=kind,
            sub_items=item.sub_items,
            responsible_body=body,
            group=item.group,
            spans=item.spans,
        )
        for position, (item, body) in enumerate(found, start=1)
    ]


def _set_as_heading(line: TextLine, body: float) -> bool:
    """A heading by its setting: bold, larger than the body text, a question or lead-in, or a
    line of a few words standing alone (not the opening of a sentence of body text)."""
    text = line.text.rstrip()
    return (
        line.bold or line.size > body + 0.5 or text.endswith(("?", ":")) or len(text.split()) <= 6
    )


def _body_size(lines: Sequence[TextLine]) -> float:
    sizes = [line.size for line in lines if len(line.words) > 5]
    return statistics.median(sizes) if sizes else 0.0


def _inspected_pages(
    document: Document, lines: Sequence[TextLine], parts: Sequence[PackItem]
) -> set[int]:
    """Pages that are an inspection's: every page of a document that reads as an inspection
    report, else the pages of the pack's inspection letters."""
    first = " ".join(line.text for line in lines if line.page == 1)
    if INSPECTION_DOC.search(first) and not COMMITTEE_DOC.search(first):
        return {page.number for page in document.pages}
    inspectorate = DOC_TYPES.flagged("inspectorate")
    return {
        page
        for part in parts
        if part.doc_type in inspectorate or part.inspection
        for page in range(part.first_page, part.last_page + 1)
    }


def _source_kind(heading: TextLine, inspected: bool, found: Found) -> SourceKind:
    if inspection_heading(heading):
        return "inspection"
    if inspected and not any(DECISION_ITEM.search(item.text) for item, _ in found):
        return "inspection"
    return "decision"
