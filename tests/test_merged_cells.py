"""Vertically merged cells (Word's cell.merge down a column), made with python-docx and turned
into PDF by LibreOffice: every row a merged cell spans gets its value and its section, across
page breaks too; text a merged cell carries over a page break joins that cell, never a row.

The expected rows are known by construction. Skips when LibreOffice is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from councilpapers.extract.layout import Line
from councilpapers.extract.merged import carries_on
from councilpapers.extract.raw import RawCell
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Table, Word

docx = pytest.importorskip("docx")
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)

SENTENCE = (
    "Strengthen management oversight so that plans for children progress without drift and "
    "social workers reflect on risk in supervision with clear recorded actions"
)
WORDS = SENTENCE.split(" ")


@dataclass(frozen=True)
class Group:
    number: str
    recommendation: str
    actions: tuple[str, ...]


def _text(count: int, seed: int) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(count))


def _groups(n: int, rec_words: int, action_words: int) -> list[Group]:
    return [
        Group(
            str(g + 1),
            _text(rec_words + 7 * (g % 3), 3 * g).capitalize(),
            tuple(_text(action_words + 11 * ((g + i) % 3), 5 * g + i) for i in range(2 + g % 4)),
        )
        for g in range(n)
    ]


def _plan(path: Path, groups: list[Group], number_column: bool, banner_every: int = 0) -> None:
    document = docx.Document()
    document.add_paragraph("Improvement plan")
    headers = ["Recommendation", "Ref", "Action", "Lead officer", "Deadline"]
    if number_column:
        headers.insert(0, "No.")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    skip = 1 if number_column else 0
    for g, group in enumerate(groups):
        if banner_every and g % banner_every == 0:
            row = table.add_row()
            banner = row.cells[0].merge(row.cells[-1])
            banner.text = f"Area {g // banner_every + 1}: practice standards"
        start = len(table.rows)
        for i, action in enumerate(group.actions):
            cells = table.add_row().cells
            for offset, text in enumerate(
                (f"{group.number}.{i + 1}", action, "Head of Service", "March 2026")
            ):
                cells[skip + 1 + offset].text = text
        end = len(table.rows) - 1
        rec = table.cell(start, skip).merge(table.cell(end, skip))
        numbered = f"{group.number}. {group.recommendation}"
        rec.text = group.recommendation if number_column else numbered
        if number_column:
            table.cell(start, 0).merge(table.cell(end, 0)).text = group.number
    document.save(str(path))


CASES = {
    # long recommendations: merged text and rows both run over page breaks
    "long": (_groups(5, 40, 30), False, 0),
    # short recommendations, many rows: groups cross page breaks between rows
    "short": (_groups(9, 8, 22), False, 0),
    # a merged number column beside the merged recommendation, and merged banner rows
    "numbered": (_groups(7, 14, 26), True, 3),
}


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Table]]:
    folder = tmp_path_factory.mktemp("merged")
    for name, (groups, number_column, banner_every) in CASES.items():
        _plan(folder / f"{name}.docx", groups, number_column, banner_every)
    profile = f"file://{folder}/lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(folder)]
        + [str(folder / f"{name}.docx") for name in CASES],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: find_tables(read_document(folder / f"{name}.pdf")) for name in CASES}


def _norm(text: str) -> str:
    """White space ignored, as the accuracy benchmark does (a narrow column can leave a word
    exactly at its edge, which reads the same as a word broken by the layout)."""
    return re.sub(r"\s+", "", text)


def _expected(name: str) -> list[tuple[str, str, str, str]]:
    groups, number_column, _ = CASES[name]
    return [
        (
            f"{g.number}.{i + 1}",
            _norm(action),
            _norm(g.recommendation if number_column else f"{g.number}. {g.recommendation}"),
            g.number,
        )
        for g in groups
        for i, action in enumerate(g.actions)
    ]


def _got(tables: list[Table]) -> list[tuple[str, str, str, str]]:
    return [
        (
            _norm(row.text("ref")),
            _norm(row.text("actions")),
            _norm(row.text("outcome")),
            row.section.number or "",
        )
        for table in tables
        if table.kind == "action_plan"
        for row in table.rows
    ]


@needs_soffice
@pytest.mark.parametrize("name", list(CASES))
def test_every_row_gets_its_merged_recommendation(
    tables: dict[str, list[Table]], name: str
) -> None:
    got, expected = _got(tables[name]), _expected(name)
    assert [g[:2] for g in got] == [e[:2] for e in expected], "rows split or merged wrongly"
    assert [g[2] for g in got] == [e[2] for e in expected]


@needs_soffice
@pytest.mark.parametrize("name", list(CASES))
def test_rows_take_the_merged_recommendation_as_their_section(
    tables: dict[str, list[Table]], name: str
) -> None:
    assert [g[3] for g in _got(tables[name])] == [e[3] for e in _expected(name)]


@needs_soffice
def test_merged_text_over_a_page_break_joins_the_cell(tables: dict[str, list[Table]]) -> None:
    rows = [row for table in tables["long"] for row in table.rows]
    crossing = [r for r in rows if len({s.page for s in r.fields["outcome"].spans}) > 1]
    assert crossing, "the long case no longer puts a merged cell across a page break"
    assert all(re.match(r"\d+\.\d+$", row.text("ref")) for row in rows)


@needs_soffice
def test_merged_banner_rows_become_the_group(tables: dict[str, list[Table]]) -> None:
    rows = [row for table in tables["numbered"] for row in table.rows]
    groups, _, every = CASES["numbered"]
    sizes = [len(g.actions) for g in groups]
    expected = [
        f"Area {g // every + 1}: practice standards" for g, n in enumerate(sizes) for _ in range(n)
    ]
    assert [row.section.group for row in rows] == expected


def _piece(text: str, last_bottom: float, cell_bottom: float) -> RawCell:
    words = tuple(
        Word(w, (10.0 + 30 * i, last_bottom - 8, 38.0 + 30 * i, last_bottom), 8.0, False)
        for i, w in enumerate(text.split())
    )
    return RawCell(text, (Line(words),), (0.0, 0.0, 200.0, cell_bottom), 0, 1, False, None, 3)


@pytest.mark.parametrize(
    ("before", "text", "carried"),
    [
        (("Improve the quality of", 95.0, 100.0), "supervision so that", True),  # cut mid-sentence
        (("Improve the quality of", 95.0, 100.0), "", True),  # the rest of the cell is blank
        (("Improve supervision.", 95.0, 100.0), "Ensure that plans", False),  # sentence ended
        (("Improve the quality of", 95.0, 100.0), "4. Ensure that plans", False),  # new number
        (("Improve the quality of", 40.0, 100.0), "Ensure that plans", False),  # room was left
    ],
)
def test_page_top_text_carries_on_a_cut_merged_cell_only_when_it_reads_on(
    before: tuple[str, float, float], text: str, carried: bool
) -> None:
    assert carries_on(_piece(*before), text, ExtractSettings()) is carried
