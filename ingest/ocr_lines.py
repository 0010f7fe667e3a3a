"""Ruling lines in a page image: morphological opening with long thin kernels (scaled to the
resolution) keeps straight runs of ink, connected components turn them into pieces, collinear
pieces broken by noise or JPEG are joined, and what is long and thin becomes a `Rule` in PDF
points. Also the cells the rules enclose, for OCR one cell at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np

from councilpapers.ingest.ocr_render import OcrSettings, PageImage, find_ink
from councilpapers.records import Fill, Rule, round_bbox

Array = np.ndarray[Any, Any]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels
BESIDE = 5  # pixels on each side of a line looked at for ink
CROWDED = 0.2  # share of ink on both sides (or twice it on one) that marks text, not a rule
LUMA = (0.299, 0.587, 0.114)  # weights of red, green and blue in a colour's lightness
DARK_FILL = 0.5  # a fill darker than this is printed on in light ink
LONG = 100.0  # points: a line this long is a rule whatever its weight
THICKER = 1.8  # a shorter line thicker than this many times the long rules' median is text


@dataclass(slots=True)
class Piece:
    """A straight run along its axis: across-position (centre), start, end, mean thickness, and
    the connected components it is made of."""

    middle: float
    start: int
    end: int
    thick: float
    labels: list[int]


@dataclass(frozen=True, slots=True)
class Lines:
    """The rules found: their pixels (`core`), and the same widened by `WIDEN` pixels (`mask`)
    so small breaks close when cells are traced and shading stops short of the rules."""

    rules: tuple[Rule, ...]
    mask: Array
    core: Array

    def erase(self, grey: Array, dark: int) -> Array:
        """`grey` with the rules whitened: their own pixels, and around them only what is paler
        than `dark` (their blurred edge). A letter printed against a rule (a spreadsheet's cell
        has next to no padding) keeps its stroke; widening alone took the stem of an L or a 1."""
        out = grey.copy()
        out[self.core | (self.mask & (grey >= dark))] = 255
        return out


WIDEN = 2  # pixels each side of a rule in `Lines.mask`


def find_lines(page: PageImage, settings: OcrSettings, across: Sequence[Rule] = ()) -> Lines:
    """Horizontal and vertical rules of the page image (`across`: horizontal rules found
    otherwise, that a short vertical may join)."""
    h_rules, h_mask = _axis(page, settings, horizontal=True)
    v_rules, v_mask = _axis(page, settings, horizontal=False, across=h_rules + list(across))
    core = h_mask | v_mask
    kernel = np.ones((2 * WIDEN + 1, 2 * WIDEN + 1), np.uint8)
    mask = cv2.dilate(core.astype(np.uint8), kernel) > 0
    return Lines(rules=tuple(h_rules + v_rules), mask=mask, core=core)


def add_reversed(
    lines: Lines, clean: Array, page: PageImage, fills: Sequence[Fill], settings: OcrSettings
) -> Lines:
    """`lines` and the light rules printed on dark shading (white borders between the cells of
    a navy header row), which the ink finder cannot see: `unshade` has turned them dark in
    `clean`, so they are looked for there, inside dark fills only."""
    inside = np.zeros(clean.shape, dtype=bool)
    edges = list(lines.rules)  # a short border inside the fill may run to its top and bottom
    grow = page.px(settings.fill_min)  # a fill stops short of a light line between two fills
    for fill in fills:
        if fill.rgb is not None and np.dot(fill.rgb, LUMA) < DARK_FILL:
            left, top, right, bottom = fill.bbox
            edges += [Rule(left, top, right, top), Rule(left, bottom, right, bottom)]
            x0, y0 = int(left / page.sx) - grow, int(top / page.sy) - grow
            x1, y1 = int(right / page.sx) + grow, int(bottom / page.sy) + grow
            inside[max(y0, 0) : y1, max(x0, 0) : x1] = True  # and the light line at its edge
    if not inside.any():
        return lines
    side = max(3, round(settings.stroke / page.sy)) | 1
    ink = find_ink(255 - page.grey, side, settings.contrast) & inside & ~lines.mask
    more = find_lines(replace(page, ink=ink), settings, across=edges)
    return Lines(lines.rules + more.rules, lines.mask | more.mask, lines.core | more.core)


def _axis(
    page: PageImage, settings: OcrSettings, horizontal: bool, across: list[Rule] | None = None
) -> tuple[list[Rule], Array]:
    """The rules along one axis; a vertical piece shorter than `v_min` is one too where it runs
    from one of the horizontal rules `across` to another (the border between two cells of a
    single-line header row, a few points tall)."""
    ink = page.ink if horizontal else page.ink.T
    scale = page.sx if horizontal else page.sy  # points per pixel along the run
    thin = page.sy if horizontal else page.sx
    labels, pieces = pieces_of(ink, max(8, round(settings.piece / scale)))
    minimum = (settings.h_min if horizontal else settings.v_min) / scale
    lines = []
    for p in join(pieces, max(1, round(settings.gap / scale)), max(2.0, 1.0 / thin)):
        short = p.end - p.start < minimum
        if short and not _bridges(p, across or [], page, settings.gap):
            continue
        if p.thick * thin <= settings.max_thick and _clear_beside(ink, p, one_side=short):
            lines.append(p)
    lines = _as_thin_as_the_long(lines, LONG / scale)
    keep = np.zeros(labels.max() + 1, dtype=bool)
    for line in lines:
        keep[line.labels] = True
    mask = keep[labels] & _bands(lines, ink.shape)
    rules = [_rule(line, page.sx, page.sy, horizontal) for line in lines]
    return rules, (mask if horizontal else mask.T)


def _bands(lines: list[Piece], shape: tuple[int, ...]) -> Array:
    """The strip each line runs in, its mean thickness and a pixel either side: a letter printed
    against a rule joins the rule's run where their blur meets, and stays out of the rule."""
    band = np.zeros(shape[:2], dtype=bool)
    for line in lines:
        top = max(int(np.floor(line.middle - line.thick / 2 - 1)), 0)
        bottom = int(np.ceil(line.middle + line.thick / 2 + 1))
        band[top:bottom, line.start : line.end] = True
    return band


