"""The printed lines of a report's body, in reading order, as the recommendation lists read them.

A report's lists are read line by line (`inspection_lists`, `list_items`), so this room turns each
page's body words (page furniture is already set aside at ingest) into `TextLine`s: the words of
one baseline, their text joined as printed, and whether a ruling line runs just above the line (a
table row's border: a boundary between two items of a list set as a table).

Words are joined by their geometry, not by their order alone: glyphs that touch are one word
("children" "’" "s" printed in two fonts are "children’s", not "children ’ s"); a gap of about a
space is one space. Lines are split where a wide gap shows two columns of a table
(`segments`), so a two-column table can be read a column at a time.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.extract.layout import to_lines
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Document, Page, Word


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line of body text: its page, words (left to right) and joined text."""

    page: int
    words: tuple[Word, ...]
    text: str
    rule_above: bool = False

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        """The body size of the line: the median of its words' font sizes."""
        sizes = sorted(w.size for w in self.words if w.size > 0)
        return sizes[len(sizes) // 2] if sizes else self.bottom - self.top

    @property
    def bold(self) -> bool:
        """Every word with a letter in it is bold."""
        lettered = [w for w in self.words if any(ch.isalpha() for ch in w.text)]
        return bool(lettered) and all(w.bold for w in lettered)


def document_lines(document: Document, settings: ExtractSettings) -> list[TextLine]:
    """Every page's body lines, page by page, top to bottom."""
    return [line for page in document.pages for line in page_lines(page, settings)]


def page_lines(page: Page, settings: ExtractSettings) -> list[TextLine]:
    """The page's body words as printed lines, each knowing whether a rule runs above it."""
    across = sorted((r for r in page.rules if r.horizontal), key=lambda r: r.top)
    tops = [r.top for r in across]
    out: list[TextLine] = []
    above = 0.0
    for group in to_lines(page.words, settings):
        words = tuple(group.words)
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        upper = above or top - _size(words[0]) * settings.list_rule_reach
        near = across[bisect.bisect_left(tops, upper - 1.0) : bisect.bisect_right(tops, top + 1.0)]
        ruled = any(r.x0 < words[-1].x1 and r.x1 > words[0].x0 for r in near)
        out.append(TextLine(page.number, words, join_words(words, settings), ruled))
        above = bottom
    return out


def join_words(words: Sequence[Word], settings: ExtractSettings) -> str:
    """Words joined as printed: one space between them, none where their glyphs touch and
    punctuation binds them (see `_binds`)."""
    text = ""
    for before, word in zip((None, *words), words, strict=False):
        if before is None:
            text = word.text
        elif word.x0 - before.x1 < settings.list_touch * _size(word) and _binds(
            before.text, word.text
        ):
            text += word.text
        else:
            text += f" {word.text}"
    return text


def _binds(left: str, right: str) -> bool:
    """Punctuation joins touching words: closing marks and stops to the word before ("needs"
    "."), opening marks to the word after ("‘" "team"), and a lone quote or apostrophe both ways
    ("children" "’" "s"). Two touching words of letters are two words: italic glyphs overhang
    the space between them."""
    closing = unicodedata.category(right[0]) in ("Pe", "Pf", "Po")
    opening = unicodedata.category(left[-1]) in ("Ps", "Pi")
    lone = len(left) == 1 and unicodedata.category(left) in ("Pf", "Pi", "Po")
    return closing or opening or lone


def segments(line: TextLine, settings: ExtractSettings) -> list[tuple[Word, ...]]:
    """The line cut where a gap is wide enough to part two columns of a table."""
    parts: list[list[Word]] = [[line.words[0]]]
    for before, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - before.x1 >= settings.list_column_gap * _size(word):
            parts.append([])
        parts[-1].append(word)
    return [tuple(part) for part in parts]


def part_line(line: TextLine, words: Sequence[Word], settings: ExtractSettings) -> TextLine:
    """A line made of some of a line's words (one column of a table row)."""
    words = tuple(words)
    return TextLine(line.page, words, join_words(words, settings), line.rule_above)


def _size(word: Word) -> float:
    return word.size or (word.bottom - word.top)
