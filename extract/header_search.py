"""Finding a table's header by evidence, among its first rows.

A printed table may open with title rows (a plan's title block typed into a spreadsheet's grid:
one cell of text across the grid), then one, two or three header rows (group headings merged
above the column names: "Progress" over "Status | Update | RAG"), then its body. Every way of
reading the first rows that way is a candidate: `skip` title rows, then `count` header rows
(none at all is a candidate too). Each is scored:

- how header-like its rows are: short cells, no sentence punctuation, not numbers or dates,
  bold, filled, most columns covered, and unlike the first body row below (a header reads
  differently from its body; banner rows across the table are passed over);
- how well its column names read as schema fields (the header classifier's confidence that a
  cell names a field, `header_model.py`).

The best candidate is the header, each column's text its column name with any group heading
above it ("Progress › Status"), the skipped rows' text the table's title; the runner-up is kept
for debugging (`HeaderChoice.note`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.extract.headers import header_field, header_key
from councilpapers.extract.raw import RawCell, RawRow
from councilpapers.extract.settings import ExtractSettings

GROUP = " › "
SENTENCE = re.compile(r"[a-z]{2}[.;!](\s|$)")
DATA_LIKE = re.compile(
    r"^\W*(\d{1,3}(\.\d+)*[a-z]?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[RAGB]|(19|20)\d\d(/\d\d)?)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HeaderChoice:
    """How a table's first rows read: title rows, header rows and each column's header."""

    skip: int  # title rows above the header
    count: int  # header rows (0: no header found)
    texts: tuple[str, ...]  # per column: "Group › Column", or the column name alone
    title: str | None  # the title rows' text
    score: float
    note: str = ""  # the runner-up, for debugging

    @property
    def key(self) -> tuple[str, ...]:
        return header_key(self.texts)

    @property
    def body(self) -> int:
        """Index of the first body row."""
        return self.skip + self.count


def find_header(rows: Sequence[RawRow], ncols: int, settings: ExtractSettings) -> HeaderChoice:
    """The best reading of the table's first rows (see the module docstring)."""
    candidates = [
        _candidate(rows, ncols, skip, count, settings)
        for skip in range(0, _titles(rows, ncols, settings) + 1)
        for count in range(0, settings.header_rows + 1)
        if skip + count <= len(rows)  # a header may end its page: its body is on the next
    ]
    ranked = sorted(candidates, key=lambda c: -c.score)
    best = ranked[0]
    if len(ranked) > 1:
        other = ranked[1]
        note = f"runner-up: {other.skip} title + {other.count} header rows ({other.score:.2f})"
        best = HeaderChoice(best.skip, best.count, best.texts, best.title, best.score, note)
    return best


def _titles(rows: Sequence[RawRow], ncols: int, settings: ExtractSettings) -> int:
    """How many leading rows could be title rows: one filled cell each, the rest blank, its text
    starting at the grid's left edge (a title typed into the first cell, or merged across; a
    row with text in a later column only is a row carried on from the page before)."""
    count = 0
    for row in rows[: settings.title_rows]:
        filled = [c for c in row.cells if c.text]
        if len(filled) != 1 or ncols < 2 or filled[0].col_start != 0:
            break
        count += 1
    return count


def _candidate(
    rows: Sequence[RawRow], ncols: int, skip: int, count: int, settings: ExtractSettings
) -> HeaderChoice:
    title = " ".join(_flat(c.text) for row in rows[:skip] for c in row.cells if c.text) or None
    if count == 0:
        score = settings.no_header_score - 0.05 * skip
        return HeaderChoice(skip, 0, (), title, score)
    header = rows[skip : skip + count]
    texts = column_texts(header, ncols)
    body = next((row for row in rows[skip + count :] if not row.spans_most(ncols)), None)
    likeness = min(_likeness(row, ncols, _above(header[:k])) for k, row in enumerate(header))
    contrast = likeness - (_likeness(body, ncols) if body is not None else 0.0)
    fields, named = _field_quality(texts, ncols)
    if named < 2 and not all(_styled(row) for row in header):
        return HeaderChoice(skip, count, texts, title, -1.0)  # no evidence it is a header
    score = 0.35 * likeness + 0.25 * max(0.0, contrast) + 0.4 * fields - 0.02 * (count - 1)
    return HeaderChoice(skip, count, texts, title, round(score, 4))


