"""Columns of a table with neither rules nor a recognisable header, found from white space.

Lines that break into several runs of text (words at ordinary spacing) and follow each other
closely form a block; the x-ranges their runs cover, merged, are the columns, and the white
space left between them ("rivers") separates the columns. A block needs a few such lines and at
least two columns, so ordinary prose never qualifies.
"""

from __future__ import annotations

from collections.abc import Sequence

from councilpapers.extract.layout import Line, starts_with_marker
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.stream_model import Columns, runs
from councilpapers.records import Word


def find_blocks(
    lines: Sequence[Line], gap: float, pitch: float, settings: ExtractSettings
) -> list[tuple[int, int, Columns]]:
    """(start, end, columns) of each table-like block among the lines (end exclusive)."""
    multi = [len(_content_runs(line, gap, settings)) >= 2 for line in lines]
    blocks = []
    i = 0
    while i < len(lines):
        if not multi[i]:
            i += 1
            continue
        end = _block_end(lines, multi, i, pitch, settings)
        block = [line for line, m in zip(lines[i:end], multi[i:end], strict=True) if m]
        columns = rivers(block, gap, settings)
        if columns is not None and sum(multi[i:end]) >= settings.min_lines:
            blocks.append((i, end, columns))
        i = end
    return blocks


def _block_end(
    lines: Sequence[Line],
    multi: Sequence[bool],
    start: int,
    pitch: float,
    settings: ExtractSettings,
) -> int:
    last, singles = start, 0
    for j in range(start + 1, len(lines)):
        if pitch and lines[j].top - lines[j - 1].bottom > settings.block_gap * pitch:
            break
        if multi[j]:
            last, singles = j, 0
        else:
            singles += 1
            if singles > settings.max_singles:
                break
    return last + 1


def _content_runs(line: Line, gap: float, settings: ExtractSettings) -> list[list[Word]]:
    """The line's runs, less a leading list marker (a bullet or "1." set off by a tab)."""
    found = runs(line, settings, gap)
    if len(found) > 1 and len(found[0]) == 1 and starts_with_marker(found[0][0].text + " x"):
        return found[1:]
    return found


def rivers(lines: Sequence[Line], gap: float, settings: ExtractSettings) -> Columns | None:
    """Columns from a projection of the lines' words onto the x axis: stretches no word covers
    (in all but a few lines), wider than a word space, separate the columns."""
    if not lines:
        return None
    left = int(min(line.x0 for line in lines))
    cover = [0] * (int(max(line.x1 for line in lines)) - left + 2)
    for line in lines:
        for run in _content_runs(line, gap, settings):
            for word in run:
                for x in range(int(word.x0) - left, int(word.x1) - left + 1):
                    cover[x] += 1
    allowed = len(lines) // 20  # a stray overlong cell may cross a river
    lefts: list[float] = []
    x, width = 0, max(gap, 4.0)
    while x < len(cover):
        if cover[x] > allowed:
            start = x
            while x < len(cover) and (cover[x] > allowed or _short_gap(cover, x, allowed, width)):
                x += 1
            lefts.append(float(start + left))
        x += 1
    if len(lefts) < 2:
        return None
    right = max(line.x1 for line in lines)
    return Columns(lefts=tuple(lefts), right=right, edge=settings.column_edge, gap=gap)


def _short_gap(cover: list[int], x: int, allowed: int, width: float) -> bool:
    """Is the uncovered stretch starting at x narrower than a column gap?"""
    end = x
    while end < len(cover) and cover[end] <= allowed:
        end += 1
    return end < len(cover) and end - x < width
