"""The characters of a page as pdfium reads them, boxed the way pdfminer boxes them.

pdfium (pypdfium2's raw API, `FPDFText_*`) gives the page's text in one call, and per character
its origin on the baseline, its loose box and the text object it belongs to; per text object,
its font, size and matrix. pdfminer, and so the pdfplumber layer this reader replaces, boxes a
character from the font's descent below the baseline to one font size above it, over its
advance; this module computes that box from pdfium's facts, so words built from these characters
stand where pdfplumber's stood (`tests/test_equivalence.py` holds the two to 1 pt):

- the advance is the loose box's extent along the baseline (pdfium's loose box is the advance
  box joined with the glyph's ink), except where the ink overhangs (an italic f) and the font's
  own width, trusted on this page, is shorter;
- characters pdfium reports at one origin in one object are one glyph: a ligature or a code
  mapped to several characters (pdfminer's one character), or an object's /ActualText, spread
  over the object's width;
- the characters come back in content order (pdfium's text page sorts a line's objects left to
  right; pdfplumber's runs of one font follow the content).

This is the hot loop of reading (~2,500 characters a page of a pack), so per-character calls go
through plain C prototypes and the box arithmetic is prepared once per text object (`_Style`).
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium

from councilpapers.ingest.pagebox import PageFrame
from councilpapers.ingest.pdfium_fonts import Font, PageFonts, plain
from councilpapers.ingest.pdfium_objects import TextObject

HYPHENS = ("\x02", "\ufffe")  # pdfium's code for a hyphen it judged to end a line
MAYBE_GENERATED = frozenset(" \n\r\x02\ufffe")
SPECIAL = frozenset("\x02\ufffe") | frozenset(chr(c) for c in range(0xD800, 0xE000))
LIGATURE = 3  # at most this many characters at one origin are one glyph; more: /ActualText
SLACK = 0.01  # text-space units: widths closer than this agree

_P, _I = ctypes.c_void_p, ctypes.c_int
_text_object = plain(pdfium.FPDFText_GetTextObject, _P, _P, _I)
_origin = plain(pdfium.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)
_loose = plain(pdfium.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
_generated = plain(pdfium.FPDFText_IsGenerated, _I, _P, _I)
_D = ctypes.c_void_p
_tight = plain(pdfium.FPDFText_GetCharBox, _I, _P, _I, _D, _D, _D, _D)


@dataclass(slots=True)
class Char:
    """One printed character: text, pdfplumber box, font size and name, and orientation."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    upright: bool
    down: bool  # for text turned a quarter: read top to bottom (set clockwise)
    order: int = 0  # its text object's place in the page's content


@dataclass(slots=True)
class _Style:
    """A text object's characters' common facts: its font, font size (text space), matrix, the
    page frame, how it reads on the displayed page and the object itself."""

    font: Font
    size: float
    matrix: tuple[float, float, float, float]
    frame: PageFrame
    upright: bool
    down: bool
    obj: TextObject
    simple: bool = False  # upright, unturned page, no shear: the box is a few additions
    shift: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # simple: x, top, bottom, size

    def __post_init__(self) -> None:
        a, b, c, d = self.matrix
        self.simple = (
            self.upright and b == 0 and c == 0 and a > 0 and self.frame.ctm[:4] == (1, 0, 0, 1)
        )
        if self.simple:
            low, high = self.font.descent * self.size, (self.font.descent + 1.0) * self.size
            x, base = self.frame.point(0.0, 0.0)
            self.shift = (x, base - d * high, base - d * low, d * self.size)

    def place(self, text: str, x: float, y: float, width: float) -> Char:
        """The pdfminer box of a character whose baseline starts at user-space (x, y) and
        advances `width` (text space) along it."""
        name = self.font.name
        if self.simple:
            sx, top, bottom, size = self.shift
            x0 = x + sx
            x1 = x0 + self.matrix[0] * width
            return Char(text, x0, top - y, x1, bottom - y, size, name, True, False, self.obj.order)
        a, b, c, d = self.matrix
        low, high = self.font.descent * self.size, (self.font.descent + 1.0) * self.size
        ax, ay = a * width, b * width
        xs = (x + c * low, x + c * high, x + ax + c * low, x + ax + c * high)
        ys = (y + d * low, y + d * high, y + ay + d * low, y + ay + d * high)
        x0, top, x1, bottom = self.frame.box(min(xs), min(ys), max(xs), max(ys))
        order = self.obj.order
        return Char(text, x0, top, x1, bottom, bottom - top, name, self.upright, self.down, order)

    def advance(self, loose: tuple[float, float, float, float], x: float) -> float:
        """The advance (text space) the loose box (left, bottom, right, top) shows."""
        if self.simple:
            return (loose[2] - x) / self.matrix[0]
        return _solve(loose, *self.matrix)


