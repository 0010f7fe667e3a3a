"""Make the scanned test PDFs in this folder (run by hand; the PDFs are committed).

    python tests/data/make_scans.py

`scanned-ruled-plan.pdf`: a one-page action plan typeset the ordinary way (python-docx, then
LibreOffice to PDF) with light-grey 0.5 pt rules, a grey-shaded header, a recommendation cell
merged down over two action rows and RAG given by cell colour alone; rasterised at 200 dpi in
colour, turned 0.7 degrees, with noise and JPEG compression, wrapped back into a PDF (img2pdf).
Its expected cells are ROWS below (the test reads them from here).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTHS = (1.2, 4.2, 4.8, 3.0, 2.6, 1.4)  # centimetres
HEADER = ("Ref", "Recommendation", "What we will do", "Lead officer", "By when", "RAG")
FILLS = {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050"}
ROWS = (
    (
        "1.1",
        "Improve the timeliness of assessments",
        "Review the assessment standards with every team",
        "Head of Service",
        "March 2025",
        "Green",
    ),
    (
        "1.2",
        "Improve the timeliness of assessments",
        "Audit twenty assessments each month and report the findings",
        "Practice Lead",
        "June 2025",
        "Amber",
    ),
    (
        "2.1",
        "Strengthen supervision of social workers",
        "Publish a supervision policy and train all managers",
        "Principal Social Worker",
        "September 2025",
        "Red",
    ),
    (
        "3.1",
        "Reduce caseloads in assessment teams",
        "Recruit six permanent social workers",
        "Workforce Manager",
        "December 2025",
        "Green",
    ),
)


def _docx(path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm, Pt

    document = Document()
    document.add_heading("Improvement Plan: assessment and supervision", level=1)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:color="A6A6A6"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = Cm(width)
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))
    for row, values in zip(table.rows, (HEADER, *ROWS), strict=True):
        for cell, value, width in zip(row.cells, values, WIDTHS, strict=True):
            cell.width = Cm(width)
            fill = "D9D9D9" if values is HEADER else FILLS.get(value)
            cell.text = "" if value in FILLS else value
            cell.paragraphs[0].runs[0].font.size = Pt(10) if cell.text else None
            if fill:
                shading = f'<w:shd {nsdecls("w")} w:val="clear" w:fill="{fill}"/>'
                cell._tc.get_or_add_tcPr().append(parse_xml(shading))
    top, bottom = table.cell(1, 1), table.cell(2, 1)
    merged = top.merge(bottom)
    merged.text = ROWS[0][1]
    merged.paragraphs[0].runs[0].font.size = Pt(10)
    document.save(str(path))


def _scan(pdf: Path, target: Path) -> None:
    import img2pdf
    import numpy as np
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", str(pdf), str(pdf.with_suffix(""))], check=True
    )
    pages = []
    rng = np.random.default_rng(3)
    for png in sorted(pdf.parent.glob(f"{pdf.stem}*.png")):
        image = Image.open(png).convert("RGB").rotate(0.7, fillcolor=(255, 255, 255))
        pixels = np.asarray(image).astype(np.float32) + rng.normal(
            0, 8, (image.height, image.width, 3)
        )
        out = io.BytesIO()
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(
            out, "JPEG", quality=60, dpi=(200, 200)
        )
        pages.append(out.getvalue())
    target.write_bytes(img2pdf.convert(pages))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "plan.docx"
        _docx(docx)
        profile = f"-env:UserInstallation=file://{tmp}/lo"
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True,
            capture_output=True,
        )
        _scan(docx.with_suffix(".pdf"), HERE / "scanned-ruled-plan.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
