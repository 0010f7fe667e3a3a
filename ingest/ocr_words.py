"""Words from Tesseract (pytesseract's image_to_data) in PDF points, with their confidences.

Where rules enclose cells, each cell is read on its own as one block of text (page segmentation
mode 6), all cells in one Tesseract run (a list file of cell images), so text never bleeds from
one column into the next; the rest of the page is read as sparse text (mode 11 by default).
Words keep their line's top and bottom, so the words of a line share one baseline.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from councilpapers.records import Word, round_bbox

Array = np.ndarray[Any, Any]
Box = tuple[int, int, int, int]

LANG = os.environ.get("COUNCILPAPERS_OCR_LANG", "eng")
PSM = os.environ.get("COUNCILPAPERS_OCR_PSM", "11")  # sparse text: no lines across columns
CELL_PSM = "6"  # a cell is one uniform block of text
WORD_PSM = os.environ.get("COUNCILPAPERS_OCR_WORD_PSM", "8")  # a cell read as one word (a lone
# rating letter, 'G' or 'R', which Tesseract's block mode finds no line in), where block gave none
MARGIN = 12  # white pixels put around a cell image (Tesseract reads poorly at the very edge)
GROW = 2  # pixels added on each side of a cell: it was traced inside rules widened this much
INKY = 128  # grey level below which a pixel is ink, to skip empty cells
BARS = "|¦"  # a vertical rule's remnant read as a glyph at a word's end
REMNANT = BARS + "[](){}‘’'\"“”~_!:;.,"  # words made of these alone are rules' remnants
Raw = tuple[str, Box, float]  # text, pixel box with its line's top/bottom, confidence


def read_words(
    clean: Array, cells: list[Box], sx: float, sy: float
) -> tuple[list[Word], list[float]]:
    """Words of the cleaned grey page image and their confidences (0..100)."""
    height, width = clean.shape
    grown = (_grow(c, width, height) for c in cells)
    inked = [b for b in grown if _has_ink(clean[b[1] : b[3], b[0] : b[2]])]
    rest = clean.copy()
    for x0, y0, x1, y1 in inked:
        rest[y0:y1, x0:x1] = 255
    raw = _cells(clean, inked, CELL_PSM)
    unread = [c for c in inked if not any(_centred_in(box, c) for _, box, _ in raw)]
    raw += _cells(clean, unread, WORD_PSM)
    raw += _run(rest, PSM, [(0, 0)]) if _has_ink(rest) else []
    words, confidences = [], []
    for text, (x0, y0, x1, y1), conf in raw:
        x0, x1 = max(x0, 0), min(x1, width)
        y0, y1 = max(y0, 0), min(y1, height)
        bbox = round_bbox(x0 * sx, y0 * sy, x1 * sx, y1 * sy)
        words.append(Word(text=text, bbox=bbox, size=round(bbox[3] - bbox[1], 2)))
        confidences.append(conf)
    return words, confidences


def _grow(box: Box, width: int, height: int) -> Box:
    """The cell out to its rules, whose pixels the clean image has whitened."""
    x0, y0, x1, y1 = box
    return max(x0 - GROW, 0), max(y0 - GROW, 0), min(x1 + GROW, width), min(y1 + GROW, height)


def _has_ink(image: Array) -> bool:
    return bool(np.count_nonzero(image < INKY) >= 12)


def _centred_in(box: Box, cell: Box) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]


def _cells(clean: Array, cells: list[Box], psm: str) -> list[Raw]:
    """Every cell read in one Tesseract run over a list file of cell images."""
    if not cells:
        return []
    with tempfile.TemporaryDirectory(prefix="councilpapers-ocr-") as tmp:
        names = []
        for index, (x0, y0, x1, y1) in enumerate(cells):
            crop = cv2.copyMakeBorder(
                clean[y0:y1, x0:x1], MARGIN, MARGIN, MARGIN, MARGIN, cv2.BORDER_CONSTANT, value=255
            )
            name = Path(tmp) / f"cell-{index:04d}.png"
            cv2.imwrite(str(name), crop)
            names.append(str(name))
        listing = Path(tmp) / "cells.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        offsets = [(x0 - MARGIN, y0 - MARGIN) for x0, y0, _, _ in cells]
        return _run(str(listing), psm, offsets)


def _run(source: Array | str, psm: str, offsets: list[tuple[int, int]]) -> list[Raw]:
    """Tesseract's words for an image (or a list file of images, `offsets` one per image)."""
    import pytesseract
    from PIL import Image

    image: Any = Image.fromarray(source) if isinstance(source, np.ndarray) else source
    data = pytesseract.image_to_data(
        image,
        lang=LANG,
        config=f"--psm {psm} -c tessedit_do_invert=0",
        output_type=pytesseract.Output.DICT,
    )
    return _gather(data, offsets)


def _gather(data: dict[str, list[Any]], offsets: list[tuple[int, int]]) -> list[Raw]:
    """Words grouped by line, each given its line's top and bottom, moved by its image's offset."""
    lines: dict[tuple[int, int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if _unruled(str(text)) and float(data["conf"][i]) >= 0:
            key = (
                data["page_num"][i],
                data["block_num"][i],
                data["par_num"][i],
                data["line_num"][i],
            )
            lines.setdefault(key, []).append(i)
    raw: list[Raw] = []
    for (page, *_), members in lines.items():
        dx, dy = offsets[min(int(page), len(offsets)) - 1]
        top = min(data["top"][i] for i in members) + dy
        bottom = max(data["top"][i] + data["height"][i] for i in members) + dy
        for i in members:
            left = data["left"][i] + dx
            box = (left, top, left + data["width"][i], bottom)
            raw.append((_unruled(str(data["text"][i])), box, float(data["conf"][i])))
    return raw


def _unruled(text: str) -> str:
    """The word without what a rule's remnant reads as: bars at its ends, and nothing at all
    where it is only bars, brackets, quotes, tildes or underscores (no council prints those
    alone; dashes and slashes stand alone and are kept)."""
    text = text.strip().strip(BARS)
    return "" if all(c in REMNANT for c in text) else text


def embolden(words: list[Word], ink: Array, sx: float, sy: float, ratio: float) -> list[Word]:
    """Mark words printed in heavier strokes than most (ink density of their box) as bold."""
    density = []
    for word in words:
        x0, x1 = int(word.x0 / sx), max(int(word.x1 / sx), int(word.x0 / sx) + 1)
        top, bottom = int(word.top / sy), max(int(word.bottom / sy), int(word.top / sy) + 1)
        density.append(float(ink[top:bottom, x0:x1].mean()))
    if not density:
        return words
    typical = float(np.median(density))
    return [
        Word(w.text, w.bbox, w.size, bold=d > typical * ratio)
        for w, d in zip(words, density, strict=True)
    ]
