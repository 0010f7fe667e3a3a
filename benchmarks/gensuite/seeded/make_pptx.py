"""Slide decks: a ``model.Doc`` as a python-pptx deck (converted to PDF by LibreOffice Impress),
as councils present a plan to a board: a cover slide with the title and version, then each
table cut into slides as the rows fit, the header rows again at the top of every slide and a
merged recommendation printed again when its actions run on to the next slide.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from .grid import chunk_rows, line_counts, text_colour, wrapped
from .model import Cell, Doc, Grid, Row

WIDTH, HEIGHT = 13.333, 7.5  # inches, 16:9
LEFT, TOP, ROOM = 0.4, 1.25, 5.9  # table position and height available (inches)
ALIGN = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}


def write_pptx(doc: Doc, target: Path) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = doc.title[0]
    lines = [
        *doc.title[1:],
        *([doc.intro] if doc.intro else []),
        *([doc.legend] if doc.legend else []),
    ]
    cover.placeholders[1].text = "\n".join(lines)
    size = max(doc.size, 8.0)
    for grid in doc.grids:
        for first, last in _slides(grid, size):
            slide = deck.slides.add_slide(deck.slide_layouts[5])
            _title(slide, grid.heading or doc.title[1])
            top = [r for r in grid.rows if r.kind in ("title", "header")]
            body = chunk_rows(grid, first, last)
            _table(slide, grid, [*top, *body], size, doc.font)
    deck.save(str(target))


def _title(slide: object, text: str) -> None:
    """The slide title, small enough for a recommendation's whole wording."""
    title = slide.shapes.title  # type: ignore[attr-defined]
    title.left, title.top = Inches(LEFT), Inches(0.15)
    title.width, title.height = Inches(WIDTH - 2 * LEFT), Inches(1.0)
    title.text = text
    for paragraph in title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(20 if len(text) < 90 else 16)
            run.font.bold = True


def _slides(grid: Grid, size: float) -> list[tuple[int, int]]:
    """(first, last) body rows per slide: as many as fit under the header rows, merged cells
    (printed again on a continuation slide) given their room."""
    start = sum(r.kind in ("title", "header") for r in grid.rows)
    top = list(grid.rows[:start])
    out: list[tuple[int, int]] = []
    first = start
    for index in range(start, len(grid.rows)):
        if index > first and _inches(grid, [*top, *chunk_rows(grid, first, index)], size) > ROOM:
            out.append((first, index - 1))
            first = index
    if first < len(grid.rows):
        out.append((first, len(grid.rows) - 1))
    return out


def _inches(grid: Grid, rows: list[Row], size: float) -> float:
    """Height of a slide's table: wrapped lines per row (cell margins included)."""
    total = sum(grid.widths)

    def lines_of(cell: Cell, column: int) -> int:
        inches = (WIDTH - 2 * LEFT) * sum(grid.widths[column : column + cell.span]) / total
        return wrapped(cell.text, max(4, int((inches - 0.2) * 120 / size)))

    counts = line_counts(rows, lines_of)
    return sum(lines * size * 1.2 / 72 + 0.1 for lines in counts)


def _table(slide: object, grid: Grid, rows: list[Row], size: float, font: str) -> None:
    shape = slide.shapes.add_table(  # type: ignore[attr-defined]
        len(rows), len(grid.widths), Inches(LEFT), Inches(TOP), Inches(WIDTH - 2 * LEFT),
        Inches(0.3),
    )  # fmt: skip
    table = shape.table
    total = sum(grid.widths)
    for c, weight in enumerate(grid.widths):
        table.columns[c].width = Inches((WIDTH - 2 * LEFT) * weight / total)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell is not None:
                _put(table, r, c, cell, size, font)


def _put(table: object, r: int, c: int, cell: Cell, size: float, font: str) -> None:
    target = table.cell(r, c)  # type: ignore[attr-defined]
    if cell.span > 1 or cell.down > 1:
        target.merge(table.cell(r + cell.down - 1, c + cell.span - 1))  # type: ignore[attr-defined]
    frame = target.text_frame
    lines = cell.text.split("\n")
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for paragraph in frame.paragraphs:
        paragraph.alignment = ALIGN[cell.align]
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.name = font
            run.font.bold = cell.bold
            run.font.color.rgb = RGBColor.from_string(text_colour(cell) if cell.fill else "000000")
    if cell.fill:
        target.fill.solid()
        target.fill.fore_color.rgb = RGBColor.from_string(cell.fill)
    elif cell.bold:  # header and banner cells: the deck's plain light style
        target.fill.solid()
        target.fill.fore_color.rgb = RGBColor.from_string("E7E6E6")
    else:
        target.fill.background()
