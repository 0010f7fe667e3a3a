"""Unruled tables: columns read from the text itself.

Plans set without cell borders still print a header row whose cells read as known headers
("Ref", "Actions", "Lead", …). Its cells fix the columns; every body word below joins the column
its left edge falls in; a new row starts where the first column carries a row number (or, in
unnumbered tables, after a gap); a line whose words run across column boundaries is a banner.
The table ends at a heading ("Theme 3", "Objective 3.1"), a new header, or the page's end. A
continuation page without a header reuses the open table's columns (`hint`). The result is the
same Fragment a ruled grid gives, so stitching, merging and sections work alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from councilpapers.extract.columns import find_blocks
from councilpapers.extract.grid import Grid, GridCell
from councilpapers.extract.headers import canonical_name, header_score
from councilpapers.extract.layout import Line, to_lines
from councilpapers.extract.raw import Fragment, RawCell, RawRow, raw_cell
from councilpapers.extract.sections import HEADING, REF
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.stream_model import Columns, run_text, runs, word_gap


def header_at(
    lines: Sequence[Line], index: int, settings: ExtractSettings, gap: float = 0.0
) -> Columns | None:
    """Columns of a header row starting at lines[index], if that line reads as a header."""
    line_runs = runs(lines[index], settings, gap)
    texts = [run_text(r) for r in line_runs]
    known = [t for t in texts if canonical_name(t) and len(t) <= 60]
    bold = all(w.bold for w in lines[index].words)
    if len(line_runs) < settings.min_columns or len(known) < settings.min_columns:
        return None
    if header_score(texts) < 0.6 or not (bold or len(known) >= 4):
        return None
    lefts = tuple(r[0].x0 for r in line_runs)
    right = max(w.x1 for w in lines[index].words)
    return Columns(lefts=lefts, right=right, edge=settings.column_edge, gap=gap)


def find_stream_tables(
    number: int,
    lines: Sequence[Line],
    pitch: float,
    hint: Columns | None,
    settings: ExtractSettings,
) -> tuple[list[Fragment], list[Line]]:
    """Unruled tables among a page's loose lines; returns them and the lines left over."""
    fragments: list[Fragment] = []
    leftover: list[Line] = []
    i = 0
    gap = word_gap(lines)
    if hint is not None:
        hint = replace(hint, gap=gap)
    columns = hint if hint and _fits(lines[:8], hint, settings) else None
    start = 0
    while i < len(lines):
        found = header_at(lines, i, settings, gap)
        if found is not None and not (columns and i == start and _same(found, columns, settings)):
            if columns is not None and i > start:
                fragments.append(_fragment(number, lines[start:i], columns, pitch, settings))
            columns, start = _widen(found, lines, i), i
        elif columns is not None and _ends_table(lines[i], columns, i > start, settings):
            fragments.append(_fragment(number, lines[start:i], columns, pitch, settings))
            columns = None
        if columns is None:
            leftover.append(lines[i])
            start = i + 1
        i += 1
    if columns is not None and start < len(lines):
        fragments.append(_fragment(number, lines[start:], columns, pitch, settings))
    return _headerless(number, fragments, leftover, (gap, pitch), settings)


def _headerless(
    number: int,
    fragments: list[Fragment],
    lines: list[Line],
    spacing: tuple[float, float],
    settings: ExtractSettings,
) -> tuple[list[Fragment], list[Line]]:
    """Add the tables found from white space alone among the lines still loose (`spacing`: the
    page's gap between runs and its line pitch)."""
    gap, pitch = spacing
    taken: set[int] = set()
    for start, end, columns in find_blocks(lines, gap, pitch, settings):
        block = lines[start:end]
        fragments.append(_fragment(number, block, columns, pitch, settings, generic=True))
        taken.update(range(start, end))
    return fragments, [line for i, line in enumerate(lines) if i not in taken]


def _same(a: Columns, b: Columns, settings: ExtractSettings) -> bool:
    return len(a.lefts) == len(b.lefts) and all(
        abs(x - y) <= settings.same_columns for x, y in zip(a.lefts, b.lefts, strict=True)
    )


