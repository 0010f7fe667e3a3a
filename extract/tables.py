"""Find the logical tables of a document: the entry point of the extract stage.

Grids are read page by page (fragments.py), then stitched in reading order: a grid that opens a
page, matches the open table's columns and repeats its header (or has none) continues that table;
a split row is merged back (rows.py); banner rows and headings between tables become sections
(sections.py); headers map onto the canonical schema (headers.py); plan identity comes from the
document's own text (identity.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from councilpapers.extract.column_content import ColumnCell, column_content
from councilpapers.extract.column_map import map_columns
from councilpapers.extract.fragments import read_page
from councilpapers.extract.header_search import HeaderChoice, find_header
from councilpapers.extract.headers import header_key
from councilpapers.extract.identity import plan_identity
from councilpapers.extract.kinds import table_kind
from councilpapers.extract.layout import Line, paragraphs, to_lines
from councilpapers.extract.merged import MergedCells, merged_section, rows_own_ref
from councilpapers.extract.rag import rag_rating
from councilpapers.extract.raw import Fragment, RawRow, TextBlock
from councilpapers.extract.rows import RowBuilder
from councilpapers.extract.sections import REF, SectionState, banner_parts
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.stream_model import Columns
from councilpapers.records import (
    Cell,
    ColumnMapping,
    Document,
    Page,
    PlanIdentity,
    Row,
    Section,
    Table,
)
from councilpapers.vocabularies import TableKind

STAMP_LIKE = re.compile(r"^\W*(page|agenda item|item|appendix)\b", re.IGNORECASE)
DATED_KINDS = ("action_plan", "rag_snapshot", "indicators")  # may be versions named by a date
HEADING_WORDS = 16  # a longer line outside a table is prose, not a title
LEADING_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d+)*)[.)]?\s")


@dataclass
class OpenTable:
    """A logical table being assembled."""

    columns: tuple[str, ...]
    headers: tuple[str, ...]
    boundaries: tuple[float, ...]
    pitch: float
    title: str | None
    merged: MergedCells
    ruled: bool = True
    rows: list[RowBuilder] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    closed: bool = False
    heading: str | None = None  # the title printed over it, running header or not
    repeats: set[tuple[str, ...]] = field(default_factory=set)  # title and header rows' keys
    known: bool = True  # it printed a header (else columns are "Column N", typed by content)
    grid_title: str | None = None  # title rows printed inside the grid above the header
    note: str = ""  # how the header was found
    mapping: tuple[ColumnMapping, ...] = ()  # per column: field and evidence (set when done)

    @cached_property
    def key(self) -> tuple[str, ...]:
        """The header in comparable form (headers never change once a table is open)."""
        return header_key(self.headers)

    def fits(self, fragment: Fragment, slack: float) -> bool:
        """Same columns, within `slack` points? (An unruled table's right edge is only where its
        text ends.)"""
        theirs, ours = fragment.grid.columns, self.boundaries
        if not fragment.ruled and not self.ruled:
            theirs, ours = theirs[:-1], ours[:-1]
        return len(theirs) == len(ours) and all(
            abs(a - b) <= slack for a, b in zip(theirs, ours, strict=True)
        )


def find_tables(
    document: Document, settings: ExtractSettings | Mapping[str, object] | None = None
) -> list[Table]:
    """Every logical table in the document, in reading order.

    `settings`: None (the defaults), a dict of overrides or an `ExtractSettings`."""
    resolved = ExtractSettings.resolve(settings)
    builder = _Assembler(resolved)
    for page in document.pages:
        builder.furniture = to_lines(page.furniture, resolved)
        builder.read(read_page(page, resolved, builder.hint()))
    tables = builder.done()
    for table in tables:
        _map(table, resolved)
    loose = {page: " ".join(line.text for line in lines) for page, lines in builder.loose.items()}
    headings = {page: _heading_lines(lines) for page, lines in builder.loose.items()}
    plans: list[PlanIdentity] = []
    previous: tuple[list[OpenTable], PlanIdentity] | None = None
    for run in _plan_runs(tables):
        pages = (min(run[0].pages), max(run[-1].pages))
        titles = [title for t in run for title in (t.title, t.grid_title) if title]
        dated = any(table_kind(t.columns, t.headers) in DATED_KINDS for t in run)
        plan = plan_identity(document, pages, loose, resolved, titles, headings if dated else None)
        if plan == PlanIdentity() and previous is not None and _carries_on(previous[0], run):
            plan = previous[1]
        previous = (run, plan)
        plans.extend(plan for _ in run)
    return [
        _finish(index, table, plan, resolved)
        for index, (table, plan) in enumerate(zip(tables, plans, strict=True))
    ]


def _heading_lines(lines: Sequence[Line]) -> list[str]:
    """Lines outside tables that read as headings or titles, not prose: a few words, or bold
    or larger than the page's body text, and no full stop."""
    sizes = sorted(line.size for line in lines)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    return [
        line.text
        for line in lines
        if not line.text.rstrip().endswith(".")
        and (
            len(line.words) <= HEADING_WORDS // 2
            or (
                len(line.words) <= HEADING_WORDS
                and (all(w.bold for w in line.words) or line.size > body + 0.5)
            )
        )
    ]


