"""The fonts of a page as the pdfium reader needs them: name, descent and advance widths.

pdfium's font handle (`FPDF_FONT`) names the font (its BaseFont without the subset tag) and gives
a character's advance through its unicode (`FPDFFont_GetGlyphWidth`, which maps the unicode back
to the font's code: right for most fonts, wrong for some subsets with private encodings, so the
reader only takes it where the ink overhangs the loose box). The descent and the tagged name
are pdfminer's where `font_metrics` read them, else pdfium's. Each handle is looked up once per
page (`PageFonts`).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium

from councilpapers.ingest.font_metrics import FontFacts, font_name

# pdfminer takes the descent of the standard 14 fonts (when a PDF names one without a
# FontDescriptor) from Adobe's metrics; pdfium substitutes a font of its own with another descent
STANDARD_DESCENT = {"Courier": -0.194, "Helvetica": -0.207, "Times": -0.217, "Arial": -0.207}


def plain(function: Any, restype: Any, *argtypes: Any) -> Any:
    """pypdfium2's raw `function` called through a prototype of plain C types (integers in,
    integers out): no pointer objects to build or check on each call of a hot loop."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address or 0)


_glyph_width = plain(
    pdfium.FPDFFont_GetGlyphWidth,
    ctypes.c_int,
    ctypes.c_void_p,
    ctypes.c_uint,
    ctypes.c_float,
    ctypes.c_void_p,
)


@dataclass(slots=True)
class Font:
    """A font: pdfium's handle, its name as pdfminer gives it (subset tag and all: pdfplumber's
    words end where it changes), its descent (a share of the size, negative) and its
    advances for a 1 pt size, by character (None: the font cannot say)."""

    handle: int
    name: str
    descent: float
    widths: dict[str, float | None] = field(default_factory=dict)

    def width(self, text: str) -> float | None:
        """The character's advance for a 1 pt size, looked up once."""
        if text in self.widths:
            return self.widths[text]
        found: float | None = None
        width = ctypes.c_float()
        address = ctypes.addressof(width)
        if len(text) == 1 and self.handle and _glyph_width(self.handle, ord(text), 1.0, address):
            found = width.value if width.value > 0 else None
        self.widths[text] = found
        return found


@dataclass(frozen=True, slots=True)
class PageFonts:
    """The page's fonts by handle, with pdfminer's facts of the page's fonts (`font_metrics`):
    descents, and the subset tag pdfium drops from a simple font's name."""

    facts: FontFacts
    known: dict[int, Font] = field(default_factory=dict)

    def get(self, font: Any) -> Font:
        handle = (ctypes.cast(font, ctypes.c_void_p).value or 0) if font else 0
        if handle not in self.known:
            written = _name(font)
            bare = font_name(written)
            descents = self.facts.descents
            descent = descents.get(written, descents.get(bare))
            if descent is None:
                descent = _descent(font, bare)
            name = self.facts.names.get(written, written) if written == bare else written
            self.known[handle] = Font(handle, name, descent)
        return self.known[handle]


def _name(font: Any) -> str:
    if not font:
        return ""
    buffer = ctypes.create_string_buffer(256)
    length = pdfium.FPDFFont_GetBaseFontName(font, buffer, 256)
    return buffer.raw[: max(0, min(length, 256) - 1)].decode("utf-8", "replace")


def _descent(font: Any, name: str) -> float:
    """pdfium's descent of the font as a share of its size (Adobe's for a standard font)."""
    if not font:
        return 0.0
    if not pdfium.FPDFFont_GetIsEmbedded(font):
        family = name.split(",")[0].split("-")[0].replace("New", "").replace("Roman", "")
        if family in STANDARD_DESCENT:
            return STANDARD_DESCENT[family]
    descent = ctypes.c_float()
    if not pdfium.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), ctypes.byref(descent)):
        return 0.0
    return -abs(descent.value) / 1000
