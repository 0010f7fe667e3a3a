"""The column mapping as a tidy table: `export columns`, one line per printed column of every table.

Extract decides, for each column of a table, which schema field its printed header stands for
(`Table.mapping`, `extract/column_map.py`), and the store keeps that decision with its confidence
and evidence (`corpus/mappingstore.py`). This turns it into records a researcher can filter and
check: where the table is (document, table, kind, pages), the printed header (a stacked one as
`Group › Column`, its group heading also on its own), the field it went to (`mapped` false when
the schema has no field for it and the column kept its own name), the confidence, the evidence
in words, and how the table's header rows were found (`header_reading`, with the runner-up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from councilpapers.corpus.queries import source_paths
from councilpapers.corpus.reader import StoredTable, load_tables
from councilpapers.corpus.store import Store
from councilpapers.extract.header_search import GROUP
from councilpapers.extract.headers import CANONICAL
from councilpapers.records import ColumnMapping, Table

COLUMNS = (
    "doc",
    "source",
    "table_index",
    "table_kind",
    "table_title",
    "plan_version",
    "page_first",
    "page_last",
    "column",
    "printed_header",
    "header_group",
    "field",
    "mapped",
    "confidence",
    "evidence",
    "header_reading",
    "doc_sha256",
)


def column_record(
    doc: str, sha256: str, table: Table, column: ColumnMapping, source: str | None = None
) -> dict[str, Any]:
    """The export record of one printed column of a table (`column` counts from 1)."""
    group, _, _ = column.header.rpartition(GROUP)
    return {
        "doc": doc,
        "source": source,
        "table_index": table.index,
        "table_kind": table.kind,
        "table_title": table.title,
        "plan_version": table.plan.version,
        "page_first": table.page_first,
        "page_last": table.page_last,
        "column": column.position + 1,
        "printed_header": column.header,
        "header_group": group.strip() or None,
        "field": column.name,
        "mapped": column.name in CANONICAL,
        "confidence": column.confidence,
        "evidence": column.evidence,
        "header_reading": table.header_note,
        "doc_sha256": sha256,
    }


def mapping_frame(
    tables: Iterable[StoredTable], sources: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One line per column of each table, in document, table and column order."""
    found = sources or {}
    records = (
        column_record(t.doc, t.sha256, t.table, column, found.get(t.sha256))
        for t in tables
        for column in t.table.mapping
    )
    return pd.DataFrame(list(records), columns=list(COLUMNS))


def column_frame(db_url: str) -> pd.DataFrame:
    """The column mapping of every table in the store."""
    with Store.open(db_url, readonly=True) as store:
        return mapping_frame(load_tables(store), source_paths(store))
