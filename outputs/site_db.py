"""The tables `councilpapers serve` shows, built from the store: read like the exports.

The store keeps rows normalised (one `row_cells` line per field), which Datasette cannot show as an
action table. `site_content` reads the store (read-only) into flat tables — `actions`,
`recommendations`, `recommendation_versions`, `recommendation_rows`, `row_changes`, `documents`,
`items`, `page_sizes` — one value per cell, lists as JSON arrays; `load_site` writes them into a
SQLite connection with FTS5 indexes, which the server keeps in memory and refreshes when the
store changes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from councilpapers.corpus import queries
from councilpapers.corpus.store import Store
from councilpapers.corpus.trackstore import documents_fingerprint
from councilpapers.errors import CouncilPapersError
from councilpapers.outputs import dictionary
from councilpapers.outputs.history_json import history_records
from councilpapers.outputs.history_text import latest_status
from councilpapers.records import HistoryRow, RecHistory, VersionEntry

SEARCHABLE: Mapping[str, tuple[str, ...]] = {
    "actions": ("outcome", "actions", "status", "progress", "section_title", "lead"),
    "recommendations": ("text",),
}


@dataclass(frozen=True, slots=True)
class SiteTable:
    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


def source_url(sha256: str, page: int, row: str | None = None) -> str:
    """The page of the source PDF, with the row's boxes highlighted when `row` is given."""
    tail = f"?row={quote(row)}#cell" if row else ""
    return f"/-/source/{sha256}/{page}{tail}"


def rec_url(rec_id: str) -> str:
    return f"/-/recommendation/{quote(rec_id, safe='')}"


def store_fingerprint(db_url: str) -> tuple[Any, ...]:
    """Changes whenever the stored documents change: the digest tracking keeps its links by."""
    with Store.open(db_url, readonly=True) as store:
        return (documents_fingerprint(store),)


def site_content(db_url: str) -> tuple[list[SiteTable], list[RecHistory]]:
    """Everything the server shows, read from the store: its tables and the histories."""
    actions = _action_rows(db_url)
    documents, items = _document_rows(db_url)
    histories = stored_histories(db_url)
    recs = [_rec_row(h) for h in histories]
    versions = [_version_row(h, v) for h in histories for v in h.versions]
    rows = [_history_row(h, v, r) for h in histories for v in h.versions for r in v.rows]
    changes = _row_changes(history_records(histories))
    return [
        SiteTable("actions", tuple({**dictionary.ACTIONS, **dictionary.SERVED_ACTIONS}), actions),
        SiteTable("recommendations", tuple(dictionary.RECOMMENDATIONS), recs),
        SiteTable("recommendation_versions", tuple(dictionary.RECOMMENDATION_VERSIONS), versions),
        SiteTable("recommendation_rows", tuple(dictionary.RECOMMENDATION_ROWS), rows),
        SiteTable("row_changes", tuple(dictionary.ROW_CHANGES), changes),
        SiteTable("documents", tuple(dictionary.DOCUMENTS), documents),
        SiteTable("items", tuple(dictionary.ITEMS), items),
        SiteTable("page_sizes", tuple(dictionary.PAGE_SIZES), _page_sizes(db_url)),
    ], histories


def _action_rows(db_url: str) -> list[dict[str, Any]]:
    from councilpapers.outputs.frames import action_frame

    frame = action_frame(db_url)
    rows = []
    for record in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        for column in ("themes", "leads"):  # JSON arrays, so Datasette facets each value
            row[column] = json.dumps(row.get(column) or [], ensure_ascii=False)
        key = f"{row['table_index']}.{row['row_index']}"
        row["source"] = source_url(str(row["doc_sha256"]), int(row["page_first"]), key)
        rows.append(row)
    return rows


