"""Extraction settings: every tolerance of the extract stage in one frozen, checked object, the
way pdfplumber keeps its `TableSettings`.

`extract_document(document, settings)` and `find_tables(document, settings)` take None, a dict of
overrides or an `ExtractSettings`, resolve it (`ExtractSettings.resolve`, which checks every
value) and pass the instance down as an argument: no module reads a default of its own.

Distances are given in the unit they mean. Ruling geometry is drawn, not typeset, so it is in
PDF points. Distances about text are shares of the font size (em) and become points by
`at(size)` with the font size of the text in question (the median size of the words being
grouped), so a 7 pt Courier plan and a 12 pt slide are read alike. Steps between lines are
multiples of the line pitch measured on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from councilpapers.settings import Settings


@dataclass(frozen=True, slots=True)
class ExtractSettings(Settings):
    """Tolerances of table and text extraction (see the module docstring for units)."""

    # ruling lines, in points
    snap: float = 3.0  # rules (and cell edges) this close are one
    join: float = 3.0  # collinear rules with a gap this small are joined
    min_edge: float = 3.0  # shorter rules are ignored
    column_slack: float = 6.0  # a table carries on where its column boundaries are this close
    min_cells: int = 2  # a ruled grid needs this many cells
    # unruled columns, in points
    column_edge: float = 3.0  # a word starting this far left of a column's edge is in it
    same_columns: float = 6.0  # two headers whose column edges are this close set one table
    banner_edge: float = 4.0  # a banner heading starts this close to a column's left edge
    outdent: float = 6.0  # a line starting this far left of the first column is not in it
    table_end: float = 12.0  # a line starting this far left of the first column ends the table
    # text, in em (shares of the font size)
    line_tolerance: float = 0.25  # words whose bottoms differ by less stand on one line
    space: float = 0.28  # the width of a space
    full_line: float = 0.6  # a line ending this close to the right edge is full
    run_gap: float = 0.45  # words closer than this are one run of text
    cut_text: float = 2.5  # a merged cell's text ending this close to its bottom ran on
    # vertical steps, in line pitches
    paragraph_gap: float = 1.15  # a larger step starts a paragraph
    row_gap: float = 1.45  # a larger step separates rows of an unnumbered unruled table
    banner_wrap: float = 1.3  # a banner heading's second line follows within this step
    block_gap: float = 2.5  # a larger gap ends a block of column-aligned lines
    # counts
    min_lines: int = 3  # lines with several runs a column block needs
    max_singles: int = 2  # single-run lines a column block may hold in a row
    min_columns: int = 3  # columns an unruled table needs
    # whole pages and documents
    page_line_tolerance: float = 2.0  # points: words this close in height are one line of a page
    short_page: float = 0.6  # share of the height: a page whose text ends above it ends a paper
    title_look_back: int = 25  # pages before a table searched for its plan's title
    version_context: int = 160  # characters before a version mention a plan word must stand in
    list_indent: float = 3.0  # points: a line this far right of a list's markers is in an item
    list_wide: float = 0.6  # share of the widest line a plain-paragraph item's first line fills

    shares: ClassVar[frozenset[str]] = frozenset({"short_page", "list_wide"})

    def check(self) -> None:
        """The step that starts a paragraph lies below the one that starts a row, and a line's
        tolerance stays under half a font size."""
        if not 1.0 <= self.paragraph_gap <= self.row_gap:
            raise self.invalid("paragraph_gap must lie between 1 line pitch and row_gap")
        if self.line_tolerance >= 0.5:
            raise self.invalid("line_tolerance must be under half a font size (0.5 em)")

    @staticmethod
    def at(em: float, size: float) -> float:
        """A distance in em, in points for text of this font size."""
        return em * size