def _styled(row: RawRow) -> bool:
    """Set as a header: at least two cells, all bold or all filled, and short."""
    filled = [c for c in row.cells if c.text]
    if len(filled) < 2 or sum(len(c.text) for c in filled) / len(filled) > 60:
        return False
    return all(c.bold for c in filled) or all(c.fill is not None for c in filled)


def column_texts(header: Sequence[RawRow], ncols: int) -> tuple[str, ...]:
    """Each column's header: the texts of the header rows' cells covering it, top to bottom,
    joined as "Group › Column" (a cell merged down over several header rows counts once)."""
    out: list[list[str]] = [[] for _ in range(ncols)]
    for row in header:
        for cell in row.cells:
            text = _flat(cell.text)
            for col in range(cell.col_start, min(cell.col_end, ncols)):
                if text and (not out[col] or out[col][-1] != text):
                    out[col].append(text)
    return tuple(GROUP.join(parts) for parts in out)


def column_name(text: str) -> str:
    """The column's own name in a "Group › Column" header."""
    return text.rsplit(GROUP, 1)[-1]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _above(rows: Sequence[RawRow]) -> set[int]:
    """Columns headed by a filled cell of these (upper) header rows."""
    return {
        col for row in rows for c in row.cells if c.text for col in range(c.col_start, c.col_end)
    }


def _likeness(row: RawRow | None, ncols: int, above: set[int] | None = None) -> float:
    """How much a row reads as a header row, 0..1. A lower row of a stacked header covers the
    columns it names and those an upper row already heads (a name merged down over it, or
    printed once above blank cells)."""
    if row is None:
        return 0.0
    filled = [c for c in row.cells if c.text]
    if not filled:
        return 0.0
    cells = sum(_cell_likeness(c) for c in filled) / len(filled)
    own = {col for c in filled for col in range(c.col_start, c.col_end)}
    covered = len(own | (above or set())) / max(1, ncols)
    styled = sum(c.bold for c in filled) / len(filled)
    filled_share = sum(c.fill is not None for c in filled) / len(filled)
    return 0.6 * cells + 0.15 * min(1.0, covered) + 0.15 * styled + 0.1 * filled_share


def _cell_likeness(cell: RawCell) -> float:
    text = _flat(cell.text)
    words = len(text.split())
    short = 1.0 if words <= 6 else max(0.0, 1.0 - (words - 6) / 14)
    sentence = 0.0 if SENTENCE.search(text) else 1.0
    data = 0.0 if DATA_LIKE.match(text) else 1.0
    return short * (0.5 + 0.5 * sentence) * data


def _field_quality(texts: Sequence[str], ncols: int) -> tuple[float, int]:
    """How well the column names read as schema fields (mean confidence over named columns
    that a field is named, a field named again counting nothing: a group heading read as the
    name of every column under it names one field many times), and how many distinct fields
    are named, and that number."""
    found: list[tuple[str, float]] = []
    for text in texts:
        if not text:
            continue
        name, probability = header_field(column_name(text))
        again = any(name == other and p >= 0.5 for other, p in found)
        found.append((name, probability if name != "none" and not again else 0.0))
    if not found:
        return 0.0, 0
    confidence = sum(p for _, p in found) / len(found)
    distinct = len({name for name, p in found if p >= 0.5})
    return 0.6 * confidence + 0.4 * min(1.0, distinct / max(2, min(4, ncols))), distinct
