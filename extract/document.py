"""One pass through the extraction stages: a read `Document` in, an `ExtractedDocument` out.

The order is fixed here and nowhere else: tables first (pack analysis reads their kinds and plan
identity), then the pack's items (`packs.split_pack`) described with plan identity and inspecting
body (`meeting.describe_items`), then the meeting the pack was published for
(`meeting.meeting_facts`), then the inspection report's own "What needs to improve" points. Tags
are the NLP stage's business (`nlp.document.tag_tables`) and are added by the caller, so this
module needs nothing above `extract`.

Hook for inspection lists: `INSPECTION_READERS` holds the functions that read a document's own
recommendation lists ("What needs to improve") from the document and its items; each returns
`InspectionPoint`s and the first that finds any wins. It is empty on this branch: the reader is
written on the tracking branch (`extract/inspection_lists.find_improvement_lists(document,
items)`, which has this signature); once both are in, register it here
(`INSPECTION_READERS = (find_improvement_lists,)`) rather than calling it from the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from councilpapers.extract.meeting import describe_items, meeting_facts
from councilpapers.extract.packs import split_pack
from councilpapers.extract.tables import find_tables
from councilpapers.records import Document, ExtractedDocument, InspectionPoint, PackItem

InspectionReader = Callable[[Document, Sequence[PackItem]], Sequence[InspectionPoint]]
INSPECTION_READERS: tuple[InspectionReader, ...] = ()


def extract_document(document: Document) -> ExtractedDocument:
    """Tables, pack items, meeting facts and inspection points of one read document (no tags)."""
    tables = find_tables(document)
    items = describe_items(document, split_pack(document, tables), tables)
    return ExtractedDocument(
        document=document,
        tables=tuple(tables),
        items=tuple(items),
        meeting=meeting_facts(document, items),
        inspection=inspection_points(document, items),
    )


def inspection_points(document: Document, items: Sequence[PackItem]) -> tuple[InspectionPoint, ...]:
    """The first non-empty list any registered inspection reader finds (empty when none)."""
    for reader in INSPECTION_READERS:
        found = tuple(reader(document, items))
        if found:
            return found
    return ()
