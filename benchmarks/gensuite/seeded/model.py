"""The printed document, maker-independent: title lines, paragraphs and grids of cells with their
merges, fills and alignment. ``compose.py`` builds it (with the gold beside it); each maker
(``make_docx``, ``make_xlsx``, ``make_pptx``, ``make_pdf``, ``make_html``) sets it in type.

A grid is a list of rows; each row has one entry per column: a ``Cell`` where a cell starts, or
None where a merge from the left or from above covers the position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Cell:
    text: str = ""
    fill: str | None = None  # hex RRGGBB
    bold: bool = False
    align: str = "left"  # left | right | center
    span: int = 1  # columns merged across
    down: int = 1  # rows merged down
    value: date | None = None  # a spreadsheet date cell, shown as `text` by `number_format`
    number_format: str | None = None
    badge: bool = False  # HTML: drawn as a coloured badge
    light: bool = False  # a light fill: dark text (else white text on a dark fill)


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # title | header | banner | data
    cells: tuple[Cell | None, ...]
    record: int | None = None  # the gold record a data row prints
    group: int | None = None  # data rows of one finding share a group (merged-down cells)


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[Row, ...]
    widths: tuple[float, ...]  # relative column widths
    kind: str  # action_plan | rag_snapshot | indicators
    heading: str = ""  # printed above the grid
    sheet: str = "Plan"  # spreadsheet: the sheet it goes on

    @property
    def header_count(self) -> int:
        return sum(row.kind == "header" for row in self.rows)


@dataclass(frozen=True, slots=True)
class Doc:
    title: tuple[str, ...]  # title lines (above the grid, in it, or in the page header)
    title_place: str  # above | in_grid | page_header
    intro: str
    legend: str  # the RAG key line ("" when none is printed)
    grids: tuple[Grid, ...]
    font: str
    size: float
    landscape: bool
    paper: str  # A4 | A3
    repeat_header: bool
    row_split: bool
    borders: str = "full"  # HTML: full | rows | none
    narrow: bool = False  # HTML: a CMS page with a sidebar
    legend_cells: tuple[tuple[str, str], ...] = field(
        default=()
    )  # (colour hex, text) per key entry
