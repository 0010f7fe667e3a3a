"""One pass through the extraction stages: a read `Document` in, an `ExtractedDocument` out.

The order is fixed here and nowhere else: tables first (pack analysis reads their kinds and plan
identity), then the pack's items (`packs.split_pack`) described with plan identity and inspecting
body (`meeting.describe_items`), then one reading of the inspection reports among them
(`inspection_lists.find_inspection`: parts that are inspection reports typed so, the lists a
document prints, an inspection's judgement and dates; a grades table inside such a part is no
council's RAG summary: `report_tables`), then the meeting the pack was published for
(`meeting.meeting_facts`). A plan's own RAG key ("Green – on track") is attached to its
tables right after they are found (`rag_key.attach_rag_keys`). Tags are the NLP stage's business
(`nlp.table_tags.tag_tables`) and are added by the caller, so this module needs nothing above
`extract`.

The lists are an inspection's ("What needs to improve", "Areas for priority action"…) or a
report's recommendations to members (kept apart by `source_kind`).
"""

from __future__ import annotations

from collections.abc import Mapping

from councilpapers.extract.inspection_lists import find_inspection
from councilpapers.extract.meeting import describe_items, meeting_facts
from councilpapers.extract.packs import split_pack
from councilpapers.extract.rag_key import attach_rag_keys
from councilpapers.extract.report_tables import inspection_grades_unrated
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import find_tables
from councilpapers.records import Document, ExtractedDocument


def extract_document(
    document: Document, settings: ExtractSettings | Mapping[str, object] | None = None
) -> ExtractedDocument:
    """Tables, pack items, meeting facts and inspection points of one read document (no tags).

    `settings`: None (the defaults), a dict of overrides or an `ExtractSettings`; resolved and
    checked once here, then passed to every step."""
    resolved = ExtractSettings.resolve(settings)
    tables = attach_rag_keys(document, find_tables(document, resolved), resolved)
    items = describe_items(document, split_pack(document, tables, resolved), tables, resolved)
    reading = find_inspection(document, items, resolved)
    return ExtractedDocument(
        document=document,
        tables=tuple(inspection_grades_unrated(tables, reading.parts)),
        items=reading.parts,
        meeting=meeting_facts(document, reading.parts, resolved),
        inspection=reading.points,
        facts=reading.facts,
    )
