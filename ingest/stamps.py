"""Page furniture: margin stamps ("Page 77", "Agenda Item 10"), rotated margin text and running
headers or footers repeated on many pages. Furniture is set aside from the body words so it never
lands inside a table cell, but is kept on the page for readers of document identity (plan version,
dates, page stamps). The tolerances are `ReadSettings`' (ingest/settings.py)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from councilpapers.ingest.lines import group_lines
from councilpapers.ingest.settings import ReadSettings
from councilpapers.records import Page, Word

STAMP = re.compile(r"^(page\s+\d+(\s+of\s+\d+)?|agenda\s+item\s+\d+[a-z]?)$", re.IGNORECASE)
BARE_NUMBER = re.compile(r"^[-–]?\s*\d{1,4}\s*[-–]?$")  # a page number printed alone
PAGE_WORDS = {"page"}
OF_WORDS = {"of"}


def _text(line: Sequence[Word]) -> str:
    return " ".join(w.text for w in line)


def _in_margin(line: Sequence[Word], height: float, margin: float) -> bool:
    return line[0].bottom < height * margin or line[0].top > height * (1 - margin)


def _split_segments(line: Sequence[Word], gap: float) -> list[list[Word]]:
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


def set_aside_furniture(pages: Sequence[Page], settings: ReadSettings) -> list[Page]:
    """Move stamps and running headers/footers from each page's words into its furniture; each
    page's `stamp` is the pack's "Page N" stamp (see `pack_stamps`)."""
    repeated = _repeated_margin_lines(pages, settings)
    split = [_split_page(page, repeated, settings) for page in pages]
    stamps = pack_stamps([stamp_numbers(furniture) for _, furniture in split])
    return [
        replace(page, words=tuple(body), furniture=tuple(furniture), stamp=_stamp_text(stamp))
        for page, (body, furniture), stamp in zip(pages, split, stamps, strict=True)
    ]


def _stamp_text(number: int | None) -> str | None:
    return None if number is None else f"Page {number}"


def _split_page(
    page: Page, repeated: set[str], settings: ReadSettings
) -> tuple[list[Word], list[Word]]:
    """(body words, furniture words) of one page."""
    body: list[Word] = []
    furniture: list[Word] = list(page.furniture)
    band_top, band_bottom = _ruled_band(page)
    for line in group_lines(page.words, settings.line_tolerance):
        ruled = band_top <= line[0].top and line[0].bottom <= band_bottom
        margin = _in_margin(line, page.height, settings.margin) and not ruled
        segments = _split_segments(line, settings.segment_gap)
        running = _running_shape(segments) and any(
            _shape(_text(segment)) in repeated for segment in segments
        )
        for segment in segments:
            text = _text(segment)
            stamp = STAMP.match(text) or (len(segments) == 1 and BARE_NUMBER.match(text))
            if margin and (stamp or running):
                furniture.extend(segment)
            else:
                body.extend(segment)
    return body, furniture


def _running_shape(segments: Sequence[Sequence[Word]]) -> bool:
    """Running headers and footers have one or two pieces, or three with a page number; a line
    of more pieces is a table's repeated header row, which must stay in the body."""
    if len(segments) <= 2:
        return True
    return len(segments) == 3 and any(re.search(r"\d", _text(s)) for s in segments)


def _repeated_margin_lines(pages: Sequence[Page], settings: ReadSettings) -> set[str]:
    """Margin line shapes (digits folded) printed on at least `settings.repeats` pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        shapes = {
            _shape(_text(segment))
            for line in group_lines(page.words, settings.line_tolerance)
            if _in_margin(line, page.height, settings.margin)
            for segment in _split_segments(line, settings.segment_gap)
        }
        counts.update(shapes)
    # a bare number is a page number only when alone on its line (BARE_NUMBER), never by repetition
    repeats = settings.repeats
    return {shape for shape, n in counts.items() if n >= repeats and re.search(r"[a-z]", shape)}


def page_stamp(furniture: Sequence[Word]) -> str | None:
    """The "Page N" stamp among one page's furniture, read in any orientation ("Page N of M" is a
    document's own footer, never a pack stamp). A whole document is better read with
    `pack_stamps`, which also checks that the numbers run on from page to page."""
    numbers = stamp_numbers(furniture)
    return _stamp_text(numbers[0]) if numbers else None


def stamp_numbers(furniture: Sequence[Word]) -> list[int]:
    """N of every "Page N" printed among the words, paired by position (the number is the word
    right after "Page" along its line or, for text set up or down a margin, its column), and not
    followed by "of M"."""
    numbers = []
    for word in furniture:
        if word.text.lower() not in PAGE_WORDS:
            continue
        digits = [v for v in furniture if v.text.isdigit()]
        number = _next_word(word, digits)
        if number is None:
            continue
        rest = [v for v in furniture if v is not word]
        after = _next_word(number, rest, along=_vertical(word))
        if after is not None and after.text.lower() in OF_WORDS:
            continue
        numbers.append(int(number.text))
    return numbers


def _vertical(word: Word) -> bool:
    """Whether a word of several letters is set up or down the page (taller than wide)."""
    return len(word.text) > 1 and word.bottom - word.top > 1.5 * (word.x1 - word.x0)


def _next_word(word: Word, words: Sequence[Word], along: bool | None = None) -> Word | None:
    """The nearest word following `word` on its line (or its column when set vertically), within
    three line heights."""
    vertical = _vertical(word) if along is None else along
    if vertical:
        reach = 3 * (word.x1 - word.x0)
        near = [
            (min(abs(v.top - word.bottom), abs(word.top - v.bottom)), v)
            for v in words
            if v is not word and min(v.x1, word.x1) - max(v.x0, word.x0) > 0
        ]
    else:
        reach = 3 * (word.bottom - word.top)
        near = [
            (v.x0 - word.x1, v)
            for v in words
            if v is not word
            and min(v.bottom, word.bottom) - max(v.top, word.top) > 0.5 * (word.bottom - word.top)
            and v.x0 >= word.x1 - 0.25 * (word.bottom - word.top)
        ]
    near = [(gap, v) for gap, v in near if gap <= reach]
    return min(near, key=lambda pair: pair[0])[1] if near else None


def pack_stamps(candidates: Sequence[Sequence[int]]) -> list[int | None]:
    """Each page's pack stamp from the "Page N" numbers found on it (pages in order).

    A pack's stamps run on through it, so the stamp minus the physical page number stays the same
    from page to page; a document's own page numbers restart with each document. Runs (numbers
    sharing an offset) are taken most-printed first; a number is kept only while the kept stamps
    still rise through the pack, so a restarting footer can never stand in for a missing stamp.
    A number no other page continues is dropped when some run is printed on two pages or more."""
    support: Counter[int] = Counter()
    for index, numbers in enumerate(candidates):
        support.update({n - index for n in numbers})
    floor = min(2, max(support.values(), default=0))
    stamps: list[int | None] = [None] * len(candidates)
    for offset in sorted(support, key=lambda o: (-support[o], o)):
        if support[offset] < floor:
            break
        for index, numbers in enumerate(candidates):
            number = offset + index
            if stamps[index] is None and number in numbers and _rises(stamps, index, number):
                stamps[index] = number
    return stamps


def _rises(stamps: Sequence[int | None], index: int, number: int) -> bool:
    """Whether `number` on page `index` keeps the kept stamps strictly rising."""
    before = [n for n in stamps[:index] if n is not None]
    after = [n for n in stamps[index + 1 :] if n is not None]
    return (not before or max(before) < number) and (not after or number < min(after))
