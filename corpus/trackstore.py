"""The store's tracking tables: inspection lists, the register, links and when they were computed.

Ingest writes a document's recommendation lists with the document (`save_improvements`); at the
end of each batch `tracking.refresh_tracking` computes the register and the links and saves them
here in one transaction (`save_tracking`), with the fingerprint of the documents they were
computed from. Read commands load them (`load_register`, `load_links`) and never write: when the
fingerprint no longer matches (a store written by an older version), they compute in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from councilpapers.records import (
    InspectionFacts,
    InspectionPoint,
    Link,
    Recommendation,
    Span,
    round_bbox,
)

if TYPE_CHECKING:
    from councilpapers.corpus.store import Store


def save_improvements(
    store: Store,
    doc_id: int,
    items: Sequence[InspectionPoint],
    status: str,
    facts: InspectionFacts | None = None,
) -> None:
    """A document's recommendation lists, its inspection facts, and that it was scanned
    (inside a transaction)."""
    store.execute("INSERT INTO report_scans (document_id, status) VALUES (?, ?)", (doc_id, status))
    for idx, i in enumerate(items):
        store.execute(
            "INSERT INTO report_items (document_id, idx, number, text, page, heading, "
            "source_kind, kind, sub_items, responsible_body, item_group, spans) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                idx,
                i.number,
                i.text,
                i.page,
                i.heading,
                i.source_kind,
                i.kind,
                json.dumps(list(i.sub_items), ensure_ascii=False),
                i.responsible_body,
                i.group,
                json.dumps([[s.page, *s.bbox] for s in i.spans]),
            ),
        )
    if facts is not None:
        store.execute(
            "INSERT INTO inspection_facts (document_id, judgement, judgement_text, date_first, "
            "date_last) VALUES (?, ?, ?, ?, ?)",
            (doc_id, facts.judgement, facts.judgement_text, facts.date_first, facts.date_last),
        )


def stored_improvements(store: Store) -> list[tuple[str, InspectionPoint]]:
    """(document name, item) for every stored list item, document by document."""
    return [
        (str(row[0]), _point(row[1:]))
        for row in store.rows(
            "SELECT d.name, i.number, i.text, i.page, i.heading, i.source_kind, i.kind, "
            "i.sub_items, i.responsible_body, i.item_group, i.spans "
            "FROM report_items i JOIN documents d ON d.id = i.document_id ORDER BY d.name, i.idx"
        )
    ]


def _point(row: Sequence[Any]) -> InspectionPoint:
    number, text, page, heading, source, kind, subs, body, group, spans = row
    return InspectionPoint(
        number,
        text,
        page,
        heading,
        source,
        kind,
        tuple(json.loads(subs)),
        body,
        group,
        tuple(Span(int(s[0]), round_bbox(*s[1:])) for s in json.loads(spans)),
    )


def stored_facts(store: Store) -> dict[int, InspectionFacts]:
    """The inspection facts of every document that has them, by document id."""
    return {
        int(doc_id): InspectionFacts(judgement, printed, first, last)
        for doc_id, judgement, printed, first, last in store.rows(
            "SELECT document_id, judgement, judgement_text, date_first, date_last "
            "FROM inspection_facts"
        )
    }


def unscanned_documents(store: Store) -> list[tuple[int, str]]:
    """(id, path) of documents stored before lists were found at ingest."""
    return [
        (int(i), str(p))
        for i, p in store.rows(
            "SELECT id, path FROM documents "
            "WHERE id NOT IN (SELECT document_id FROM report_scans) ORDER BY id"
        )
    ]


def documents_fingerprint(store: Store) -> str:
    """A digest of the stored documents: tracking computed from others is out of date."""
    shas = [str(r[0]) for r in store.rows("SELECT sha256 FROM documents ORDER BY sha256")]
    return hashlib.sha256("\n".join(shas).encode()).hexdigest()


def tracking_current(store: Store) -> bool:
    """Whether the stored register and links were computed from the documents stored now, each
    scanned for its recommendation lists: then there is nothing to refresh."""
    state = load_state(store)
    return bool(
        state and state[0] == documents_fingerprint(store) and not unscanned_documents(store)
    )


def load_memo(store: Store) -> dict[str, Any]:
    """The similarities the last refresh computed, by the key of what they were computed from
    (empty in a store older than the table: a read-only opening migrates nothing)."""
    try:
        found = store.rows("SELECT key, value FROM rec_memo")
    except Exception:  # no such table: the driver's error differs by back end
        return {}
    return {str(k): json.loads(v) for k, v in found}


def save_tracking(
    store: Store,
    entries: Sequence[Recommendation],
    links: Sequence[Link],
    overrides: str | None,
    memo: Mapping[str, Any] | None = None,
) -> None:
    """Replace the stored register, links, state and (given) the similarities worth keeping for
    the next refresh (one transaction)."""
    store.write(lambda: _replace_tracking(store, entries, links, overrides, memo))


def _replace_tracking(
    store: Store,
    entries: Sequence[Recommendation],
    links: Sequence[Link],
    overrides: str | None,
    memo: Mapping[str, Any] | None,
) -> None:
    for table in ("rec_links", "rec_register", "rec_state"):
        store.execute(f"DELETE FROM {table}")
    if memo is not None:
        store.execute("DELETE FROM rec_memo")
        for name, value in memo.items():
            store.execute(
                "INSERT INTO rec_memo (key, value) VALUES (?, ?)", (name, json.dumps(value))
            )
    for position, e in enumerate(entries):
        store.execute(
            "INSERT INTO rec_register (id, scope, number, text, sources, source_kind, "
            "position, kind, responsible_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.id,
                e.scope,
                e.number,
                e.text,
                json.dumps(list(e.sources)),
                e.source_kind,
                position,
                e.kind,
                e.responsible_body,
            ),
        )
    for link in links:
        _insert_link(store, link)
    store.execute(
        "INSERT INTO rec_state (id, documents, overrides, refreshed_at) VALUES (1, ?, ?, ?)",
        (documents_fingerprint(store), overrides, datetime.now(UTC).isoformat()),
    )


def _insert_link(store: Store, link: Link) -> None:
    store.execute(
        "INSERT INTO rec_links (scope, plan_version, section_number, section_title, "
        "row_ref, row_page, recommendation, confidence, method, evidence, runner_up) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            link.scope,
            link.plan_version,
            link.section_number,
            link.section_title,
            link.row_ref,
            link.row_page,
            link.recommendation,
            link.confidence,
            link.method,
            json.dumps(dict(link.evidence)),
            link.runner_up,
        ),
    )


def load_state(store: Store) -> tuple[str, str | None] | None:
    """(documents fingerprint, links file text) of the last refresh, or None."""
    found = store.rows("SELECT documents, overrides FROM rec_state WHERE id = 1")
    return (str(found[0][0]), found[0][1]) if found else None


def load_register(store: Store) -> list[Recommendation]:
    """The stored register entries, in register order."""
    return [
        Recommendation(id_, scope, number, text, tuple(json.loads(sources)), source, kind, body)
        for id_, scope, number, text, sources, source, kind, body in store.rows(
            "SELECT id, scope, number, text, sources, source_kind, kind, responsible_body "
            "FROM rec_register ORDER BY position"
        )
    ]


def load_links(store: Store) -> list[Link]:
    """The stored section links (row_ref None) and row links."""
    return [
        Link(scope, version, number, title, rec, conf, method, json.loads(evidence), ref, page, up)
        for scope, version, number, title, ref, page, rec, conf, method, evidence, up in store.rows(
            "SELECT scope, plan_version, section_number, section_title, row_ref, row_page, "
            "recommendation, confidence, method, evidence, runner_up FROM rec_links"
        )
    ]


def meeting_dates(store: Store) -> dict[str, str | None]:
    """Meeting date by document name."""
    return {
        str(name): date
        for name, date in store.rows(
            "SELECT d.name, m.meeting_date FROM documents d "
            "LEFT JOIN meetings m ON m.document_id = d.id"
        )
    }