def _plan_runs(tables: Sequence[OpenTable]) -> list[list[OpenTable]]:
    """Consecutive tables with the same header and no gap between them belong to one plan."""
    runs: list[list[OpenTable]] = []
    for table in tables:
        last = runs[-1][-1] if runs else None
        if last is not None and min(table.pages) <= max(last.pages) + 1 and table.key == last.key:
            runs[-1].append(table)
        else:
            runs.append([table])
    return runs


def _carries_on(before: Sequence[OpenTable], run: Sequence[OpenTable]) -> bool:
    """Does a run of tables that names no plan carry on the plan of the run just before it: the
    same number of columns, from the page that one ends on or the next (its header may read
    differently, as when the first page's title block sat in the grid)?"""
    last, first = before[-1], run[0]
    return min(first.pages) <= max(last.pages) + 1 and len(first.columns) == len(last.columns)


def find_page_grids(
    page: Page, settings: ExtractSettings | Mapping[str, object] | None = None
) -> list[list[list[str]]]:
    """Every ruled table on one page as rows of cell strings (no merging, headers included)."""
    resolved = ExtractSettings.resolve(settings)
    grids = [item for item in read_page(page, resolved) if isinstance(item, Fragment)]
    return [[[cell.text for cell in row.cells] for row in grid.rows] for grid in grids]


class _Assembler:
    def __init__(self, settings: ExtractSettings) -> None:
        self.settings = settings
        self.tables: list[OpenTable] = []
        self.open: OpenTable | None = None
        self.caption: list[tuple[int, Line]] = []
        self.sections = SectionState()
        self.loose: dict[int, list[Line]] = {}
        self.furniture: list[Line] = []

    def hint(self) -> Columns | None:
        """The columns of an unruled table still open, for a continuation page."""
        table = self.open
        if table is None or table.closed or table.ruled:
            return None
        return Columns(
            lefts=table.boundaries[:-1],
            right=table.boundaries[-1] - 1,
            edge=self.settings.column_edge,
        )

    def done(self) -> list[OpenTable]:
        return [t for t in self.tables if t.rows]

    def read(self, items: Sequence[Fragment | TextBlock]) -> None:
        first_on_page = True
        for item in items:
            if isinstance(item, TextBlock):
                self.caption.append((item.page, item.line))
                self.loose.setdefault(item.page, []).append(item.line)
                if self.open and item.page in self.open.pages:
                    self.open.closed = True
            else:
                self._fragment(item, first_on_page)
            first_on_page = False

    def _fragment(self, fragment: Fragment, first_on_page: bool) -> None:
        rows = [r for r in fragment.rows if not r.empty]
        ncols = fragment.grid.ncols
        table = self.open
        open_ = (
            table is not None
            and not table.closed
            and table.fits(fragment, self.settings.column_slack)
        )
        next_page = table is not None and first_on_page and fragment.page == table.pages[-1] + 1
        same_page = table is not None and not self.caption and fragment.page == table.pages[-1]
        if open_ and next_page and table is not None:
            rows = _without_repeats(rows, table)  # print titles and repeated header rows
        choice = find_header(rows, ncols, self.settings)
        continues = open_ and (
            (
                next_page
                and (
                    choice.count == 0
                    or (table is not None and choice.key == table.key)
                    or choice.score < self.settings.new_header_score
                )
            )
            or (same_page and choice.count == 0)
        )
        if not continues or table is None:
            table = self._start(fragment, choice)
            body = rows[choice.body :]
        else:
            body = rows[choice.body :] if choice.key == table.key and choice.count else rows
        self._rows(table, fragment, body, continues)
        self.caption = []

    def _start(self, fragment: Fragment, choice: HeaderChoice) -> OpenTable:
        previous = self.open
        caption = [line for page, line in self.caption if page >= fragment.page - 1]
        before = self.sections.current
        self.sections.apply_caption(caption, self.settings)
        ncols = fragment.grid.ncols
        headers = choice.texts if choice.count else tuple(f"Column {i + 1}" for i in range(ncols))
        title = _title(self.caption, fragment.page, self.settings) or choice.title
        heading = title or _running_title(self.furniture, fragment.top)
        if (
            self.sections.current == before
            and previous is not None
            and (previous.key != header_key(headers) or _retitled(previous.heading, title))
        ):
            self.sections.current = Section()
        rows = [r for r in fragment.rows if not r.empty][: choice.body]
        table = OpenTable(
            columns=tuple(f"column_{i + 1}" for i in range(ncols)),
            headers=headers,
            boundaries=fragment.grid.columns,
            pitch=fragment.pitch,
            title=title,
            merged=MergedCells(self.settings),
            ruled=fragment.ruled,
            heading=heading,
            repeats={_row_key(row, ncols) for row in rows},
            known=choice.count > 0,
            grid_title=choice.title,
            note=_note(choice),
        )
        self.tables.append(table)
        self.open = table
        return table

    def _rows(
        self, table: OpenTable, fragment: Fragment, rows: list[RawRow], continues: bool
    ) -> None:
        if fragment.page not in table.pages:
            table.pages.append(fragment.page)
        banners: list[tuple[str, str, str]] = []
        first = True
        for row in rows:
            if row.spans_most(fragment.grid.ncols):
                number, title = banner_parts([c.text for c in row.cells])
                banners.append((number, title, _style(row)))
                continue
            if banners:
                self.sections.apply_banners(banners)
                banners = []
            if _repeats_header(row, table):
                continue
            bottom = fragment.grid.bbox[3]
            lead = table.merged.lead(row)
            if continues and first and table.rows and _continues_row(table, lead):
                table.rows[-1].add(fragment.page, row.cells)
                table.merged.seen(table.rows[-1], fragment.page, row, bottom)
            else:
                builder = RowBuilder(section=self.sections.current)
                table.merged.place(builder, fragment.page, row, continues and first, bottom)
                table.rows.append(builder)
            first = False
        if banners:
            self.sections.apply_banners(banners)


