"""A page's objects as pdfium holds them: drawn shapes, images, and the order of its text.

Walks the page's objects in content order (into form XObjects, composing their matrices). For
each painted path it takes the segments (`FPDFPath_*`), whether the path is stroked or filled and
its fill colour, splits it into subpaths at each move and classifies each subpath as pdfminer
does (`shapes.classify`), in the records' coordinates. Images are only counted: a page with no
usable text and an image is one to OCR. Text objects are numbered in content order (pdfium's text
page reorders a line's objects left to right; pdfplumber's runs follow the content), and those
with no width (a lone space set as an object of its own, which pdfium's text page leaves out) are
kept as `Blank`s: pdfplumber sees a space there, and a space ends a word.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium

from councilpapers.ingest.pagebox import Matrix, PageFrame
from councilpapers.ingest.shapes import Shape, classify

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
OPS = {pdfium.FPDF_SEGMENT_MOVETO: "m", pdfium.FPDF_SEGMENT_LINETO: "l"}
MAX_DEPTH = 32  # form XObjects nested deeper are not followed
BLANK = 0.01  # a text object narrower than this (its own space) pdfium's text page leaves out


@dataclass(frozen=True, slots=True)
class TextObject:
    """A text object's place in the content, its box (user space: x0, y0, x1, y1) and whether
    it has no width (pdfium's text page leaves it out)."""

    order: int
    box: tuple[float, float, float, float]
    blank: bool


@dataclass(slots=True)
class Drawing:
    """What a page holds besides characters: its shapes, how many images it shows, and its text
    objects by pdfium handle."""

    shapes: list[Shape] = field(default_factory=list)
    images: int = 0
    texts: dict[int, TextObject] = field(default_factory=dict)


def page_drawing(page: ctypes.c_void_p, frame: PageFrame) -> Drawing:
    """The shapes and images of a page (a raw pdfium page handle)."""
    drawing = Drawing()
    count = pdfium.FPDFPage_CountObjects(page)
    _walk((pdfium.FPDFPage_GetObject(page, i) for i in range(count)), IDENTITY, frame, drawing, 0)
    return drawing


def _walk(
    objects: Iterator[ctypes.c_void_p], outer: Matrix, frame: PageFrame, out: Drawing, depth: int
) -> None:
    for obj in objects:
        kind = pdfium.FPDFPageObj_GetType(obj)
        if kind == pdfium.FPDF_PAGEOBJ_PATH:
            out.shapes.extend(_path_shapes(obj, _compose(_matrix(obj), outer), frame))
        elif kind == pdfium.FPDF_PAGEOBJ_TEXT:
            _text_object(obj, outer, out)
        elif kind == pdfium.FPDF_PAGEOBJ_IMAGE:
            out.images += 1
        elif kind == pdfium.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
            inner = _compose(_matrix(obj), outer)
            count = pdfium.FPDFFormObj_CountObjects(obj)
            children = (pdfium.FPDFFormObj_GetObject(obj, i) for i in range(count))
            _walk(children, inner, frame, out, depth + 1)


def _text_object(obj: ctypes.c_void_p, outer: Matrix, out: Drawing) -> None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(v) for v in (left, bottom, right, top))
    box = (0.0, 0.0, 0.0, 0.0)
    if pdfium.FPDFPageObj_GetBounds(obj, *refs):
        a, b, c, d, e, f = outer  # the bounds are in the space of the form holding the object
        xs = [
            a * x + c * y + e for x in (left.value, right.value) for y in (bottom.value, top.value)
        ]
        ys = [
            b * x + d * y + f for x in (left.value, right.value) for y in (bottom.value, top.value)
        ]
        box = (min(xs), min(ys), max(xs), max(ys))
    blank = abs(right.value - left.value) < BLANK
    handle = ctypes.cast(obj, ctypes.c_void_p).value or 0
    out.texts[handle] = TextObject(len(out.texts), box, blank)


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    m = pdfium.FS_MATRIX()
    if not pdfium.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies `first`, then `then` (PDF's row-vector convention)."""
    a, b, c, d, e, f = first
    p, q, r, s, t, u = then
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _path_shapes(obj: ctypes.c_void_p, m: Matrix, frame: PageFrame) -> Iterator[Shape]:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return
    filled, stroked = fill_mode.value != pdfium.FPDF_FILLMODE_NONE, bool(stroke.value)
    colour = _fill_colour(obj) if filled else None
    for ops, points in _subpaths(obj, m, frame):
        classified = classify(ops, points)
        if classified is None:
            continue
        kind, pts = classified
        xs, tops = [p[0] for p in pts], [p[1] for p in pts]
        yield Shape(
            kind,
            min(xs),
            min(tops),
            max(xs),
            max(tops),
            stroked,
            filled,
            colour,
            tuple(pts) if kind == "curve" else (),
        )


def _subpaths(
    obj: ctypes.c_void_p, m: Matrix, frame: PageFrame
) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """The path's subpaths as pdfminer sees them: operators ('m', 'l', 'c', 'h') with one point
    each (a curve's end point; 'h' the subpath's start), in the records' coordinates."""
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    a, b, c, d, e, f = m
    ops, points = "", list[tuple[float, float]]()
    count, bezier = pdfium.FPDFPath_CountSegments(obj), 0
    for index in range(count):
        segment = pdfium.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium.FPDFPathSegment_GetType(segment)
        pdfium.FPDFPathSegment_GetPoint(segment, px, py)
        point = frame.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium.FPDF_SEGMENT_MOVETO and ops:
            yield ops, points
            ops, points = "", []
        if kind == pdfium.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:  # control points: pdfminer keeps a curve's end point only
                continue
            ops += "c"
        else:
            bezier = 0
            ops += OPS.get(kind, "l")
        points.append(point)
        if pdfium.FPDFPathSegment_GetClose(segment):
            ops += "h"
            points.append(points[0])
    if ops:
        yield ops, points


def _fill_colour(obj: ctypes.c_void_p) -> tuple[float, float, float] | None:
    r, g, b, alpha = (ctypes.c_uint() for _ in range(4))
    refs = (ctypes.byref(v) for v in (r, g, b, alpha))
    if not pdfium.FPDFPageObj_GetFillColor(obj, *refs):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)
