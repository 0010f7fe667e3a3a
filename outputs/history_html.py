"""Recommendation histories as a self-contained HTML page: one page per council plan.

Every recommendation of the plan's register, each with its versions oldest first: where the plan
answered it, the RAG rating, the change summary, and the rows with their status and progress text,
words added since the previous version in <ins> and words dropped in <del>. No scripts, no external
files: the page can be e-mailed or attached to a committee report as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup, escape

from councilpapers.outputs.history_text import latest_status
from councilpapers.outputs.pages import render
from councilpapers.records import DiffOps, RecHistory, VersionEntry


def diff_html(diff: DiffOps) -> Markup:
    """Diff runs as HTML: kept words plain, added in <ins>, removed in <del>, line breaks kept."""
    parts = []
    for op, words in diff:
        text = str(escape(words)).replace("\n", "<br>")
        parts.append(
            text if op == "=" else f"<ins>{text}</ins>" if op == "+" else f"<del>{text}</del>"
        )
    return Markup(" ".join(parts))


def plain_html(text: str) -> Markup:
    return Markup(str(escape(text)).replace("\n", "<br>"))


def overdue_word(overdue: bool | None) -> str:
    return "unknown" if overdue is None else "yes" if overdue else "no"


def _rows(version: VersionEntry) -> list[dict[str, object]]:
    changes = {(c.ref, c.part): c for c in version.diff.rows} if version.diff else {}
    out = []
    for row in version.rows:
        change = changes.get((row.ref, row.part))
        out.append(
            {
                "ref": row.ref,
                "part": row.part or "",
                "completed": row.completed,
                "pages": f"{row.pages[0]}–{row.pages[1]}"
                if row.pages[0] != row.pages[1]
                else str(row.pages[0]),
                "timescale": plain_html(row.timescale),
                "due": row.deadline,
                "overdue": overdue_word(row.overdue),
                "status": diff_html(change.status) if change else plain_html(row.status),
                "progress": diff_html(change.progress) if change else plain_html(row.progress),
                "notes": list(change.changes)
                if change
                else (["new row"] if version.diff and row.ref in version.diff.added else []),
            }
        )
    return out


def history_item(history: RecHistory) -> dict[str, Any]:
    """What `_timeline.html` and the register table show of one recommendation."""
    latest = latest_status(history)
    return {
        "rec": history.recommendation,
        "latest_rag": latest.rag_label,
        "latest": latest.version,
        "status": latest.rows_label,
        "anchor": _anchor(history.recommendation.id),
        "versions": [{"v": v, "rows": _rows(v)} for v in history.versions],
    }


def render_history_html(histories: Sequence[RecHistory], title: str) -> str:
    """The self-contained report: the register, then every recommendation's timeline."""
    items = [history_item(h) for h in histories]
    generated = datetime.now(UTC).strftime("%d %B %Y")
    return render("history.html", title=title, items=items, generated=generated)


def _anchor(rec_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", rec_id.lower()).strip("-")
