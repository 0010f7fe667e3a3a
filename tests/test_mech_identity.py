"""Plan identity (version and date) from a plan's title, a mention before the table, or its
running footer, including compact dates ("Version 19 040917"); versions named only by the date
of their position ("Position at 30 September 2024")."""

from __future__ import annotations

import pytest

from councilpapers.extract.tables import find_tables
from councilpapers.records import Document, Page, Word
from tests.pages import ruled_page, word_boxes

COLS = [40.0, 90.0, 400.0, 560.0]
ROWS = [[["Ref"], ["Actions"], ["Lead"]], [["1.1"], ["Write the guidance"], ["HoS"]]]


def identity(title: str, footer: str = "") -> tuple[str | None, str | None, str | None]:
    grid = ruled_page(1, COLS, ROWS, top=120)
    words = grid.words + tuple(word_boxes(title, 40, 30))
    furniture = tuple(word_boxes(footer, 40, 570)) if footer else ()
    page = Page(1, grid.width, grid.height, words, grid.rules, furniture=furniture)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    return table.plan.version, table.plan.date, table.plan.title


@pytest.mark.parametrize(
    ("title", "footer", "expected"),
    [
        (
            "Appendix 2: Improvement Action Plan Version 21",
            "",
            ("21", None),
        ),
        (
            "as set out in the Improvement Plan (Ver 21) below",
            "",
            ("21", None),
        ),
        (
            "Children's services",
            "Improvement Action Plan – Version 19 040917",
            ("19", "2017-09-04"),
        ),
        (
            "Improvement Plan – Version 4 October 2023",
            "",
            ("2023-v4", "2023-10-01"),
        ),
        (
            "Improvement Plan Version 7 12th March 2018",
            "",
            ("2018-v7", "2018-03-12"),
        ),
        ("Children's services", "", (None, None)),
        ("Children's Services Improvement Plan – v3", "", ("3", None)),
        ("Improvement Plan v. 2", "", ("2", None)),
    ],
    ids=[
        "appendix-title",
        "ver-mention",
        "footer-compact-date",
        "month-year",
        "day-month-year",
        "none",
        "v-number",
        "v-dot-number",
    ],
)
def test_plan_version_and_date(
    title: str, footer: str, expected: tuple[str | None, str | None]
) -> None:
    assert identity(title, footer)[:2] == expected


def test_plan_title_is_read_without_its_appendix_number() -> None:
    found = identity("Appendix 2: Improvement Action Plan Version 21")
    assert found == ("21", None, "Improvement Action Plan")


def test_title_without_a_date_takes_the_footers_date() -> None:
    found = identity("Improvement Action Plan Version 21", "Action Plan – Version 21 060317")
    assert found == ("21", "2017-03-06", "Improvement Action Plan")


def test_version_mention_without_a_plan_word_is_not_a_plan_title() -> None:
    assert identity("Software Version 3 was used for the survey") == (None, None, None)


def test_impossible_compact_date_is_not_read() -> None:
    assert identity("Children's services", "Action Plan – Version 19 401317")[:2] == ("19", None)


def test_plan_title_on_an_earlier_page_names_the_table_that_follows() -> None:
    cover = Page(1, 842, 595, tuple(word_boxes("Appendix 1: Improvement Plan Version 14", 40, 30)))
    grid = ruled_page(2, COLS, ROWS, top=40)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(cover, grid))
    (table,) = find_tables(document)
    assert (table.plan.version, table.plan.title) == ("14", "Improvement Plan")


@pytest.mark.parametrize(
    ("title", "footer", "expected"),
    [
        ("Improvement Plan – Position at 30 September 2024", "", "2024-09-30"),
        ("Improvement Plan", "Updated 12/03/2025", "2025-03-12"),
        ("Ofsted Improvement Tracker Q2 2024/25 update", "", "2024-09-30"),
        ("Improvement Plan progress as at end of March 2025", "", "2025-03-31"),
    ],
    ids=["position-at", "updated-footer", "quarter-update", "end-of-month"],
)
def test_a_plan_printing_only_a_date_is_the_version_named_by_it(
    title: str, footer: str, expected: str
) -> None:
    assert identity(title, footer)[:2] == (expected, expected)


def test_a_date_that_is_no_position_names_no_version() -> None:
    assert identity("Improvement Plan – review date 30 September 2024")[:2] == (None, None)


