"""Raw table material as printed on one page: cells, rows, fragments (one grid on one page)
and loose text lines. Ruled grids (fragments.py) and unruled tables (stream.py) both produce
these; tables.py stitches them into logical tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.extract.grid import Grid
from councilpapers.extract.layout import Line, box_text
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import BBox


@dataclass(frozen=True, slots=True)
class RawCell:
    """A grid cell as printed on one page."""

    text: str
    lines: tuple[Line, ...]
    bbox: BBox
    col_start: int
    col_end: int
    bold: bool
    fill: tuple[float, float, float] | None
    row_span: int = 1

    @property
    def merged_down(self) -> bool:
        """A vertically merged cell: it also stands beside the grid rows below its own."""
        return self.row_span > 1


@dataclass(frozen=True, slots=True)
class RawRow:
    cells: tuple[RawCell, ...]

    def spans_most(self, ncols: int) -> bool:
        """A banner: few cells, one of them spanning at least half the columns."""
        return ncols >= 3 and any(c.col_end - c.col_start >= max(2, ncols / 2) for c in self.cells)

    @property
    def empty(self) -> bool:
        return not any(c.text for c in self.cells)


@dataclass(frozen=True, slots=True)
class Fragment:
    """One ruled grid on one page."""

    page: int
    grid: Grid
    rows: tuple[RawRow, ...]
    pitch: float
    ruled: bool = True

    @property
    def top(self) -> float:
        return self.grid.bbox[1]


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A body line outside every grid."""

    page: int
    line: Line


def raw_cell(
    lines: Sequence[Line],
    box: BBox,
    col_start: int,
    col_end: int,
    pitch: float | None,
    settings: ExtractSettings,
    fill: tuple[float, float, float] | None = None,
    row_span: int = 1,
) -> RawCell:
    """A cell from its printed lines: the text as paragraphs; bold when most words are."""
    words = [w for line in lines for w in line.words]
    bold = bool(words) and sum(w.bold for w in words) >= 0.8 * len(words)
    return RawCell(
        text=box_text(lines, box, settings, pitch),
        lines=tuple(lines),
        bbox=box,
        col_start=col_start,
        col_end=col_end,
        bold=bold,
        fill=fill,
        row_span=row_span,
    )
