"""Logical tables from synthetic ruled pages: split rows, banners, repeated or missing headers."""

from __future__ import annotations

from councilpapers.extract.tables import find_tables
from councilpapers.records import Document, Page, Rule
from tests.pages import ruled_page, word_boxes

COLS = [40.0, 80.0, 250.0, 400.0, 520.0, 800.0]
HEADER = [["Ref"], ["Actions"], ["Lead"], ["Timescale"], ["Current Status"]]


def _doc(*pages: Page) -> Document:
    return Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=pages)


def test_row_split_across_a_page_break_is_merged() -> None:
    first = ruled_page(
        1,
        COLS,
        [HEADER, [["1.1"], ["Write the guidance for all staff"], ["HoS"], ["Dec 2016"], ["DONE"]]],
        bold_first=True,
    )
    second = ruled_page(
        2,
        COLS,
        [HEADER, [[], ["practitioners and managers"], [], ["Jan 2017"], []]],
        bold_first=True,
    )
    (table,) = find_tables(_doc(first, second))
    assert table.kind == "action_plan"
    (row,) = table.rows
    assert row.text("ref") == "1.1"
    # the line before the break was full, so the paragraph runs on; a short one ends it
    assert row.text("actions") == "Write the guidance for all staff practitioners and managers"
    assert row.text("timescale") == "Dec 2016\nJan 2017"
    assert (row.page_first, row.page_last) == (1, 2)
    assert [s.page for s in row.fields["actions"].spans] == [1, 2]


def test_continuation_without_a_repeated_header() -> None:
    first = ruled_page(1, COLS, [HEADER, [["1.1"], ["One"], ["AD"], ["May 17"], ["ONGOING"]]])
    second = ruled_page(2, COLS, [[["1.2"], ["Two"], ["DCS"], ["June 17"], ["ONGOING"]]])
    (table,) = find_tables(_doc(first, second))
    assert [r.text("ref") for r in table.rows] == ["1.1", "1.2"]


def test_banner_rows_become_group_and_section() -> None:
    page = ruled_page(
        1,
        COLS,
        [
            HEADER,
            [["1"], ["CHILDREN IN NEED"], None, None, None],
            [["1"], ["Ensure that assessments are timely"], None, None, None],
            [["1.1"], ["Act"], ["AD"], ["Dec 2016"], ["COMPLETED"]],
            [["2"], ["Improve performance management"], None, None, None],
            [["2.1"], ["Act again"], ["AD"], ["Dec 2016"], ["COMPLETED"]],
        ],
    )
    (table,) = find_tables(_doc(page))
    assert [r.text("ref") for r in table.rows] == ["1.1", "2.1"]
    first, second = table.rows
    assert first.section.group == "1 CHILDREN IN NEED"
    assert (first.section.number, first.section.title) == (
        "1",
        "Ensure that assessments are timely",
    )
    assert second.section.group == "1 CHILDREN IN NEED"
    assert second.section.number == "2"


def test_headings_between_tables_become_sections_and_the_version_is_read() -> None:
    grid = ruled_page(
        1, COLS, [HEADER, [["2.1.1"], ["Act"], ["HoS"], ["Immediate"], ["Ongoing"]]], top=120
    )
    heading = (
        word_boxes("Improvement Plan – Version 4 October 2023", 40, 20)
        + word_boxes("Theme 2 – Practice", 40, 50, bold=True)
        + word_boxes("Objective 2.1", 40, 70, bold=True)
        + word_boxes("Supervision is effective.", 40, 90)
    )
    page = Page(1, grid.width, grid.height, words=grid.words + tuple(heading), rules=grid.rules)
    (table,) = find_tables(_doc(page))
    section = table.rows[0].section
    assert section.group == "Theme 2 – Practice"
    assert (section.number, section.title) == ("2.1", "Supervision is effective.")
    assert table.plan.version == "2023-v4"
    assert table.plan.date == "2023-10-01"


def test_a_new_header_mid_page_starts_a_new_table() -> None:
    page = ruled_page(
        1,
        COLS,
        [HEADER, [["1.1"], ["One"], ["AD"], ["May 17"], ["ONGOING"]]],
        bold_first=True,
    )
    lower = ruled_page(
        1,
        COLS,
        [HEADER, [["1.1"], ["One"], ["AD"], ["May 17"], ["COMPLETED"]]],
        top=300,
        bold_first=True,
    )
    both = Page(1, 842, 595, words=page.words + lower.words, rules=page.rules + lower.rules)
    tables = find_tables(_doc(both))
    assert len(tables) == 2
    assert tables[1].rows[0].text("status") == "COMPLETED"


def test_header_and_body_boundaries_drawn_apart_are_one_column() -> None:
    """A slide table whose header rule sits a few points off the body's (Kent's "Shared
    Outcome"): the header's last column and the body's last column are one column."""
    top, step = 40.0, 20.0
    rules = [Rule(10.0, top + i * step, 500.0, top + i * step) for i in range(4)]
    rules += [Rule(x, top, x, top + 3 * step) for x in (10.0, 200.0, 300.0, 500.0)]
    rules += [Rule(420.0, top, 420.0, top + step), Rule(440.0, top + step, 440.0, top + 3 * step)]
    words = []
    for x, text in ((14, "Action"), (204, "Led by"), (304, "Measure"), (424, "Shared Outcome")):
        words += word_boxes(text, x, top + 4, bold=True)
    for r in (1, 2):
        for x, text in ((14, f"Do thing {r}"), (204, "CPH"), (304, "Number done"), (444, f"SO{r}")):
            words += word_boxes(text, x, top + r * step + 4)
    page = Page(number=1, width=842.0, height=595.0, words=tuple(words), rules=tuple(rules))
    (table,) = find_tables(Document(path="x.pdf", name="x.pdf", sha256="0", size=1, pages=(page,)))
    assert table.headers == ("Action", "Led by", "Measure", "Shared Outcome")
    assert [row.text("outcome") for row in table.rows] == ["SO1", "SO2"]
