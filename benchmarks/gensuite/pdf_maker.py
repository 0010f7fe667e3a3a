"""Plans typeset directly with reportlab (as report-writing systems export them).

One table per area under a heading paragraph, each recommendation as a full-width banner row
("Recommendation 3: …") above its actions, thin grid rules, the header row repeated on each page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .content import Plan
from .layout import Group, TableSpec, fill, plan_tables, printed
from .styles import Style

FONTS = {
    "DejaVu Sans Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "Liberation Sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
}


def _font(name: str) -> str:
    key = name.replace(" ", "")
    if key not in pdfmetrics.getRegisteredFontNames() and Path(FONTS.get(name, "")).is_file():
        pdfmetrics.registerFont(TTFont(key, FONTS[name]))
    return key if key in pdfmetrics.getRegisteredFontNames() else "Helvetica"


def write_pdf(style: Style, plan: Plan, target: Path) -> None:
    """The plan version as a PDF; pages are located afterwards (reportlab splits the tables)."""
    font = _font(style.font)
    body = ParagraphStyle("body", fontName=font, fontSize=style.size, leading=style.size * 1.2)
    head = ParagraphStyle("head", parent=body, fontSize=style.size + 4, leading=style.size * 1.6)
    size = landscape(A4) if style.landscape else A4
    doc = SimpleDocTemplate(
        str(target),
        pagesize=size,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
    )
    story: list[Flowable] = []
    title = style.title.format(council=style.council, version=plan.version, month=plan.month)
    for line in title.split("\n"):
        story.append(Paragraph(f"<b>{escape(line)}</b>", head))
    story.append(Spacer(1, 0.4 * cm))
    width = size[0] - 3 * cm
    for spec in plan_tables(style, plan):
        for heading, groups in _areas(style, spec):
            story.append(Paragraph(f"<b>{escape(heading)}</b>", head))
            story.append(_table(style, spec, groups, body, width))
            story.append(Spacer(1, 0.4 * cm))
    doc.build(story)


def _areas(style: Style, spec: TableSpec) -> list[tuple[str, list[Group]]]:
    """Groups per heading: one table per area when the style heads areas, else one table."""
    if spec.title or not style.area_titles:
        return [(spec.title, list(spec.groups))]
    out: list[tuple[str, list[Group]]] = []
    for group in spec.groups:
        area = group.rec.area if group.rec else ""
        if not out or out[-1][0] != area:
            out.append((area, []))
        out[-1][1].append(group)
    return out


def _table(
    style: Style, spec: TableSpec, groups: list[Group], body: ParagraphStyle, width: float
) -> Table:
    bold = ParagraphStyle("bold", parent=body, fontName=body.fontName)
    data = [[Paragraph(f"<b>{escape(name)}</b>", bold) for _, name in spec.columns]]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#808080")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDDDDD")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for group in groups:
        if style.rec_banners and group.rec is not None and spec.kind == "action_plan":
            text = f"Recommendation {group.rec.number}: {group.rec.text}"
            commands += _banner(data, text, body, len(spec.columns))
        for values in group.rows:
            data.append([_cell(printed(f, values, style), body) for f, _ in spec.columns])
            for c, (field, _) in enumerate(spec.columns):
                colour = fill(field, values, style)
                if colour:
                    commands.append(
                        (
                            "BACKGROUND",
                            (c, len(data) - 1),
                            (c, len(data) - 1),
                            colors.HexColor("#" + colour),
                        )
                    )
    weights = style.widths if len(style.widths) == len(spec.columns) else (1.0, 5.0, 1.5, 6.0)
    widths = [width * w / sum(weights) for w in weights]
    return Table(
        data,
        colWidths=widths,
        repeatRows=1 if style.repeat_header else 0,
        style=TableStyle(commands),
    )


def _banner(data: list[list[Any]], text: str, body: ParagraphStyle, columns: int) -> list[Any]:
    """Append a full-width banner row; returns its style commands."""
    data.append([Paragraph(f"<b>{escape(text)}</b>", body)] + [""] * (columns - 1))
    row = len(data) - 1
    return [
        ("SPAN", (0, row), (-1, row)),
        ("BACKGROUND", (0, row), (-1, row), colors.HexColor("#E8EEF7")),
    ]


def _cell(text: str, body: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(escape(line) for line in text.split("\n")), body)
