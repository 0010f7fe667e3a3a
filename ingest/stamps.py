"""Page furniture: margin stamps ("Page 77", "Agenda Item 10"), rotated margin text and running
headers or footers repeated on many pages. Furniture is set aside from the body words so it never
lands inside a table cell, but is kept on the page for readers of document identity (plan version,
dates, page stamps)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from councilpapers.records import Page, Word

STAMP = re.compile(r"^(page\s+\d+(\s+of\s+\d+)?|agenda\s+item\s+\d+[a-z]?)$", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,4}\s*[-–]?$")
PAGE_STAMP = re.compile(r"\bpage\s+(\d+)\b", re.IGNORECASE)
MARGIN = 0.1  # share of the page height counted as top or bottom margin
LINE_TOLERANCE = 2.0
REPEATS = 3  # a margin line printed on this many pages is a running header or footer


def lines_of(words: Sequence[Word], tolerance: float = LINE_TOLERANCE) -> list[list[Word]]:
    """Group words into printed lines (same baseline within a tolerance), top to bottom, each
    line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if lines and abs(lines[-1][-1].bottom - word.bottom) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _text(line: Sequence[Word]) -> str:
    return " ".join(w.text for w in line)


def _in_margin(line: Sequence[Word], height: float) -> bool:
    return line[0].bottom < height * MARGIN or line[0].top > height * (1 - MARGIN)


def _split_segments(line: Sequence[Word], gap: float = 24.0) -> list[list[Word]]:
    """Split a printed line where a wide horizontal gap separates independent pieces."""
    segments: list[list[Word]] = [[line[0]]]
    for word in line[1:]:
        if word.x0 - segments[-1][-1].x1 > gap:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _ruled_band(page: Page) -> tuple[float, float]:
    """The vertical extent of the page's ruling lines: text inside it belongs to a table."""
    if not page.rules:
        return (0.0, 0.0)
    return (min(r.top for r in page.rules), max(r.bottom for r in page.rules))


def set_aside_furniture(pages: Sequence[Page]) -> list[Page]:
    """Move stamps and running headers/footers from each page's words into its furniture."""
    repeated = _repeated_margin_lines(pages)
    result = []
    for page in pages:
        body: list[Word] = []
        furniture: list[Word] = list(page.furniture)
        band_top, band_bottom = _ruled_band(page)
        for line in lines_of(page.words):
            ruled = band_top <= line[0].top and line[0].bottom <= band_bottom
            margin = _in_margin(line, page.height) and not ruled
            segments = _split_segments(line)
            running = _running_shape(segments) and any(
                _shape(_text(segment)) in repeated for segment in segments
            )
            for segment in segments:
                text = _text(segment)
                stamp = STAMP.match(text) or (len(segments) == 1 and PAGE_NUMBER.match(text))
                if margin and (stamp or running):
                    furniture.extend(segment)
                else:
                    body.extend(segment)
        result.append(
            replace(
                page, words=tuple(body), furniture=tuple(furniture), stamp=page_stamp(furniture)
            )
        )
    return result


def _running_shape(segments: Sequence[Sequence[Word]]) -> bool:
    """Running headers and footers have one or two pieces, or three with a page number; a line
    of more pieces is a table's repeated header row, which must stay in the body."""
    if len(segments) <= 2:
        return True
    return len(segments) == 3 and any(re.search(r"\d", _text(s)) for s in segments)


def _repeated_margin_lines(pages: Sequence[Page]) -> set[str]:
    """Margin line shapes (digits folded) printed on at least REPEATS pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        shapes = {
            _shape(_text(segment))
            for line in lines_of(page.words)
            if _in_margin(line, page.height)
            for segment in _split_segments(line)
        }
        counts.update(shapes)
    # a bare number is a page number only when alone on its line (PAGE_NUMBER), never by repetition
    return {shape for shape, n in counts.items() if n >= REPEATS and re.search(r"[a-z]", shape)}


def page_stamp(furniture: Sequence[Word]) -> str | None:
    """The "Page N" stamp among a page's furniture, read in any orientation."""
    text = " ".join(w.text for w in furniture)
    match = PAGE_STAMP.search(text)
    return f"Page {match.group(1)}" if match else None
