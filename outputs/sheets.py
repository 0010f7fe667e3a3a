"""XLSX workbooks a person can read at once: bold frozen header, autofilter, column widths sized
to the text, long text wrapped, and every cell written as a value (never as a formula)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

MAX_WIDTH = 60
MIN_WIDTH = 6


def write_workbook(frames: Mapping[str, pd.DataFrame], handle: IO[bytes]) -> None:
    """One sheet per frame, in order."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, frame in frames.items():
        _sheet(book.create_sheet(title=_sheet_name(name)), frame)
    book.save(handle)


def _sheet_name(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, "_")
    return name[:31] or "rows"


def _sheet(sheet: object, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    columns = [str(c) for c in frame.columns]
    for col, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font = bold
    for r, values in enumerate(frame.itertuples(index=False, name=None), start=2):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col, value=_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even if it starts with "="
                cell.alignment = wrap
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"
    for col, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = _width(name, frame.iloc[:, col - 1])


def _value(value: object) -> object:
    """A cell value openpyxl accepts: missing values blank, unknown types as text."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, bool | int | float | str):
        return value
    try:
        import pandas as pd

        if pd.isna(value):  # type: ignore[call-overload]
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _width(name: str, column: pd.Series) -> float:
    """The longest line among the header and (a sample of) the cells, within bounds."""
    longest = len(name)
    for value in column.head(500):
        if isinstance(value, str):
            longest = max(longest, *(len(line) for line in value.split("\n")))
        elif value is not None:
            longest = max(longest, len(str(value)))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
