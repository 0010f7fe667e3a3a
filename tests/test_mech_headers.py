"""Headers found by evidence and columns typed from content, on hand-built ruled pages: a
title block inside the grid, a group heading row merged above the column names, a single-letter
BRAG column on coloured fills, a header wording never listed anywhere, and a table without any
header whose columns are typed from what their cells hold."""

from __future__ import annotations

from pathlib import Path

from councilpapers.extract.header_cache import header_model
from councilpapers.extract.tables import find_tables
from councilpapers.records import Document, Fill, Page, Table
from tests.pages import LINE, ruled_page

COLS = [40.0, 80.0, 330.0, 450.0, 540.0, 640.0, 700.0]


def tables(*pages: Page) -> list[Table]:
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=pages)
    return find_tables(document)


BODY = [
    [["1.1"], ["Audit supervision records every month"], ["Head of Service"], ["31/08/2024"],
     ["On track"], ["G"]],
    [["1.2"], ["Train team managers in reflective supervision"], ["PSW"], ["Oct-24"],
     ["Complete"], ["B"]],
    [["1.3"], ["Review the front door threshold document"], ["AD"], ["Q3 2024/25"],
     ["At risk"], ["A"]],
]  # fmt: skip


def test_title_rows_in_the_grid_are_the_title_and_stacked_headers_are_kept() -> None:
    rows = [
        [["Northshire Improvement Tracker - Position at 30 September 2024"], None, None, None,
         None, None],
        [["Plan"], None, None, None, ["Progress"], None],
        [["Ref"], ["Action"], ["Owner"], ["Deadline"], ["Status"], ["BRAG"]],
        *BODY,
    ]  # fmt: skip
    (table,) = tables(ruled_page(1, COLS, rows, bold_first=False))
    assert table.headers == (
        "Plan › Ref",
        "Plan › Action",
        "Plan › Owner",
        "Plan › Deadline",
        "Progress › Status",
        "Progress › BRAG",
    )
    assert table.columns == ("ref", "actions", "lead", "timescale", "status", "rag")
    assert table.title == "Northshire Improvement Tracker - Position at 30 September 2024"
    assert table.plan.version == "2024-09-30"
    assert [r.text("rag") for r in table.rows] == ["Green", "Blue", "Amber"]
    assert table.kind == "action_plan"
    assert "runner-up" in table.header_note


def test_a_title_block_of_three_rows_over_a_header_of_three() -> None:
    """A spreadsheet's title block (council, plan and position, key) typed into the grid above
    three stacked header rows: six rows before the body, every one found."""
    rows = [
        [["Northshire Council"], None, None, None, None, None],
        [["Improvement Tracker - Position at 30 September 2024"], None, None, None, None, None],
        [["Key: Blue complete, Green on track"], None, None, None, None, None],
        [["Plan"], None, None, None, ["Progress"], None],
        [["Ref"], ["Action"], ["Owner"], ["Deadline"], ["Monitoring"], None],
        [[""], [""], [""], [""], ["Status"], ["BRAG"]],
        *BODY,
    ]  # fmt: skip
    (table,) = tables(ruled_page(1, COLS, rows))
    assert table.columns == ("ref", "actions", "lead", "timescale", "status", "rag")
    assert table.headers[-1] == "Progress › Monitoring › BRAG"
    assert [r.text("ref") for r in table.rows] == ["1.1", "1.2", "1.3"]
    assert table.title is not None and table.title.startswith("Northshire Council")


def test_a_letter_column_on_fills_is_rag_whatever_its_header() -> None:
    rows = [[["Ref"], ["Action"], ["Owner"], ["Deadline"], ["Status"], ["Column X"]], *BODY]
    (table,) = tables(ruled_page(1, COLS, rows, bold_first=True))
    assert table.columns[-1] == "rag"
    mapping = table.mapping[-1]
    assert mapping.header == "Column X" and "content rag" in mapping.evidence


