"""Tag the action rows of an extracted document: the NLP stage of the batch pipeline.

One tagger per process, built once (its theme model is cached on disk by `nlp.cache`), tags every
action-plan and RAG-snapshot row with the plan's date as the reference for partial dates and for
"overdue".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from councilpapers.nlp.tagging import Tagger, load_tagger
from councilpapers.records import Table, TaggedRow
from councilpapers.vocabularies import TABLE_KINDS


@lru_cache(maxsize=1)
def shared_tagger() -> Tagger:
    """The process's tagger, built on first use."""
    return load_tagger()


def tag_tables(
    tables: Sequence[Table], tagger: Tagger | None = None, fallback_date: str | None = None
) -> tuple[TaggedRow, ...]:
    """Tags for every action and snapshot row of these tables. A plan that prints no date of
    its own is dated by `fallback_date` (ISO; the meeting the pack was for)."""
    out: list[TaggedRow] = []
    for table in tables:
        if table.kind not in TABLE_KINDS.flagged("actions") or not table.rows:
            continue
        active = tagger or shared_tagger()
        fields = [{name: cell.text for name, cell in row.fields.items()} for row in table.rows]
        tags = active.tag_many(fields, plan_date(table) or _iso(fallback_date), table.plan.rag_key)
        out.extend(
            TaggedRow(table.index, row.index, t) for row, t in zip(table.rows, tags, strict=True)
        )
    return tuple(out)


def plan_date(table: Table) -> dt.date | None:
    """The plan's date (ISO in the record), the reference for partial dates."""
    return _iso(table.plan.date)


def _iso(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