def _document_rows(db_url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from councilpapers.outputs.documents import document_records

    stored = _stored(db_url)
    documents, items = [], []
    for record in document_records(db_url):
        path, imported = stored.get(record["doc_sha256"], (None, None))
        documents.append(
            {k: record.get(k) for k in dictionary.DOCUMENTS}
            | {"items": len(record["items"]), "path": path, "imported_at": imported}
        )
        for item in record["items"]:
            items.append({k: item.get(k) for k in dictionary.ITEMS} | _doc_keys(record))
    return documents, items


def _doc_keys(record: Mapping[str, Any]) -> dict[str, Any]:
    return {"doc": record["doc"], "doc_sha256": record["doc_sha256"]}


def _page_sizes(db_url: str) -> list[dict[str, Any]]:
    with Store.open(db_url, readonly=True) as store:
        rows = queries.page_sizes(store)
    return [dict(zip(dictionary.PAGE_SIZES, row, strict=True)) for row in rows]


def _stored(db_url: str) -> dict[str, tuple[str, str]]:
    with Store.open(db_url, readonly=True) as store:
        return queries.document_places(store)


def stored_histories(db_url: str) -> list[RecHistory]:
    """The recommendation histories, or none when the store names no recommendation."""
    from councilpapers.tracking.tracker import track

    try:
        return track(db_url, save=False).histories
    except CouncilPapersError:
        return []


def _rec_row(history: RecHistory) -> dict[str, Any]:
    """A register line: the newest RAG and its version, the newest version's rows in two counts."""
    rec, latest = history.recommendation, latest_status(history)
    return {
        "id": rec.id,
        "number": rec.number,
        "text": rec.text,
        "source_kind": rec.source_kind,
        "kind": rec.kind,
        "responsible_body": rec.responsible_body,
        "versions": len(history.versions),
        "latest_version": latest.version,
        "latest_rag": latest.rag,
        "latest_rag_version": latest.rag_version,
        "rows_open": latest.rows_open,
        "rows_completed": latest.rows_completed,
        "page": rec_url(rec.id),
    }


def _version_row(history: RecHistory, version: VersionEntry) -> dict[str, Any]:
    """A recommendation in one version; its rows' refs, deadlines and changes as JSON arrays."""
    diff = version.diff
    done = sum(r.completed for r in version.rows)
    return {
        "recommendation": history.recommendation.id,
        "number": history.recommendation.number,
        "plan_version": version.plan_version,
        "plan_date": version.plan_date,
        "doc": version.doc,
        "section_number": version.section_number,
        "refs": _array(r.ref for r in version.rows),
        "rag": version.rag,
        "rows_open": len(version.rows) - done,
        "rows_completed": done,
        "due_dates": _array(r.deadline for r in version.rows if r.deadline),
        "overdue_rows": sum(1 for r in version.rows if r.overdue),
        "rag_change": diff.rag_change if diff else None,
        "changes": _array(diff.summary if diff else ()),
    }


def _history_row(history: RecHistory, version: VersionEntry, row: HistoryRow) -> dict[str, Any]:
    """One plan row as one version reports it: the status per row, never joined."""
    return {
        "recommendation": history.recommendation.id,
        "plan_version": version.plan_version,
        "doc": version.doc,
        "ref": row.ref,
        "part": row.part,
        "status": row.status,
        "status_norm": row.status_norm,
        "completed": row.completed,
        "timescale": row.timescale,
        "due_date": row.deadline,
        "due_kind": row.due_kind,
        "overdue": row.overdue,
        "latest": version is history.versions[-1],
    }


def _array(values: Iterable[str | None]) -> str:
    return json.dumps([v for v in values if v is not None], ensure_ascii=False)


def _row_changes(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for record in records:
        for version in record["versions"]:
            diff = version.get("diff_from_previous")
            if diff:
                base = {
                    "recommendation": record["id"],
                    "plan_version": version["plan_version"],
                    "from_version": diff.get("from_version"),
                }
                out.extend(base | change for change in _changes_of(diff))
    return out


def _changes_of(diff: Mapping[str, Any]) -> list[dict[str, Any]]:
    changes = [
        {"ref": d["ref"], "change": "deadline_pushed_back", "deadline_from": d["from"]}
        | {"deadline_to": d["to"], "explained": int(bool(d["explained"]))}
        for d in diff.get("deadlines_pushed_back", [])
    ]
    for kind in ("repeated_unchanged", "moved_to_completed", "added"):
        changes.extend({"ref": ref, "change": kind} for ref in diff.get(kind, []))
    return changes


def load_site(conn: sqlite3.Connection, tables: Sequence[SiteTable]) -> None:
    """Replace the site tables in `conn` (one transaction) and rebuild their search indexes."""
    with conn:
        for table in tables:
            _replace(conn, table)


def _replace(conn: sqlite3.Connection, table: SiteTable) -> None:
    name, cols = table.name, table.columns
    conn.execute(f"DROP TABLE IF EXISTS [{name}_fts]")
    conn.execute(f"DROP TABLE IF EXISTS [{name}]")
    types = {c: _sql_type(table.rows, c) for c in cols}
    conn.execute(f"CREATE TABLE [{name}] ({', '.join(f'[{c}] {types[c]}' for c in cols)})")
    marks = ", ".join("?" for _ in cols)
    conn.executemany(
        f"INSERT INTO [{name}] VALUES ({marks})",
        [tuple(_value(row.get(c)) for c in cols) for row in table.rows],
    )
    searchable = SEARCHABLE.get(name)
    if searchable:
        columns = ", ".join(f"[{c}]" for c in searchable)
        conn.execute(
            f"CREATE VIRTUAL TABLE [{name}_fts] USING fts5({columns}, "
            f"content=[{name}], content_rowid=rowid)"
        )
        conn.execute(f"INSERT INTO [{name}_fts]([{name}_fts]) VALUES ('rebuild')")


def _sql_type(rows: Sequence[Mapping[str, Any]], column: str) -> str:
    """The column's type from its values, so that Datasette's filters compare like with like."""
    values = [row.get(column) for row in rows if row.get(column) is not None]
    if values and all(isinstance(v, bool | int) for v in values):
        return "INTEGER"
    if values and all(isinstance(v, int | float) for v in values):
        return "REAL"
    return "TEXT"


def _value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value
