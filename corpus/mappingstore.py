"""The store's column mappings: which printed header of a stored table went to which field.

Extract maps every column of a table to a schema field (`Table.mapping`: printed header, field
or own name, confidence, evidence; `extract/column_map.py`). The store keeps them with the table,
in the document's one transaction (`save_mapping`, called by `Store.save`), one line per column
in `column_mappings`; the header reading and its runner-up (`Table.header_note`) is a column of
`doc_tables`. `load_mapping` reads them back as the same records, for `corpus.reader`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from councilpapers.records import ColumnMapping

if TYPE_CHECKING:
    from councilpapers.corpus.store import Store


def save_mapping(store: Store, table_id: int, mapping: Sequence[ColumnMapping]) -> None:
    """A stored table's column mappings (inside the document's transaction)."""
    store.executemany(
        "INSERT INTO column_mappings (table_id, position, header, field, confidence, evidence) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (table_id, m.position, m.header, m.name, float(m.confidence), m.evidence)
            for m in mapping
        ],
    )


def load_mapping(store: Store, table_id: int) -> tuple[ColumnMapping, ...]:
    """A stored table's column mappings, in column order (empty for a table stored without)."""
    return tuple(
        ColumnMapping(int(position), header, field, float(confidence), evidence)
        for position, header, field, confidence, evidence in store.rows(
            "SELECT position, header, field, confidence, evidence FROM column_mappings "
            "WHERE table_id = ? ORDER BY position",
            (table_id,),
        )
    )
