"""Inspection "What needs to improve" lists as the register reads them from the store.

The lists are found at ingest (`councilpapers.extract.inspection_lists`) and stored with their
document, so reading them never opens a PDF. Documents stored before that (an older store, or
one whose lists an older finder read: migration 8 forgets those) are read once by
`scan_unscanned`, which only `refresh_tracking` calls: at the end of an ingest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from councilpapers.corpus.store import Store
from councilpapers.corpus.trackstore import (
    save_improvements,
    stored_improvements,
    unscanned_documents,
)
from councilpapers.errors import CouncilPapersError
from councilpapers.extract.inspection_facts import find_inspection_facts
from councilpapers.extract.inspection_lists import find_improvement_lists
from councilpapers.records import InspectionFacts, InspectionPoint
from councilpapers.vocabularies import RecKind, SourceKind


@dataclass(frozen=True, slots=True)
class ReportItem:
    """One recommendation of a document's list: its number (or position), wording (with its
    sub-items as "• " lines), page, whose list it is, what the inspection called it, and the
    body a table names for it."""

    doc: str
    number: int
    text: str
    page: int
    source_kind: SourceKind = "inspection"
    kind: RecKind = "recommendation"
    responsible_body: str | None = None


def stored_items(store: Store) -> list[ReportItem]:
    """List items of every stored document (read only)."""
    return [
        ReportItem(
            doc,
            item.number,
            item.full_text,
            item.page,
            item.source_kind,
            item.kind,
            item.responsible_body,
        )
        for doc, item in stored_improvements(store)
    ]


def scan_unscanned(store: Store) -> int:
    """Find the lists of documents stored before lists were found at ingest; how many read."""
    from councilpapers.ingest.pdf import read_document

    found = unscanned_documents(store)
    for doc_id, path in found:
        items: list[InspectionPoint] = []
        facts: InspectionFacts | None = None
        status = "missing"
        if Path(path).is_file():
            try:
                document = read_document(path)
                items = find_improvement_lists(document)
                facts = find_inspection_facts(document)
                status = "scanned"
            except CouncilPapersError as exc:
                status = f"unreadable: {exc}"
        store.write(partial(save_improvements, store, doc_id, items, status, facts))
    return len(found)
