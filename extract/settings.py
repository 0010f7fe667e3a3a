"""Extraction settings: every tolerance of the extract stage in one frozen, checked object, the
way pdfplumber keeps its `TableSettings`.

Distances are given in the unit they mean. Ruling geometry is drawn, not typeset, so it is in
PDF points. Distances about text are shares of the font size (em) and become points by
`at(size)` with the font size of the text in question (the median size of the words being
grouped), so a 7 pt Courier plan and a 12 pt slide are read alike. Steps between lines are
multiples of the line pitch measured on the page. `resolve()` checks every value and returns
the settings; the module-level `DEFAULT` is resolved at import, so a bad edit fails at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from councilpapers.errors import CouncilPapersError


class InvalidSettings(CouncilPapersError):
    """An extraction setting is out of its range."""


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """Tolerances of table and text extraction (see the module docstring for units)."""

    # ruling lines, in points
    snap: float = 3.0  # rules (and cell edges) this close are one
    join: float = 3.0  # collinear rules with a gap this small are joined
    min_edge: float = 3.0  # shorter rules are ignored
    column_slack: float = 6.0  # a table carries on where its column boundaries are this close
    min_cells: int = 2  # a ruled grid needs this many cells
    # text, in em (shares of the font size)
    line_tolerance: float = 0.25  # words whose bottoms differ by less stand on one line
    space: float = 0.28  # the width of a space
    full_line: float = 0.6  # a line ending this close to the right edge is full
    run_gap: float = 0.45  # words closer than this are one run of text
    cut_text: float = 2.5  # a merged cell's text ending this close to its bottom ran on
    # vertical steps, in line pitches
    paragraph_gap: float = 1.15  # a larger step starts a paragraph
    row_gap: float = 1.45  # a larger step separates rows of an unnumbered unruled table
    block_gap: float = 2.5  # a larger gap ends a block of column-aligned lines
    # counts
    min_lines: int = 3  # lines with several runs a column block needs
    max_singles: int = 2  # single-run lines a column block may hold in a row
    min_columns: int = 3  # columns an unruled table needs
    # header search and column mapping (scores and shares, 0..1; rows a count)
    header_rows: int = 4  # a header (with any title rows above it) is looked for in this many rows
    no_header_score: float = 0.3  # a reading with a header must score more than this
    new_header_score: float = 0.5  # a page-top header this good starts a new table
    content_share: float = 0.6  # share of a column's cells of one type that types the column
    # fill colours read as ratings (HSV saturation and value, 0..1)
    rag_saturation: float = 0.45  # a fill this saturated is a rating anywhere
    rag_pale_saturation: float = 0.1  # in a rating column, pale shades this saturated count too
    rag_blue_saturation: float = 0.7  # outside a rating column a blue must be this saturated
    rag_min_value: float = 0.3  # darker fills are text colours or rules, never ratings
    # officers' corrections: (printed header, field or "none"), from `ingest --headers FILE`
    header_overrides: tuple[tuple[str, str], ...] = ()

    def resolve(self) -> ExtractSettings:
        """These settings, checked: every distance positive, every count at least one, and the
        step that starts a paragraph below the one that starts a row."""
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int | float):
                continue
            if value <= 0:
                raise InvalidSettings(f"extraction setting {item.name} must be > 0, not {value}")
            if item.type == "int" and value != int(value):
                raise InvalidSettings(f"extraction setting {item.name} must be a whole number")
        if not 1.0 <= self.paragraph_gap <= self.row_gap:
            raise InvalidSettings("paragraph_gap must lie between 1 line pitch and row_gap")
        if self.line_tolerance >= 0.5:
            raise InvalidSettings("line_tolerance must be under half a font size (0.5 em)")
        return self

    @staticmethod
    def at(em: float, size: float) -> float:
        """A distance in em, in points for text of this font size."""
        return em * size


DEFAULT = ExtractSettings().resolve()
