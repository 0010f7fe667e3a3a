"""Words from characters: pdfplumber's `extract_words` rule, and words printed up or down a margin.

Upright characters become words exactly as pdfplumber's `extract_words` makes them with the
reader's settings: consecutive characters of one font and size form a run; a run's characters
are clustered into lines by their tops (within `ReadSettings.word_y_tolerance`), sorted left to
right, and a word ends at a space, at a gap wider than `word_x_tolerance`, at a step back or a
line change; ligatures
are spelled out. Characters turned a quarter (margin stamps up a landscape page) are rebuilt
into words column by column in reading order; the reader keeps them as page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

from councilpapers.ingest.pdfium_text import Char
from councilpapers.ingest.rule_split import cut_run, uprights
from councilpapers.ingest.settings import ReadSettings
from councilpapers.records import Rule, Word, round_bbox

LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
BOLD = ("Bold", "Black", "Heavy", ",B")
SUBSET = re.compile(r"^[A-Z]{6}\+")


def base_font(name: str) -> str:
    """A font's name without the six-letter subset prefix a PDF may give it ("ABCDEF+Arial")."""
    return SUBSET.sub("", name)


def upright_words(
    chars: Iterable[Char], settings: ReadSettings, rules: Sequence[Rule] = ()
) -> list[Word]:
    """The words of upright characters (given in content order), as pdfplumber orders them,
    each cut at any vertical rule of `rules` that runs between two of its letters (rule_split)."""
    words: list[Word] = []
    upright = uprights(rules)
    for _, run in groupby(chars, key=lambda c: (c.size, c.font)):
        for line in _lines(list(run), settings.word_y_tolerance):
            line.sort(key=lambda c: c.x0)
            for found in _split(line, settings):
                words.extend(_word(part) for part in cut_run(found, upright))
    return [w for w in words if w.text.strip()]


def _lines(chars: list[Char], tolerance: float) -> list[list[Char]]:
    """pdfplumber's `cluster_objects` on `top`: sorted distinct tops chained within tolerance."""
    tops = sorted({c.top for c in chars})
    cluster: dict[float, int] = {}
    index, last = 0, tops[0] if tops else 0.0
    for top in tops:
        if top > last + tolerance:
            index += 1
        cluster[top] = index
        last = top
    lines: list[list[Char]] = [[] for _ in range(index + 1)]
    for char in chars:
        lines[cluster[char.top]].append(char)
    return [line for line in lines if line]


def _split(line: Sequence[Char], settings: ReadSettings) -> Iterator[list[Char]]:
    """Chars of one line, left to right, cut into words."""
    word: list[Char] = []
    for char in line:
        if char.text.isspace():
            if word:
                yield word
            word = []
        elif word and _starts_word(word[-1], char, settings):
            yield word
            word = [char]
        else:
            word.append(char)
    if word:
        yield word


def _starts_word(prev: Char, char: Char, settings: ReadSettings) -> bool:
    """A step back, a gap wider than the tolerance, or another line (pdfplumber's test)."""
    return (
        char.x0 < prev.x0
        or char.x0 > prev.x1 + settings.word_x_tolerance
        or abs(char.top - prev.top) > settings.word_y_tolerance
    )


def _word(chars: Sequence[Char]) -> Word:
    first = chars[0]
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    text = []
    for c in chars:
        text.append(LIGATURES.get(c.text, c.text))
        x0, top = min(x0, c.x0), min(top, c.top)
        x1, bottom = max(x1, c.x1), max(bottom, c.bottom)
    return Word(
        text="".join(text),
        bbox=round_bbox(x0, top, x1, bottom),
        size=round(first.size, 2),
        bold=any(tag in first.font for tag in BOLD),
        font=base_font(first.font),
    )


def rotated_words(chars: Iterable[Char], gap: float) -> Iterator[Word]:
    """Rebuild words from text printed up or down a margin, in reading order (letters more than
    `gap` em apart are two words)."""
    columns: dict[int, list[Char]] = {}
    for char in chars:
        columns.setdefault(round(char.x0 / 3), []).append(char)
    for column in columns.values():
        down = column[0].down  # set clockwise: read top to bottom
        column.sort(key=lambda c: c.top if down else -c.bottom)
        word: list[Char] = []
        for char in column:
            apart = bool(word) and _gap(word[-1], char, down) > char.size * gap
            if word and (apart or not char.text.strip()):
                yield _join_rotated(word)
                word = []
            if char.text.strip():
                word.append(char)
        if word:
            yield _join_rotated(word)


def _gap(last: Char, char: Char, down: bool) -> float:
    """Space between a rotated word's last char and the next, along the reading direction."""
    return char.top - last.bottom if down else last.top - char.bottom


def _join_rotated(chars: list[Char]) -> Word:
    return Word(
        text="".join(c.text for c in chars),
        bbox=round_bbox(
            min(c.x0 for c in chars),
            min(c.top for c in chars),
            max(c.x1 for c in chars),
            max(c.bottom for c in chars),
        ),
        size=round(chars[0].size, 2),
        font=base_font(chars[0].font),
    )
