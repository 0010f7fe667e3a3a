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
from dataclasses import dataclass, field
from functools import cached_property

from councilpapers.extract.fragments import read_page
from councilpapers.extract.headers import header_key, header_score, map_headers
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
    Document,
    Page,
    PlanIdentity,
    Row,
    Section,
    Table,
    TableKind,
)

STAMP_LIKE = re.compile(r"^\W*(page|agenda item|item|appendix)\b", re.IGNORECASE)
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
    loose = {page: " ".join(line.text for line in lines) for page, lines in builder.loose.items()}
    plans: list[PlanIdentity] = []
    for run in _plan_runs(tables):
        pages = (min(run[0].pages), max(run[-1].pages))
        plan = plan_identity(document, pages, loose, resolved)
        plans.extend(plan for _ in run)
    return [
        _finish(index, table, plan, resolved)
        for index, (table, plan) in enumerate(zip(tables, plans, strict=True))
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
        n_header = _header_rows(rows, fragment.grid.ncols)
        header_texts = _header_texts(rows[:n_header], fragment.grid.ncols)
        table = self.open
        continues = (
            table is not None
            and not table.closed
            and table.fits(fragment, self.settings.column_slack)
            and (n_header == 0 or header_key(header_texts) == table.key)
            and (
                (first_on_page and fragment.page == table.pages[-1] + 1)
                or (not self.caption and fragment.page == table.pages[-1] and n_header == 0)
            )
        )
        if not continues or table is None:
            table = self._start(fragment, header_texts)
        self._rows(table, fragment, rows[n_header:], continues)
        self.caption = []

    def _start(self, fragment: Fragment, header_texts: list[str]) -> OpenTable:
        previous = self.open
        caption = [line for page, line in self.caption if page >= fragment.page - 1]
        before = self.sections.current
        self.sections.apply_caption(caption, self.settings)
        headers = (
            tuple(header_texts)
            if header_texts
            else tuple(f"Column {i + 1}" for i in range(fragment.grid.ncols))
        )
        title = _title(self.caption, fragment.page, self.settings)
        heading = title or _running_title(self.furniture, fragment.top)
        if (
            self.sections.current == before
            and previous is not None
            and (previous.key != header_key(headers) or _retitled(previous.heading, title))
        ):
            self.sections.current = Section()
        table = OpenTable(
            columns=map_headers(headers),
            headers=headers,
            boundaries=fragment.grid.columns,
            pitch=fragment.pitch,
            title=title,
            merged=MergedCells(self.settings),
            ruled=fragment.ruled,
            heading=heading,
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
    """A header row printed again inside the table (some writers repeat it mid-page)."""
    texts = [""] * len(table.headers)
    for cell in row.cells:
        if cell.col_start < len(texts):
            texts[cell.col_start] = cell.text.replace("\n", " ")
    return header_key(texts) == table.key


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


def _header_rows(rows: Sequence[RawRow], ncols: int) -> int:
    """How many leading rows are header rows: a recognised header, plus header-styled rows."""
    if not rows or rows[0].spans_most(ncols):
        return 0
    texts = [c.text for c in rows[0].cells]
    filled = [c for c in rows[0].cells if c.text]
    styled = len(filled) >= 2 and all(c.bold for c in filled)
    short = bool(filled) and sum(len(c.text) for c in filled) / len(filled) <= 60
    first_is_header = header_score(texts) >= 0.5 or (
        styled and len(rows) > 1 and (short or not all(c.bold for c in rows[1].cells if c.text))
    )
    if not first_is_header:
        return 0
    count = 1
    style = {c.fill for c in rows[0].cells}
    for row in rows[1:]:
        styled = all(c.bold for c in row.cells if c.text) and {c.fill for c in row.cells} <= style
        if not styled or row.spans_most(len(row.cells) + 2) or not any(c.text for c in row.cells):
            break
        if header_score([c.text for c in row.cells]) == 0 and LEADING_NUMBER.match(
            row.cells[0].text + " "
        ):
            break
        count += 1
    return count


def _header_texts(rows: Sequence[RawRow], ncols: int) -> list[str]:
    """The printed header of each column (first header row; later rows are sub-headers)."""
    if not rows:
        return []
    texts = [""] * ncols
    for cell in rows[0].cells:
        texts[cell.col_start] = cell.text.replace("\n", " ")
    return texts


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


def _finish(index: int, table: OpenTable, plan: PlanIdentity, settings: ExtractSettings) -> Table:
    table.columns = rows_own_ref(table.columns, table.merged.columns)
    rows = [
        b.build(i, table.columns, table.headers, table.pitch, settings)
        for i, b in enumerate(table.rows)
    ]
    kind: TableKind = table_kind(table.columns, table.headers)
    if "rag" in table.columns:
        col = table.columns.index("rag")
        rows = [
            _with_rag(row, builder.fill_of(col))
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
    )


def _with_rag(row: Row, fill: tuple[float, float, float] | None) -> Row:
    cell = row.fields["rag"]
    rating = rag_rating(cell.text, fill)
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
