"""The tables a plan prints beside its action table: a RAG-rated summary of the recommendations
(``rag_snapshot``), a KPI table (``indicators``), and the title block printed inside the grid
above a table (a spreadsheet's merged title rows).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from . import texts
from .design import Design
from .heads import WIDTHS, Column
from .model import Cell, Grid, Row
from .printing import Printer, quarter_label
from .story import Version, add_months
from .wordings import Wordings

KPI_NAMES = ("Indicator", "Measure", "Key performance indicator", "Performance measure")
KPI_LATEST = ("Latest", "Current", "Year to date", "Actual")


@dataclass(frozen=True, slots=True)
class Summary:
    title: str
    first: bool  # printed before the action table
    columns: tuple[Column, ...]
    printer: Printer


def summary_columns(rng: random.Random, words: Wordings) -> tuple[Column, ...]:
    fields = ["ref", "outcome", "rag", "progress"]
    if rng.random() < 0.2:
        fields.pop()
    return tuple(Column(f, str(rng.choice(words.headers[f]))) for f in fields)


def summary_grid(
    summary: Summary, version: Version, context: tuple[str, str], records: list[dict[str, Any]]
) -> Grid:
    """One row per recommendation: number, wording, overall rating, summary of progress."""
    doc, plan_version = context
    p = summary.printer
    header = Row("header", tuple(Cell(c.name, "D9D9D9", True, light=True) for c in summary.columns))
    rows = [header]
    for finding in version.findings:
        colour = p.rating(finding.items)
        values = {
            "ref": str(finding.number),
            "outcome": finding.text,
            "rag": colour,
            "progress": finding.summary,
        }
        cells = []
        for column in summary.columns:
            if column.key == "rag":
                cells.append(
                    Cell(p.rag_text(colour), p.rag_fill(colour), align="center",
                         badge=p.design.producer == "html", light=p.light(colour))
                )  # fmt: skip
            else:
                cells.append(Cell(values[column.key]))
        rows.append(Row("data", tuple(cells)))
        records.append(
            {
                "doc": doc,
                "table_kind": "rag_snapshot",
                "plan_version": plan_version,
                "section": {"number": None, "title": summary.title, "group": None},
                "ref": str(finding.number),
                "part": None,
                "rec": f"#{finding.number}",
                "cells": {c.name: values[c.key] for c in summary.columns},
                "fields": {c.key: values[c.key] for c in summary.columns},
                "anchors": [values[k] for k in ("outcome", "progress") if k in values],
                "pages": None,
            }
        )
    widths = tuple(WIDTHS[c.key] for c in summary.columns)
    return Grid(tuple(rows), widths, "rag_snapshot", summary.title, "Summary")


def kpi_grid(
    design: Design, version: Version, seed: int, context: tuple[str, str]
) -> tuple[Grid, list[dict[str, Any]]]:
    """A KPI table (``indicators``): indicator, target, the last quarters' figures, the latest;
    and its gold rows (the indicator as ``measures``, every cell under its printed header)."""
    rng = random.Random(f"kpi-{seed}-{version.index}")
    names = rng.sample(texts.KPIS, rng.randint(4, 7))
    quarters = [quarter_label(add_months(version.when, -3 * k)) for k in (2, 1, 0)]
    head = [rng.choice(KPI_NAMES), "Target", *quarters, rng.choice(KPI_LATEST)]
    rows = [Row("header", tuple(Cell(h, "D9D9D9", True, light=True) for h in head))]
    records = []
    for name in names:
        target = rng.randint(50, 95)
        figures = [f"{rng.randint(35, 99)}%" for _ in quarters]
        values = [name, f"{target}%", *figures, figures[-1]]
        cells = [Cell(values[0]), *(Cell(v, align="right") for v in values[1:])]
        rows.append(Row("data", tuple(cells)))
        records.append(_kpi_record(context, head, values))
    widths = (4.5, *(1.2 for _ in head[1:]))
    heading = rng.choice(("Key performance indicators", "Performance scorecard", "KPI dashboard"))
    return Grid(tuple(rows), widths, "indicators", heading, "KPIs"), records


def _kpi_record(context: tuple[str, str], head: list[str], values: list[str]) -> dict[str, Any]:
    doc, plan_version = context
    return {
        "doc": doc,
        "table_kind": "indicators",
        "plan_version": plan_version,
        "section": {"number": None, "title": None, "group": None},
        "ref": None,
        "part": None,
        "rec": None,
        "cells": dict(zip(head, values, strict=True)),
        "fields": {"measures": values[0]},
        "anchors": [values[0]],
        "pages": None,
    }


def with_title(
    grids: list[Grid], lines: tuple[str, ...], legend: str, per_sheet: bool
) -> list[Grid]:
    """The title lines as merged rows at the top of the first grid (on a spreadsheet, of the
    first grid of every sheet), the first line bold; on a spreadsheet the key as well."""
    out, sheets = [], set()
    for index, grid in enumerate(grids):
        first = index == 0 or (per_sheet and grid.sheet not in sheets)
        sheets.add(grid.sheet)
        if not first:
            out.append(grid)
            continue
        count = len(grid.widths)
        block = list(lines) + ([legend] if legend and per_sheet else [])
        rows = tuple(
            Row("title", (Cell(text, bold=i < len(lines), span=count),) + (None,) * (count - 1))
            for i, text in enumerate(block)
        )
        out.append(replace(grid, rows=rows + grid.rows))
    return out
