"""Sections from headings printed between tables, whatever keyword a plan uses: each table sits
under the numbered heading above it ("Rec 2 – …", "Finding 1: …", "1. Ensure …"), while a
document's furniture ("Appendix 1 – …") and a version line ("Version 2 – March 2024") are no
section headings. Hand-built pages, expected sections by hand (extract/sections.py)."""

from __future__ import annotations

import pytest

from councilpapers.extract.tables import find_tables
from councilpapers.records import Document, Page
from tests.pages import ruled_page, word_boxes

COLS = [40.0, 90.0, 400.0, 560.0]
ROWS = [[["Ref"], ["Actions"], ["Lead"]], [["1.1"], ["Write the guidance"], ["HoS"]]]


def section_under(heading: str) -> tuple[str | None, str | None]:
    grid = ruled_page(1, COLS, ROWS, top=120)
    words = grid.words + tuple(word_boxes(heading, 40, 95))
    page = Page(1, grid.width, grid.height, words, grid.rules)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    section = table.rows[0].section
    return section.number, section.title


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Rec 2 – Improve the quality of assessments", ("2", "Improve the quality of assessments")),
        ("Finding 1: Strengthen management oversight", ("1", "Strengthen management oversight")),
        ("3. Ensure that care leavers have plans", ("3", "Ensure that care leavers have plans")),
        ("Ofsted recommendation 4: Improve it now", ("4", "Improve it now")),
        ("5. Improve it", (None, None)),
        ("Ensure that all 16- and 17-year-olds are seen", (None, None)),
        ("Improvement Plan Version 2 – Position at 30 September", (None, None)),
        ("Theme 2 – Partnership working", ("2", "Partnership working")),
        ("Appendix 1 – Improvement Plan", (None, None)),
        ("Improvement Plan Version 2 – March 2024", (None, None)),
        ("Area 2 – Workforce", ("2", "Workforce")),
    ],
)  # fmt: skip
def test_a_numbered_heading_above_a_table_is_its_section(
    heading: str, expected: tuple[str | None, str | None]
) -> None:
    assert section_under(heading) == expected
