"""OCR for pages without a usable text layer: the page image is turned upright (deskew), its
ruling lines and shaded areas are found with OpenCV and become Rule and Fill records, and
Tesseract (through pytesseract) reads the words, cell by cell where rules enclose cells, into
Word records; every box is in PDF points of the upright page, so a scanned page goes through the
same table extraction as a born-digital one.

The stages live in `ocr_render` (image, settings, ink), `ocr_deskew`, `ocr_lines`, `ocr_fills`
and `ocr_words`. The engine is optional at run time: `ocr_unavailable()` says why it cannot run
(package or program missing) and the reader records such pages as having no text instead of
crashing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from councilpapers.ingest.ocr_fills import fill_edges, find_fills, unshade
from councilpapers.ingest.ocr_lines import enclosed_cells, find_lines
from councilpapers.ingest.ocr_render import OcrSettings, paper_white, render
from councilpapers.ingest.ocr_words import embolden, read_words
from councilpapers.records import Fill, Rule, Word

INSTALL = (
    "install the Tesseract program (Debian/Ubuntu: apt-get install tesseract-ocr "
    "tesseract-ocr-eng) and the Python binding (pip install pytesseract)"
)


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What OCR read from one page image, and the tilt (degrees) taken out before reading."""

    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    fills: tuple[Fill, ...]
    confidence: float | None
    skew: float = 0.0


@lru_cache(maxsize=1)
def ocr_unavailable() -> str | None:
    """None when OCR can run; otherwise the reason it cannot and how to fix it."""
    if os.environ.get("COUNCILPAPERS_OCR", "1") == "0":
        return "OCR is switched off (COUNCILPAPERS_OCR=0)"
    try:
        import pytesseract
    except ImportError:
        return f"the pytesseract package is not installed: {INSTALL}"
    if not shutil.which(pytesseract.pytesseract.tesseract_cmd):
        return f"the tesseract program is not on PATH: {INSTALL}"
    try:
        pytesseract.get_tesseract_version()
    except Exception as exc:  # the binding raises several types for a broken install
        return f"tesseract does not run ({type(exc).__name__}): {INSTALL}"
    return None


def read_image(image: Any, width: float, height: float, settings: OcrSettings) -> OcrPage:
    """OCR one page image (a PIL image of a page `width` x `height` points)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one page per worker: threads only contend
    page = render(image, width, height, settings)
    lines = find_lines(page, settings)
    fills = find_fills(page, lines.mask, settings)
    clean = unshade(paper_white(page), page.rgb, fills, page.sx, page.sy)
    clean[lines.mask] = 255
    cells = enclosed_cells(lines.mask, page.px(settings.v_min / 2, horizontal=False))
    words, confidences = read_words(clean, cells, page.sx, page.sy)
    words = embolden(words, clean < settings.dark, page.sx, page.sy, settings.bold)
    confidence = round(sum(confidences) / len(confidences) / 100, 3) if confidences else None
    return OcrPage(
        words=tuple(words),
        rules=lines.rules + tuple(fill_edges(fills)),
        fills=tuple(fills),
        confidence=confidence,
        skew=page.angle,
    )
