"""Where a page's user space lands in the records' coordinates: the page frame.

PDF user space has its origin at the bottom-left and ignores the page's /Rotate; the records use
pdfplumber's frame: the page as displayed (turned by /Rotate), origin top-left, in points. This
module keeps pdfplumber's exact arithmetic (pdfminer's page matrix, then pdfplumber's MediaBox
offsets, quirks included), so a box read by pdfium lands where pdfplumber put it.
"""

from __future__ import annotations

from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageFrame:
    """A page's displayed size and the map from user space to top-left page coordinates."""

    width: float
    height: float
    ctm: Matrix  # pdfminer's page matrix: user space -> its bottom-left page space
    x_shift: float  # pdfplumber adds the MediaBox's displayed left edge back to x
    top_shift: float  # and its displayed top edge to top

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point as (x, top)."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e + self.x_shift, self.height - (b * x + d * y + f) + self.top_shift

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A user-space box (any two opposite corners) as (x0, top, x1, bottom)."""
        ax, at = self.point(x0, y0)
        bx, bt = self.point(x1, y1)
        return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)

    def turn(self, a: float, b: float) -> tuple[float, float]:
        """A direction in user space as a direction on the displayed page (y up)."""
        m = self.ctm
        return m[0] * a + m[2] * b, m[1] * a + m[3] * b

    def orient(self, a: float, b: float, c: float, d: float) -> tuple[bool, bool]:
        """Whether text set with this matrix reads upright on the displayed page (pdfminer's
        test, and not turned a quarter or more), and, if not, whether it reads downwards."""
        ta, tb = self.turn(a, b)
        tc, td = self.turn(c, d)
        upright = ta * td > 0 and tb * tc <= 0 and abs(ta) >= abs(tb)
        return upright, tb < 0


def page_frame(mediabox: tuple[float, float, float, float], rotation: int) -> PageFrame:
    """The frame of a page with this MediaBox (user space) and /Rotate (degrees)."""
    x0, x1 = sorted((mediabox[0], mediabox[2]))
    y0, y1 = sorted((mediabox[1], mediabox[3]))
    rotation %= 360
    ctm: Matrix
    if rotation == 90:
        ctm = (0, -1, 1, 0, -y0, x1)
    elif rotation == 180:
        ctm = (-1, 0, 0, -1, x1, y1)
    elif rotation == 270:
        ctm = (0, 1, -1, 0, y1, -x0)
    else:
        ctm = (1, 0, 0, 1, -x0, -y0)
    if rotation in (90, 270):  # pdfplumber's _normalize_box swaps the axes
        x0, y0, x1, y1 = y0, x0, y1, x1
    height = y1 - y0
    return PageFrame(width=x1 - x0, height=height, ctm=ctm, x_shift=x0, top_shift=height - y1)
