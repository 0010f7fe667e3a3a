"""Columns of a table with neither rules nor a recognisable header, found from white space.

Lines that break into several runs of text (words at ordinary spacing) and follow each other
closely form a block; the x-ranges their runs cover, merged, are the columns, and the white
space left between them ("rivers") separates the columns. A block needs a few such lines and at
least two columns, so ordinary prose never qualifies.
"""

from __future__ import annotations

from collections.abc import Sequence

from councilpapers.extract.layout import Line, starts_with_marker
from councilpapers.extract.stream_model import Columns, runs
from councilpapers.records import Word

MIN_LINES = 3  # lines with several runs a block needs
MAX_SINGLES = 2  # single-run lines (titles, wrapped labels) a block may hold in a row
BLOCK_GAP = 2.5  # a vertical gap this many pitches ends a block


def find_blocks(lines: Sequence[Line], gap: float, pitch: float) -> list[tuple[int, int, Columns]]:
    """(start, end, columns) of each table-like block among the lines (end exclusive)."""
    multi = [len(_content_runs(line, gap)) >= 2 for line in lines]
    blocks = []
    i = 0
    while i < len(lines):
        if not multi[i]:
            i += 1
            continue
        end = _block_end(lines, multi, i, pitch)
        block = lines[i:end]
        columns = rivers([line for line, m in zip(block, multi[i:end], strict=True) if m], gap)
        if columns is not None and sum(multi[i:end]) >= MIN_LINES:
            blocks.append((i, end, columns))
        i = end
    return blocks


def _block_end(lines: Sequence[Line], multi: Sequence[bool], start: int, pitch: float) -> int:
    last, singles = start, 0
    for j in range(start + 1, len(lines)):
        if pitch and lines[j].top - lines[j - 1].bottom > BLOCK_GAP * pitch:
            break
        if multi[j]:
            last, singles = j, 0
        else:
            singles += 1
            if singles > MAX_SINGLES:
                break
    return last + 1


def _content_runs(line: Line, gap: float) -> list[list[Word]]:
    """The line's runs, less a leading list marker (a bullet or "1." set off by a tab)."""
    found = runs(line, gap)
    if len(found) > 1 and len(found[0]) == 1 and starts_with_marker(found[0][0].text + " x"):
        return found[1:]
    return found


def rivers(lines: Sequence[Line], gap: float) -> Columns | None:
    """Columns from the x-ranges covered by the lines' runs (None if fewer than two)."""
    spans = sorted(
        (run[0].x0, run[-1].x1) for line in lines for run in _content_runs(line, gap)
    )
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    if len(merged) < 2:
        return None
    return Columns(lefts=tuple(m[0] for m in merged), right=merged[-1][1], gap=gap)