def test_fill_only_ratings_in_pale_spreadsheet_shades() -> None:
    body = [[*row[:5], [""]] for row in BODY]
    rows = [[["Ref"], ["Action"], ["Owner"], ["Deadline"], ["Status"], ["RAG"]], *body]
    page = ruled_page(1, COLS, rows, bold_first=True)
    shades = [(0.776, 0.937, 0.808), (1.0, 0.78, 0.808), (1.0, 0.922, 0.612)]
    fills = []
    for index, rgb in enumerate(shades):
        top = 40.0 + (6 + LINE) * (index + 1)
        fills.append(Fill((COLS[5], top, COLS[6], top + 6 + LINE), rgb))
    page = Page(page.number, page.width, page.height, page.words, page.rules, tuple(fills))
    (table,) = tables(page)
    assert [r.text("rag") for r in table.rows] == ["Green", "Red", "Amber"]


def test_columns_without_a_header_are_typed_by_their_content() -> None:
    (table,) = tables(ruled_page(1, COLS, BODY))
    assert table.headers[0] == "Column 1"
    assert {"ref", "lead", "timescale", "status", "rag"} <= set(table.columns)


def test_an_unlisted_wording_is_read_by_the_classifier() -> None:
    model = header_model()
    assert model.classify("Officer accountable for delivery")[0] == "lead"
    assert model.classify("Date for completion of action")[0] == "timescale"


def test_a_header_override_corrects_one_column() -> None:
    rows = [[["Ref"], ["Action"], ["Owner"], ["Deadline"], ["Status"], ["Column X"]], *BODY]
    page = ruled_page(1, COLS, rows, bold_first=True)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    overrides = (("column x", "none"), ("Owner", "progress"))
    (table,) = find_tables(document, {"header_overrides": overrides})
    assert table.columns[2] == "progress" and table.columns[5] == "column_x"
    assert table.mapping[2].evidence.startswith("progress 1.00: override")
    assert table.mapping[5].evidence == "override 'Column X' -> none"  # said, as for a field
    assert table.mapping[5].confidence == 1.0


def test_explain_shows_each_printed_header_and_its_field(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from councilpapers.cli import app
    from tests.drawn import Drawn, write_pdf

    rows = [[["Ref"], ["Action"], ["Owner"], ["Deadline"]], [["1.1"], ["Audit"], ["AD"], ["Q3"]]]
    pdf = write_pdf(tmp_path / "plan.pdf", [[Drawn([40, 90, 400, 560, 700], rows)]])
    overrides = tmp_path / "headers.yaml"
    overrides.write_text("headers:\n  Owner: none\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(pdf), "--headers", str(overrides)])
    assert result.exit_code == 0, result.output
    assert "'Deadline' -> timescale" in result.output
    assert "'Owner' -> owner" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("headers:\n  Owner: boss\n", encoding="utf-8")
    failed = CliRunner().invoke(app, ["explain", str(pdf), "--headers", str(bad)])
    assert failed.exit_code == 2 and "field must be one of" in failed.output  # as ingest says


def test_explain_refuses_a_missing_or_unreadable_pdf_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from councilpapers.cli import app

    missing = CliRunner().invoke(app, ["explain", str(tmp_path / "nosuch.pdf")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    assert "Traceback" not in missing.output
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf", encoding="utf-8")
    refused = CliRunner().invoke(app, ["explain", str(fake)])
    assert refused.exit_code == 1 and "not a PDF" in refused.output


def test_a_header_closed_up_at_a_line_break_is_parted_into_known_words() -> None:
    """A narrow column's header wrapped between words can be joined as if a word were broken
    ("Row" / "ref" -> "Rowref"); the classifier parts it into the words it knows."""
    model = header_model()
    assert model.parted("Rowref") == "Row ref"
    assert model.parted("Colourcode") == "Colour code"
    assert model.parted("Timescales") == "Timescales"  # a word it knows stays whole
    assert model.classify("Recommendationnumber")[0] == "ref"


def test_prefixed_references_read_as_references() -> None:
    from councilpapers.extract.column_content import ColumnCell, column_content
    from councilpapers.extract.settings import ExtractSettings

    cells = [ColumnCell(f"Rec 3.{n}") for n in range(1, 6)]
    assert column_content(cells, ExtractSettings()).ref == 1.0
