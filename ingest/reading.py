"""What an engine is told and what it hands back: `Reading` (the settings of one read) and
`PageRead` (one page's facts).

Two engines read a PDF into the same page facts. `pdfium` (the default; `pdfium_engine.py`) reads
through pypdfium2, Google's PDF engine in C++; `pdfplumber` (`plumber_engine.py`) is the
pdfminer-based layer the project read with before, kept as the reference the pdfium layer is
held to (`tests/test_equivalence.py`) and as a switch for anyone who needs it
(`ReadSettings(engine="pdfplumber")`, or `COUNCILPAPERS_READER=pdfplumber`). Either engine gives,
per page, a `PageRead`; `pdf.py` turns it into the `Page` record (OCR, furniture). A `Reading`
carries the settings one read uses (`ReadSettings`, `OcrSettings`, `Limits`) to the engines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from councilpapers.ingest.limits import Limits
from councilpapers.ingest.ocr_render import OcrSettings
from councilpapers.ingest.settings import ReadSettings
from councilpapers.records import Fill, Rule, Word


@dataclass(frozen=True, slots=True)
class Reading:
    """The three settings objects one read uses, resolved."""

    settings: ReadSettings
    ocr: OcrSettings
    limits: Limits


@dataclass(frozen=True, slots=True)
class PageRead:
    """One page as an engine read it, before OCR and furniture: upright words, words turned a
    quarter (margin text), ruling lines, fills, how many images it shows, its displayed size,
    and how to render it for OCR (dpi -> PIL image)."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rotated: tuple[Word, ...]
    rules: tuple[Rule, ...]
    fills: tuple[Fill, ...]
    images: int
    render: Callable[[float], Any]
    replaced: bool = False  # pdfium gave an /ActualText in place of some of the page's glyphs
