"""Drawn shapes as the reading layer sees them, and the ruling lines and fills they give.

Either engine reduces a page's painted paths to `Shape` records the way pdfminer classifies them:
a single straight segment is a `line`; a closed axis-aligned four-corner path is a `rect`;
anything else is a `curve` with its points. `rules_and_fills` then turns shapes into the
records the table finder reads: thin filled or stroked shapes are one ruling line, a stroked
rectangle gives its four edges, a filled one a Fill with its colour, a stroked path its
straight horizontal and vertical segments, and a filled path wider than a rule (a rating's
pill, dot or swatch) a Fill too. Coordinates are the records' (points, top-left).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from councilpapers.records import Fill, Rule, round_bbox

Kind = Literal["line", "rect", "curve"]
RGB = tuple[float, float, float]
KIND_ORDER = {"line": 0, "rect": 1, "curve": 2}  # pdfplumber lists lines, rects, then curves


@dataclass(frozen=True, slots=True)
class Shape:
    """One painted subpath: its kind, box, whether it is stroked and filled, its fill colour
    (RGB in 0..1, None when not RGB, grey or CMYK) and, for curves, its points."""

    kind: Kind
    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool
    fill: bool
    colour: RGB | None = None
    points: tuple[tuple[float, float], ...] = ()


def rules_and_fills(
    shapes: Iterable[Shape], thin: float
) -> tuple[tuple[Rule, ...], tuple[Fill, ...]]:
    """Ruling lines and fills of a page's shapes; `thin` (points) is the widest a filled or
    stroked shape may be and still count as one line."""
    rules: list[Rule] = []
    fills: list[Fill] = []
    for shape in sorted(shapes, key=lambda s: KIND_ORDER[s.kind]):
        if shape.kind == "line":
            rules.append(Rule(*round_bbox(shape.x0, shape.top, shape.x1, shape.bottom)))
        elif shape.kind == "rect":
            _rect(shape, thin, rules, fills)
        else:
            rules.extend(_curve_rules(shape, thin))
            if shape.fill and min(shape.x1 - shape.x0, shape.bottom - shape.top) > thin:
                # a rating drawn as a rounded pill, a dot or a swatch: a filled area
                box = round_bbox(shape.x0, shape.top, shape.x1, shape.bottom)
                fills.append(Fill(box, shape.colour))
    return tuple(rules), tuple(fills)


def _rect(shape: Shape, thin: float, rules: list[Rule], fills: list[Fill]) -> None:
    x0, top, x1, bottom = shape.x0, shape.top, shape.x1, shape.bottom
    if min(x1 - x0, bottom - top) <= thin:
        if shape.fill or shape.stroke:
            rules.append(_midline(shape))
        return
    if shape.stroke:
        rules.extend(
            Rule(*round_bbox(*edge))
            for edge in (
                (x0, top, x1, top),
                (x0, bottom, x1, bottom),
                (x0, top, x0, bottom),
                (x1, top, x1, bottom),
            )
        )
    if shape.fill:
        fills.append(Fill(round_bbox(x0, top, x1, bottom), shape.colour))


def _midline(shape: Shape) -> Rule:
    """A thin shape as the one line along its middle."""
    x0, top, x1, bottom = shape.x0, shape.top, shape.x1, shape.bottom
    mid_y, mid_x = (top + bottom) / 2, (x0 + x1) / 2
    if x1 - x0 >= bottom - top:
        return Rule(*round_bbox(x0, mid_y, x1, mid_y))
    return Rule(*round_bbox(mid_x, top, mid_x, bottom))


def _curve_rules(shape: Shape, thin: float) -> list[Rule]:
    """Ruling lines drawn as paths: a thin filled shape is one line; a stroked path gives each
    of its straight horizontal or vertical segments."""
    if min(shape.x1 - shape.x0, shape.bottom - shape.top) <= thin and (shape.fill or shape.stroke):
        return [_midline(shape)]
    if not shape.stroke:
        return []
    rules = []
    for (ax, ay), (bx, by) in itertools.pairwise(shape.points):
        if abs(ay - by) < 1 and abs(ax - bx) >= thin:
            rules.append(Rule(*round_bbox(min(ax, bx), ay, max(ax, bx), ay)))
        elif abs(ax - bx) < 1 and abs(ay - by) >= thin:
            rules.append(Rule(*round_bbox(ax, min(ay, by), ax, max(ay, by))))
    return rules


def rgb(colour: object) -> RGB | None:
    """A PDF colour (grey, RGB or CMYK components in 0..1) as RGB, or None."""
    if isinstance(colour, (int, float)):
        grey = float(colour)
        return (grey, grey, grey)
    if isinstance(colour, (tuple, list)):
        values = [float(v) for v in colour if isinstance(v, (int, float))]
        if len(values) == 1:
            return (values[0], values[0], values[0])
        if len(values) == 3:
            return (values[0], values[1], values[2])
        if len(values) == 4:  # CMYK
            c, m, y, k = values
            return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def classify(
    ops: str, points: Sequence[tuple[float, float]]
) -> tuple[Kind, Sequence[tuple[float, float]]] | None:
    """pdfminer's reading of one subpath (its operators, one point each, 'h' closing on the
    start): a line, a rectangle or a curve, with the points that count; None when it does not
    start with a move."""
    if ops[:1] != "m":
        return None
    if len(ops) > 3 and ops[-2:] == "lh" and points[-2] == points[0]:
        ops, points = ops[:-2] + "h", points[:-1]
    if ops in ("mlh", "ml"):
        return "line", points[:2]
    if ops in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if last == points[0] and square:
            return "rect", (points[0], points[2])
    return "curve", points
