"""Versioned schema migrations, applied in order when a store is opened.

Each migration is a list of statements written once for both back ends; `{pk}` becomes the
auto-increment primary key of the back end (`Backend.primary_key`). Never edit a released
migration: add the next one.

The runner applies each missing version in a transaction of its own that first re-reads the
version (on PostgreSQL under the writers' advisory lock), so processes opening one new store at
once migrate it once. A read-only opening migrates nothing: it checks the version instead.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from councilpapers.errors import StoreError

if TYPE_CHECKING:
    from councilpapers.corpus.store import Store

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: documents, files, pages, tables, rows, cells
        """CREATE TABLE documents (
            id {pk}, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL, path TEXT NOT NULL,
            size BIGINT NOT NULL, pages INTEGER NOT NULL, imported_at TEXT NOT NULL)""",
        """CREATE TABLE files (
            path TEXT PRIMARY KEY, sha256 TEXT, size BIGINT, mtime DOUBLE PRECISION,
            status TEXT NOT NULL, reason TEXT,
            document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            updated_at TEXT NOT NULL)""",
        """CREATE TABLE pages (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number INTEGER NOT NULL, width REAL NOT NULL, height REAL NOT NULL, stamp TEXT,
            text_source TEXT NOT NULL, ocr_confidence REAL, words INTEGER NOT NULL,
            PRIMARY KEY (document_id, number))""",
        """CREATE TABLE doc_tables (
            id {pk}, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT, plan_version TEXT,
            plan_date TEXT, plan_title TEXT, page_first INTEGER NOT NULL,
            page_last INTEGER NOT NULL, columns TEXT NOT NULL, headers TEXT NOT NULL)""",
        """CREATE TABLE table_rows (
            id {pk}, table_id INTEGER NOT NULL REFERENCES doc_tables(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, section_number TEXT, section_title TEXT, section_group TEXT,
            section_part TEXT, page_first INTEGER NOT NULL, page_last INTEGER NOT NULL)""",
        """CREATE TABLE row_cells (
            row_id INTEGER NOT NULL REFERENCES table_rows(id) ON DELETE CASCADE,
            field TEXT NOT NULL, header TEXT NOT NULL, text TEXT NOT NULL, page INTEGER,
            x0 REAL, top REAL, x1 REAL, bottom REAL, spans TEXT NOT NULL,
            PRIMARY KEY (row_id, field))""",
        "CREATE INDEX doc_tables_document ON doc_tables(document_id)",
        "CREATE INDEX table_rows_table ON table_rows(table_id)",
    ),
    (  # 2: NLP tags per row
        """CREATE TABLE row_tags (
            row_id INTEGER PRIMARY KEY REFERENCES table_rows(id) ON DELETE CASCADE,
            leads TEXT NOT NULL, due_date TEXT, due_kind TEXT NOT NULL, overdue INTEGER,
            status_norm TEXT NOT NULL, status_lines TEXT NOT NULL, themes TEXT NOT NULL)""",
    ),
    (  # 3: pack items, meeting facts, page OCR (issue: committee packs)
        """CREATE TABLE pack_items (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, agenda_item TEXT, title TEXT NOT NULL, doc_type TEXT NOT NULL,
            first_page INTEGER NOT NULL, last_page INTEGER NOT NULL, stamp_first TEXT,
            stamp_last TEXT, plan_title TEXT, plan_version TEXT, plan_date TEXT,
            inspection_body TEXT, inspection_date TEXT, PRIMARY KEY (document_id, idx))""",
        """CREATE TABLE meetings (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            committee TEXT, meeting_date TEXT)""",
    ),
    (  # 4: recommendation register and links (issue: tracking recommendations)
        """CREATE TABLE report_scans (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            status TEXT NOT NULL)""",
        """CREATE TABLE report_items (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL,
            page INTEGER NOT NULL, PRIMARY KEY (document_id, idx))""",
        """CREATE TABLE rec_register (
            id TEXT PRIMARY KEY, scope TEXT NOT NULL, number INTEGER, text TEXT NOT NULL,
            sources TEXT NOT NULL)""",
        """CREATE TABLE rec_links (
            scope TEXT NOT NULL, plan_version TEXT NOT NULL, section_number TEXT,
            section_title TEXT NOT NULL, row_ref TEXT, row_page INTEGER, recommendation TEXT,
            confidence REAL NOT NULL, method TEXT NOT NULL, evidence TEXT NOT NULL)""",
    ),
    (  # 5: inspection lists stored at ingest, with their kind; tracking refreshed at ingest
        "DELETE FROM report_items",  # found at read time by an older finder: read again
        "DELETE FROM report_scans",
        "ALTER TABLE report_items ADD COLUMN heading TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE report_items ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'inspection'",
        "ALTER TABLE rec_register ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'inspection'",
        "ALTER TABLE rec_register ADD COLUMN position INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE rec_links ADD COLUMN runner_up TEXT",
        """CREATE TABLE rec_state (
            id INTEGER PRIMARY KEY, documents TEXT NOT NULL, overrides TEXT,
            refreshed_at TEXT NOT NULL)""",
    ),
    (  # 6: refusals worth retrying (out of time or memory: issue 11)
        "ALTER TABLE files ADD COLUMN retry INTEGER NOT NULL DEFAULT 0",
    ),
    (  # 7: a file's path relative to the folder it was ingested from (issue 12)
        "ALTER TABLE files ADD COLUMN source TEXT",
    ),
    (  # 8 (branch packs, issue 18): the layout evidence that started each pack item
        "ALTER TABLE pack_items ADD COLUMN evidence TEXT NOT NULL DEFAULT ''",
    ),
    (  # 9 (branch reports, issue 18): list items' kind, sub-items, body, group, boxes; the
        # report's judgement and dates; lists are read again by the new finder at next ingest
        "DELETE FROM report_items",
        "DELETE FROM report_scans",
        "ALTER TABLE report_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'recommendation'",
        "ALTER TABLE report_items ADD COLUMN sub_items TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE report_items ADD COLUMN responsible_body TEXT",
        "ALTER TABLE report_items ADD COLUMN item_group TEXT",
        "ALTER TABLE report_items ADD COLUMN spans TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE rec_register ADD COLUMN kind TEXT",
        "ALTER TABLE rec_register ADD COLUMN responsible_body TEXT",
        """CREATE TABLE inspection_facts (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            judgement TEXT, judgement_text TEXT, date_first TEXT, date_last TEXT)""",
    ),
    (  # 10 (branch mapping, issue 17): each table's column mapping, kept with its evidence
        """CREATE TABLE column_mappings (
            table_id INTEGER NOT NULL REFERENCES doc_tables(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, header TEXT NOT NULL, field TEXT NOT NULL,
            confidence REAL NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (table_id, position))""",
        "ALTER TABLE doc_tables ADD COLUMN header_note TEXT NOT NULL DEFAULT ''",
    ),
    (  # 11 (branch speed, issue 19): similarities a tracking refresh computed, for the next one
        "CREATE TABLE rec_memo (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    (  # 12 (branch tags, issue 21): the plan's own RAG key, JSON [[colour, meaning], ...]
        "ALTER TABLE doc_tables ADD COLUMN plan_rag_key TEXT",
    ),
)


def statements(version: int, primary_key: str) -> list[str]:
    """The SQL of one migration (1-based), `{pk}` written as the back end's `primary_key`."""
    return [sql.replace("{pk}", primary_key) for sql in MIGRATIONS[version - 1]]


LATEST = len(MIGRATIONS)


def migrate(store: Store) -> None:
    """Bring the store's schema up to LATEST."""
    if current(store) == LATEST:
        return
    for version in range(1, LATEST + 1):
        store.write(partial(_apply, store, version))


def _apply(store: Store, version: int) -> None:
    """Apply one migration unless the store has it (inside the caller's transaction)."""
    store.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    found = _version(store)
    _check_newer(found)
    if found >= version:
        return
    for sql in statements(version, store.backend.primary_key):
        store.execute(sql)
    store.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


def current(store: Store) -> int | None:
    """The schema version, or None when the store has none (yet)."""
    try:
        return _version(store)
    except Exception:  # no schema_version table: the driver's error differs by back end
        return None


def check_version(store: Store) -> None:
    """For a read-only opening: the store must exist and be of this schema version."""
    label = store.backend.label
    found = current(store)
    if found is None:
        raise StoreError(f"{label}: not a councilpapers store (no schema version)")
    _check_newer(found)
    if found < LATEST:
        raise StoreError(
            f"{label}: the store is schema version {found}, older than this councilpapers "
            f"({LATEST}): open it for writing once (e.g. an ingest) to upgrade it"
        )


def _version(store: Store) -> int:
    return int(store.rows("SELECT MAX(version) FROM schema_version")[0][0] or 0)


def _check_newer(found: int) -> None:
    if found > LATEST:
        raise StoreError(
            f"the store is schema version {found}, newer than this "
            f"councilpapers ({LATEST}): upgrade councilpapers"
        )
