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

from councilpapers.records import Fill, Rule, Word, round_bbox

DPI = int(os.environ.get("COUNCILPAPERS_OCR_DPI", "300"))
LANG = os.environ.get("COUNCILPAPERS_OCR_LANG", "eng")
PSM = os.environ.get("COUNCILPAPERS_OCR_PSM", "11")  # sparse text: no lines across columns
DARK = 140  # grey level below which a pixel is ink
H_MIN_PT = 25.0  # shortest horizontal rule, points
V_MIN_PT = 14.0  # shortest vertical rule, points
PAPER = 240  # grey level above which a pixel is blank paper
BOLD = 1.3  # a word this much denser in ink than the page's median word is bold
MAX_THICK_PT = 2.5  # a dark band thicker than this is a filled area (shading), not a rule
INSTALL = (
    "install the Tesseract program (Debian/Ubuntu: apt-get install tesseract-ocr "
    "tesseract-ocr-eng) and the Python binding (pip install pytesseract)"
)


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What OCR read from one page image."""

    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    fills: tuple[Fill, ...]
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

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one page per worker: threads only contend
    rgb = np.asarray(image.convert("RGB"))
    grey = np.asarray(image.convert("L"))
    scale_x, scale_y = width / grey.shape[1], height / grey.shape[0]
    ink = grey < DARK
    thick = max(2, int(MAX_THICK_PT / scale_y))
    h_mask, rules_h, blocks = _runs(ink, int(H_MIN_PT / scale_x), scale_x, scale_y, True, thick)
    v_mask, rules_v, _ = _runs(ink, int(V_MIN_PT / scale_y), scale_x, scale_y, False, thick)
    clean = np.where(h_mask | v_mask, 255, grey).astype(np.uint8)
    shaded = (clean > DARK) & (clean < PAPER)
    _, _, shades = _runs(shaded, int(H_MIN_PT / scale_x), scale_x, scale_y, True, thick)
    fills = _merge_fills([_fill(block, rgb, clean, scale_x, scale_y) for block in blocks + shades])
    from PIL import Image

    data = pytesseract.image_to_data(
        Image.fromarray(clean),
        lang=LANG,
        config=f"--psm {PSM} -c tessedit_do_invert=0",
        output_type=pytesseract.Output.DICT,
    )
    words, confidence = _words(data, scale_x, scale_y)
    words = _embolden(words, clean < DARK, scale_x, scale_y)
    return OcrPage(
        words=words, rules=tuple(rules_h + rules_v), fills=tuple(fills), confidence=confidence
    )


def _words(
    data: dict[str, list[Any]], sx: float, sy: float
) -> tuple[tuple[Word, ...], float | None]:
    """Tesseract's words, each given its line's top and bottom so lines keep one baseline."""
    lines: dict[tuple[int, int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if str(text).strip() and float(data["conf"][i]) >= 0:
            key = (
                data["page_num"][i],
                data["block_num"][i],
                data["par_num"][i],
                data["line_num"][i],
            )
            lines.setdefault(key, []).append(i)
    words: list[Word] = []
    confs: list[float] = []
    for members in lines.values():
        top = min(data["top"][i] for i in members) * sy
        bottom = max(data["top"][i] + data["height"][i] for i in members) * sy
        for i in members:
            x0, x1 = data["left"][i] * sx, (data["left"][i] + data["width"][i]) * sx
            words.append(
                Word(
                    text=str(data["text"][i]).strip(),
                    bbox=round_bbox(x0, top, x1, bottom),
                    size=round(bottom - top, 2),
                )
            )
            confs.append(float(data["conf"][i]))
    confidence = round(sum(confs) / len(confs) / 100, 3) if confs else None
    return tuple(words), confidence


Segment = tuple[int, int, int]  # row, start, end (pixels)


def _merge_fills(fills: list[Fill]) -> list[Fill]:
    """Pieces of one shaded cell (split where text interrupts the shading) become one fill."""
    merged: list[Fill] = []
    for fill in sorted(fills, key=lambda f: (f.bbox[1], f.bbox[0])):
        for index, other in enumerate(merged):
            a, b = fill.bbox, other.bbox
            near = a[0] <= b[2] + 2 and b[0] <= a[2] + 2 and a[1] <= b[3] + 2 and b[1] <= a[3] + 2
            same = (
                fill.rgb
                and other.rgb
                and max(abs(x - y) for x, y in zip(fill.rgb, other.rgb, strict=True)) < 0.08
            )
            if near and same and abs(a[0] - b[0]) < 4 and abs(a[2] - b[2]) < 4:
                merged[index] = Fill(
                    round_bbox(min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])),
                    other.rgb,
                )
                break
        else:
            merged.append(fill)
    return merged


def _embolden(
    words: tuple[Word, ...], ink: np.ndarray[Any, Any], sx: float, sy: float
) -> tuple[Word, ...]:
    """Mark words printed in heavier strokes than most (ink density of their box) as bold."""
    density = []
    for word in words:
        x0, x1 = int(word.x0 / sx), max(int(word.x1 / sx), int(word.x0 / sx) + 1)
        top, bottom = int(word.top / sy), max(int(word.bottom / sy), int(word.top / sy) + 1)
        density.append(float(ink[top:bottom, x0:x1].mean()))
    if not density:
        return words
    typical = float(np.median(density))
    return tuple(
        Word(w.text, w.bbox, w.size, bold=d > typical * BOLD)
        for w, d in zip(words, density, strict=True)
    )


def _runs(
    ink: np.ndarray[Any, Any],
    length: int,
    sx: float,
    sy: float,
    horizontal: bool,
    thick: int = 10**6,
) -> tuple[np.ndarray[Any, Any], list[Rule], list[list[Segment]]]:
    """Pixels on thin straight dark runs at least `length` long, the rules they make, and the
    thick bands (filled areas) set aside."""
    grid = ink if horizontal else ink.T
    length = max(length, 8)
    total = np.cumsum(np.pad(grid, ((0, 0), (1, 0))).astype(np.int32), axis=1)
    full = (total[:, length:] - total[:, :-length]) == length  # window starting at each x
    edges = np.diff(np.pad(full, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, begin = np.nonzero(edges == 1)
    _, stop = np.nonzero(edges == -1)
    segments = [
        (int(r), int(b), int(e) - 1 + length) for r, b, e in zip(rows, begin, stop, strict=True)
    ]
    groups = _group(segments)
    thin = [g for g in groups if g[-1][0] - g[0][0] < thick]
    mask = np.zeros_like(grid)
    for row, start, end in (seg for group in thin for seg in group):
        mask[max(row - 1, 0) : row + 2, start:end] = True
    rules = [_rule(group, sx, sy, horizontal) for group in thin]
    bands = [g for g in groups if g[-1][0] - g[0][0] >= thick]
    return (mask if horizontal else mask.T), rules, bands


def _fill(
    band: list[Segment],
    rgb: np.ndarray[Any, Any],
    clean: np.ndarray[Any, Any],
    sx: float,
    sy: float,
) -> Fill:
    """A filled area: its colour (median of the band) and, in `clean`, its shading whitened."""
    top, bottom = band[0][0], band[-1][0] + 1
    left, right = min(s[1] for s in band), max(s[2] for s in band)
    area = rgb[top:bottom, left:right].reshape(-1, 3)
    colour = np.median(area, axis=0) / 255.0
    shade = float(np.median(clean[top:bottom, left:right]))
    region = clean[top:bottom, left:right]
    region[region >= shade - 40] = 255
    return Fill(
        round_bbox(left * sx, top * sy, right * sx, bottom * sy),
        (round(float(colour[0]), 3), round(float(colour[1]), 3), round(float(colour[2]), 3)),
    )


def _group(segments: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Segments on adjacent rows that overlap along the run are one (thick) line."""
    groups: list[list[tuple[int, int, int]]] = []
    open_groups: list[list[tuple[int, int, int]]] = []
    for seg in sorted(segments):
        row, start, end = seg
        open_groups = [g for g in open_groups if row - g[-1][0] <= 1]
        home = next(
            (g for g in open_groups if g[-1][0] < row and start < g[-1][2] and end > g[-1][1]), None
        )
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
