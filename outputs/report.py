"""Readable summaries for the terminal (rich renderables)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from rich.table import Table as RichTable

from councilpapers.corpus.batch import BatchReport


def batch_summary(report: BatchReport) -> str:
    return (
        f"{len(report.results)} files: {report.count('imported')} imported, "
        f"{report.count('unchanged')} unchanged, {report.count('refused')} refused"
    )


def store_summary(counts: Mapping[str, int], schema: int) -> RichTable:
    table = RichTable(title=f"store (schema v{schema})")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in sorted(counts.items()):
        table.add_row(name.replace("_", " "), str(value))
    return table


def plans_table(frame: pd.DataFrame) -> RichTable:
    """Rows per document, table kind and plan version."""
    table = RichTable(title="tables found")
    for column in ("doc", "kind", "plan version", "rows", "pages"):
        table.add_column(column, justify="right" if column in ("rows", "pages") else "left")
    if frame.empty:
        return table
    grouped = frame.groupby(["doc", "table_kind", "plan_version"], dropna=False)
    for (doc, kind, version), rows in grouped:
        pages = f"{rows['page_first'].min()}-{rows['page_last'].max()}"
        table.add_row(str(doc), str(kind), str(version), str(len(rows)), pages)
    return table


def rows_table(
    frame: pd.DataFrame,
    limit: int = 6,
    columns: tuple[str, ...] = ("ref", "lead", "timescale", "status", "rag"),
    title: str | None = None,
) -> RichTable:
    """A few rows, long text cut, for a first look."""
    table = RichTable(
        title=title or f"first {min(limit, len(frame))} of {len(frame)} rows", show_lines=True
    )
    shown = ("plan_version", *columns)
    for column in shown:
        table.add_column(column.replace("_", " "), overflow="fold", max_width=26)
    for _, row in frame.head(limit).iterrows():
        table.add_row(*[_cut(row.get(c), 60) for c in shown])
    return table


def _cut(value: object, size: int = 140) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value)
    return text if len(text) <= size else text[: size - 1] + "…"
