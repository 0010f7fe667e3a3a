"""Tiny PDFs drawn with reportlab's canvas for the mechanism tests: text at known places, with
ruling lines drawn as lines, as stroked paths, or not at all, and cell fills."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

Cells = Sequence[Sequence[str]]  # a row: one list of printed lines per cell
RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Drawn:
    """One table as drawn: column x edges, rows of cells, and how it is ruled.

    rules: "grid" (lines round every cell), "rects" (the same grid drawn as thin filled
    rectangles, as Word does), "paths" (drawn as stroked polyline paths, which pdfplumber reports
    as curves), "header" (one rule under the header row only), "none"."""

    columns: Sequence[float]
    rows: Sequence[Cells]
    rules: str = "grid"
    top: float = 60.0
    size: float = 9.0
    bold_header: bool = True
    fills: Mapping[tuple[int, int], RGB] = field(default_factory=dict)
    leading: float = 11.0
    pad: float = 4.0


def row_heights(table: Drawn) -> list[float]:
    return [max(len(c) for c in row) * table.leading + 2 * table.pad for row in table.rows]


def draw_table(canvas: Canvas, table: Drawn, height: float) -> None:
    """Draw the table with its top at table.top (points from the page's top)."""
    edges = [table.top]
    for h in row_heights(table):
        edges.append(edges[-1] + h)
    for (r, c), rgb in table.fills.items():
        canvas.setFillColorRGB(*rgb)
        x0, x1 = table.columns[c], table.columns[c + 1]
        canvas.rect(x0, height - edges[r + 1], x1 - x0, edges[r + 1] - edges[r], stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(table.rows):
        font = "Helvetica-Bold" if r == 0 and table.bold_header else "Helvetica"
        for c, lines in enumerate(row):
            for k, line in enumerate(lines):
                canvas.setFont(font, table.size)
                y = height - (edges[r] + table.pad + table.size + k * table.leading)
                canvas.drawString(table.columns[c] + table.pad, y, line)
    _rules(canvas, table, edges, height)


def _rules(canvas: Canvas, table: Drawn, edges: list[float], height: float) -> None:
    left, right = table.columns[0], table.columns[-1]
    canvas.setLineWidth(0.5)
    if table.rules == "header":
        canvas.line(left, height - edges[1], right, height - edges[1])
    elif table.rules == "grid":
        for y in edges:
            canvas.line(left, height - y, right, height - y)
        for x in table.columns:
            canvas.line(x, height - edges[0], x, height - edges[-1])
    elif table.rules == "rects":
        canvas.setFillColorRGB(0, 0, 0)
        for y in edges:
            canvas.rect(left, height - y - 0.25, right - left, 0.5, stroke=0, fill=1)
        for x in table.columns:
            canvas.rect(x - 0.25, height - edges[-1], 0.5, edges[-1] - edges[0], stroke=0, fill=1)
    elif table.rules == "paths":
        path = canvas.beginPath()
        for k, y in enumerate(edges):  # one zig-zag polyline through every horizontal rule
            xs = (left, right) if k % 2 == 0 else (right, left)
            path.moveTo(xs[0], height - y) if k == 0 else path.lineTo(xs[0], height - y)
            path.lineTo(xs[1], height - y)
        canvas.drawPath(path, stroke=1, fill=0)
        path = canvas.beginPath()
        for k, x in enumerate(table.columns):
            ys = (edges[0], edges[-1]) if k % 2 == 0 else (edges[-1], edges[0])
            path.moveTo(x, height - ys[0]) if k == 0 else path.lineTo(x, height - ys[0])
            path.lineTo(x, height - ys[1])
        canvas.drawPath(path, stroke=1, fill=0)


def write_pdf(
    path: Path,
    pages: Sequence[Sequence[Drawn]],
    texts: Sequence[Sequence[tuple[float, float, str, bool]]] = (),
    portrait: bool = False,
) -> Path:
    """One PDF page per entry of `pages`; `texts` adds loose lines (x, top, text, bold) per page."""
    size = A4 if portrait else landscape(A4)
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    for index, tables in enumerate(pages):
        for table in tables:
            draw_table(canvas, table, size[1])
        for x, top, text, bold in texts[index] if index < len(texts) else ():
            canvas.setFont("Helvetica-Bold" if bold else "Helvetica", 9)
            canvas.drawString(x, size[1] - top - 9, text)
        canvas.showPage()
    canvas.save()
    return path
