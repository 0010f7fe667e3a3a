"""reportlab pieces for the variant documents: a look (fonts, borders, page size), cells that record
the pages they are drawn on, tables, and the page furniture (running footer, ``Page N`` stamp).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Table, TableStyle

MARGIN = 40.0
MIN_COLUMN = 30.0
STAMP_OFFSET = 33  # the margin stamp reads Page (physical page + offset), as in a ModernGov pack


BULLET_FONT = "Vera"  # TrueType, shipped with reportlab: its bullet extracts as U+2022


def markup(text: str) -> str:
    """Paragraph markup for plain text. The standard Type 1 fonts encode the bullet as code 127,
    which text extraction cannot map back, so bullets are set in a TrueType font."""
    if BULLET_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BULLET_FONT, "Vera.ttf"))
    return escape(text).replace("•", f'<font name="{BULLET_FONT}">•</font>')


@dataclass(frozen=True)
class Look:
    """How a variant is typeset."""

    name: str
    font: str = "Helvetica"
    size: float = 8.0
    borders: str = "grid"  # grid | rule (one rule under the header) | none
    repeat_header: bool = True
    portrait: bool = False

    @property
    def pagesize(self) -> tuple[float, float]:
        size = A4 if self.portrait else landscape(A4)
        return (float(size[0]), float(size[1]))

    @property
    def bold(self) -> str:
        return {"Times-Roman": "Times-Bold"}.get(self.font, f"{self.font}-Bold")

    def style(self, bold: bool = False, scale: float = 1.0) -> ParagraphStyle:
        return ParagraphStyle(
            f"{self.name}-{bold}-{scale}",
            fontName=self.bold if bold else self.font,
            fontSize=self.size * scale,
            leading=self.size * scale * 1.2,
            splitLongWords=True,
        )


class TrackedParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that adds the number of each page it is drawn on to ``sink`` (kept on split)."""

    sink: set[int] | None = None

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts = super().split(avail_width, avail_height)
        for part in parts:
            if isinstance(part, TrackedParagraph):
                part.sink = self.sink
        return list(parts)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if self.sink is not None:
            self.sink.add(canvas.getPageNumber())
        super().drawOn(canvas, x, y, _sW)


def cell(text: str, look: Look, sink: set[int] | None = None, bold: bool = False) -> list[Any]:
    """A cell's paragraphs (one per line of the gold text; bullets keep their printed marker)."""
    paragraphs = []
    for line in text.split("\n"):
        if line.strip():
            paragraph = TrackedParagraph(markup(line), look.style(bold))
            paragraph.sink = sink
            paragraphs.append(paragraph)
    return paragraphs


def column_widths(columns: list[list[str]], look: Look) -> list[float]:
    """30 pt each, the rest in proportion to the square root of each column's mean text length."""
    spare = look.pagesize[0] - 2 * MARGIN - MIN_COLUMN * len(columns)
    weights = [max(3.0, math.sqrt(sum(map(len, texts)) / max(1, len(texts)))) for texts in columns]
    return [MIN_COLUMN + spare * w / sum(weights) for w in weights]


def table(
    data: list[list[Any]], widths: list[float], look: Look, header_rows: int, banners: list[int]
) -> Table:
    """A table whose rows may break across pages, with the look's borders and header treatment."""
    last = header_rows - 1
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if look.borders == "grid":
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, last), colors.lightgrey),
        ]
    elif look.borders == "rule":
        commands.append(("LINEBELOW", (0, last), (-1, last), 0.75, colors.black))
    for row in banners:
        commands.append(("SPAN", (1, row), (-1, row)))
    repeat = header_rows if look.repeat_header else 0
    return Table(
        data,
        colWidths=widths,
        style=TableStyle(commands),
        repeatRows=repeat,
        splitByRow=1,
        splitInRow=1,
    )


def furniture(footer: str, look: Look) -> Any:
    """An onPage callback drawing the running footer and the ``Page N`` margin stamp."""

    def draw(canvas: Any, doc: Any) -> None:
        width, height = look.pagesize
        stamp = f"Page {canvas.getPageNumber() + STAMP_OFFSET}"
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(MARGIN, 22, footer)
        if look.portrait:
            canvas.drawCentredString(width / 2, 10, stamp)
        else:
            canvas.translate(18, height / 2)
            canvas.rotate(90)
            canvas.drawCentredString(0, 0, stamp)
        canvas.restoreState()

    return draw
