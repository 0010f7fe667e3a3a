"""Rows for people: rich tables for the terminal (the text formats for tools are in formats.py).

Every value from a document is put in a `rich.text.Text`, never parsed as rich markup, so a cell
reading `[/red]` or a pdfminer message with `[/'Type', …]` prints as it is. Nothing here imports
pandas at module level: the commands that only print stay quick to start.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table as RichTable
from rich.text import Text

from councilpapers.outputs.formats import plain

if TYPE_CHECKING:
    import pandas as pd

SHORT = 12
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
Record = Mapping[str, Any]


def records_table(
    records: Sequence[Record],
    columns: Sequence[str],
    title: str,
    widths: Mapping[str, int] | None = None,
) -> RichTable:
    """A terminal table of the records; long cells cut to the column's width (default 60).

    Short columns (values and header words of at most 12 characters) are never wrapped, so the
    long text columns share what width is left."""
    table = RichTable(title=Text(title), title_justify="left")
    rows = [[_cell(r.get(c), (widths or {}).get(c, 60)) for c in columns] for r in records]
    for i, column in enumerate(columns):
        header = column.replace("_", " ")
        longest = max([len(w) for w in header.split()] + [len(row[i]) for row in rows])
        short = longest <= SHORT
        table.add_column(
            Text(header),
            overflow="ellipsis",
            no_wrap=short,
            min_width=longest if short else min(longest, 16),
        )
    for row in rows:
        table.add_row(*row)
    return table


def _cell(value: object, size: int) -> Text:
    """One line of printable text (control characters such as NUL or ESC removed), cut; a
    list's items joined by commas, for people."""
    if isinstance(value, list | tuple):
        value = ", ".join(plain(v) for v in value)
    text = " ".join(CONTROL.sub("", plain(value)).split())
    return Text(text if len(text) <= size else text[: size - 1] + "…")


def store_records(counts: Mapping[str, int]) -> list[dict[str, Any]]:
    return [{"what": name.replace("_", " "), "count": counts[name]} for name in sorted(counts)]


def plans_table(frame: pd.DataFrame) -> RichTable:
    """Rows per document, table kind and plan version."""
    records = []
    if not frame.empty:
        grouped = frame.groupby(["doc", "table_kind", "plan_version"], dropna=False)
        for (doc, kind, version), rows in grouped:
            pages = f"{rows['page_first'].min()}-{rows['page_last'].max()}"
            records.append(
                {
                    "doc": doc,
                    "kind": kind,
                    "plan_version": version,
                    "rows": len(rows),
                    "pages": pages,
                }
            )
    columns = ("doc", "kind", "plan_version", "rows", "pages")
    return records_table(records, columns, "tables found")


def rows_table(frame: pd.DataFrame, columns: tuple[str, ...], title: str) -> RichTable:
    """A few rows, long text cut at a word, for a first look."""
    shown = ("plan_version", *columns)
    records = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    return records_table(records, shown, title, widths=dict.fromkeys(shown, 40))
