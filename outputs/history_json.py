"""Recommendation histories as plain data: the `export history --format json` shape.

A list of recommendations, each {"id", "number", "text", "source_kind", "kind" (what the
inspection called it), "responsible_body", "sources", "versions":
[{"plan_version", "plan_date", "doc", "section_number", "rag", "status_text", "refs", "pages",
"reference_date", "reference_kind", "rows", "diff_from_previous"}]}. `reference_date` is the date
overdue was judged against (`reference_kind`: "plan date", else "meeting date"; null when neither
is known, and then every row's `overdue` is null). Each row: {"ref", "part", "timescale",
"due_date", "due_kind", "status", "overdue"}. Diffs are lists of [op, words] runs: "=" kept, "-"
removed, "+" added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from councilpapers.records import DiffOps, RecHistory, VersionDiff, VersionEntry


def ops(diff: DiffOps) -> list[list[str]]:
    return [[op, text] for op, text in diff]


def diff_record(diff: VersionDiff | None) -> dict[str, Any] | None:
    if diff is None:
        return None
    return {
        "from_version": diff.from_version,
        "summary": list(diff.summary),
        "rag": {"from": diff.rag_from, "to": diff.rag_to, "change": diff.rag_change},
        "status_text": ops(diff.status_text),
        "rows": [
            {
                "ref": c.ref,
                "part": c.part,
                "previous_ref": c.previous_ref,
                "changes": list(c.changes),
                "status": ops(c.status),
                "progress": ops(c.progress),
            }
            for c in diff.rows
        ],
        "added": list(diff.added),
        "removed": list(diff.removed),
        "moved_to_completed": list(diff.moved_to_completed),
        "deadlines_pushed_back": [
            {"ref": ref, "from": a, "to": b, "explained": why}
            for ref, a, b, why in diff.deadlines_pushed_back
        ],
        "repeated_unchanged": list(diff.repeated_unchanged),
    }


def version_record(version: VersionEntry) -> dict[str, Any]:
    return {
        "plan_version": version.plan_version,
        "plan_date": version.plan_date,
        "doc": version.doc,
        "section_number": version.section_number,
        "rag": version.rag,
        "status_text": version.status_text,
        "refs": [r.ref for r in version.rows],
        "pages": list(version.pages),
        "reference_date": version.reference_date,
        "reference_kind": version.reference_kind,
        "rows": [
            {
                "ref": r.ref,
                "part": r.part,
                "timescale": r.timescale,
                "due_date": r.deadline,
                "due_kind": r.due_kind,
                "status": r.status_norm,
                "overdue": r.overdue,
            }
            for r in version.rows
        ],
        "diff_from_previous": diff_record(version.diff),
    }


def history_records(histories: Sequence[RecHistory]) -> list[dict[str, Any]]:
    return [
        {
            "id": h.recommendation.id,
            "number": h.recommendation.number,
            "text": h.recommendation.text,
            "source_kind": h.recommendation.source_kind,
            "kind": h.recommendation.kind,
            "responsible_body": h.recommendation.responsible_body,
            "sources": list(h.recommendation.sources),
            "versions": [version_record(v) for v in h.versions],
        }
        for h in histories
    ]
