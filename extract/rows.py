"""Logical rows: grid rows gathered into the rows a reader sees.

A row that a page break splits continues on the next page with an empty first cell; its fragments
are merged back into one row, cell by cell, with each fragment's place kept as a Span. Text that
runs on across the break joins as one paragraph when the line before the break was full.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from councilpapers.extract.layout import Line, paragraphs
from councilpapers.extract.raw import RawCell
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import BBox, Cell, Row, Section, Span, Word


@dataclass
class CellParts:
    """The printed pieces of one logical cell, in order."""

    pieces: list[tuple[int, RawCell]] = field(default_factory=list)

    def text(self, pitch: float, settings: ExtractSettings) -> str:
        lines: list[Line] = []
        right = 0.0
        for _, cell in self.pieces:
            if not cell.lines:
                continue
            padding = max(0.0, min(line.x0 for line in cell.lines) - cell.bbox[0])
            right = cell.bbox[2] - padding
            lines.extend(_shift(cell.lines, lines[-1].bottom + pitch if lines else None))
        return "\n".join(paragraphs(lines, settings, right=right or None, pitch=pitch or None))

    def spans(self) -> tuple[Span, ...]:
        return tuple(Span(page, cell.bbox) for page, cell in self.pieces)

    @property
    def fill(self) -> tuple[float, float, float] | None:
        return self.pieces[0][1].fill if self.pieces else None


def _shift(lines: tuple[Line, ...], bottom: float | None) -> list[Line]:
    """Move a continuation's lines to sit one pitch below the previous piece's last line."""
    if bottom is None or not lines:
        return list(lines)
    dy = bottom - lines[0].bottom
    return [Line(tuple(_move(w, dy) for w in line.words)) for line in lines]


def _move(word: Word, dy: float) -> Word:
    x0, top, x1, bottom = word.bbox
    box: BBox = (x0, top + dy, x1, bottom + dy)
    return replace(word, bbox=box)


@dataclass
class RowBuilder:
    """One logical row being assembled from grid rows on one or more pages."""

    section: Section
    cells: dict[int, CellParts] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)

    def add(self, page: int, cells: tuple[RawCell, ...]) -> None:
        for cell in cells:
            self.cells.setdefault(cell.col_start, CellParts()).pieces.append((page, cell))
            if cell.text and page not in self.pages:
                self.pages.append(page)
        if not self.pages:
            self.pages.append(page)

    def share(self, col: int, parts: CellParts, page: int | None) -> None:
        """Stand a merged cell (shared with the other rows it spans) in this row's column."""
        self.cells[col] = parts
        if page is not None and page not in self.pages:
            self.pages.append(page)

    def build(
        self,
        index: int,
        columns: tuple[str, ...],
        headers: tuple[str, ...],
        pitch: float,
        settings: ExtractSettings,
    ) -> Row:
        fields: dict[str, Cell] = {}
        for col, name in enumerate(columns):
            parts = self.cells.get(col)
            text = parts.text(pitch, settings) if parts else ""
            spans = parts.spans() if parts else ()
            fields[name] = Cell(text=text, spans=spans, header=headers[col])
        return Row(
            index=index,
            fields=fields,
            section=self.section,
            page_first=min(self.pages),
            page_last=max(self.pages),
        )

    def lead_text(self, col: int = 0) -> str:
        """The text of the row's first cell (or of `col`) as first printed."""
        parts = self.cells.get(col)
        return parts.pieces[0][1].text if parts and parts.pieces else ""

    def fill_of(self, col: int) -> tuple[float, float, float] | None:
        parts = self.cells.get(col)
        return parts.fill if parts else None
