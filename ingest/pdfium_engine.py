"""The pdfium engine: a PDF's pages read through pypdfium2, one at a time.

Per page: pdfium's text page gives the characters (`pdfium_text`), `words` joins them as
pdfplumber would, the page objects give the drawn shapes and images (`pdfium_objects`), and
`shapes` turns shapes into ruling lines and fills. Each page and its text page are closed before
the next is loaded, so memory stays bounded by one page. A file pdfium cannot open raises
`NotOpened` (the reader then asks pdfminer, which reads some damaged files and names what is
wrong with the rest); a password it lacks is an `EncryptedPDF`.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from councilpapers.errors import EmptyDocument, EncryptedPDF, TooLarge
from councilpapers.ingest import plumber_engine
from councilpapers.ingest.failures import refusal
from councilpapers.ingest.font_metrics import FontFacts, page_fonts
from councilpapers.ingest.pagebox import PageFrame, page_frame
from councilpapers.ingest.pdfium_fonts import PageFonts
from councilpapers.ingest.pdfium_objects import page_drawing
from councilpapers.ingest.pdfium_text import page_chars
from councilpapers.ingest.reading import PageRead, Reading
from councilpapers.ingest.settings import ReadSettings
from councilpapers.ingest.shapes import rules_and_fills
from councilpapers.ingest.spaces import with_spaces
from councilpapers.ingest.words import rotated_words, upright_words


class NotOpened(Exception):
    """pdfium could not open or read the file (not a password problem): damage for pdfminer
    to judge."""


def read_pages(path: Path, reading: Reading, numbers: range | None = None) -> Iterator[PageRead]:
    """Every page of the PDF at `path` (or those `numbers`, 1-based), read by pdfium (a page
    whose text pdfium replaced with an /ActualText: its words read by pdfminer)."""
    pdf = _open(path)
    glyphs = plumber_engine.Pages(path)
    try:
        facts = page_fonts(path)
        count, cap = len(pdf), reading.limits.pages
        if count == 0:
            raise EmptyDocument(f"{path.name}: the PDF has no pages")
        if count > cap:
            raise TooLarge(
                f"{path.name}: {count} pages is over the {cap}-page limit "
                "(Limits.pages, or set COUNCILPAPERS_MAX_PAGES to raise it)"
            )
        for index in range(count):
            if numbers is not None and index + 1 not in numbers:
                continue
            page = pdf[index]
            try:
                fonts = facts[index] if index < len(facts) else FontFacts()
                read = _read_page(page, index + 1, reading.settings, fonts)
                yield _glyph_words(read, glyphs, reading) if read.replaced else read
            finally:
                page.close()
    finally:
        glyphs.close()
        pdf.close()


def _glyph_words(read: PageRead, glyphs: plumber_engine.Pages, reading: Reading) -> PageRead:
    """The page with its words as pdfminer reads the glyphs (pdfium's reading stands if pdfminer
    cannot read the page of a damaged file)."""
    try:
        plumbed = glyphs.read(read.number, reading.settings)
    except Exception as exc:  # pdfminer tripping on a damaged file, not a bug of ours
        if refusal(glyphs.path.name, exc) is None:
            raise
        return replace(read, replaced=False)
    return replace(read, words=plumbed.words, rotated=plumbed.rotated, replaced=False)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPDF(f"{path.name}: encrypted; it needs a password to open") from exc
        raise NotOpened(str(exc)) from exc
    pdf.init_forms()  # as pdfplumber renders: filled form fields show in an OCR image
    return pdf


def _read_page(
    page: pdfium.PdfPage, number: int, settings: ReadSettings, fonts: FontFacts
) -> PageRead:
    frame = _frame(page, number)
    drawing = page_drawing(page.raw, frame)
    textpage = raw.FPDFText_LoadPage(page.raw)
    if not textpage:
        raise NotOpened(f"pdfium cannot read the text of page {number}")
    try:
        page_fonts = PageFonts(fonts)
        chars, replaced = page_chars(textpage, frame, page_fonts, drawing.texts)
    finally:
        raw.FPDFText_ClosePage(textpage)
    chars = with_spaces(chars, drawing.texts, frame, page_fonts)
    rules, fills = rules_and_fills(drawing.shapes, settings.thin)
    return PageRead(
        number=number,
        width=round(frame.width, 2),
        height=round(frame.height, 2),
        words=tuple(upright_words((c for c in chars if c.upright), settings, rules)),
        rotated=tuple(rotated_words((c for c in chars if not c.upright), settings.rotated_gap)),
        rules=rules,
        fills=fills,
        images=drawing.images,
        render=lambda dpi: _render(page, dpi),
        replaced=replaced,
    )


def _frame(page: pdfium.PdfPage, number: int) -> PageFrame:
    """The page's frame from its MediaBox (its own, else the inherited one pdfium applies)."""
    box = page.get_mediabox(fallback_ok=False)
    if box is None:
        rect = raw.FS_RECTF()
        raw.FPDF_GetPageBoundingBox(page.raw, ctypes.byref(rect))
        box = (rect.left, rect.bottom, rect.right, rect.top)
    if abs(box[2] - box[0]) < 1 or abs(box[3] - box[1]) < 1:
        raise NotOpened(f"page {number} has an empty MediaBox: {box}")
    return page_frame(box, page.get_rotation())


def _render(page: pdfium.PdfPage, dpi: float) -> Any:
    """The page as an RGB PIL image at `dpi`, rendered as pdfplumber's `to_image` renders it."""
    bitmap = page.render(
        scale=dpi / 72,
        no_smoothtext=True,
        no_smoothpath=True,
        no_smoothimage=True,
        prefer_bgrx=True,
    )
    return bitmap.to_pil().convert("RGB")
