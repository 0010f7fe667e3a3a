"""The tables a plan version prints, in order, style-aware but maker-independent.

Every maker (docx, pptx, reportlab) sets these ``TableSpec`` s in type and the gold is written
from the same specs, so what is printed and what the gold says cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Action, Plan, Rec
from .styles import Column, Style

MERGED = ("number", "outcome")  # fields printed once per group, in a cell merged down it
FILLS = {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050", "Blue": "0070C0"}


@dataclass(frozen=True, slots=True)
class Group:
    """Rows under one recommendation (``rec`` None in a summary table), after an area banner."""

    area: str | None  # banner printed before the group (None: no banner)
    rec: Rec | None
    rows: tuple[dict[str, str], ...]  # field -> text as printed (rag: the colour word)


@dataclass(frozen=True, slots=True)
class TableSpec:
    kind: str  # action_plan | rag_snapshot
    title: str
    part: str | None
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]


def row_values(rec: Rec, action: Action, style: Style) -> dict[str, str]:
    """Every field of one action row; ``rag`` is the colour word even when only a fill shows it."""
    return {
        "number": str(rec.number),
        "ref": action.ref,
        "outcome": rec.text,
        "actions": action.actions,
        "lead": action.lead,
        "timescale": action.timescale,
        "status": action.status,
        "progress": action.progress,
        "rag": style.rag_word(action.rag),
    }


def plan_tables(style: Style, plan: Plan) -> list[TableSpec]:
    """The summary table (if the style prints one), the plan, the completed actions (if moved)."""
    tables = []
    if style.summary:
        rows = tuple(
            {"ref": str(r.number), "outcome": r.text, "rag": r.rag, "progress": r.summary}
            for r in plan.recs
        )
        group = Group(None, None, rows)
        tables.append(TableSpec("rag_snapshot", style.summary_title, None, style.summary, (group,)))
    columns = style.columns
    if style.dated_progress:
        columns = tuple((f, f"{h} ({plan.month})" if f == "progress" else h) for f, h in columns)
    pairs = [(rec, rec.actions) for rec in plan.recs]
    tables.append(TableSpec("action_plan", "", None, columns, _groups(style, pairs)))
    if style.completed_title and plan.completed:
        done: dict[str, tuple[Rec, list[Action]]] = {}
        for rec, action in plan.completed:
            done.setdefault(rec.key, (rec, []))[1].append(action)
        ordered = sorted(done.values(), key=lambda item: item[0].number)
        groups = _groups(style, [(rec, tuple(actions)) for rec, actions in ordered])
        title = style.completed_title
        tables.append(TableSpec("action_plan", title, title, columns, groups))
    return tables


def _groups(style: Style, pairs: list[tuple[Rec, tuple[Action, ...]]]) -> tuple[Group, ...]:
    groups, area = [], None
    for rec, actions in pairs:
        if not actions:
            continue
        banner = rec.area if style.area_banners and rec.area != area else None
        area = rec.area
        rows = tuple(row_values(rec, a, style) for a in actions)
        groups.append(Group(banner, rec, rows))
    return tuple(groups)


def printed(field: str, row: dict[str, str], style: Style) -> str:
    """The text a cell prints (fill-only RAG prints nothing)."""
    if field == "rag" and style.rag_mode == "fill":
        return ""
    return row.get(field, "")


def fill(field: str, row: dict[str, str], style: Style) -> str | None:
    """The cell's fill colour (hex) when the style shades RAG cells."""
    if field == "rag" and style.rag_mode in ("fill", "both"):
        return FILLS.get(row.get("rag", ""))
    return None
