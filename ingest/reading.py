"""What the reading layer is told and what an engine hands back: `ReadSettings` and `PageRead`.

Two engines read a PDF into the same page facts. `pdfium` (the default; `pdfium_engine.py`) reads
through pypdfium2, Google's PDF engine in C++; `pdfplumber` (`plumber_engine.py`) is the
pdfminer-based layer the project read with before, kept as the reference the pdfium layer is
held to (`tests/test_equivalence.py`) and as a switch for anyone who needs it
(`ReadSettings(engine="pdfplumber")`, or `COUNCILPAPERS_READER=pdfplumber`). Either engine gives,
per page, a `PageRead`; `pdf.py` turns it into the `Page` record (OCR, furniture).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from councilpapers.errors import CouncilPapersError
from councilpapers.records import Fill, Rule, Word

Engine = Literal["pdfium", "pdfplumber"]
ENGINES: tuple[Engine, ...] = ("pdfium", "pdfplumber")


class InvalidReadSettings(CouncilPapersError):
    """A reading setting is out of its range."""


@dataclass(frozen=True, slots=True)
class ReadSettings:
    """How PDFs are read. Lengths in PDF points."""

    engine: Engine = "pdfium"
    x_tolerance: float = 3.0  # a wider gap between two characters of a line starts a new word
    y_tolerance: float = 1.0  # characters whose tops differ by more stand on different lines
    thin: float = 2.0  # a filled or stroked shape no thicker than this is one ruling line

    def resolve(self) -> ReadSettings:
        """These settings, checked."""
        if self.engine not in ENGINES:
            raise InvalidReadSettings(
                f"reading engine must be one of {ENGINES}, not {self.engine!r}"
            )
        for name in ("x_tolerance", "y_tolerance", "thin"):
            if getattr(self, name) < 0:
                raise InvalidReadSettings(f"reading setting {name} must be >= 0")
        return self


def default_settings() -> ReadSettings:
    """The default settings, with the engine `COUNCILPAPERS_READER` names, if any."""
    engine = os.environ.get("COUNCILPAPERS_READER", "pdfium")
    return ReadSettings(engine=engine).resolve()  # type: ignore[arg-type]


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
