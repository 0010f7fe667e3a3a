"""The store: one small interface over SQLite (default) or PostgreSQL.

Every document is written in one transaction: its pages, tables, rows and cells all land, or none
do, so an interrupted batch never leaves a half-written document. A file whose content changed
replaces its old document in that same transaction. Schema migrations are applied on open, each in
a transaction that first re-reads the version (and on PostgreSQL takes the writers' advisory lock),
so two processes opening one new store at once migrate it once.

Text goes in clean on both back ends: NUL characters are dropped (PostgreSQL cannot hold them) and
file names that are not UTF-8 are stored with \\xNN escapes. The database's own conditions (disk
full, read-only, locked) come out as one-line `StoreError`s; a lost connection (a server restart)
is waited for and the statement or the whole transaction sent again (session.py).
`Store.open(url, readonly=True)` never creates or changes a store: for status, exports and
queries.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from councilpapers.corpus.backends import Backend
from councilpapers.corpus.mappingstore import save_mapping
from councilpapers.corpus.migrations import check_version, migrate
from councilpapers.corpus.session import Reconnect, Session
from councilpapers.corpus.trackstore import save_improvements
from councilpapers.corpus.url import StoreUrl
from councilpapers.records import (
    ExtractedDocument,
    Inspection,
    MeetingFacts,
    PackItem,
    PlanIdentity,
    RowTags,
    Table,
)

DEFAULT_DB = "councilpapers.sqlite"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileState:
    """What the store last recorded about a file path."""

    path: str
    sha256: str | None
    size: int | None
    mtime: float | None
    status: str
    reason: str | None
    retry: bool = False  # refused for want of time or memory: the next run tries again
    source: str | None = None  # the path relative to the folder it was ingested from


def tag_values(tags: RowTags) -> tuple[Any, ...]:
    """RowTags as stored: lists as JSON, the flag as 0/1/NULL."""
    overdue = None if tags.overdue is None else int(tags.overdue)
    return (
        json.dumps(tags.leads),
        tags.due_date,
        tags.due_kind,
        overdue,
        tags.status_norm,
        json.dumps(tags.status_lines),
        json.dumps(tags.themes),
    )


def tags_from_values(values: Sequence[Any]) -> RowTags:
    leads, due_date, due_kind, overdue, status_norm, lines, themes = values
    return RowTags(
        leads=tuple(json.loads(leads)),
        due_date=due_date,
        due_kind=due_kind,
        overdue=None if overdue is None else bool(overdue),
        status_norm=status_norm,
        status_lines=tuple(json.loads(lines)),
        themes=tuple(json.loads(themes)),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _plan_fields(item: PackItem) -> tuple[str | None, str | None, str | None]:
    plan = item.plan
    return (plan.title, plan.version, plan.date) if plan else (None, None, None)


def _inspection_fields(item: PackItem) -> tuple[str | None, str | None]:
    seen = item.inspection
    return (seen.body, seen.date) if seen else (None, None)


class Store:
    """Open with `Store.open(url)`; close with `close()` or use as a context manager."""

    def __init__(self, backend: Backend, reconnect: Reconnect | None = None) -> None:
        self.backend = backend
        self.readonly: bool = backend.readonly
        self.session = Session(backend, reconnect)
        try:
            check_version(self) if backend.readonly else migrate(self)
        except BaseException:
            self.session.close()
            raise

    @classmethod
    def open(
        cls,
        url: str | StoreUrl = DEFAULT_DB,
        readonly: bool = False,
        reconnect: Reconnect | None = None,
    ) -> Store:
        """Open (read-write: create and migrate if needed) the store at `url` (a SQLite path,
        sqlite:///path or postgresql://…; see url.py).

        `readonly=True` opens an existing store for reading only: nothing is created or
        migrated, and a missing store or one of another schema version is a `StoreError`.
        `reconnect` says how long to wait for a lost connection (session.py)."""
        return cls(StoreUrl.parse(url).backend(readonly), reconnect)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    # -- low level -------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.session.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.session.executemany(sql, rows)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, begun as the back end begins one (writers take turns). A
        connection lost inside it raises `ConnectionLost`: use `write` to have it run again."""
        with self.session.transaction():
            yield

    def write(self, body: Callable[[], T]) -> T:
        """Run `body` in one write transaction, run again whole if the connection is lost."""
        return self.session.write(body, self.transaction)

    @property
    def schema_version(self) -> int:
        return int(self.rows("SELECT MAX(version) FROM schema_version")[0][0])

    # -- files -----------------------------------------------------------------------------
    def file_state(self, path: str) -> FileState | None:
        found = self.rows(
            "SELECT path, sha256, size, mtime, status, reason, retry, source FROM files "
            "WHERE path = ?",
            (path,),
        )
        if not found:
            return None
        path, sha, size, mtime, status, reason, retry, source = found[0]
        return FileState(path, sha, size, mtime, status, reason, bool(retry), source)

    def document_path(self, sha256: str) -> str | None:
        found = self.rows("SELECT path FROM documents WHERE sha256 = ?", (sha256,))
        return str(found[0][0]) if found else None

    def record_file(
        self,
        path: str,
        sha256: str | None,
        size: int | None,
        mtime: float | None,
        status: str,
        reason: str | None = None,
        retry: bool = False,
        source: str | None = None,
    ) -> None:
        """Record a file's outcome (refused, or unchanged as a copy of a stored document);
        `retry` marks a refusal the next run should try again; `source` is the file's path
        relative to the folder it was ingested from.

        What the path held before goes, as a clean run would not have it."""

        def record() -> None:
            self._release(path)
            self._upsert_file(path, sha256, size, mtime, status, reason, retry, source)

        self.write(record)

    def set_source(self, path: str, source: str) -> None:
        """Record a known file's path relative to the folder it was ingested from this time."""
        self.execute("UPDATE files SET source = ? WHERE path = ?", (source, path))

    def _upsert_file(
        self,
        path: str,
        sha256: str | None,
        size: int | None,
        mtime: float | None,
        status: str,
        reason: str | None,
        retry: bool = False,
        source: str | None = None,
    ) -> None:
        doc = self.rows("SELECT id FROM documents WHERE sha256 = ?", (sha256,)) if sha256 else []
        self.execute("DELETE FROM files WHERE path = ?", (path,))
        self.execute(
            "INSERT INTO files (path, sha256, size, mtime, status, reason, document_id, "
            "updated_at, retry, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                path,
                sha256,
                size,
                mtime,
                status,
                reason,
                doc[0][0] if doc else None,
                _now(),
                int(retry),
                source,
            ),
        )

    # -- documents -------------------------------------------------------------------------
    def save(
        self, extracted: ExtractedDocument, mtime: float | None = None, source: str | None = None
    ) -> int:
        """Write a document and its tables, and its file with `source` (the path relative to the
        folder it was ingested from), in one transaction, replacing the path's old version."""
        doc = extracted.document

        def write() -> int:
            self._drop_old(doc.path, doc.sha256)
            doc_id = self._insert_document(extracted)
            self._upsert_file(
                doc.path, doc.sha256, doc.size, mtime, "imported", None, source=source
            )
            return doc_id

        return self.write(write)

    def _drop_old(self, path: str, sha256: str) -> None:
        self._release(path)
        self.execute("DELETE FROM documents WHERE sha256 = ?", (sha256,))

    def _release(self, path: str) -> None:
        """Delete the path's document unless another file path holds the same document."""
        old = self.rows("SELECT document_id FROM files WHERE path = ?", (path,))
        if old and old[0][0] is not None:
            others = self.rows(
                "SELECT COUNT(*) FROM files WHERE document_id = ? AND path <> ?", (old[0][0], path)
            )
            if not others[0][0]:
                self.execute("DELETE FROM documents WHERE id = ?", (old[0][0],))

    def _insert_document(self, extracted: ExtractedDocument) -> int:
        doc = extracted.document
        doc_id = int(
            self.execute(
                "INSERT INTO documents (sha256, name, path, size, pages, imported_at) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (doc.sha256, doc.name, doc.path, doc.size, len(doc.pages), _now()),
            ).fetchone()[0]
        )
        self.executemany(
            "INSERT INTO pages (document_id, number, width, height, stamp, text_source, "
            "ocr_confidence, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    p.number,
                    p.width,
                    p.height,
                    p.stamp,
                    p.text_source,
                    p.ocr_confidence,
                    len(p.words),
                )
                for p in doc.pages
            ],
        )
        tags = {(t.table, t.row): t.tags for t in extracted.tags}
        for table in extracted.tables:
            self._insert_table(doc_id, table, tags)
        self._insert_items(doc_id, extracted)
        save_improvements(self, doc_id, extracted.inspection, "ingest", extracted.facts)
        return doc_id

    def _insert_items(self, doc_id: int, extracted: ExtractedDocument) -> None:
        meeting = extracted.meeting
        self.execute(
            "INSERT INTO meetings (document_id, committee, meeting_date) VALUES (?, ?, ?)",
            (doc_id, meeting.committee, meeting.date),
        )
        self.executemany(
            "INSERT INTO pack_items (document_id, idx, agenda_item, title, doc_type, "
            "first_page, last_page, stamp_first, stamp_last, plan_title, plan_version, "
            "plan_date, inspection_body, inspection_date, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    i.index,
                    i.agenda_item,
                    i.title,
                    i.doc_type,
                    i.first_page,
                    i.last_page,
                    *(i.page_stamps or (None, None)),
                    *_plan_fields(i),
                    *_inspection_fields(i),
                    i.evidence,
                )
                for i in extracted.items
            ],
        )

    def pack_items(self, doc_id: int) -> list[PackItem]:
        """The stored items of one document, in page order."""
        out = []
        for row in self.rows(
            "SELECT idx, agenda_item, title, doc_type, first_page, last_page, stamp_first, "
            "stamp_last, plan_title, plan_version, plan_date, inspection_body, "
            "inspection_date, evidence FROM pack_items WHERE document_id = ? ORDER BY idx",
            (doc_id,),
        ):
            stamps = (row[6], row[7]) if row[6] and row[7] else None
            plan = PlanIdentity(row[9], row[10], row[8]) if any(row[8:11]) else None
            seen = Inspection(row[11], row[12]) if any(row[11:13]) else None
            item = PackItem(row[0], row[1], row[2], row[3], row[4], row[5], stamps, plan, seen)
            out.append(replace(item, evidence=row[13] or ""))
        return out

    def meeting(self, doc_id: int) -> MeetingFacts:
        """The stored meeting facts of one document (empty when none were found)."""
        found = self.rows(
            "SELECT committee, meeting_date FROM meetings WHERE document_id = ?", (doc_id,)
        )
        return MeetingFacts(*found[0]) if found else MeetingFacts()

    def _insert_table(
        self, doc_id: int, table: Table, tags: Mapping[tuple[int, int], RowTags]
    ) -> None:
        table_id = self.execute(
            "INSERT INTO doc_tables (document_id, idx, kind, title, plan_version, plan_date, "
            "plan_title, page_first, page_last, columns, headers, header_note, plan_rag_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                doc_id,
                table.index,
                table.kind,
                table.title,
                table.plan.version,
                table.plan.date,
                table.plan.title,
                table.page_first,
                table.page_last,
                json.dumps(table.columns),
                json.dumps(table.headers),
                table.header_note,
                json.dumps(table.plan.rag_key, ensure_ascii=False) if table.plan.rag_key else None,
            ),
        ).fetchone()[0]
        save_mapping(self, table_id, table.mapping)
        cells = []
        tagged = []
        for row in table.rows:
            section = row.section
            row_id = self.execute(
                "INSERT INTO table_rows (table_id, idx, section_number, section_title, "
                "section_group, section_part, page_first, page_last) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    table_id,
                    row.index,
                    section.number,
                    section.title,
                    section.group,
                    section.part,
                    row.page_first,
                    row.page_last,
                ),
            ).fetchone()[0]
            row_tags = tags.get((table.index, row.index))
            if row_tags is not None:
                tagged.append((row_id, *tag_values(row_tags)))
            for name, cell in row.fields.items():
                box = cell.bbox or (None, None, None, None)
                spans = json.dumps([[s.page, *s.bbox] for s in cell.spans])
                cells.append((row_id, name, cell.header, cell.text, cell.page, *box, spans))
        self.executemany(
            "INSERT INTO row_cells (row_id, field, header, text, page, x0, top, x1, bottom, "
            "spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            cells,
        )
        self.executemany(
            "INSERT INTO row_tags (row_id, leads, due_date, due_kind, overdue, status_norm, "
            "status_lines, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            tagged,
        )

    def row_tags(self, table_id: int) -> dict[int, RowTags]:
        """Tags of a stored table's rows, by row index."""
        found = self.rows(
            "SELECT r.idx, t.leads, t.due_date, t.due_kind, t.overdue, t.status_norm, "
            "t.status_lines, t.themes FROM row_tags t JOIN table_rows r ON r.id = t.row_id "
            "WHERE r.table_id = ?",
            (table_id,),
        )
        return {int(r[0]): tags_from_values(r[1:]) for r in found}

    def counts(self) -> dict[str, int]:
        """How many files, documents, tables and rows the store holds."""
        out = {}
        for name, table in (
            ("documents", "documents"),
            ("tables", "doc_tables"),
            ("rows", "table_rows"),
        ):
            out[name] = int(self.rows(f"SELECT COUNT(*) FROM {table}")[0][0])
        for status, n in self.rows("SELECT status, COUNT(*) FROM files GROUP BY status"):
            out[f"files_{status}"] = int(n)
        return out
