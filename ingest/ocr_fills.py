"""Shaded areas in a page image (RAG cells in red, amber, green or blue, grey header shading,
coloured banners) as `Fill` records with their mean colour, so a rating given by colour alone
survives OCR; and the shading taken out of the grey image so Tesseract sees plain ink on white.

Pixels that are neither paper nor ruling line are sorted into colour classes (hue bins for
saturated colours, two grey bands otherwise); each class is opened with a square kernel a few
points wide, which drops text strokes, noise and anti-aliasing, and what remains, area by area,
is a fill.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from councilpapers.ingest.ocr_render import OcrSettings, PageImage
from councilpapers.records import Fill, Rule, round_bbox

Array = np.ndarray[Any, Any]

HUES = 12  # hue bins for saturated colours (OpenCV hue runs 0..179)
SATURATED = 60  # HSV saturation from which a colour has a hue
PAPER_STEP = 14  # grey levels below the paper's own level that still count as paper
INK_LEVEL = 70  # brightness (HSV value) below which a pixel is ink, not shading
MID_GREY = 170  # grey band boundary: mid grey below, light grey above
WORK_PT = 0.75  # points per pixel of the reduced copy fills are found on
EDGE = 4  # pixels along a fill's edge where only dark marks (text) are kept
EDGE_TEXT = 110  # grey level below which a mark at a fill's edge is text
SAME = 40  # RGB distance within which a pixel is the fill's own colour


def find_fills(page: PageImage, rules: Array, settings: OcrSettings) -> list[Fill]:
    """The shaded areas of the page (rules' pixels `rules` excluded), found on a copy reduced to
    about WORK_PT points per pixel (shading is large; the reduction also averages out noise)."""
    factor = max(1, round(WORK_PT / page.sy))
    size = (max(1, page.rgb.shape[1] // factor), max(1, page.rgb.shape[0] // factor))
    rgb = cv2.resize(page.rgb, size, interpolation=cv2.INTER_AREA)
    lines = cv2.resize(rules.astype(np.uint8), size, interpolation=cv2.INTER_AREA) > 0
    sx, sy = page.sx * page.rgb.shape[1] / size[0], page.sy * page.rgb.shape[0] / size[1]
    ink = cv2.resize(page.ink.astype(np.uint8) * 255, size, interpolation=cv2.INTER_AREA) > 0
    ink &= ~lines
    classes = np.where(ink, 0, _classes(rgb, lines))
    side = max(2, round(settings.fill_min / sy))
    kernel = np.ones((side, side), np.uint8)
    limit = rgb.shape[0] * rgb.shape[1] * 0.6
    fills = []
    for value in np.unique(classes):
        own_class = classes == value
        if value == 0 or np.count_nonzero(own_class) < side * side:
            continue
        mask = cv2.morphologyEx((own_class | ink).astype(np.uint8), cv2.MORPH_OPEN, kernel)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
        for label in range(1, count):
            x, y, w, h, area = (int(v) for v in stats[label])
            own = (labels[y : y + h, x : x + w] == label) & own_class[y : y + h, x : x + w]
            if area < limit and min(w, h) >= 2 * side and np.count_nonzero(own) * 4 >= area:
                colour = rgb[y : y + h, x : x + w][own].mean(axis=0) / 255.0
                rows, cols = np.nonzero(own)  # the shading's own extent, not text sticking out
                x0, x1 = x + int(cols.min()), x + int(cols.max()) + 1
                y0, y1 = y + int(rows.min()), y + int(rows.max()) + 1
                box = round_bbox(x0 * sx, y0 * sy, x1 * sx, y1 * sy)
                fills.append(Fill(box, tuple(round(float(c), 3) for c in colour)))  # type: ignore[arg-type]
    return fills


def _classes(rgb: Array, rules: Array) -> Array:
    """A colour class per pixel: 0 paper or rule; 1..HUES saturated hues; HUES + 1 mid grey;
    HUES + 2 light grey; HUES + 3 near black (text strokes, which the opening drops, and dark
    header bands printed on in white)."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0].astype(np.int32), hsv[..., 1], hsv[..., 2]
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    paper = float(np.percentile(grey, 95)) - PAPER_STEP
    classes = np.where(sat >= SATURATED, 1 + ((hue + 180 // HUES // 2) * HUES // 180) % HUES, 0)
    greys = np.where(grey < MID_GREY, HUES + 1, HUES + 2)
    classes = np.where(classes == 0, greys, classes)
    classes = np.where(val < INK_LEVEL, HUES + 3, classes)
    background = ((grey >= paper) & (sat < SATURATED)) | rules
    return np.where(background, 0, classes).astype(np.uint8)


def unshade(grey: Array, rgb: Array, fills: list[Fill], sx: float, sy: float) -> Array:
    """`grey` with each fill's own colour turned white and anything else inside it (the text,
    dark on light or light on dark) turned dark in proportion to how far it is from the fill."""
    out = grey.copy()
    for fill in fills:
        if fill.rgb is None:
            continue
        x0, y0 = int(fill.bbox[0] / sx), int(fill.bbox[1] / sy)
        x1, y1 = int(np.ceil(fill.bbox[2] / sx)), int(np.ceil(fill.bbox[3] / sy))
        edge = out[y0:y1, x0:x1]  # the fill's blurred border: white, except dark text in it
        edge[edge >= EDGE_TEXT] = 255
        x0, y0, x1, y1 = x0 + EDGE, y0 + EDGE, x1 - EDGE, y1 - EDGE
        region = rgb[y0:y1, x0:x1].astype(np.float32)
        distance = np.linalg.norm(region - np.array(fill.rgb, np.float32) * 255.0, axis=2)
        shade = np.clip(255.0 - (distance - SAME) * 2.0, 0, 255)
        out[y0:y1, x0:x1] = np.where(distance < SAME, 255, shade).astype(np.uint8)
    return out


def fill_edges(fills: list[Fill]) -> list[Rule]:
    """The four edges of every fill as rules, as pdfplumber gives a filled rectangle's edges: a
    light-grey border between two coloured cells is no darker than they are, so only the change
    of colour shows where the cells meet."""
    rules = []
    for fill in fills:
        x0, top, x1, bottom = fill.bbox
        rules += [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom)]
        rules += [Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)]
    return rules
