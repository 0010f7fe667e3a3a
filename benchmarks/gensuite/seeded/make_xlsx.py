"""Spreadsheet trackers: a ``model.Doc`` as an openpyxl workbook (printed to PDF by LibreOffice
Calc), the way councils keep a plan in Excel and publish it each quarter.

A sheet per part (summary, action plan, KPIs). The title block sits inside the grid above the
table (merged rows) or in the print header; group headings merged above the column names; the
finding and its number merged down over their actions; a banner row per priority; deadlines as
real date cells with number formats (``31/08/2024``, ``Oct-24``), right-aligned as Excel aligns
numbers; RAG letters or words on coloured fills. Print settings: gridlines printed, cell borders
or not, print titles (the header rows) repeated at page tops, fit to one page wide, landscape or
portrait, A4 or A3. Calc never splits a row across pages: rows move whole to the next page.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .grid import line_counts, text_colour, wrapped
from .model import Cell, Doc, Grid

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CHARS_PER_UNIT = 9.0  # column width (characters) per unit of relative width


def write_xlsx(doc: Doc, target: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    sheets: dict[str, list[Grid]] = {}
    for grid in doc.grids:
        sheets.setdefault(grid.sheet, []).append(grid)
    for name, grids in sheets.items():
        _sheet(book.create_sheet(name), doc, grids)
    book.save(str(target))


def _sheet(sheet: Worksheet, doc: Doc, grids: list[Grid]) -> None:
    _print_setup(sheet, doc)
    width = max(len(g.widths) for g in grids)
    for c, weight in enumerate(max(grids, key=lambda g: len(g.widths)).widths, start=1):
        sheet.column_dimensions[_letter(c)].width = weight * CHARS_PER_UNIT
    row = 1
    if doc.title_place != "in_grid" and doc.legend:
        row = _line(sheet, row, doc.legend, width, doc, bold=False) + 1
    for grid in grids:
        if grid.heading:
            row = _line(sheet, row, grid.heading, width, doc, bold=True)
        first_header = row + next(i for i, r in enumerate(grid.rows) if r.kind == "header")
        for r, grid_row in enumerate(grid.rows):
            for c, cell in enumerate(grid_row.cells, start=1):
                if cell is not None:
                    _put(sheet, row + r, c, cell, doc, grid_row.kind != "title")
        if doc.repeat_header and grid is grids[0]:  # print titles: the header rows
            sheet.print_title_rows = f"{first_header}:{first_header + grid.header_count - 1}"
        _heights(sheet, grid, row, doc)
        row += len(grid.rows) + 1


def _heights(sheet: Worksheet, grid: Grid, first: int, doc: Doc) -> None:
    """Row heights that fit the wrapped text, as Excel's autofit leaves them (Calc does not
    recompute them on opening); a cell merged down gets room over the rows it spans."""
    widths = [weight * CHARS_PER_UNIT for weight in grid.widths]

    def lines_of(cell: Cell, column: int) -> int:
        width = sum(widths[column : column + cell.span])
        size = doc.size + (2 if cell.span == len(widths) and cell.bold else 0)
        return wrapped(cell.text, max(4, int(width * 11.0 / size * 1.05) - 1))

    for r, lines in enumerate(line_counts(list(grid.rows), lines_of)):
        sheet.row_dimensions[first + r].height = round(lines * doc.size * 1.3 + 3, 1)


def _line(sheet: Worksheet, row: int, text: str, width: int, doc: Doc, bold: bool) -> int:
    sheet.cell(row, 1, text).font = Font(name=doc.font, size=doc.size + 1, bold=bold)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return row + 1


def _put(sheet: Worksheet, r: int, c: int, cell: Cell, doc: Doc, boxed: bool) -> None:
    target = sheet.cell(r, c, cell.value if cell.value is not None else cell.text)
    if cell.value is not None and cell.number_format:
        target.number_format = cell.number_format
    size = doc.size + (2 if not boxed and cell.bold else 0)
    target.font = Font(name=doc.font, size=size, bold=cell.bold, color=text_colour(cell))
    horizontal = None if cell.value is not None else cell.align
    target.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
    if cell.fill:
        target.fill = PatternFill("solid", fgColor=cell.fill)
    if boxed and doc.borders == "full":
        for dr in range(cell.down):
            for dc in range(cell.span):
                sheet.cell(r + dr, c + dc).border = BOX
    if cell.span > 1 or cell.down > 1:
        sheet.merge_cells(
            start_row=r, start_column=c, end_row=r + cell.down - 1, end_column=c + cell.span - 1
        )


def _print_setup(sheet: Worksheet, doc: Doc) -> None:
    setup = sheet.page_setup
    setup.orientation = "landscape" if doc.landscape else "portrait"
    setup.paperSize = sheet.PAPERSIZE_A3 if doc.paper == "A3" else sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if doc.title_place == "page_header":
        sheet.oddHeader.center.text = " – ".join(doc.title).replace("&", "&&")
        sheet.oddHeader.center.size = int(doc.size) + 2
        sheet.oddHeader.center.font = f"{doc.font},Bold"


def _letter(index: int) -> str:
    return str(get_column_letter(index))
