"""Spreadsheet prints, on pages made for each mechanism, with the expected cells by hand.

A plan kept in a spreadsheet and printed (LibreOffice Calc, Excel) differs from a Word table in
ways that broke the reading: a right-aligned date ends a hair before the gridline and the next
cell's text starts a hair after it, so the two read as one word; and a cell merged down over
rows that cross a page break is printed clipped to each page, so the text layer holds the part
cut off above the page's first row, running into the repeated header. Each test guards one
mechanism (ingest/rule_split.py, extract/fragments.py, extract/tables.py)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Document, Page, Word
from tests.pages import LINE, SIZE, ruled_page, word_boxes

COLS = [40.0, 90.0, 330.0, 450.0, 560.0, 800.0]
HEAD = [["Ref"], ["Action"], ["Owner"], ["Deadline"], ["Status"]]
BODY = [
    [["1.1"], ["Audit supervision records"], ["Head of Service"], ["31/08/2024"], ["On track"]],
    [["1.2"], ["Train team managers"], ["PSW"], ["Oct-24"], ["Complete"]],
    [["2.1"], ["Review the threshold document"], ["AD"], ["Q3 2024/25"], ["At risk"]],
]


def test_a_gridline_between_two_letters_parts_a_word(tmp_path: Path) -> None:
    """ "31/12/2024" right-aligned to a gridline at x=200 and "On" starting just after it."""
    path = tmp_path / "sheet.pdf"
    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=1)
    height = landscape(A4)[1]
    canvas.setFont("Helvetica", 9)
    date_width = canvas.stringWidth("31/12/2024", "Helvetica", 9)
    canvas.drawString(199.6 - date_width, height - 100, "31/12/2024")
    canvas.drawString(200.4, height - 100, "On track")
    canvas.line(200, height - 90, 200, height - 110)
    canvas.showPage()
    canvas.save()
    words = [w.text for w in read_document(path).pages[0].words]
    assert words == ["31/12/2024", "On", "track"]


def _doc(*pages: Page) -> Document:
    return Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=pages)


def _with_words(page: Page, words: list[Word]) -> Page:
    return Page(page.number, page.width, page.height, page.words + tuple(words), page.rules)


def test_clipped_text_of_a_merged_cell_does_not_break_the_table() -> None:
    """Page 2 repeats the header; the text layer also holds the cut-off part of a merged cell
    (plain words in the Action column): two lines just above the grid, touching it, and one
    drawn over the header's own bold word. The table carries on; no header text in its rows."""
    first = ruled_page(1, COLS, [HEAD, *BODY[:2]], bold_first=True)
    second = ruled_page(2, COLS, [HEAD, BODY[2]], top=60.0, bold_first=True)
    x = COLS[1] + 4
    spill = [
        *word_boxes("Ensure that children in", x, 63.0 - 2 * LINE),
        *word_boxes("need are seen", x, 63.0 - LINE),
        *word_boxes("promptly", x, 63.0),
    ]
    (table,) = find_tables(_doc(first, _with_words(second, spill)))
    assert [row.text("ref") for row in table.rows] == ["1.1", "1.2", "2.1"]
    assert table.rows[2].text("actions") == "Review the threshold document"
    assert (table.page_first, table.page_last) == (1, 2)


def test_the_size_of_the_pages_drawn_here() -> None:
    """The hand-made pages above rely on tests/pages.py's type size."""
    assert SIZE == 8.0


def test_a_title_set_tight_on_a_table_stays_its_title() -> None:
    """A larger bold title touching the grid's top, aligned with the header's first word, is a
    title, not a merged cell's clipped text: it is in another type."""
    page = ruled_page(1, COLS, [HEAD, *BODY], top=60.0, bold_first=True)
    title = [
        Word(text, (x, 50.0, x + 6.0 * len(text), 61.5), 11.5, True)
        for text, x in (("Improvement", COLS[0] + 4), ("Plan", COLS[0] + 80))
    ]
    (table,) = find_tables(_doc(_with_words(page, title)))
    assert table.title == "Improvement Plan"
