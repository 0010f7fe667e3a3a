"""PowerPoint plans: python-pptx decks with one table per slide, converted by LibreOffice.

Each slide is titled with the area; when an area's rows do not fit, the table continues on the
next slide under the same title, with the header row again and the recommendation repeated in
its merged cell. Slides are paginated here, so each row's page is known by construction.
"""

from __future__ import annotations

import math
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from .content import Plan
from .layout import MERGED, TableSpec, fill, plan_tables, printed
from .styles import Style

WIDTH, HEIGHT = 13.333, 7.5  # inches, 16:9
TABLE_TOP, TABLE_ROOM = 1.3, 5.8  # inches
LINE = 0.18  # inches per text line at the deck's size
Pages = dict[tuple[str, str | None, str], tuple[int, int]]
Chunk = list[tuple[object, dict[str, str]]]  # (group, row) pairs on one slide


def write_pptx(style: Style, plan: Plan, target: Path) -> Pages:
    """The deck; returns (kind, part, ref) -> (first, last) slide of each row."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    lines = style.title.format(council=style.council, version=plan.version, month=plan.month)
    cover.shapes.title.text = lines.split("\n")[0]
    cover.placeholders[1].text = "\n".join(lines.split("\n")[1:])
    pages: Pages = {}
    for spec in plan_tables(style, plan):
        for title, chunk in _slides(style, spec):
            slide = deck.slides.add_slide(deck.slide_layouts[5])
            slide.shapes.title.text = title
            _table(slide, style, spec, chunk)
            page = len(deck.slides)
            for _, row in chunk:
                pages[(spec.kind, spec.part, row["ref"])] = (page, page)
    deck.save(str(target))
    return pages


def _slides(style: Style, spec: TableSpec) -> list[tuple[str, Chunk]]:
    """Rows cut into slides: a new slide per area (its title) and whenever the room runs out."""
    out: list[tuple[str, Chunk]] = []
    title, used = None, 0.0
    for group in spec.groups:
        name = spec.title or (group.rec.area if group.rec else "")
        if spec.part:
            name = spec.title
        for row in group.rows:
            height = _height(style, spec, row)
            if name != title or used + height > TABLE_ROOM - 0.4:
                out.append((name, []))
                title, used = name, 0.0
            out[-1][1].append((group, row))
            used += height
    return out


def _height(style: Style, spec: TableSpec, row: dict[str, str]) -> float:
    total = sum(_weights(style, spec))
    lines = 1
    for (field, _), weight in zip(spec.columns, _weights(style, spec), strict=True):
        chars = max(8, int(weight / total * WIDTH * 0.9 * 16))
        text = printed(field, row, style)
        wrapped = sum(math.ceil(max(len(p), 1) / chars) for p in text.split("\n"))
        lines = max(lines, wrapped if field not in MERGED else 1)
    return lines * LINE + 0.12


def _weights(style: Style, spec: TableSpec) -> tuple[float, ...]:
    if len(style.widths) == len(spec.columns):
        return style.widths
    return (1.0, 5.0, 1.5, 6.0)[: len(spec.columns)]


def _table(slide: object, style: Style, spec: TableSpec, chunk: Chunk) -> None:
    columns = spec.columns
    shape = slide.shapes.add_table(  # type: ignore[attr-defined]
        len(chunk) + 1,
        len(columns),
        Inches(0.4),
        Inches(TABLE_TOP),
        Inches(WIDTH - 0.8),
        Inches(0.4),
    )
    table = shape.table
    weights = _weights(style, spec)
    for c, weight in enumerate(weights):
        table.columns[c].width = Inches((WIDTH - 0.8) * weight / sum(weights))
    for c, (_, name) in enumerate(columns):
        _text(table.cell(0, c), name, style, bold=True)
    for r, (group, row) in enumerate(chunk, start=1):
        repeat = r > 1 and chunk[r - 2][0] is group and spec.kind == "action_plan"
        for c, (field, _) in enumerate(columns):
            cell = table.cell(r, c)
            _text(cell, "" if repeat and field in MERGED else printed(field, row, style), style)
            colour = fill(field, row, style)
            if colour:
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(colour)
    if spec.kind == "action_plan":
        _merge_groups(table, spec, chunk)


def _merge_groups(table: object, spec: TableSpec, chunk: Chunk) -> None:
    """Merge the recommendation cells of consecutive rows of the same group on this slide."""
    start = 0
    for r in range(1, len(chunk) + 1):
        if r == len(chunk) or chunk[r][0] is not chunk[start][0]:
            if r - start > 1:
                for c, (field, _) in enumerate(spec.columns):
                    if field in MERGED:
                        top = table.cell(start + 1, c)  # type: ignore[attr-defined]
                        top.merge(table.cell(r, c))  # type: ignore[attr-defined]
            start = r


def _text(cell: object, text: str, style: Style, bold: bool = False) -> None:
    frame = cell.text_frame  # type: ignore[attr-defined]
    lines = text.split("\n")
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(style.size)
            run.font.name = style.font
            run.font.bold = bold
