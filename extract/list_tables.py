"""A list set as a table of several columns, read a column at a time.

An area SEND report prints its areas for priority action as a table: "Responsible body" in one
column, the action in the other (either order), one row per action, rows parted by ruling lines.
Read line by line, the body's words would run into the action's; so when the line under a list's
heading is a header row of two or more columns (cut where a gap is wider than a table's
column gap), and one column's header names the list ("Areas for priority action"), the table is
read by column: each word goes to the column whose header starts left of it, a row starts at a
ruling line (or, in a table without rules, after a gap wider than the line pitch), and each
row's cell in the list's column is read as one item, with its sub-items, by the list reader.
The column whose header says who is responsible (`RESPONSIBLE`) gives the item's
`responsible_body`. A header row repeated after a page break is passed over; the table ends at a
heading, or at a line whose words cross a column edge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.extract.list_headings import as_prominent, heading_kind, same_wording
from councilpapers.extract.list_items import ListItem, ListReader
from councilpapers.extract.report_lines import TextLine, join_words, part_line, segments
from councilpapers.extract.settings import ExtractSettings

RESPONSIBLE = re.compile(r"\b(responsib\w*|bod(y|ies)|who|owners?|leads?)\b", re.IGNORECASE)
SENTENCE_END = (".", "?", "!", ";")


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each column starts, which holds the items, and which the responsible body."""

    starts: tuple[float, ...]
    items: int
    body: int | None
    header: str  # the header row as printed (repeated after a page break)


def read_table(
    lines: list[TextLine], start: int, heading: TextLine, settings: ExtractSettings
) -> tuple[list[tuple[ListItem, str | None]], int] | None:
    """The items of a list printed as a table under `heading`, each with its responsible body,
    and the index of the first line after the table; None when no table header follows."""
    columns = _columns(lines[start], heading, settings) if start < len(lines) else None
    if columns is None:
        return None
    rows, end = _rows(lines, start + 1, heading, columns)
    found = [_row_item(row, columns, settings) for row in rows]
    return [item for item in found if item is not None], end


def _columns(header: TextLine, heading: TextLine, settings: ExtractSettings) -> Columns | None:
    parts = segments(header, settings)
    if len(parts) < 2:
        return None
    texts = [join_words(part, settings) for part in parts]
    named = [i for i, t in enumerate(texts) if _names_list(t, heading, header)]
    if not named:
        return None
    body = next((i for i, t in enumerate(texts) if i != named[0] and RESPONSIBLE.search(t)), None)
    starts = tuple(part[0].x0 - settings.list_indent * header.size for part in parts)
    return Columns(starts, named[0], body, header.text)


def _names_list(text: str, heading: TextLine, header: TextLine) -> bool:
    probe = TextLine(header.page, header.words, text)
    return heading_kind(probe) is not None or same_wording(probe, heading)


def _rows(
    lines: list[TextLine], index: int, heading: TextLine, columns: Columns
) -> tuple[list[list[TextLine]], int]:
    rows: list[list[TextLine]] = []
    ruled = any(line.rule_above for line in lines[index : index + 40])
    while index < len(lines):
        line = lines[index]
        if line.text == columns.header:  # the header row again, after a page break
            index += 1
            continue
        if heading_kind(line) or _ends(line, heading, rows) or _crosses(line, columns):
            break
        if not rows or _new_row(rows[-1], line, ruled, columns):
            rows.append([])
        rows[-1].append(line)
        index += 1
    return rows, index


def _ends(line: TextLine, heading: TextLine, rows: list[list[TextLine]]) -> bool:
    """A heading as prominent as the list's own, when that heading stands out from the rows."""
    if not rows:
        return False
    body = rows[0][0]
    stands_out = (heading.bold and not body.bold) or heading.size > body.size + 0.5
    return stands_out and as_prominent(line, heading)


def _new_row(row: list[TextLine], line: TextLine, ruled: bool, columns: Columns) -> bool:
    """A row starts at a ruling line (or a gap); over a page break, the row goes on while its
    item's last line leaves a sentence unfinished."""
    before = row[-1]
    if before.page != line.page:
        last = [w.text for w in before.words if _column_of(w.x0, columns.starts) == columns.items]
        return not last or last[-1].endswith(SENTENCE_END)
    if ruled:
        return line.rule_above
    return line.top - before.bottom > before.size * 1.2


def _crosses(line: TextLine, columns: Columns) -> bool:
    """A word straddles a column edge, or the line starts left of the table."""
    if line.x0 < columns.starts[0] - line.size:
        return True
    return any(w.x0 < edge < w.x1 for w in line.words for edge in columns.starts[1:])


def _column_of(x0: float, starts: Sequence[float]) -> int:
    return max(i for i, edge in enumerate(starts) if x0 >= edge or i == 0)


def _cell_lines(
    row: list[TextLine], column: int, columns: Columns, s: ExtractSettings
) -> list[TextLine]:
    out = []
    for line in row:
        words = [w for w in line.words if _column_of(w.x0, columns.starts) == column]
        if words:
            out.append(part_line(line, words, s))
    return out


def _row_item(
    row: list[TextLine], columns: Columns, settings: ExtractSettings
) -> tuple[ListItem, str | None] | None:
    cell = _cell_lines(row, columns.items, columns, settings)
    if not cell:
        return None
    items, _ = ListReader(cell, 0, None, settings).read()
    if not items:
        return None
    item = items[0]
    for more in items[1:]:  # a cell of several paragraphs is still one item
        item = ListItem(item.number, f"{item.text} {more.text}", item.sub_items + more.sub_items,
                        item.group, item.spans + more.spans)  # fmt: skip
    body = None
    if columns.body is not None:
        body_lines = _cell_lines(row, columns.body, columns, settings)
        body = " ".join(line.text for line in body_lines) or None
    return item, body
