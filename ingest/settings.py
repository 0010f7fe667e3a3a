"""Reading settings: the tolerances `read_document` uses to turn a PDF page into words, ruling
lines and furniture, in one frozen, checked object (see `councilpapers/settings.py`).

`read_document(path, settings=..., ocr=..., limits=...)` takes each of its three settings objects
as None, a dict of overrides or an instance: `ReadSettings` here, `OcrSettings` (ocr_render.py)
for scanned pages and `Limits` (limits.py) for what one file may cost. Each is resolved once at
that entry point and passed down as an argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from councilpapers.settings import Settings


@dataclass(frozen=True, slots=True)
class ReadSettings(Settings):
    """Tolerances of reading a PDF page (units beside each)."""

    # words and graphics, in points
    word_x_tolerance: float = 3.0  # pdfplumber's x_tolerance: letters this close are one word
    word_y_tolerance: float = 1.0  # pdfplumber's y_tolerance: letters this close share a line
    thin: float = 2.0  # a filled rectangle or path thinner than this is a ruling line
    rotated_gap: float = 0.25  # em: letters of text set up a margin further apart are two words
    min_words: int = 3  # a text layer with fewer real words is read by OCR instead
    # furniture (stamps, running headers and footers)
    line_tolerance: float = 2.0  # points: words whose bottoms are this close are one line
    margin: float = 0.1  # share of the page height counted as top or bottom margin
    segment_gap: float = 24.0  # points: a wider gap splits a margin line into separate pieces
    repeats: int = 3  # a margin line printed on this many pages is a running header or footer

    shares: ClassVar[frozenset[str]] = frozenset({"margin"})

    def word_options(self) -> dict[str, Any]:
        """pdfplumber's `extract_words` options for these tolerances."""
        return {
            "x_tolerance": self.word_x_tolerance,
            "y_tolerance": self.word_y_tolerance,
            "keep_blank_chars": False,
            "use_text_flow": False,
            "extra_attrs": ["size", "fontname"],
        }