# text, origin x and y, style, loose box (left, bottom, right, top), pdfium's index
_Raw = tuple[str, float, float, "_Style", float, float, float, float, int]


def page_chars(
    textpage: Any, frame: PageFrame, fonts: PageFonts, objects: dict[int, TextObject]
) -> tuple[list[Char], bool]:
    """Every character pdfium found on the page in content order, without the spaces and line
    breaks pdfium generates itself, and whether pdfium gave an object's /ActualText in place of
    its glyphs. `objects` are the page's text objects by handle."""
    raws = _raw_chars(textpage, frame, fonts, objects)
    page = ctypes.cast(textpage, ctypes.c_void_p).value or 0
    chars: list[Char] = []
    replaced, index, count = False, 0, len(raws)
    while index < count:
        raw = raws[index]
        end = index + 1
        while end < count and raws[end][1:4] == raw[1:4]:
            end += 1
        if end - index > 1:  # characters at one origin: one glyph's, or an /ActualText
            group = raws[index:end]
            replaced = replaced or _actual_text(group)
            chars.extend(_together(group))
        else:
            chars.append(_char(raw, page))
        index = end
    if any(a.order > b.order for a, b in itertools.pairwise(chars)):
        chars.sort(key=lambda c: c.order)  # stable: an object's own characters keep their order
    return chars, replaced


def _char(raw: _Raw, page: int) -> Char:
    """One glyph's character, its advance from the loose box (or the font, where ink
    overhangs)."""
    text, x, y, style, left, bottom, right, top, at = raw
    loose = (left, bottom, right, top)
    width = style.advance(loose, x)
    own = style.font.width(text)
    if own is not None and own * style.size < width - SLACK and _inked_edge(page, at, loose):
        width = own * style.size  # the ink overhangs the advance (an italic f)
    return style.place(text, x, y, width)


def _raw_chars(
    textpage: Any, frame: PageFrame, fonts: PageFonts, objects: dict[int, TextObject]
) -> list[_Raw]:
    """What pdfium says of each character it read (`_Raw`); the hot loop of reading."""
    page = ctypes.cast(textpage, ctypes.c_void_p).value or 0
    codes = _page_text(textpage)
    x, y, box = ctypes.c_double(), ctypes.c_double(), pdfium.FS_RECTF()
    px, py, pb = ctypes.addressof(x), ctypes.addressof(y), ctypes.addressof(box)
    styles: dict[int, _Style] = {}
    raws: list[_Raw] = []
    append, origin, loose, text_object = raws.append, _origin, _loose, _text_object
    last, style, skip = -1, None, False
    for index, code in enumerate(codes):
        if skip or (code in MAYBE_GENERATED and _generated(page, index) == 1):
            skip = False
            continue
        handle = text_object(page, index) or 0
        if handle != last or style is None:
            if handle not in styles:
                styles[handle] = _style(textpage, index, handle, frame, fonts, objects)
            last, style = handle, styles[handle]
        origin(page, index, px, py)
        loose(page, index, pb)
        text, skip = (code, False) if code not in SPECIAL else _text(codes, index)
        append((text, x.value, y.value, style, box.left, box.bottom, box.right, box.top, index))
    return raws


def _actual_text(group: Sequence[_Raw]) -> bool:
    """Characters at one origin that are not one glyph's: an /ActualText."""
    return len(group) > LIGATURE or any(raw[0].isspace() for raw in group)


