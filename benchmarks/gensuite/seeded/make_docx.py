"""Word plans: a ``model.Doc`` as a python-docx document (converted to PDF by LibreOffice Writer).

Real Word tables: merged cells (``a.merge(b)``) for group headings, the recommendation merged down
its actions and banner rows; header rows (and a title block inside the grid) repeated on each
page or not; rows allowed to break across pages or not; the title above the table, inside it, or
in the page header.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell

from ..docx_maker import _mark, _shade
from .grid import owners, text_colour
from .model import Cell, Doc, Grid

PAPER = {"A4": (21.0, 29.7), "A3": (29.7, 42.0)}
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


def write_docx(doc: Doc, target: Path) -> None:
    document = Document()
    usable = _page(document, doc)
    if doc.title_place == "above":
        for index, line in enumerate(doc.title):
            run = document.add_paragraph().add_run(line)
            run.bold = True
            run.font.size = Pt(doc.size + (6 if index == 0 else 3))
    if doc.intro:
        document.add_paragraph(doc.intro)
    if doc.legend:
        document.add_paragraph(doc.legend)
    for grid in doc.grids:
        if grid.heading:
            document.add_paragraph().add_run(grid.heading).bold = True
        _table(document, doc, grid, usable)
        document.add_paragraph()
    document.save(str(target))


def _page(document: object, doc: Doc) -> float:
    """Page size, orientation, margins, font, the page header; returns the usable width (cm)."""
    section = document.sections[0]  # type: ignore[attr-defined]
    short, long = PAPER[doc.paper]
    width, height = (long, short) if doc.landscape else (short, long)
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(width), Cm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = document.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.name = doc.font
    normal.font.size = Pt(doc.size)
    normal.paragraph_format.space_after = Pt(2)
    if doc.title_place == "page_header":
        header = section.header.paragraphs[0]
        header.add_run(" – ".join(doc.title)).bold = True
    return width - 3.0


def _table(document: object, doc: Doc, grid: Grid, usable: float) -> Table:
    count = len(grid.widths)
    table = document.add_table(rows=len(grid.rows), cols=count)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    total = sum(grid.widths)
    for c, weight in enumerate(grid.widths):
        width = Cm(usable * weight / total)
        table.columns[c].width = width
        for cell in table.columns[c].cells:
            cell.width = width
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row.cells):
            if cell is not None:
                _put(table, r, c, cell, doc)
    top = 0
    while top < len(grid.rows) and grid.rows[top].kind in ("title", "header"):
        top += 1
    for r, row in enumerate(table.rows):
        if doc.repeat_header and r < top:
            _mark(row._tr, "w:tblHeader")
        if not doc.row_split:
            _mark(row._tr, "w:cantSplit")
    _check_merges(grid)
    return table


def _put(table: Table, r: int, c: int, cell: Cell, doc: Doc) -> None:
    target: _Cell = table.cell(r, c)
    if cell.span > 1 or cell.down > 1:
        target = target.merge(table.cell(r + cell.down - 1, c + cell.span - 1))
    lines = cell.text.split("\n") if cell.text else [""]
    for extra in target.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    target.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        paragraph = target.paragraphs[0] if i == 0 else target.add_paragraph()
        paragraph.alignment = ALIGN[cell.align]
        run = paragraph.add_run(line)
        run.bold = cell.bold
        run.font.color.rgb = RGBColor.from_string(text_colour(cell))
    if cell.fill:
        _shade(target, cell.fill)


def _check_merges(grid: Grid) -> None:
    """Every position is printed by exactly one cell (a bad grid fails here, not in Word)."""
    cover = owners(grid)
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row.cells):
            if (cell is None) != ((r, c) in cover):
                raise ValueError(f"grid position {r},{c}: merge and cell disagree")
