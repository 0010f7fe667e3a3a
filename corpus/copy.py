"""Copy a whole store (PostgreSQL or SQLite) into a new SQLite file: `export store`.

Tables are copied in the order the migrations create them, so every row's parents exist before
it; the new file is written beside the target under a temporary name and renamed at the end, so a
failed copy leaves nothing half-written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from councilpapers.corpus.migrations import MIGRATIONS
from councilpapers.corpus.store import Store
from councilpapers.errors import UsageError

_CREATE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


def store_tables() -> list[str]:
    """Every table the migrations create, in creation order."""
    names: list[str] = []
    for migration in MIGRATIONS:
        for statement in migration:
            found = _CREATE.search(statement)
            if found and found.group(1) not in names:
                names.append(found.group(1))
    return names


def copy_store(source_url: str, out: str | Path, overwrite: bool = False) -> dict[str, int]:
    """Copy every table of the store at `source_url` into a new SQLite store at `out`."""
    target = Path(out)
    if target.exists() and not overwrite:
        raise UsageError(f"{target} exists: choose another --out or pass --force")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    with Store.open(source_url, readonly=True) as source, Store.open(str(partial)) as copy:
        present = _present(copy)
        with copy.transaction():
            for table in store_tables():
                if table in present:
                    counts[table] = _copy_table(source, copy, table)
    os.replace(partial, target)
    return counts


def _present(store: Store) -> set[str]:
    return {r[0] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _copy_table(source: Store, copy: Store, table: str) -> int:
    cursor = source.execute(f"SELECT * FROM {table}")
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    marks = ", ".join("?" for _ in columns)
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    for row in rows:
        copy.execute(insert, row)
    return len(rows)