def _bridges(piece: Piece, rules: list[Rule], page: PageImage, tolerance: float) -> bool:
    """A vertical piece both of whose ends meet a horizontal rule (within `tolerance` points)."""
    x = piece.middle * page.sx
    top, bottom = piece.start * page.sy, piece.end * page.sy

    def meets(y: float) -> bool:
        return any(
            abs(r.top - y) <= tolerance and r.x0 - tolerance <= x <= r.x1 + tolerance for r in rules
        )

    return meets(top) and meets(bottom)


def _as_thin_as_the_long(lines: list[Piece], long: float) -> list[Piece]:
    """Short lines no thicker than THICKER times the page's long rules (their median): a bold
    word blurred by the scan into one solid bar is a few points long and as thick as its
    letters, while the borders of one table are drawn in one or two weights. Lines `long` or
    more (no word runs that far unbroken) and pages without long rules are left alone."""
    widths = [line.thick for line in lines if line.end - line.start >= long]
    if not widths:
        return lines
    limit = float(np.median(widths)) * THICKER
    return [line for line in lines if line.end - line.start >= long or line.thick <= limit]


def pieces_of(ink: Array, length: int) -> tuple[Array, list[Piece]]:
    """Runs of ink along the rows at least `length` long, as a label image and one piece per
    connected component (a residual tilt only breaks a line into pieces `join` puts together)."""
    grid = np.ascontiguousarray(ink, dtype=np.uint8)
    runs = cv2.morphologyEx(grid, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    pieces = []
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        thick = max(area / w, 1.0)
        pieces.append(Piece(middle=y + h / 2, start=x, end=x + w, thick=thick, labels=[label]))
    return labels, pieces


def join(pieces: list[Piece], gap: int, tolerance: float) -> list[Piece]:
    """Collinear pieces (centres within `tolerance`, ends at most `gap` apart) as one line."""
    lines: list[Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.start, p.middle)):
        home = next(
            (
                line
                for line in lines
                if abs(line.middle - piece.middle) <= tolerance and piece.start <= line.end + gap
            ),
            None,
        )
        if home is None:
            lines.append(Piece(piece.middle, piece.start, piece.end, piece.thick, piece.labels[:]))
            continue
        total = (home.end - home.start) + (piece.end - piece.start)
        home.thick = (
            home.thick * (home.end - home.start) + piece.thick * (piece.end - piece.start)
        ) / total
        home.middle = (
            home.middle * (home.end - home.start) + piece.middle * (piece.end - piece.start)
        ) / total
        home.end = max(home.end, piece.end)
        home.labels.extend(piece.labels)
    return lines


def _clear_beside(ink: Array, line: Piece, one_side: bool = False) -> bool:
    """A rule has paper along its sides (a cell's text keeps some padding and fills only part
    of its length); a run along a line of (bold, blurred) text has letters on one side or both.
    `one_side`: paper on one side is enough (a short border between two header cells, the
    next cell's word set against it, as spreadsheets print)."""
    half = line.thick / 2 + 2
    trim = min(round(line.thick * 2) + 2, (line.end - line.start) // 4)  # rules crossing its ends
    sides = []
    for sign in (-1, 1):
        near = round(line.middle + sign * half)
        far = round(line.middle + sign * (half + BESIDE))
        top, bottom = min(near, far), max(near, far)
        if top < 0 or bottom > ink.shape[0]:
            return True
        sides.append(float(ink[top:bottom, line.start + trim : line.end - trim].mean()))
    return min(sides) < CROWDED and (one_side or max(sides) < CROWDED * 2)


def _rule(line: Piece, sx: float, sy: float, horizontal: bool) -> Rule:
    if horizontal:
        return Rule(*round_bbox(line.start * sx, line.middle * sy, line.end * sx, line.middle * sy))
    return Rule(*round_bbox(line.middle * sx, line.start * sy, line.middle * sx, line.end * sy))


def enclosed_cells(mask: Array, smallest: int) -> list[Box]:
    """Areas closed in on every side by rules (not reaching the image edge), at least `smallest`
    pixels each way and under half the page: the cells of ruled tables."""
    free = np.ascontiguousarray(~mask, dtype=np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    height, width = mask.shape
    cells = []
    for label in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[label])
        inside = x > 0 and y > 0 and x + w < width and y + h < height
        if inside and min(w, h) >= smallest and w * h < width * height / 2:
            cells.append((x, y, x + w, y + h))
    outer = [c for c in cells if not any(o != c and _inside(c, o) for o in cells)]
    return sorted(outer, key=lambda b: (b[1], b[0]))


def _inside(box: Box, other: Box) -> bool:
    """`box` lies within `other` (an island closed off inside a cell is read with the cell)."""
    return other[0] <= box[0] and other[1] <= box[1] and box[2] <= other[2] and box[3] <= other[3]