def _repeats_header(row: RawRow, table: OpenTable) -> bool:
    """A header (or title) row printed again inside the table (some writers repeat it
    mid-page; spreadsheets print their title rows at every page top). A repeat may carry text
    before its own in a cell: a spreadsheet prints a merged cell's text clipped to the page, and
    the part cut off above the page's first row reads into the row at the top, or is printed
    over the header's own words, which are then the row's bold ones, one or more in each cell
    that holds text (a body row carried on beside a bold header cell is no repeat)."""
    key = _row_key(row, len(table.headers))
    if key in table.repeats or any(_ends_like(key, repeat) for repeat in table.repeats):
        return True
    bold = _row_key(row, len(table.headers), bold=True)
    same_cells = all(bool(a) == bool(b) for a, b in zip(key, bold, strict=True))
    return any(bold) and same_cells and bold in table.repeats


def _ends_like(key: tuple[str, ...], repeat: tuple[str, ...]) -> bool:
    """Every cell of `key` is the repeat's cell, or ends with it after other words."""
    return (
        len(key) == len(repeat)
        and any(repeat)
        and all(
            k == r or (bool(r) and k.endswith(" " + r)) for k, r in zip(key, repeat, strict=True)
        )
    )


def _row_key(row: RawRow, ncols: int, bold: bool = False) -> tuple[str, ...]:
    """A row's texts by column in comparable form (`bold`: of its bold words only)."""
    texts = [""] * ncols
    for cell in row.cells:
        if cell.col_start < ncols:
            words = [w.text for line in cell.lines for w in line.words if w.bold]
            texts[cell.col_start] = " ".join(words) if bold else cell.text.replace("\n", " ")
    return header_key(texts)


def _without_repeats(rows: list[RawRow], table: OpenTable) -> list[RawRow]:
    """A continuation's rows less the title and header rows it repeats at its top."""
    start = 0
    while start < len(rows) and _repeats_header(rows[start], table):
        start += 1
    return rows[start:]


def _note(choice: HeaderChoice) -> str:
    found = f"{choice.skip} title + {choice.count} header rows ({choice.score:.2f})"
    return f"{found}; {choice.note}" if choice.note else found


def _continues_row(table: OpenTable, lead: str) -> bool:
    """Does a page's first row carry on the row the page break split?

    Yes when its first cell is empty, or when the table numbers its rows in the first cell and
    this one carries no number. Merged columns do not count: a merged-down cell at the page top
    stands beside new rows as well as carried-on ones (`lead` is the row's own first cell)."""
    if not lead:
        return True
    column = table.merged.lead_column()
    leads = [b.lead_text(column) for b in table.rows]
    numbered = sum(bool(REF.match(t)) for t in leads)
    return numbered >= max(2, 0.8 * len(leads)) and not REF.match(lead)


def _style(row: RawRow) -> str:
    texts = " ".join(c.text for c in row.cells)
    letters = [ch for ch in texts if ch.isalpha()]
    upper = bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
    fills = sorted({str(tuple(round(v, 2) for v in c.fill)) if c.fill else "-" for c in row.cells})
    return f"{'upper' if upper else 'mixed'}|{','.join(fills)}"


