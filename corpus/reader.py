"""Read tables back out of the store as the same records extract produced."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from councilpapers.corpus.mappingstore import load_mapping
from councilpapers.corpus.store import Store
from councilpapers.records import Cell, PlanIdentity, Row, RowTags, Section, Span, Table


@dataclass(frozen=True, slots=True)
class StoredTable:
    """A table with the identity of the document it came from."""

    doc: str
    sha256: str
    path: str
    table: Table
    tags: Mapping[int, RowTags] = field(default_factory=dict)


def load_tables(store: Store, kinds: tuple[str, ...] | None = None) -> Iterator[StoredTable]:
    """Every stored table, document by document in name order, tables in document order."""
    tables = store.rows(
        "SELECT t.id, d.name, d.sha256, d.path, t.idx, t.kind, t.title, t.plan_version, "
        "t.plan_date, t.plan_title, t.page_first, t.page_last, t.columns, t.headers, "
        "t.header_note, t.plan_rag_key "
        "FROM doc_tables t JOIN documents d ON d.id = t.document_id ORDER BY d.name, t.idx"
    )
    for record in tables:
        if kinds and record[5] not in kinds:
            continue
        yield StoredTable(
            doc=record[1],
            sha256=record[2],
            path=record[3],
            table=_table(store, record),
            tags=store.row_tags(record[0]),
        )


def _table(store: Store, record: tuple[Any, ...]) -> Table:
    (
        table_id,
        _,
        _,
        _,
        idx,
        kind,
        title,
        version,
        plan_date,
        plan_title,
        first,
        last,
        columns,
        headers,
        header_note,
        rag_key,
    ) = record
    cells: dict[int, dict[str, Cell]] = {}
    for row_id, name, header, text, spans in store.rows(
        "SELECT c.row_id, c.field, c.header, c.text, c.spans FROM row_cells c "
        "JOIN table_rows r ON r.id = c.row_id WHERE r.table_id = ?",
        (table_id,),
    ):
        parts = tuple(Span(int(s[0]), (s[1], s[2], s[3], s[4])) for s in json.loads(spans))
        cells.setdefault(row_id, {})[name] = Cell(text=text, spans=parts, header=header)
    names = tuple(json.loads(columns))
    rows = []
    for row_id, r_idx, number, s_title, group, part, p_first, p_last in store.rows(
        "SELECT id, idx, section_number, section_title, section_group, section_part, "
        "page_first, page_last FROM table_rows WHERE table_id = ? ORDER BY idx",
        (table_id,),
    ):
        found = cells.get(row_id, {})
        fields = {name: found[name] for name in names if name in found}
        fields.update({k: v for k, v in found.items() if k not in fields})
        rows.append(
            Row(
                index=r_idx,
                fields=fields,
                section=Section(number, s_title, group, part),
                page_first=p_first,
                page_last=p_last,
            )
        )
    return Table(
        index=idx,
        kind=kind,
        columns=names,
        headers=tuple(json.loads(headers)),
        rows=tuple(rows),
        plan=PlanIdentity(
            version,
            plan_date,
            plan_title,
            tuple((c, m) for c, m in json.loads(rag_key)) if rag_key else (),
        ),
        title=title,
        page_first=first,
        page_last=last,
        mapping=load_mapping(store, table_id),
        header_note=header_note,
    )
