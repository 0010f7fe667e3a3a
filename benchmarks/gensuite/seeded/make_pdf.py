"""Plans typeset directly with reportlab, as report-writing systems export them: a ``model.Doc`` as
platypus tables with SPAN merges, cell fills, a thin grid, the header rows repeated on each page
(the title rows inside the grid are not) and rows kept whole across page breaks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ..pdf_maker import FONTS
from .grid import limit_spans, text_colour
from .model import Doc, Grid

LIBERATION = "/usr/share/fonts/truetype/liberation/"
MORE_FONTS = {
    "Liberation Serif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "Liberation Sans Narrow": LIBERATION + "LiberationSansNarrow-Regular.ttf",
    "DejaVu Serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
}
BOLD = {
    "Liberation Sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "Liberation Serif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "Liberation Sans Narrow": "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf",
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "DejaVu Sans Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "DejaVu Serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
}


def _family(name: str) -> str:
    """Register the font (regular and bold) once; Helvetica where a file is missing."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = name.replace(" ", "")
    if key in pdfmetrics.getRegisteredFontNames():
        return key
    regular = {**FONTS, **MORE_FONTS}.get(name, "")
    if not Path(regular).is_file() or not Path(BOLD.get(name, "")).is_file():
        return "Helvetica"
    pdfmetrics.registerFont(TTFont(key, regular))
    pdfmetrics.registerFont(TTFont(key + "-Bold", BOLD[name]))
    addMapping(key, 0, 0, key)
    addMapping(key, 1, 0, key + "-Bold")
    return key


def write_pdf(doc: Doc, target: Path) -> None:
    """The document as a PDF. A recommendation merged down more rows than a page holds cannot
    be set (platypus splits a table only between merges): it is cut into shorter merges, each
    printing it again, as few as will fit."""
    for most in (None, 6, 3, 1):
        grids = doc.grids if most is None else tuple(limit_spans(g, most) for g in doc.grids)
        try:
            _write(replace(doc, grids=grids), target)
            return
        except (LayoutError, TypeError):  # reportlab's error report itself fails on spans
            if most == 1:
                raise


def _write(doc: Doc, target: Path) -> None:
    font = _family(doc.font)
    body = ParagraphStyle("body", fontName=font, fontSize=doc.size, leading=doc.size * 1.2)
    head = ParagraphStyle("head", parent=body, fontSize=doc.size + 4, leading=doc.size * 1.7)
    size = (landscape if doc.landscape else portrait)(A3 if doc.paper == "A3" else A4)
    story: list[Flowable] = []
    if doc.title_place == "above":
        story += [Paragraph(f"<b>{escape(line)}</b>", head) for line in doc.title]
    for text in (doc.intro, doc.legend):
        if text:
            story += [Paragraph(escape(text), body), Spacer(1, 0.2 * cm)]
    width = size[0] - 3 * cm
    for grid in doc.grids:
        if grid.heading:
            story.append(Paragraph(f"<b>{escape(grid.heading)}</b>", head))
        story += [_table(grid, body, width, doc.repeat_header), Spacer(1, 0.4 * cm)]
    SimpleDocTemplate(
        str(target),
        pagesize=size,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
    ).build(story)


def _table(grid: Grid, body: ParagraphStyle, width: float, repeat: bool) -> Table:
    data = []
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#808080")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for r, row in enumerate(grid.rows):
        line = []
        for c, cell in enumerate(row.cells):
            if cell is None:
                line.append("")
                continue
            text = "<br/>".join(escape(part) for part in cell.text.split("\n"))
            colour = text_colour(cell)
            text = f'<font color="#{colour}">{text}</font>'
            style = ParagraphStyle("c", parent=body, alignment={"left": 0, "center": 1,
                                   "right": 2}[cell.align])  # fmt: skip
            line.append(Paragraph(f"<b>{text}</b>" if cell.bold else text, style))
            end = (c + cell.span - 1, r + cell.down - 1)
            if cell.span > 1 or cell.down > 1:
                commands.append(("SPAN", (c, r), end))
            if cell.fill:
                commands.append(("BACKGROUND", (c, r), end, colors.HexColor("#" + cell.fill)))
        data.append(line)
    headers = tuple(i for i, row in enumerate(grid.rows) if row.kind == "header")
    widths = [width * w / sum(grid.widths) for w in grid.widths]
    return Table(
        data,
        colWidths=widths,
        repeatRows=headers if repeat else 0,
        style=TableStyle(commands),
    )