def _fits(lines: Sequence[Line], columns: Columns, settings: ExtractSettings) -> bool:
    """Do the page's first lines sit in these columns? Text runs stay within a column, except
    banner headings, which start at a column's left edge after the first."""
    if not lines:
        return False
    good = sum(_sits_in(line, columns, settings) for line in lines)
    return good >= 0.8 * len(lines)


def _sits_in(line: Line, columns: Columns, settings: ExtractSettings) -> bool:
    if line.x0 < columns.lefts[0] - settings.outdent:
        return False
    for run in runs(line, settings, columns.gap):
        start = columns.index(run[0].x0)
        if start != columns.index(run[-1].x0) and not (
            start >= 1 and abs(run[0].x0 - columns.lefts[start]) <= settings.banner_edge
        ):
            return False
    return True


def _crosses(line: Line, columns: Columns, settings: ExtractSettings) -> bool:
    bold = all(w.bold for w in line.words)
    return any(
        columns.index(run[-1].x0) - columns.index(run[0].x0) >= (1 if bold else 2)
        for run in runs(line, settings, columns.gap)
    )


def _widen(columns: Columns, lines: Sequence[Line], index: int) -> Columns:
    right = max((line.x1 for line in lines[index:]), default=columns.right)
    return replace(columns, right=max(columns.right, right))


def _ends_table(line: Line, columns: Columns, has_rows: bool, settings: ExtractSettings) -> bool:
    if not has_rows:
        return False
    return bool(HEADING.match(line.text)) or line.x0 < columns.lefts[0] - settings.table_end


def _fragment(
    number: int,
    lines: Sequence[Line],
    columns: Columns,
    pitch: float,
    settings: ExtractSettings,
    generic: bool = False,
) -> Fragment:
    groups = _row_groups(lines, columns, pitch, settings, generic)
    edges = (*columns.lefts, columns.right + 1)
    limits = _column_limits(lines, columns, settings)
    rows: list[RawRow] = []
    grid_rows: list[tuple[GridCell, ...]] = []
    for group in groups:
        row = _row(group, columns, limits, pitch, settings)
        rows.append(row)
        grid_rows.append(tuple(GridCell(c.bbox, c.col_start, c.col_end) for c in row.cells))
    top, bottom = lines[0].top, lines[-1].bottom
    grid = Grid((edges[0], top, edges[-1], bottom), tuple(edges), tuple(grid_rows))
    return Fragment(number, grid, tuple(rows), pitch, ruled=False)


def _column_limits(
    lines: Sequence[Line], columns: Columns, settings: ExtractSettings
) -> list[float]:
    """The right edge of each column's text over the whole fragment."""
    limits = [left for left in columns.lefts]
    for line in lines:
        if _crosses(line, columns, settings):
            continue
        for word in line.words:
            k = columns.index(word.x0)
            limits[k] = max(limits[k], word.x1)
    return limits


def _row_groups(
    lines: Sequence[Line],
    columns: Columns,
    pitch: float,
    settings: ExtractSettings,
    generic: bool = False,
) -> list[list[Line]]:
    """Lines grouped into rows: banners apart, data rows split at row numbers or gaps (or, in a
    table found from white space alone, at every line with first-column text)."""
    firsts = [_first_column(line, columns) for line in lines]
    numbered = _numbered(lines, firsts, pitch, settings)
    groups: list[list[Line]] = []
    kinds: list[bool] = []  # is the group a banner?
    previous: Line | None = None
    for line, first in zip(lines, firsts, strict=True):
        banner = _is_banner(line, columns, settings)
        step = line.bottom - previous.bottom if previous else 0.0
        header_ends = bool(groups) and _bold(groups[-1]) and not _bold([line])
        if banner and kinds and kinds[-1] and not first and step <= pitch * settings.banner_wrap:
            groups[-1].append(line)  # a banner heading wrapped onto a second line
        elif (
            previous is None
            or banner
            or kinds[-1]
            or header_ends
            or (numbered and bool(REF.match(first)))
            or (generic and not numbered and bool(first))
            or (not numbered and pitch > 0 and step > pitch * settings.row_gap)
        ):
            groups.append([line])
            kinds.append(banner)
        else:
            groups[-1].append(line)
        previous = line
    return groups


