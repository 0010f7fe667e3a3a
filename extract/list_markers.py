"""List markers: is the first word of a printed line a number, a letter or a bullet?

Decided from the glyph's shape and position, never from a list of code points seen before. A
marker is the line's first word, standing alone before a gap wider than a space (a tab stop or
a hanging indent), and one of:

- a number ("1.", "24)", "(3)"); its gap may be as narrow as a space, since a three-digit number
  eats into the indent (the list reader checks that numbers go on counting); so may a glyph no
  sentence opens with (a symbol, a symbol font's glyph, "•"), but not a dash or "*";
- a letter or roman numeral with its stop or brackets ("a)", "(ii)");
- a single glyph that is no letter or digit and no wider than a letter: a bullet in any font.
  Symbol fonts (Wingdings, Symbol) put their bullets at private-use code points (U+F06E,
  U+F0A7); those are single non-alphanumeric glyphs like "•", "▪" or "-", so the same rule finds
  them;
- a lone lower-case letter ("o" in Courier, a common second-level bullet), only before a gap
  twice as wide, since a line may well start with "a".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from councilpapers.extract.report_lines import TextLine
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Word

MarkerKind = Literal["number", "letter", "bullet"]

NUMBER = re.compile(r"^\(?(\d{1,3})[.)]$")
LETTER = re.compile(r"^\(?([a-z]|[ivx]{1,4})[.)]$")


@dataclass(frozen=True, slots=True)
class Marker:
    """A list marker: its kind, the glyph as printed, its number, where it and its text start."""

    kind: MarkerKind
    glyph: str
    number: int | None
    x0: float
    text_x: float

    def like(self, other: Marker) -> bool:
        """Same kind of marker (a bullet: the same glyph)."""
        return self.kind == other.kind and (self.kind != "bullet" or self.glyph == other.glyph)


def marker_of(line: TextLine, settings: ExtractSettings) -> Marker | None:
    """The line's list marker, or None when its first word is text."""
    if len(line.words) < 2:
        return None
    first, after = line.words[0], line.words[1]
    gap = (after.x0 - first.x1) / (first.size or line.size or 1.0)
    if gap < settings.list_number_gap or (
        gap < settings.list_marker_gap and not _never_prose(first.text)
    ):
        return None
    kind = _kind(first, gap, settings)
    if kind is None:
        return None
    number = NUMBER.match(first.text)
    value = int(number.group(1)) if number else None
    return Marker(kind, first.text, value, first.x0, after.x0)


def _kind(word: Word, gap: float, settings: ExtractSettings) -> MarkerKind | None:
    if NUMBER.match(word.text):
        return "number"
    if LETTER.match(word.text) and len(word.text) > 1:
        return "letter"
    if len(word.text) != 1:
        return None
    size = word.size or (word.bottom - word.top)
    if word.x1 - word.x0 > settings.list_marker_width * size:
        return None
    if _alphanumeric(word.text):
        return "bullet" if gap >= settings.list_letter_gap and word.text.islower() else None
    return "bullet"


def _alphanumeric(glyph: str) -> bool:
    return unicodedata.category(glyph)[0] in "LN"


def _never_prose(text: str) -> bool:
    """A first word no sentence opens with, so a space after it is gap enough: a number with its
    stop, or a lone symbol (`So`, `Sm`), symbol-font glyph (private use, `Co`) or typographic mark
    beyond ASCII ("•"). Dashes and ASCII marks ("-", "*", "&") may open a line of prose and need
    the wider gap."""
    if NUMBER.match(text):
        return True
    if len(text) != 1 or text.isascii():
        return False
    return unicodedata.category(text) in ("So", "Sm", "Co", "Po")
