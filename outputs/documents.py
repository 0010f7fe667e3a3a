"""The documents export: one record per stored PDF with its page count, text sources, meeting
facts, an inspection report's overall judgement and dates, and items (agenda item, title, type,
pages, plan or inspection facts).

JSON keeps `items` as a list; CSV flattens it to one line per item with the document's columns
repeated, so a spreadsheet user can filter by document type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from councilpapers.corpus import queries
from councilpapers.corpus.queries import source_paths
from councilpapers.corpus.store import Store
from councilpapers.corpus.trackstore import stored_facts
from councilpapers.outputs.export import exportable, write_frame, write_text
from councilpapers.outputs.formats import ExportOptions, json_text
from councilpapers.records import InspectionFacts, PackItem

DOC_COLUMNS = (
    "doc",
    "pages",
    "pages_ocr",
    "pages_no_text",
    "committee",
    "meeting_date",
    "inspection_judgement",
    "inspection_first_day",
    "inspection_last_day",
    "doc_sha256",
    "source",
)
ITEM_COLUMNS = (
    "item_index",
    "agenda_item",
    "title",
    "doc_type",
    "first_page",
    "last_page",
    "page_stamp_first",
    "page_stamp_last",
    "plan_title",
    "plan_version",
    "plan_date",
    "inspection_body",
    "inspection_date",
    "evidence",
)


def item_record(item: PackItem) -> dict[str, Any]:
    """The export fields of one item."""
    stamps = item.page_stamps or (None, None)
    plan, seen = item.plan, item.inspection
    return {
        "item_index": item.index,
        "agenda_item": item.agenda_item,
        "title": item.title,
        "doc_type": item.doc_type,
        "first_page": item.first_page,
        "last_page": item.last_page,
        "page_stamp_first": stamps[0],
        "page_stamp_last": stamps[1],
        "plan_title": plan.title if plan else None,
        "plan_version": plan.version if plan else None,
        "plan_date": plan.date if plan else None,
        "inspection_body": seen.body if seen else None,
        "inspection_date": seen.date if seen else None,
        "evidence": item.evidence,
    }


def document_records(db_url: str) -> list[dict[str, Any]]:
    """Every stored document, in name order, with its items nested."""
    with Store.open(db_url, readonly=True) as store:
        out = []
        relative = source_paths(store)
        facts = stored_facts(store)
        for doc_id, name, pages, sha in queries.documents(store):
            sources = queries.text_sources(store, doc_id)
            meeting = store.meeting(doc_id)
            seen = facts.get(doc_id, InspectionFacts())
            out.append(
                {
                    "doc": name,
                    "source": relative.get(sha),
                    "pages": pages,
                    "pages_ocr": int(sources.get("ocr", 0)),
                    "pages_no_text": int(sources.get("none", 0)),
                    "committee": meeting.committee,
                    "meeting_date": meeting.date,
                    "inspection_judgement": seen.judgement,
                    "inspection_first_day": seen.date_first,
                    "inspection_last_day": seen.date_last,
                    "doc_sha256": sha,
                    "items": [item_record(i) for i in store.pack_items(doc_id)],
                }
            )
        return out


def documents_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """One line per item (a document with no items keeps one line with empty item columns)."""
    lines: list[dict[str, Any]] = []
    for record in records:
        base = {k: record[k] for k in DOC_COLUMNS}
        lines.extend({**base, **item} for item in record["items"] or [{}])
    return pd.DataFrame(lines, columns=[*DOC_COLUMNS, *ITEM_COLUMNS])


def write_documents(
    db_url: str, fmt: str, out: str | Path, options: ExportOptions | None = None
) -> tuple[str, int]:
    """Write the documents export (atomically; `-` is stdout); returns where and how many.

    JSON and JSON lines keep each document's items nested; the other formats a line per item."""
    exportable(fmt)
    records = document_records(db_url)
    if fmt in ("json", "jsonl"):
        return write_text(json_text(records, lines=fmt == "jsonl"), out), len(records)
    return write_frame(documents_frame(records), fmt, out, options), len(records)
