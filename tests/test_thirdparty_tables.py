"""Other people's PDFs, with cells checked by hand against the rendered page (pdftoppm, looked
at by eye), in the manner of pdfplumber's tests/test_issues.py. Test inputs stay in ../shared/real;
nothing is copied into the repository."""

from __future__ import annotations

from functools import cache

from councilpapers.extract.tables import find_page_grids, find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Document, Table
from tests.conftest import REAL, needs_real

pytestmark = needs_real
KENT = REAL / "kent"
TABLES = REAL / "tables" / "pdfs"
ICS_PLAN = "cabinet_2025-01-30__24-00115 - Appendix B - KCC ICS priorities measures.pdf"


@cache
def document(path: str) -> Document:
    return read_document(path)


def flat(text: str) -> str:
    return " ".join(text.split())


@cache
def ics_page_5() -> Table:
    """Kent's ICS delivery plan, page 5: a table drawn with cell fills and white gaps."""
    tables = [t for t in find_tables(document(str(KENT / ICS_PLAN))) if t.page_first == 5]
    assert len(tables) == 1
    return tables[0]


def test_kent_ics_delivery_plan_headers_map_to_the_schema() -> None:
    table = ics_page_5()
    assert table.kind == "action_plan"
    assert table.headers == (
        "What we have committed to",
        "Led by",
        "Timescale",
        "Measure",
        "Shared Outcome",
    )
    assert table.columns[:4] == ("actions", "lead", "timescale", "measures")


def test_kent_ics_delivery_plan_rows_and_cells_as_printed() -> None:
    rows = ics_page_5().rows
    assert len(rows) == 8
    assert flat(rows[0].text("actions")) == (
        "Optimise the opportunity of family hubs to demonstrate improvement in the outcomes for "
        "infants, children and young people through the roles of the family hub workforce"
    )
    assert [flat(r.text("lead")) for r in rows] == [
        "Lead for Family Hubs",
        "Lead for Family Hubs",
        "FH workforce leads for parenting",
        "Early years lead The Education People",
        "Active Kent",
        "Lead for Family Hubs/Financial Hardship Programme Manager",
        "Family hubs",
        "Head of Service Community Learning and Skills",
    ]
    assert {r.text("timescale") for r in rows} == {"Mar 2026"}
    assert [r.fields["outcome"].text for r in rows] == [
        "SO1", "SO1", "SO1, SO2", "SO1, SO2", "SO1, SO3", "SO1, SO2", "SO1", "SO2"
    ]  # fmt: skip
    assert flat(rows[7].text("measures")) == (
        "Number and nature of courses focussing on skills for employment"
    )


def test_kent_ics_delivery_plan_banner_paragraph_becomes_the_section() -> None:
    rows = ics_page_5().rows
    title = rows[0].section.title or ""
    assert title.startswith("CYPE recognise the importance of early years influences")
    assert title.endswith("Key priorities include:-")
    assert {r.section.title for r in rows} == {title}


def test_argentina_voting_record_boxed_cells_one_row_per_member() -> None:
    """tabula-java's argentina_diputados_voting_record.pdf: every cell boxed on its own."""
    pdf = TABLES / "argentina_diputados_voting_record.pdf"
    grids = find_page_grids(document(str(pdf)).pages[0])
    (grid,) = [g for g in grids if g and g[0][0] == "Apellido y Nombre"]
    assert grid[0][:3] == ["Apellido y Nombre", "Bloque político", "Provincia"]
    assert len(grid) == 32
    assert grid[1] == [
        "ABDALA de MATARAZZO, Norma Amanda",
        "Frente Cívico por Santiago",
        "Santiago del Estero",
        "AFIRMATIVO",
    ]
    assert grid[11] == [
        "BERNAL, María Eugenia",
        "Frente para la Victoria - PJ",
        "Jujuy",
        "AFIRMATIVO",
    ]
    assert grid[-1] == [
        "CURRILEN, Oscar Rubén",
        "Frente para la Victoria - PJ",
        "Chubut",
        "AFIRMATIVO",
    ]


def eu003() -> list[list[list[str]]]:
    return find_page_grids(document(str(TABLES / "eu-003.pdf")).pages[0])


def test_icdar_eu003_three_ruled_tables_with_justified_cells() -> None:
    first, second, third = eu003()
    assert first[0][1:] == ["All companies analysed", "FTSE Eurotop 100 companies analysed"]
    assert first[2] == [
        "Number of member states where one or more of the financial companies applied the "
        "amendment",
        "11",
        "3",
    ]
    assert [row[0] for row in second[1:]] == [
        "0 reclassifications",
        "1 reclassification",
        "2 reclassifications",
        "3 reclassifications",
        "4 reclassifications",
        "Total",
    ]
    assert second[1][1:] == ["52", "52%", "14", "64%"]
    assert second[6] == ["Total", "100", "", "22", ""]
    assert third[2][1:] == ["33%", "20%", "28%", "19%", "100%"]


def test_icdar_eu003_a_full_line_ending_in_a_whole_word_is_not_glued_to_the_next() -> None:
    third = eu003()[2]
    assert (
        third[0][1]
        == "Reclassification from Fair value through profit and loss to loans and receivables"
    )
    assert third[3][0].endswith("disclosure requirements were stricter")
