"""Word plans as councils make them: python-docx tables with merged cells, then LibreOffice to PDF.

The recommendation (and, in some styles, its number) sits in a cell merged down its action rows
(``a.merge(b)``), area headings are full-width merged banner rows, RAG is the word, the fill or
both, the header row repeats on each page or not, and a "Page X of Y" footer is printed when the
style says so.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .content import Plan
from .layout import MERGED, TableSpec, fill, plan_tables, printed
from .styles import Style

BULLET = "• "


def write_docx(style: Style, plan: Plan, target: Path) -> None:
    """The plan version as a .docx file."""
    document = Document()
    _page(document, style)
    for line in style.title.format(
        council=style.council, version=plan.version, month=plan.month
    ).split("\n"):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(style.size + 5)
    document.add_paragraph(
        f"This plan sets out how {style.council} will respond to the recommendations made by "
        "Ofsted. It is reviewed by the Improvement Board each quarter."
    )
    for spec in plan_tables(style, plan):
        if spec.title:
            heading = document.add_paragraph()
            heading.add_run(spec.title).bold = True
        _table(document, style, spec)
        document.add_paragraph()
    document.save(str(target))


def _page(document: object, style: Style) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    if style.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    normal = document.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.name = style.font
    normal.font.size = Pt(style.size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), style.font)
    normal.paragraph_format.space_after = Pt(2)
    if style.footer:
        _page_footer(section.footer.paragraphs[0])


def _page_footer(paragraph: Paragraph) -> None:
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, code: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _table(document: object, style: Style, spec: TableSpec) -> Table:
    columns = spec.columns
    count = 1 + sum(len(g.rows) + (g.area is not None) for g in spec.groups)
    table = document.add_table(rows=count, cols=len(columns))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    _widths(table, style, columns)
    header = table.rows[0]
    for cell, (_, name) in zip(header.cells, columns, strict=True):
        _text(cell, name, bold=True)
        _shade(cell, "D9D9D9")
    if style.repeat_header:
        _mark(header._tr, "w:tblHeader")
    index = 1
    for group in spec.groups:
        if group.area is not None:
            banner = table.cell(index, 0).merge(table.cell(index, len(columns) - 1))
            _text(banner, group.area, bold=True)
            _shade(banner, "BDD7EE")
            index += 1
        _group(table, style, spec, group.rows, index)
        index += len(group.rows)
    for row in table.rows:
        _mark(row._tr, "w:cantSplit", off=True)
    return table


def _group(
    table: Table, style: Style, spec: TableSpec, rows: tuple[dict[str, str], ...], first: int
) -> None:
    for c, (field, _) in enumerate(spec.columns):
        if field in MERGED and spec.kind == "action_plan":
            cell = table.cell(first, c)
            if len(rows) > 1:
                cell = cell.merge(table.cell(first + len(rows) - 1, c))
            _text(cell, rows[0][field])
            continue
        for r, row in enumerate(rows):
            cell = table.cell(first + r, c)
            _text(cell, printed(field, row, style))
            colour = fill(field, row, style)
            if colour:
                _shade(cell, colour)


def _text(cell: _Cell, text: str, bold: bool = False) -> None:
    """Paragraph per line; bullets kept as printed."""
    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
    for extra in cell.paragraphs[len(lines) :]:
        extra._p.getparent().remove(extra._p)


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _mark(tr: object, tag: str, off: bool = False) -> None:
    props = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement(tag)
    if off:
        element.set(qn("w:val"), "false")
    props.append(element)


def _widths(table: Table, style: Style, columns: tuple[tuple[str, str], ...]) -> None:
    usable = (29.7 if style.landscape else 21.0) - 3.2
    weights = style.widths if len(style.widths) == len(columns) else (1.0,) * len(columns)
    if len(columns) != len(style.columns):
        weights = (1.0, 5.0, 1.5, 6.0)[: len(columns)]
    total = sum(weights)
    table.autofit = False
    for c, weight in enumerate(weights):
        width = Cm(usable * weight / total)
        table.columns[c].width = width
        for cell in table.columns[c].cells:
            cell.width = width


def to_pdf(source: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice headless (own profile per call); returns the PDF path."""
    with tempfile.TemporaryDirectory(prefix="lo-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
            env={**os.environ, "HOME": profile},
        )
    target = out_dir / (source.stem + ".pdf")
    if not target.exists():
        raise RuntimeError(f"LibreOffice made no PDF from {source}")
    return target
