"""Vertically merged cells: one printed cell standing beside several rows.

Word and most writers merge a cell down a column (the Ofsted recommendation beside its action
rows, a section number beside its rows): the ruling has no horizontal rule across that column
where the other columns have one, so the grid cell spans several grid rows (grid.py counts
them). Every row the cell spans gets its value, by sharing one CellParts, so text the cell
carries on over a page break joins the cell and shows in every row of the group.

At a page top the merged column's cell either carries on the cell the page break cut (its text
is empty, or carries on the text: lower case, or the previous piece filled its cell to the
bottom without ending a sentence) or starts a new group (it opens with a number, or the piece
before ended a sentence, or the previous page's cell did not reach the grid's bottom).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from councilpapers.extract.raw import RawCell, RawRow
from councilpapers.extract.rows import CellParts, RowBuilder
from councilpapers.extract.sections import REF
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Row

PARENT = re.compile(r"^[A-Z]{0,3}(\d{1,3}(?:\.\d+)*)\.\d{1,3}[a-z]?$")
SENTENCE_END = (".", "!", "?", ";")
NUMBER = re.compile(r"^\s*(?:recommendation\s+)?(\d{1,3}(?:\.\d+)*)[.):]?\s+", re.IGNORECASE)


@dataclass
class Open:
    """The latest cell printed in one column of the table, as merging needs it."""

    parts: CellParts
    cell: RawCell
    page: int
    at_bottom: bool


@dataclass
class MergedCells:
    """Which columns of a table hold merged cells, and the cell open in each column."""

    settings: ExtractSettings
    columns: set[int] = field(default_factory=set)
    open: dict[int, Open] = field(default_factory=dict)

    def lead(self, row: RawRow) -> str:
        """The text of the row's own first cell (merged columns stand beside several rows)."""
        skip = self.columns | {c.col_start for c in row.cells if c.merged_down}
        column = self.lead_column(skip)
        return next((c.text for c in row.cells if c.col_start == column), "")

    def lead_column(self, skip: set[int] | None = None) -> int:
        """The first column that is not merged."""
        skip = self.columns if skip is None else skip
        col = 0
        while col in skip:
            col += 1
        return col

    def place(
        self, builder: RowBuilder, page: int, row: RawRow, page_top: bool, grid_bottom: float
    ) -> None:
        """Put a new row's cells in its builder, sharing merged cells where they stand beside it."""
        for cell in row.cells:
            carried = self._carried(cell, page) if page_top else None
            if carried is not None:
                carried.pieces.append((page, cell))
                builder.share(cell.col_start, carried, page if cell.text else None)
            else:
                builder.add(page, (cell,))
        middle = min((c.bbox[1] for c in row.cells), default=0.0) + 1.0
        taken = {col for c in row.cells for col in range(c.col_start, c.col_end)}
        for col, known in self.open.items():
            beside = known.cell.merged_down and known.page == page
            beside = beside and known.cell.bbox[1] < middle < known.cell.bbox[3]
            if beside and col not in taken:
                builder.share(col, known.parts, None)
        self.seen(builder, page, row, grid_bottom)

    def seen(self, builder: RowBuilder, page: int, row: RawRow, grid_bottom: float) -> None:
        """Record the row's cells as the open cell of their columns."""
        for cell in row.cells:
            if cell.merged_down:
                self.columns.add(cell.col_start)
            parts = builder.cells.get(cell.col_start)
            if parts is not None:
                at_bottom = cell.bbox[3] >= grid_bottom - self.settings.snap
                self.open[cell.col_start] = Open(parts, cell, page, at_bottom)

    def _carried(self, cell: RawCell, page: int) -> CellParts | None:
        """The merged cell from the page before that this page-top cell carries on, if any."""
        known = self.open.get(cell.col_start)
        if cell.col_start not in self.columns or known is None:
            return None
        if known.page != page - 1 or not known.at_bottom or known.cell.col_end != cell.col_end:
            return None
        return known.parts if carries_on(known.cell, cell.text, self.settings) else None


def carries_on(before: RawCell, text: str, settings: ExtractSettings) -> bool:
    """Does this text carry on the text of the cell a page break cut?"""
    if not text:
        return True
    if REF.match(text):
        return False
    if text[:1].islower():
        return True
    previous = before.text.rstrip()
    if not previous or previous.endswith(SENTENCE_END) or not before.lines:
        return False
    room = before.bbox[3] - before.lines[-1].bottom
    size = before.lines[-1].size
    return room <= settings.at(settings.cut_text, size)


def merged_section(row: Row, columns: tuple[str, ...], merged: set[int]) -> Row:
    """A row beside a merged recommendation (outcome) cell sits in that recommendation's section:
    its number (printed at the start of the cell, in a merged number column, or as the parent of
    the row's own hierarchical reference: 1.3 -> 1) and its wording; a banner heading above
    becomes the group."""
    if "outcome" not in columns or columns.index("outcome") not in merged:
        return row
    text = row.text("outcome").strip()
    if not text:
        return row
    match = NUMBER.match(text)
    number = match.group(1) if match else None
    title = text[match.end() :].strip() if match else text
    for col in sorted(c for c in merged if c != columns.index("outcome")):
        printed = row.text(columns[col]).strip().rstrip(".)")
        if number is None and re.fullmatch(r"[A-Z]{0,3}\d{1,3}(\.\d+)*[a-z]?", printed):
            number = printed
    above = row.section
    heading = " ".join(t for t in (above.number, above.title) if t)
    group = above.group or heading or None  # a banner above the merged rows is their group
    if number is None:  # "1.3" numbers the third action of recommendation 1
        parent = PARENT.match(row.text("ref").strip())
        number = parent.group(1) if parent else None
    section = replace(above, number=number or above.number, title=title, group=group)
    return replace(row, section=section)


def rows_own_ref(columns: tuple[str, ...], merged: set[int]) -> tuple[str, ...]:
    """Of two reference columns ("No." merged beside its rows, then "Ref"), the row's own
    reference is the one that is not merged; the merged one numbers the section."""
    refs = [i for i, name in enumerate(columns) if name == "ref" or name.startswith("ref_")]
    own = [i for i in refs if i not in merged]
    if "ref" not in columns or columns.index("ref") not in merged or not own:
        return columns
    names = list(columns)
    names[columns.index("ref")], names[own[0]] = "section_ref", "ref"
    return tuple(names)
