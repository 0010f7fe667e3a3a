"""Helpers every maker shares: where each merged cell starts, and a grid cut into chunks of rows
(slides, pages) with the cells merged down across a cut printed again at the top of the chunk
(the way a deck repeats the recommendation on its next slide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .model import Cell, Grid, Row

Position = tuple[int, int]


def owners(grid: Grid) -> dict[Position, Position]:
    """(row, column) covered by a merge -> the (row, column) where its cell starts."""
    out: dict[Position, Position] = {}
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            for dr in range(cell.down):
                for dc in range(cell.span):
                    if dr or dc:
                        out[(r + dr, c + dc)] = (r, c)
    return out


def chunk_rows(grid: Grid, first: int, last: int) -> list[Row]:
    """Rows ``first``..``last`` (inclusive) of the grid as a grid of their own: merges clipped
    to the chunk, a cell merged down from above the chunk given again in its first row."""
    cover = owners(grid)
    out = []
    for r in range(first, last + 1):
        row = grid.rows[r]
        cells: list[Cell | None] = []
        for c, cell in enumerate(row.cells):
            if cell is not None:
                cells.append(_clip(cell, r, last))
                continue
            start = cover.get((r, c))
            if start and start[0] < first and r == first and start[1] == c:
                owner = grid.rows[start[0]].cells[c]
                assert owner is not None
                end = start[0] + owner.down - 1
                cells.append(_clip(Cell(owner.text, owner.fill, owner.bold, owner.align,
                                        owner.span, end - r + 1), r, last))  # fmt: skip
            else:
                cells.append(None)
        out.append(Row(row.kind, tuple(cells), row.record, row.group))
    return out


def limit_spans(grid: Grid, most: int) -> Grid:
    """The grid with no cell merged down more than ``most`` rows: a longer merge is cut into
    pieces, each printing the text again (as a report writer does when a group runs on)."""
    rows = [list(row.cells) for row in grid.rows]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is not None and cell.down > most:
                row[c] = _clip(cell, r, r + most - 1)
                rest = Cell(
                    cell.text, cell.fill, cell.bold, cell.align, cell.span, cell.down - most
                )
                rows[r + most][c] = rest
    return replace(grid, rows=tuple(Row(o.kind, tuple(n), o.record, o.group)
                                    for o, n in zip(grid.rows, rows, strict=True)))  # fmt: skip


def _clip(cell: Cell, row: int, last: int) -> Cell:
    if row + cell.down - 1 <= last:
        return cell
    return Cell(
        cell.text,
        cell.fill,
        cell.bold,
        cell.align,
        cell.span,
        last - row + 1,
        cell.value,
        cell.number_format,
        cell.badge,
        cell.light,
    )


def wrapped(text: str, per_line: int) -> int:
    """Lines a text wraps to at ``per_line`` characters a line, word by word."""
    total = 0
    for paragraph in text.split("\n"):
        length, count = 0, 1
        for word in paragraph.split():
            if length and length + 1 + len(word) > per_line:
                count, length = count + 1, len(word)
            else:
                length += len(word) + (1 if length else 0)
        total += count
    return total


def line_counts(rows: list[Row], lines_of: Callable[[Cell, int], int]) -> list[float]:
    """Lines each row needs: its tallest single cell, and room for a cell merged down over
    several rows (the shortfall goes to the last of them). ``lines_of(cell, column)``."""
    needed = [1.0] * len(rows)
    merged: list[tuple[int, int, int]] = []
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            lines = lines_of(cell, c)
            if cell.down == 1:
                needed[r] = max(needed[r], lines)
            else:
                merged.append((r, cell.down, lines))
    for r, down, lines in merged:
        end = min(len(rows), r + down)
        short = lines - sum(needed[r:end])
        if short > 0:
            needed[end - 1] += short
    return needed


def text_colour(cell: Cell) -> str:
    """Dark text, or white on a dark fill."""
    return "FFFFFF" if cell.fill and not cell.light else "000000"
