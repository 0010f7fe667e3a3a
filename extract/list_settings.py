"""Settings of the recommendation-list reader: every tolerance it uses, in one checked object.

Like `ExtractSettings` (and pdfplumber's `TableSettings`), the object is frozen, checked by
`resolve()` and passed in as an argument from the entry point (`find_improvement_lists`), never
read from a module-level default deep inside. Distances about text are shares of the font size
(em) of the text in question; vertical steps are multiples of the list's own line pitch.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from councilpapers.extract.settings import InvalidSettings


@dataclass(frozen=True, slots=True)
class ListSettings:
    """Tolerances of the list reader (units in the comments)."""

    touch: float = 0.12  # em: glyphs closer than this are one word ("children" "’" "s")
    column_gap: float = 2.0  # em: a gap this wide inside a line parts two table columns
    rule_reach: float = 2.0  # em: how far above a page's first line a rule counts as above it
    marker_gap: float = 0.38  # em: a list marker is followed by at least this gap (a space: 0.3)
    number_gap: float = 0.2  # em: ... a number ("120.") by at least this
    letter_gap: float = 0.9  # em: ... and a one-letter marker ("o", "a)") by at least this
    marker_width: float = 1.2  # em: a bullet glyph is at most this wide
    indent: float = 0.3  # em: a line this far right of an item's text column is inside it
    paragraph_gap: float = 1.45  # line pitches: a larger step starts a new paragraph
    short_line: float = 0.85  # share of the block width: a line ending before this stopped short
    lead_in: int = 3  # lines allowed between a list's heading and its first item
    max_items: int = 40  # items one list may hold
    min_words: int = 3  # an item has at least this many words

    def resolve(self) -> ListSettings:
        """These settings, checked: every value positive, counts whole numbers."""
        for item in fields(self):
            value = getattr(self, item.name)
            if value <= 0:
                raise InvalidSettings(f"list setting {item.name} must be > 0, not {value}")
            if item.type == "int" and value != int(value):
                raise InvalidSettings(f"list setting {item.name} must be a whole number")
        if not self.number_gap <= self.marker_gap <= self.letter_gap:
            raise InvalidSettings("gaps must rise: number_gap <= marker_gap <= letter_gap")
        if not 0 < self.short_line < 1:
            raise InvalidSettings("short_line is a share of the block width, below 1")
        return self