def _title(caption: Sequence[tuple[int, Line]], page: int, settings: ExtractSettings) -> str | None:
    """The table's title: the most prominent of the last few lines above it on its page."""
    lines = [line for number, line in caption[-4:] if number == page]
    if not lines:
        return None
    size = max(line.size for line in lines)
    prominent = [line for line in lines if line.size >= size - 0.25]
    paras = paragraphs(prominent, settings)
    return paras[-1] if paras and len(paras[-1]) <= 200 else None


def _running_title(furniture: Sequence[Line], top: float) -> str | None:
    """A title set aside as a running header (printed on every page or slide of a part), above
    the table: the most prominent such line."""
    above = [
        line
        for line in furniture
        if line.bottom <= top and len(line.words) >= 3 and not STAMP_LIKE.match(line.text)
    ]
    if not above:
        return None
    size = max(line.size for line in above)
    return next(line.text for line in above if line.size >= size - 0.25)


def _retitled(before: str | None, now: str | None) -> bool:
    """A table printed under a title of its own that differs from the previous table's title
    (printed or running) starts afresh: banners above the old one end. Under the same title, a
    running one, or none, a banner carries on to the next page or slide. Numbers are ignored."""
    if before is None or now is None:
        return False
    return header_key([re.sub(r"\d+", "#", before)]) != header_key([re.sub(r"\d+", "#", now)])


def _map(table: OpenTable, settings: ExtractSettings) -> None:
    """Name the table's columns from its header and its cells (`column_map.py`)."""
    ncols = len(table.headers)
    contents = [
        column_content(
            [
                ColumnCell(_cell_text(b, col, table.pitch, settings), b.fill_of(col))
                for b in table.rows
            ],
            settings,
        )
        for col in range(ncols)
    ]
    mapping = map_columns(table.headers, contents, table.known, settings)
    columns = rows_own_ref(tuple(m.name for m in mapping), table.merged.columns)
    table.columns = columns
    table.mapping = tuple(
        replace(m, name=name) if m.name != name else m
        for m, name in zip(mapping, columns, strict=True)
    )


def _cell_text(builder: RowBuilder, col: int, pitch: float, settings: ExtractSettings) -> str:
    parts = builder.cells.get(col)
    return parts.text(pitch, settings) if parts else ""


def _finish(index: int, table: OpenTable, plan: PlanIdentity, settings: ExtractSettings) -> Table:
    rows = [
        b.build(i, table.columns, table.headers, table.pitch, settings)
        for i, b in enumerate(table.rows)
    ]
    kind: TableKind = table_kind(table.columns, table.headers)
    if "rag" in table.columns:
        col = table.columns.index("rag")
        rows = [
            _with_rag(row, builder.fill_of(col), settings)
            for row, builder in zip(rows, table.rows, strict=True)
        ]
    if kind == "rag_snapshot":
        rows = [_numbered(row, table.title) for row in rows]
    elif table.merged.columns:
        rows = [merged_section(row, table.columns, table.merged.columns) for row in rows]
    first, last = min(table.pages), max(table.pages)
    return Table(
        index=index,
        kind=kind,
        columns=table.columns,
        headers=table.headers,
        rows=tuple(rows),
        plan=plan,
        title=table.title,
        page_first=first,
        page_last=last,
        mapping=table.mapping,
        header_note=table.note,
    )


def _with_rag(row: Row, fill: tuple[float, float, float] | None, settings: ExtractSettings) -> Row:
    cell = row.fields["rag"]
    rating = rag_rating(cell.text, fill, settings, rating=True)
    fields = dict(row.fields)
    fields["rag"] = Cell(text=rating or cell.text, spans=cell.spans, header=cell.header)
    return Row(
        index=row.index,
        fields=fields,
        section=row.section,
        page_first=row.page_first,
        page_last=row.page_last,
    )


def _numbered(row: Row, title: str | None) -> Row:
    """Snapshot rows: the recommendation's printed number (before its wording, or in a number
    column of its own) is both ref and section number."""
    match = LEADING_NUMBER.match(row.text("outcome") + " ")
    own = re.fullmatch(r"(\d{1,3}(?:\.\d+)*)[.)]?", row.text("ref").strip())
    number = match.group(1) if match else own.group(1) if own else None
    fields = dict(row.fields)
    if "ref" not in fields or not fields["ref"].text:
        source = fields.get("outcome")
        fields["ref"] = Cell(text=number or "", spans=source.spans if source else (), header="")
    section = Section(number=number, title=title, group=None, part=None)
    return Row(
        index=row.index,
        fields=fields,
        section=section,
        page_first=row.page_first,
        page_last=row.page_last,
    )
