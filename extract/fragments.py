"""Page fragments: each ruled grid on a page read into rows of cells with text, style and fill,
and the body lines printed outside any grid, in reading order."""

from __future__ import annotations

from collections.abc import Iterable

from councilpapers.extract.grid import Grid, GridCell, find_grids
from councilpapers.extract.layout import (
    Line,
    box_text,
    line_pitch,
    line_tolerance,
    to_lines,
    words_in,
)
from councilpapers.extract.raw import Fragment, RawCell, RawRow, TextBlock, raw_cell
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.stream import find_stream_tables
from councilpapers.extract.stream_model import Columns
from councilpapers.records import BBox, Page, Word


def read_page(
    page: Page, settings: ExtractSettings, hint: Columns | None = None
) -> list[Fragment | TextBlock]:
    """The page's tables (ruled grids, then unruled ones) and loose text lines, top to bottom.

    `hint` gives the columns of an unruled table left open on the previous page."""
    grids = find_grids(page, settings)
    inside: set[int] = set()
    cell_lines: dict[tuple[int, int, int], list[Line]] = {}
    for g_index, grid in enumerate(grids):
        for r_index, row in enumerate(grid.rows):
            for c_index, cell in enumerate(row):
                words = words_in(page.words, cell.bbox)
                inside.update(id(w) for w in words)
                cell_lines[(g_index, r_index, c_index)] = to_lines(words, settings)
    pitch = line_pitch(list(cell_lines.values()))
    items: list[Fragment | TextBlock] = []
    for g_index, grid in enumerate(grids):
        printed = (
            RawRow(
                tuple(
                    _cell(page, cell, cell_lines[(g_index, r_index, c_index)], pitch, settings)
                    for c_index, cell in enumerate(row)
                )
            )
            for r_index, row in enumerate(grid.rows)
        )
        rows = _split_unruled_rows(_split_header_from_body(printed, settings), settings)
        items.append(Fragment(page.number, grid, rows, pitch))
    outside = [w for w in page.words if id(w) not in inside and not _in_any(w, grids)]
    loose = to_lines(outside, settings)
    stream, leftover = find_stream_tables(page.number, loose, line_pitch([loose]), hint, settings)
    items.extend(stream)
    items.extend(TextBlock(page.number, line) for line in leftover)
    items.sort(key=lambda item: item.top if isinstance(item, Fragment) else item.line.top)
    return items


def _in_any(word: Word, grids: list[Grid]) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return any(g.bbox[0] <= cx <= g.bbox[2] and g.bbox[1] <= cy <= g.bbox[3] for g in grids)


def _cell(
    page: Page, cell: GridCell, lines: list[Line], pitch: float, settings: ExtractSettings
) -> RawCell:
    fill = _fill(page, cell.bbox)
    start, end = cell.col_start, cell.col_end
    return raw_cell(lines, cell.bbox, start, end, pitch, settings, fill, cell.row_span)


def _fill(page: Page, box: BBox) -> tuple[float, float, float] | None:
    """The colour of the fill covering the cell's centre (the smallest such fill)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    covering = [
        f for f in page.fills if f.bbox[0] <= cx <= f.bbox[2] and f.bbox[1] <= cy <= f.bbox[3]
    ]
    if not covering:
        return None
    best = min(covering, key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]))
    return best.rgb


def _split_header_from_body(
    rows: Iterable[RawRow], settings: ExtractSettings
) -> tuple[RawRow, ...]:
    """Repair a grid whose first row holds the header and a body row with no rule between them
    (a repeated header over a row carried on from the previous page): split it where the bold
    header lines end."""
    out = list(rows)
    if not out:
        return ()
    first = out[0]
    heads = [_bold_prefix(c.lines) for c in first.cells]
    if sum(n > 0 for n in heads) < 2 or not any(
        0 < n < len(c.lines) for n, c in zip(heads, first.cells, strict=True)
    ):
        return tuple(out)
    if any(n == 0 and c.lines for n, c in zip(heads, first.cells, strict=True)):
        return tuple(out)
    cut = max(c.lines[n - 1].bottom for n, c in zip(heads, first.cells, strict=True) if n) + 0.5
    pairs = list(zip(heads, first.cells, strict=True))
    header = RawRow(tuple(_part(c, c.lines[:n], (c.bbox[1], cut), settings) for n, c in pairs))
    body = RawRow(tuple(_part(c, c.lines[n:], (cut, c.bbox[3]), settings) for n, c in pairs))
    return (header, body, *out[1:])


def _bold_prefix(lines: tuple[Line, ...]) -> int:
    count = 0
    for line in lines:
        if not all(w.bold for w in line.words):
            break
        count += 1
    return count


def _part(
    cell: RawCell, lines: tuple[Line, ...], height: tuple[float, float], settings: ExtractSettings
) -> RawCell:
    """The piece of a cell holding these lines, between `height`'s top and bottom."""
    top, bottom = height
    box = (cell.bbox[0], round(top, 2), cell.bbox[2], round(bottom, 2))
    words = [w for line in lines for w in line.words]
    return RawCell(
        text=box_text(lines, box, settings),
        lines=lines,
        bbox=box,
        col_start=cell.col_start,
        col_end=cell.col_end,
        bold=bool(words) and all(w.bold for w in words),
        fill=cell.fill,
    )


def _split_unruled_rows(rows: tuple[RawRow, ...], settings: ExtractSettings) -> tuple[RawRow, ...]:
    """Split grid rows that hold several unruled table rows (tables ruled only around the
    outside or under the header): every filled cell has the same number (3 or more) of lines,
    sitting on the same baselines, so each line is a row of its own."""
    out: list[RawRow] = []
    for row in rows:
        filled = [c for c in row.cells if c.lines]
        counts = {len(c.lines) for c in filled}
        lone = len(filled) < 2 or len(counts) != 1 or counts.pop() < 3
        if lone or not _aligned(filled, settings):
            out.append(row)
            continue
        for index in range(len(filled[0].lines)):
            out.append(RawRow(tuple(_line_cell(c, index, settings) for c in row.cells)))
    return tuple(out)


def _aligned(cells: list[RawCell], settings: ExtractSettings) -> bool:
    return all(
        abs(a.bottom - b.bottom) <= line_tolerance([*a.words, *b.words], settings)
        for cell in cells[1:]
        for a, b in zip(cells[0].lines, cell.lines, strict=True)
    )


def _line_cell(cell: RawCell, index: int, settings: ExtractSettings) -> RawCell:
    if not cell.lines:
        return cell
    line = cell.lines[index]
    return _part(cell, (line,), (line.top - 0.5, line.bottom + 0.5), settings)
