"""Tables -> pandas DataFrames: one row per logical table row, with provenance columns.

One mapping (`row_record`) serves both the store and in-memory extraction, so an export and a
benchmark see exactly the same columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from councilpapers.corpus.queries import source_paths
from councilpapers.corpus.reader import StoredTable, load_tables
from councilpapers.corpus.store import Store
from councilpapers.extract.headers import CANONICAL
from councilpapers.records import Document, Row, RowTags, Table
from councilpapers.vocabularies import TABLE_KINDS

ACTION_KINDS = TABLE_KINDS.flagged("actions")
FIELDS = CANONICAL
TAG_COLUMNS = ("leads", "due_date", "due_kind", "overdue", "status_norm", "themes")
COLUMNS = (
    "doc",
    "source",
    "table_kind",
    "plan_version",
    "plan_date",
    "section_number",
    "section_title",
    "section_group",
    *FIELDS,
    "rag_meaning",
    *TAG_COLUMNS,
    "page_first",
    "page_last",
    "table_index",
    "row_index",
    "doc_sha256",
    "other_fields",
    "provenance",
)


def _where(doc: str, source: str | None, table: Table, row: Row) -> dict[str, Any]:
    """The columns that say where a row is: document, table kind, plan, section."""
    return {
        "doc": doc,
        "source": source,
        "table_kind": table.kind,
        "plan_version": table.plan.version,
        "plan_date": table.plan.date,
        "section_number": row.section.number,
        "section_title": row.section.title,
        "section_group": row.section.group,
    }


def row_record(
    doc: str,
    sha256: str,
    table: Table,
    row: Row,
    tags: RowTags | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """The export record of one logical row (tag columns empty when the row was not tagged).

    `source` is the file's path relative to the folder it was ingested from."""
    record = _where(doc, source, table, row)
    for name in FIELDS:
        record[name] = row.text(name)
    colour = row.text("rag").strip().lower()
    record["rag_meaning"] = next((m for c, m in table.plan.rag_key if c.lower() == colour), None)
    others = {
        cell.header or name: cell.text for name, cell in row.fields.items() if name not in FIELDS
    }
    record.update(_tag_columns(tags))
    record.update(
        page_first=row.page_first,
        page_last=row.page_last,
        table_index=table.index,
        row_index=row.index,
        doc_sha256=sha256,
        other_fields=json.dumps(others, ensure_ascii=False) if others else "",
        provenance=json.dumps(_provenance(row)),
    )
    return record


def _tag_columns(tags: RowTags | None) -> dict[str, Any]:
    if tags is None:
        return dict.fromkeys(TAG_COLUMNS)
    return {
        "leads": list(tags.leads),
        "due_date": tags.due_date,
        "due_kind": tags.due_kind,
        "overdue": tags.overdue,
        "status_norm": tags.status_norm,
        "themes": list(tags.themes),
    }


def _provenance(row: Row) -> dict[str, list[list[float]]]:
    """Field -> [[page, x0, top, x1, bottom], …] for every place the cell is printed."""
    return {name: [[s.page, *s.bbox] for s in cell.spans] for name, cell in row.fields.items()}


def _frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(list(records), columns=list(COLUMNS))


def action_rows_frame(extracted: Iterable[tuple[Document, list[Table]]]) -> pd.DataFrame:
    """Action and RAG rows of freshly extracted documents (no store needed)."""
    return _frame(
        row_record(doc.name, doc.sha256, table, row)
        for doc, tables in extracted
        for table in tables
        if table.kind in ACTION_KINDS
        for row in table.rows
    )


def stored_frame(
    tables: Iterable[StoredTable], sources: Mapping[str, str] | None = None
) -> pd.DataFrame:
    found = sources or {}
    return _frame(
        row_record(t.doc, t.sha256, t.table, row, t.tags.get(row.index), found.get(t.sha256))
        for t in tables
        for row in t.table.rows
    )


def action_frame(db_url: str) -> pd.DataFrame:
    """Action and RAG rows of every document in the store."""
    with Store.open(db_url, readonly=True) as store:
        return stored_frame(load_tables(store, ACTION_KINDS), source_paths(store))


def kind_frames(db_url: str) -> dict[str, pd.DataFrame]:
    """Every stored table's rows, one frame per table kind, with the tables' own columns.

    Each field is a column named as the schema names it (`ref`, `actions`, …) or, for headers
    outside the schema, as printed; tag columns are kept only for kinds that have tags."""
    with Store.open(db_url, readonly=True) as store:
        sources = source_paths(store)
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for t in load_tables(store):
            for row in t.table.rows:
                record = _kind_record(t, row, sources.get(t.sha256))
                by_kind.setdefault(t.table.kind, []).append(record)
    return {kind: _kind_frame(records) for kind, records in sorted(by_kind.items())}


def _kind_record(t: StoredTable, row: Row, source: str | None) -> dict[str, Any]:
    table = t.table
    record = _where(t.doc, source, table, row)
    for name, cell in row.fields.items():
        record.setdefault(name if name in FIELDS else (cell.header or name), cell.text)
    record.update(_tag_columns(t.tags.get(row.index)))
    record.update(
        page_first=row.page_first,
        page_last=row.page_last,
        table_index=table.index,
        row_index=row.index,
        doc_sha256=t.sha256,
    )
    return record


def _kind_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(records)
    empty_tags = [c for c in TAG_COLUMNS if c in frame and frame[c].isna().all()]
    return frame.drop(columns=empty_tags)