def _together(group: Sequence[_Raw]) -> list[Char]:
    """Characters pdfium gives at one origin: one glyph's (a ligature, a code mapped to several
    characters) as one character; an object's /ActualText spread over the object."""
    text = "".join(raw[0] for raw in group)
    _, x, y, style, left, bottom, right, top, _ = group[0]
    loose = (left, bottom, right, top)
    if not _actual_text(group):
        return [style.place(text, x, y, style.advance(loose, x))]
    x0, _, x1, _ = style.obj.box
    if not style.simple or x1 <= x0:
        return [style.place(raw[0], x, y, style.advance(loose, x)) for raw in group]
    step = (x1 - x0) / len(group) / style.matrix[0]
    return [
        style.place(raw[0], x0 + i * step * style.matrix[0], y, step) for i, raw in enumerate(group)
    ]


def blank_space(handle: int, obj: TextObject, frame: PageFrame, fonts: PageFonts) -> Char:
    """The space a blank text object shows, boxed on its baseline as pdfminer boxes it (its
    bounds are a point: the origin)."""
    text_object = ctypes.cast(handle, pdfium.FPDF_PAGEOBJECT)
    size, m = ctypes.c_float(), pdfium.FS_MATRIX()
    pdfium.FPDFTextObj_GetFontSize(text_object, ctypes.byref(size))
    pdfium.FPDFPageObj_GetMatrix(text_object, m)
    font = fonts.get(pdfium.FPDFTextObj_GetFont(text_object))
    style = _Style(font, size.value, (m.a, m.b, m.c, m.d), frame, True, False, obj)
    return style.place(" ", obj.box[0], obj.box[1], 0.0)


def _inked_edge(page: int, index: int, loose: tuple[float, float, float, float]) -> bool:
    """Whether the loose box's far edge is the glyph's ink (an overhang past the advance), not
    the advance itself: only then is the font's own, shorter advance the one to take."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.addressof(v) for v in (left, right, bottom, top)]
    if not _tight(page, index, *refs):
        return False
    return abs(right.value - loose[2]) < 1e-3


def _page_text(textpage: Any) -> str:
    """The page's characters as one string, one UTF-16 unit per pdfium character index."""
    count = pdfium.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium.FPDFText_GetText(textpage, 0, count, buffer)
    return bytes(buffer)[: 2 * count].decode("utf-16-le", "surrogatepass")


def _text(codes: str, index: int) -> tuple[str, bool]:
    """The character at `index`, and whether it took the next index too (a surrogate pair)."""
    code = codes[index]
    if code in HYPHENS:
        return "-", False
    if "\ud800" <= code < "\udc00" and index + 1 < len(codes):
        low = codes[index + 1]
        if "\udc00" <= low < "\ue000":
            return chr(0x10000 + ((ord(code) - 0xD800) << 10) + (ord(low) - 0xDC00)), True
    return "\ufffd", False


def _style(
    textpage: Any,
    index: int,
    handle: int,
    frame: PageFrame,
    fonts: PageFonts,
    objects: dict[int, TextObject],
) -> _Style:
    m = pdfium.FS_MATRIX()
    pdfium.FPDFText_GetMatrix(textpage, index, m)
    obj = ctypes.cast(handle, pdfium.FPDF_PAGEOBJECT)
    font = pdfium.FPDFTextObj_GetFont(obj) if handle else None
    upright, down = frame.orient(m.a, m.b, m.c, m.d)
    return _Style(
        font=fonts.get(font),
        size=pdfium.FPDFText_GetFontSize(textpage, index),
        matrix=(m.a, m.b, m.c, m.d),
        frame=frame,
        upright=upright,
        down=down,
        obj=objects.get(handle) or TextObject(len(objects), (0.0, 0.0, 0.0, 0.0), False),
    )


def _solve(
    loose: tuple[float, float, float, float], a: float, b: float, c: float, d: float
) -> float:
    """The advance w (text space) of a character whose loose box (left, bottom, right, top) is
    the bounding box of its rectangle (w × h, text space) under the matrix: the box is
    |a|·w + |c|·h wide and |b|·w + |d|·h high."""
    width, height = loose[2] - loose[0], loose[3] - loose[1]
    det = abs(a) * abs(d) - abs(b) * abs(c)
    if abs(det) < 1e-6:  # turned 45°: both extents say the same; take the baseline's share
        return width / (abs(a) + abs(c)) if abs(a) + abs(c) else 0.0
    return (width * abs(d) - height * abs(c)) / det