def _bold(lines: Sequence[Line]) -> bool:
    return all(w.bold for line in lines for w in line.words)


def _is_banner(line: Line, columns: Columns, settings: ExtractSettings) -> bool:
    """A heading across the table: text running over column boundaries, or a bold line that
    holds only a number and a title in the first two columns. A plain (not bold) line that
    opens with a row number is a data row, however tightly its columns are set."""
    bold = all(w.bold for w in line.words)
    if not bold and REF.match(_first_column(line, columns)):
        return False
    if _crosses(line, columns, settings):
        return True
    used = {columns.index(w.x0) for w in line.words}
    return len(columns.lefts) > 3 and all(w.bold for w in line.words) and used <= {0, 1}


def _numbered(
    lines: Sequence[Line], firsts: Sequence[str], pitch: float, settings: ExtractSettings
) -> bool:
    """Does the first column number the rows? Judged on the lines that could open a row: those
    whose first-column text follows a gap or an empty first column."""
    starts = [
        first
        for i, first in enumerate(firsts)
        if first
        and (
            i == 0
            or not firsts[i - 1]
            or lines[i].bottom - lines[i - 1].bottom > pitch * settings.row_gap
        )
    ]
    hits = sum(bool(REF.match(t)) for t in starts)
    return hits >= max(2, 0.6 * len(starts))


def _first_column(line: Line, columns: Columns) -> str:
    return run_text([w for w in line.words if columns.index(w.x0) == 0])


def _row(
    group: list[Line],
    columns: Columns,
    limits: list[float],
    pitch: float,
    settings: ExtractSettings,
) -> RawRow:
    top, bottom = min(line.top for line in group), max(line.bottom for line in group)
    if _is_banner(group[0], columns, settings):
        return _banner(group, columns, (top, bottom), settings)
    cells = []
    for k, left in enumerate(columns.lefts):
        words = [w for line in group for w in line.words if columns.index(w.x0) == k]
        lines = to_lines(words, settings)
        box = (round(left, 2), round(top, 2), round(limits[k] + 0.5, 2), round(bottom, 2))
        cells.append(_cell(lines, box, (k, k + 1), pitch, settings))
    return RawRow(tuple(cells))


def _banner(
    group: list[Line], columns: Columns, height: tuple[float, float], settings: ExtractSettings
) -> RawRow:
    """A spanning heading: a number in the first column (if any) and the text across the rest
    (`height`: the top and bottom of the banner's lines)."""
    top, bottom = height
    n = len(columns.lefts)
    words = [w for line in group for w in line.words]
    first = [w for w in words if columns.index(w.x0) == 0]
    rest = [w for w in words if columns.index(w.x0) != 0]
    if first and rest and len(first) == 1 and REF.match(first[0].text):
        number_box = (columns.lefts[0], top, columns.lefts[1], bottom)
        number = _cell([Line(tuple(first))], number_box, (0, 1), 0, settings)
        title_box = (columns.lefts[1], top, columns.right, bottom)
        title = _cell(to_lines(rest, settings), title_box, (1, n), 0, settings)
        return RawRow((number, title))
    box = (columns.lefts[0], top, columns.right, bottom)
    return RawRow((_cell(group, box, (0, n), 0, settings),))


def _cell(
    lines: Sequence[Line],
    box: tuple[float, float, float, float],
    span: tuple[int, int],
    pitch: float,
    settings: ExtractSettings,
) -> RawCell:
    """A cell of the columns `span` (start inclusive, end exclusive)."""
    start, end = span
    return raw_cell(lines, box, start, end, pitch or None, settings)
