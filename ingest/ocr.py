"""OCR for pages without a usable text layer: Tesseract (through pytesseract) reads the page image
into Word records with boxes in PDF points, and ruling lines found in the image (long runs of
dark pixels) become Rule records, so a scanned page goes through the same table extraction.

The engine is optional at run time: `ocr_unavailable()` says why it cannot run (package or
program missing) and the reader records such pages as having no text instead of crashing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from councilpapers.records import Rule, Word, round_bbox

DPI = int(os.environ.get("COUNCILPAPERS_OCR_DPI", "300"))
LANG = os.environ.get("COUNCILPAPERS_OCR_LANG", "eng")
DARK = 140  # grey level below which a pixel is ink
H_MIN_PT = 25.0  # shortest horizontal rule, points
V_MIN_PT = 14.0  # shortest vertical rule, points
INSTALL = ("install the Tesseract program (Debian/Ubuntu: apt-get install tesseract-ocr "
           "tesseract-ocr-eng) and the Python binding (pip install pytesseract)")


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What OCR read from one page image."""

    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    confidence: float | None


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


def read_image(image: Any, width: float, height: float) -> OcrPage:
    """OCR one page image (a PIL image of a page `width` x `height` points)."""
    import pytesseract

    grey = np.asarray(image.convert("L"))
    scale_x, scale_y = width / grey.shape[1], height / grey.shape[0]
    ink = grey < DARK
    h_mask, rules_h = _runs(ink, int(H_MIN_PT / scale_x), scale_x, scale_y, horizontal=True)
    v_mask, rules_v = _runs(ink, int(V_MIN_PT / scale_y), scale_x, scale_y, horizontal=False)
    clean = np.where(h_mask | v_mask, 255, grey).astype(np.uint8)
    from PIL import Image

    data = pytesseract.image_to_data(Image.fromarray(clean), lang=LANG, config="--psm 3",
                                     output_type=pytesseract.Output.DICT)
    words, confidence = _words(data, scale_x, scale_y)
    return OcrPage(words=words, rules=tuple(rules_h + rules_v), confidence=confidence)


def _words(data: dict[str, list[Any]], sx: float, sy: float) -> tuple[tuple[Word, ...], float | None]:
    """Tesseract's words, each given its line's top and bottom so lines keep one baseline."""
    lines: dict[tuple[int, int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if str(text).strip() and float(data["conf"][i]) >= 0:
            key = (data["page_num"][i], data["block_num"][i], data["par_num"][i],
                   data["line_num"][i])
            lines.setdefault(key, []).append(i)
    words: list[Word] = []
    confs: list[float] = []
    for members in lines.values():
        top = min(data["top"][i] for i in members) * sy
        bottom = max(data["top"][i] + data["height"][i] for i in members) * sy
        for i in members:
            x0, x1 = data["left"][i] * sx, (data["left"][i] + data["width"][i]) * sx
            words.append(Word(text=str(data["text"][i]).strip(),
                              bbox=round_bbox(x0, top, x1, bottom), size=round(bottom - top, 2)))
            confs.append(float(data["conf"][i]))
    confidence = round(sum(confs) / len(confs) / 100, 3) if confs else None
    return tuple(words), confidence


def _runs(ink: np.ndarray[Any, Any], length: int, sx: float, sy: float,
          horizontal: bool) -> tuple[np.ndarray[Any, Any], list[Rule]]:
    """Pixels on straight dark runs at least `length` long, and the rules they make."""
    grid = ink if horizontal else ink.T
    length = max(length, 8)
    total = np.cumsum(np.pad(grid, ((0, 0), (1, 0))).astype(np.int32), axis=1)
    full = (total[:, length:] - total[:, :-length]) == length  # window starting at each x
    mask = np.zeros_like(grid)
    segments: list[tuple[int, int, int]] = []
    for row in np.nonzero(full.any(axis=1))[0]:
        edges = np.diff(np.concatenate(([0], full[row].astype(np.int8), [0])))
        for start, stop in zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0], strict=True):
            end = stop - 1 + length
            mask[row, start:end] = True
            segments.append((int(row), int(start), int(end)))
    rules = [_rule(group, sx, sy, horizontal) for group in _group(segments)]
    return (mask if horizontal else mask.T), rules


def _group(segments: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Segments on adjacent rows that overlap along the run are one (thick) line."""
    groups: list[list[tuple[int, int, int]]] = []
    open_groups: list[list[tuple[int, int, int]]] = []
    for seg in sorted(segments):
        row, start, end = seg
        open_groups = [g for g in open_groups if row - g[-1][0] <= 1]
        home = next((g for g in open_groups if g[-1][0] < row and start < g[-1][2]
                     and end > g[-1][1]), None)
        if home is None:
            home = []
            groups.append(home)
            open_groups.append(home)
        home.append(seg)
    return groups


def _rule(group: list[tuple[int, int, int]], sx: float, sy: float, horizontal: bool) -> Rule:
    middle = (group[0][0] + group[-1][0] + 1) / 2
    start, end = min(s[1] for s in group), max(s[2] for s in group)
    if horizontal:
        return Rule(*round_bbox(start * sx, middle * sy, end * sx, middle * sy))
    return Rule(*round_bbox(middle * sx, start * sy, middle * sx, end * sy))
