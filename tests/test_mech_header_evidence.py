"""A header needs evidence beyond the classifier's word: pages made so that a line or row reads
as header wording while it is not a new table's header, with the expected tables by hand.

The header classifier names a field for almost any short text ("Children" reads as impact,
"the lead officer" as lead), so a wrapped header's second line, a body line read across its
columns, a header printed alone at a page's foot and a row carried over a page break must each
be told apart by layout: these tests guard those mechanisms (extract/stream.py and
extract/header_search.py)."""

from __future__ import annotations

from pathlib import Path

from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Document, Page, Table
from tests.drawn import Drawn, write_pdf
from tests.pages import ruled_page

WIDE = [40.0, 90.0, 330.0, 450.0, 560.0, 800.0]
BODY = [
    [["1.1"], ["Write the guidance for all staff"], ["Head of Service"], ["Dec 2016"], ["Done"]],
    [["1.2"], ["Audit case files"], ["AD"], ["March 2017"], ["Ongoing"]],
    [["1.3"], ["Train managers on supervision"], ["HoS"], ["June 2017"], ["Not started"]],
]


def _doc(*pages: Page) -> Document:
    return Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def refs(table: Table) -> list[str]:
    return [row.text("ref") for row in table.rows]


def test_an_unruled_header_wrapped_over_two_lines_is_one_header(tmp_path: Path) -> None:
    """Its second line ("Children | Officer | Date") reads as header words on its own, but a
    table whose header has not ended yet cannot start another."""
    head = [["Ref No."], ["Desired Outcome for", "Children"], ["Lead", "Officer"],
            ["Timescale/", "Date"], ["Status"]]  # fmt: skip
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(WIDE, [head, *BODY], rules="none")]])
    (table,) = find_tables(read_document(pdf))
    assert [flat(h) for h in table.headers] == [
        "Ref No.",
        "Desired Outcome for Children",
        "Lead Officer",
        "Timescale/Date",
        "Status",
    ]
    assert refs(table) == ["1.1", "1.2", "1.3"]


def test_a_body_line_reading_as_header_words_does_not_start_a_table(tmp_path: Path) -> None:
    """The second line of a wrapped row, read across the columns, is "progress to date | the
    lead officer | deadline agreed | impact on children": four fields by the classifier, but
    plain text opening mid-sentence in every cell, so not a header."""
    head = [["Ref"], ["Actions"], ["Lead"], ["Timescale"], ["Current Status"]]
    wrapped = [["1.2"], ["Audit case files and", "progress to date"],
               ["AD and", "the lead officer"], ["March 2017", "deadline agreed"],
               ["Ongoing", "impact on children"]]  # fmt: skip
    rows = [head, BODY[0], wrapped, BODY[2]]
    pdf = write_pdf(tmp_path / "a.pdf", [[Drawn(WIDE, rows, rules="none")]])
    (table,) = find_tables(read_document(pdf))
    assert refs(table) == ["1.1", "1.2", "1.3"]
    assert flat(table.rows[1].text("lead")) == "AD and the lead officer"


def test_a_header_printed_alone_at_a_page_foot_heads_the_next_pages_rows() -> None:
    head = [["Ref"], ["Actions"], ["Lead"], ["Timescale"], ["Current Status"]]
    first = ruled_page(1, WIDE, [head], top=500.0, bold_first=True)
    second = ruled_page(2, WIDE, BODY)
    (table,) = find_tables(_doc(first, second))
    assert table.kind == "action_plan"
    assert table.headers == ("Ref", "Actions", "Lead", "Timescale", "Current Status")
    assert refs(table) == ["1.1", "1.2", "1.3"]
    assert (table.page_first, table.page_last) == (1, 2)


def test_a_row_carried_over_a_page_break_in_a_late_column_is_not_a_title_row() -> None:
    """The next page opens with the rest of the last row's status (text in the last column
    only), then the repeated header: the carried text joins its row, it is not a title."""
    head = [["Ref"], ["Actions"], ["Lead"], ["Timescale"], ["Current Status"]]
    first = ruled_page(1, WIDE, [head, *BODY[:2]], bold_first=True)
    carried = [[""], [""], [""], [""], ["awaiting sign-off"]]
    second = ruled_page(2, WIDE, [carried, head, BODY[2]])
    (table,) = find_tables(_doc(first, second))
    assert refs(table) == ["1.1", "1.2", "1.3"]
    assert flat(table.rows[1].text("status")) == "Ongoing awaiting sign-off"
    assert (table.rows[1].page_first, table.rows[1].page_last) == (1, 2)
    assert table.title is None


def test_a_body_line_naming_one_field_again_and_again_is_not_a_header(tmp_path: Path) -> None:
    """Capitalised cells this time ("Performance data | Performance Lead | Data quality
    measures | Measures agreed | Audit outcomes"), but three of five read as the same field:
    a header names different fields, one per column."""
    columns = [40.0, 90.0, 250.0, 370.0, 480.0, 600.0, 800.0]
    head = [["Ref"], ["Actions"], ["Lead"], ["Timescale"], ["Status"], ["Progress"]]
    row = [["1.1"], ["Audit case files"], ["AD"], ["March 2017"], ["Ongoing"], ["Begun"]]
    wrapped = [["1.2"], ["Audit case files", "Performance data"], ["AD", "Performance Lead"],
               ["March 2017", "Data quality measures"], ["Ongoing", "Measures agreed"],
               ["Begun", "Audit outcomes"]]  # fmt: skip
    last = [["1.3"], ["Train managers"], ["HoS"], ["June 2017"], ["Not started"], ["None yet"]]
    pdf = write_pdf(
        tmp_path / "a.pdf", [[Drawn(columns, [head, row, wrapped, last], rules="none")]]
    )
    (table,) = find_tables(read_document(pdf))
    assert refs(table) == ["1.1", "1.2", "1.3"]
    assert flat(table.rows[1].text("progress")) == "Begun Audit outcomes"