def test_a_printed_number_names_the_version_even_beside_a_date() -> None:
    assert identity("Improvement Plan Version 3 – Position at 30 September 2024")[0] == "3"


def test_versions_named_by_dates_are_ordered_by_them() -> None:
    from councilpapers.tracking.register import version_key

    versions = ["2025-03-31", "2024-09-30", "2024-12-31"]
    assert sorted(versions, key=lambda v: version_key(v, v)) == [
        "2024-09-30",
        "2024-12-31",
        "2025-03-31",
    ]


def test_a_position_date_in_a_title_row_of_the_grid_names_the_version() -> None:
    """The table's printed title is a sentence of prose above it; the position's date is in the
    title block inside the grid, which names the version all the same."""
    rows = [[["Post-Inspection Action Plan – Position at 21 May 2024"], None, None], *ROWS]
    grid = ruled_page(1, COLS, rows, top=120)
    prose = word_boxes("This plan sets out how the council will respond.", 40, 90)
    page = Page(1, grid.width, grid.height, grid.words + tuple(prose), grid.rules)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    assert table.plan.version == "2024-05-21"


def test_a_date_on_a_line_of_its_own_takes_the_title_from_the_line_above() -> None:
    grid = ruled_page(1, COLS, ROWS, top=120)
    title = word_boxes("Improvement Plan Tracker", 40, 30)
    title += word_boxes("Updated 13/03/2024", 40, 45)
    page = Page(1, grid.width, grid.height, grid.words + tuple(title), grid.rules)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    assert (table.plan.version, table.plan.title) == ("2024-03-13", "Improvement Plan Tracker")


def test_a_date_captioning_the_table_takes_the_title_from_the_line_above() -> None:
    """The date line is the most prominent of the lines just above the grid, so it is the
    table's caption; the plan's title is still the heading above it."""
    grid = ruled_page(1, COLS, ROWS, top=120)

    def larger(text: str, top: float, size: float) -> list[Word]:
        return [Word(w.text, (w.x0, top, w.x0 + (w.x1 - w.x0) * size / 8, top + size), size)
                for w in word_boxes(text, 40, top)]  # fmt: skip

    lines = larger("Improvement Plan Tracker", 20, 14) + larger("Updated 13/03/2024", 40, 10)
    lines += word_boxes("This plan sets out how the council will respond to the", 40, 62)
    lines += word_boxes("recommendations made by Ofsted in its recent inspection", 40, 74)
    lines += word_boxes("and is reviewed by the Improvement Board each quarter", 40, 86)
    page = Page(1, grid.width, grid.height, grid.words + tuple(lines), grid.rules)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    assert (table.plan.version, table.plan.title) == ("2024-03-13", "Improvement Plan Tracker")


@pytest.mark.parametrize(
    "lines",
    [
        ["Post-Inspection Action Plan", "Progress update – July 2024"],
        ["Post-Inspection Action Plan", "Progress update – July", "2024"],
    ],
    ids=["phrase-naming-no-plan", "wrapped-before-the-year"],
)
def test_a_progress_phrase_names_the_version_and_the_heading_above_the_plan(
    lines: list[str],
) -> None:
    grid = ruled_page(1, COLS, ROWS, top=120)
    words = [w for n, text in enumerate(lines) for w in word_boxes(text, 40, 30 + 14 * n)]
    page = Page(1, grid.width, grid.height, grid.words + tuple(words), grid.rules)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    assert (table.plan.version, table.plan.title) == ("2024-07-31", "Post-Inspection Action Plan")


def test_a_date_line_takes_the_nearest_plan_title_above_past_a_sidebar_heading() -> None:
    """A council web page printed to PDF sets a sidebar's "Related pages" between the plan's
    title and its date line: the title is the nearest line above that names a plan."""
    grid = ruled_page(1, COLS, ROWS, top=120)
    lines = ["Westworth Council", "Ofsted Improvement Plan", "Related pages"]
    lines += ["Last updated 31 March 2024"]
    words = [w for n, text in enumerate(lines) for w in word_boxes(text, 40, 20 + 14 * n)]
    page = Page(1, grid.width, grid.height, grid.words + tuple(words), grid.rules)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    assert (table.plan.version, table.plan.title) == ("2024-03-31", "Ofsted Improvement Plan")
