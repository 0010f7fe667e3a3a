"""Printed lines from words: the one grouper every stage uses to put words on lines.

Words whose bottoms lie within a tolerance of the previous word's bottom (taken in order of
height) stand on one line; each line reads left to right. The caller says how close is close:
points for page furniture and page views (`ReadSettings.line_tolerance`,
`ExtractSettings.page_line_tolerance`), a share of the font size for text inside a table cell
(`extract/layout.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

from councilpapers.records import Word


def group_lines(words: Sequence[Word], tolerance: float) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if lines and abs(lines[-1][-1].bottom - word.bottom) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines
