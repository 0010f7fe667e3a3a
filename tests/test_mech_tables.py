"""Each table-reading mechanism on a page made for it, with the expected cells written by hand.

Where two mechanisms could give the same text (a ruled grid, and the unruled readers that take
over when the rules are lost), the test also checks the cell's box: a ruled cell's box is the
drawn cell, an unruled one's is where its text is printed. So a test fails when the mechanism it
names stops working, even if another one covers for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from councilpapers.extract.grid import find_grids
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import find_page_grids, find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import BBox, Document, Page, Rule, Table, Word
from tests.drawn import Drawn, write_pdf
from tests.pages import ruled_page

COLS = [40.0, 90.0, 400.0, 560.0]
HEAD = [["Ref"], ["Actions"], ["Lead"]]
BODY = [
    [["1.1"], ["Write the guidance"], ["Head of Service"]],
    [["1.2"], ["Audit case files"], ["AD"]],
    [["1.3"], ["Train managers"], ["HoS"]],
]
WIDE = [40.0, 90.0, 330.0, 450.0, 560.0, 800.0]
WIDE_HEAD = [["Ref"], ["Actions"], ["Lead"], ["Timescale"], ["Current Status"]]
WIDE_BODY = [
    [["1.1"], ["Write the guidance for", "all staff"], ["Head of Service"], ["Dec 2016"], ["Done"]],
    [["1.2"], ["Audit case files"], ["AD"], ["March 2017"], ["Ongoing"]],
    [["1.3"], ["Train managers on", "supervision"], ["HoS"], ["June 2017"], ["Not started"]],
]
# drawn rows (tests/drawn.py): header 60-79, then one-line rows of 19 pt, two-line rows of 30 pt


def _doc(*pages: Page) -> Document:
    return Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=pages)


def cells(table: Table) -> list[dict[str, str]]:
    """Each row's cells with white space runs as one space."""
    return [{k: " ".join(c.text.split()) for k, c in row.fields.items()} for row in table.rows]


def box(table: Table, row: int, name: str) -> list[tuple[int, BBox]]:
    return [(s.page, s.bbox) for s in table.rows[row].fields[name].spans]


WIDE_CELLS = [
    {
        "ref": "1.1",
        "actions": "Write the guidance for all staff",
        "lead": "Head of Service",
        "timescale": "Dec 2016",
        "status": "Done",
    },
    {
        "ref": "1.2",
        "actions": "Audit case files",
        "lead": "AD",
        "timescale": "March 2017",
        "status": "Ongoing",
    },
    {
        "ref": "1.3",
        "actions": "Train managers on supervision",
        "lead": "HoS",
        "timescale": "June 2017",
        "status": "Not started",
    },
]


def test_unruled_table_takes_its_columns_from_the_header_row(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(WIDE, [WIDE_HEAD, *WIDE_BODY], rules="none")]])
    (table,) = find_tables(read_document(pdf))
    assert table.kind == "action_plan"
    assert table.headers == ("Ref", "Actions", "Lead", "Timescale", "Current Status")
    assert cells(table) == WIDE_CELLS
    # columns start where the header words start (x + 4 pt padding), not at drawn rules
    assert box(table, 1, "lead")[0][1][0] == 334.0


def test_unruled_header_row_with_a_single_row_under_it_is_a_table(tmp_path: Path) -> None:
    """Too few lines for white-space columns: only the header row can give the columns."""
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(WIDE, [WIDE_HEAD, WIDE_BODY[0]], rules="none")]])
    (table,) = find_tables(read_document(pdf))
    assert table.headers == ("Ref", "Actions", "Lead", "Timescale", "Current Status")
    assert cells(table) == WIDE_CELLS[:1]


def test_unruled_rows_of_wrapped_cells_each_stay_one_row(tmp_path: Path) -> None:
    body = [WIDE_BODY[0], WIDE_BODY[2], WIDE_BODY[0]]
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(WIDE, [WIDE_HEAD, *body], rules="none")]])
    (table,) = find_tables(read_document(pdf))
    assert cells(table) == [WIDE_CELLS[0], WIDE_CELLS[2], WIDE_CELLS[0]]


def test_header_rule_only_table_reads_its_rows_under_the_rule(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(WIDE, [WIDE_HEAD, *WIDE_BODY], rules="header")]])
    (table,) = find_tables(read_document(pdf))
    assert cells(table) == WIDE_CELLS


def test_headerless_table_found_from_white_space_between_columns(tmp_path: Path) -> None:
    rows = [
        [["Torquay"], ["1,204"], ["North team"]],
        [["Paignton"], ["986"], ["South team"]],
        [["Brixham"], ["411"], ["South team"]],
        [["Totnes"], ["97"], ["Outreach"]],
    ]
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn([40, 200, 300, 480], rows, rules="none")]])
    grids = find_page_grids(read_document(pdf).pages[0])
    assert grids == [[[c[0] for c in row] for row in rows]]


def test_column_projection_keeps_a_cell_whose_words_wrap_in_its_column(tmp_path: Path) -> None:
    rows = [
        [["Torquay"], ["1,204"], ["North team and", "the duty desk"]],
        [["Paignton"], ["986"], ["South team"]],
        [["Brixham"], ["411"], ["South team"]],
    ]
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn([40, 200, 300, 480], rows, rules="none")]])
    (grid,) = find_page_grids(read_document(pdf).pages[0])
    assert [row[0] for row in grid] == ["Torquay", "Paignton", "Brixham"]
    assert " ".join(grid[0][2].split()) == "North team and the duty desk"
    assert [row[1] for row in grid] == ["1,204", "986", "411"]


def test_rules_drawn_as_stroked_paths_make_a_grid(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(COLS, [HEAD, *BODY], rules="paths")]])
    page = read_document(pdf).pages[0]
    (grid,) = find_grids(page, ExtractSettings())
    assert grid.bbox == (40.0, 60.0, 560.0, 136.0)
    assert grid.columns == (40.0, 90.0, 400.0, 560.0)
    assert len(grid.rows) == 4
    (table,) = find_tables(read_document(pdf))
    assert cells(table)[1] == {"ref": "1.2", "actions": "Audit case files", "lead": "AD"}
    assert box(table, 0, "actions") == [(1, (90.0, 79.0, 400.0, 98.0))]


def test_rules_drawn_as_thin_filled_rectangles_make_a_grid(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(COLS, [HEAD, *BODY], rules="rects")]])
    (grid,) = find_grids(read_document(pdf).pages[0], ExtractSettings())
    assert grid.bbox == (40.0, 60.0, 560.0, 136.0)
    assert grid.columns == (40.0, 90.0, 400.0, 560.0)
    assert len(grid.rows) == 4


def _open_at_the_break() -> Document:
    """A row cut by a page break with no rule at the cut, on either page."""
    first = ruled_page(1, COLS, [HEAD, BODY[0], [["1.2"], ["Audit case files", "for a team"], []]])
    second = ruled_page(2, COLS, [[[], ["and a manager"], ["AD"]], BODY[2]])
    cut1 = max(r.bottom for r in first.rules)
    cut2 = min(r.top for r in second.rules)
    open1 = tuple(r for r in first.rules if not (r.horizontal and r.top == cut1))
    open2 = tuple(r for r in second.rules if not (r.horizontal and r.top == cut2))
    return _doc(
        Page(1, first.width, first.height, first.words, open1),
        Page(2, second.width, second.height, second.words, open2),
    )


def test_grid_left_open_at_the_page_bottom_is_closed() -> None:
    document = _open_at_the_break()
    (grid,) = find_grids(document.pages[0], ExtractSettings())
    assert grid.bbox == (40.0, 40.0, 560.0, 100.0) and len(grid.rows) == 3
    (grid,) = find_grids(document.pages[1], ExtractSettings())
    assert grid.bbox == (40.0, 40.0, 560.0, 73.0) and len(grid.rows) == 2


def test_row_cut_open_by_a_page_break_is_merged_across_pages() -> None:
    (table,) = find_tables(_open_at_the_break())
    assert [r["ref"] for r in cells(table)] == ["1.1", "1.2", "1.3"]
    assert cells(table)[1] == {
        "ref": "1.2",
        "actions": "Audit case files for a team and a manager",
        "lead": "AD",
    }
    assert (table.rows[1].page_first, table.rows[1].page_last) == (1, 2)
    assert box(table, 1, "actions") == [
        (1, (90.0, 73.0, 400.0, 100.0)),
        (2, (90.0, 40.0, 400.0, 56.5)),
    ]


def test_header_and_first_row_with_no_rule_between_are_split() -> None:
    page = ruled_page(
        1,
        COLS,
        [[["Ref", "1.1"], ["Actions", "Write the guidance"], ["Lead", "HoS"]], BODY[1]],
    )
    words = tuple(Word(w.text, w.bbox, w.size, w.top < 50) for w in page.words)  # header bold
    (table,) = find_tables(_doc(Page(1, page.width, page.height, words, page.rules)))
    assert table.headers == ("Ref", "Actions", "Lead")
    assert cells(table) == [
        {"ref": "1.1", "actions": "Write the guidance", "lead": "HoS"},
        {"ref": "1.2", "actions": "Audit case files", "lead": "AD"},
    ]


@pytest.mark.parametrize("shift", [0.0, 2.0, 4.0])
def test_continuation_grid_a_few_points_off_still_continues_the_table(shift: float) -> None:
    """COLUMN_SLACK-type tolerance: a continuation page's rules a little off the first page's."""
    first = ruled_page(1, COLS, [HEAD, BODY[0]])
    second = ruled_page(2, [c + shift for c in COLS], [BODY[1]])
    (table,) = find_tables(_doc(first, second))
    assert [r["ref"] for r in cells(table)] == ["1.1", "1.2"]
    assert table.rows[1].page_first == 2


def test_grid_with_other_columns_does_not_continue_the_table() -> None:
    first = ruled_page(1, COLS, [HEAD, BODY[0]])
    second = ruled_page(2, [40.0, 200.0, 300.0, 560.0], [BODY[1]])
    tables = find_tables(_doc(first, second))
    assert [r["ref"] for r in cells(tables[0])] == ["1.1"]


def test_vertically_merged_first_column_cell_is_given_to_every_spanned_row() -> None:
    columns = [40.0, 120.0, 170.0, 450.0, 560.0]
    page = ruled_page(
        1,
        columns,
        [
            [["Priority"], ["Ref"], ["Actions"], ["Lead"]],
            [["Early help"], ["1.1"], ["One"], ["AD"]],
            [[], ["1.2"], ["Two"], ["HoS"]],
        ],
    )
    cut = sorted({r.top for r in page.rules if r.horizontal})[2]
    rules = tuple(r for r in page.rules if not (r.horizontal and r.top == cut))
    rules += (Rule(columns[1], cut, columns[-1], cut),)  # no rule under "Early help"
    (table,) = find_tables(_doc(Page(1, page.width, page.height, page.words, rules)))
    assert [r["ref"] for r in cells(table)] == ["1.1", "1.2"]
    assert [row.fields["outcome"].text for row in table.rows] == ["Early help", "Early help"]
