"""Property-based tests (hypothesis) on row merging and header mapping (read-only use of extract/).

Row merging: however a logical row's cells are cut into printed pieces across pages, no character
is lost, added or reordered (white space aside), pages are spanned first to last, and every
column is present. _continues_row: an empty lead continues, a numbered lead never does.
Header mapping: one name per printed header, all distinct, and the mapping ignores case, spacing
and line breaks.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from councilpapers.extract.fragments import RawCell
from councilpapers.extract.headers import CANONICAL, canonical_name, map_headers, slug
from councilpapers.extract.layout import Line
from councilpapers.extract.merged import MergedCells
from councilpapers.extract.rows import RowBuilder
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import REF, OpenTable, _continues_row
from councilpapers.records import Section, Word

WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,;:'()",
    min_size=1,
    max_size=9,
).filter(lambda t: not re.fullmatch(r"\d{1,2}|[a-z]", t))
HEADER = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=40
) | st.sampled_from(
    [
        "Ref No.",
        "Actions",
        "Lead",
        "Timescale/ Date",
        "Who?",
        "What?",
        "RAG",
        "Measure",
        "Evidence of Progress",
        "Outcome – (report for Q1)",
        "Current Status",
        "Impact",
    ]
)


def _cell(col: int, words: list[str], top: float) -> RawCell:
    lines, y = [], top
    for start in range(0, len(words), 4):
        x, placed = 10.0 + col * 100, []
        for text in words[start : start + 4]:
            placed.append(Word(text, (x, y, x + 5.0 * len(text), y + 10.0), size=10.0))
            x += 5.0 * len(text) + 3
        lines.append(Line(tuple(placed)))
        y += 12.0
    box = (5.0 + col * 100, top - 2, 105.0 + col * 100, y + 2)
    return RawCell(
        text=" ".join(words),
        lines=tuple(lines),
        bbox=box,
        col_start=col,
        col_end=col + 1,
        bold=False,
        fill=None,
    )


pieces = st.lists(
    st.lists(st.lists(WORD, max_size=10), min_size=3, max_size=3), min_size=1, max_size=4
)


@given(pieces)
def test_merging_keeps_every_character_in_order(fragments: list[list[list[str]]]) -> None:
    builder = RowBuilder(section=Section())
    for page, cells in enumerate(fragments, start=1):
        builder.add(page, tuple(_cell(col, words, 100.0) for col, words in enumerate(cells)))
    columns, headers = ("ref", "actions", "lead"), ("No", "Actions", "Lead")
    row = builder.build(0, columns, headers, pitch=12.0, settings=ExtractSettings())
    assert list(row.fields) == ["ref", "actions", "lead"]
    for col, name in enumerate(row.fields):
        printed = "".join(w for cells in fragments for w in cells[col])
        assert "".join(row.fields[name].text.split()) == printed
        assert len(row.fields[name].spans) == len(fragments)
    assert row.page_first == 1 and row.page_last >= row.page_first


def _table(leads: list[str]) -> OpenTable:
    table = OpenTable(
        columns=("ref", "actions"),
        headers=("No", "Actions"),
        boundaries=(0.0, 50.0, 100.0),
        pitch=12.0,
        title=None,
        merged=MergedCells(ExtractSettings()),
    )
    for lead in leads:
        builder = RowBuilder(section=Section())
        builder.add(1, (_cell(0, lead.split() or [], 100.0),))
        table.rows.append(builder)
    return table


LEADS = st.lists(st.sampled_from(["1.1", "2.3", "A1", "10.2.1", "Ensure", "", "x y"]), max_size=8)


@given(LEADS, st.sampled_from(["3.4", "12.1a", "B2"]))
def test_numbered_lead_never_continues(leads: list[str], lead: str) -> None:
    assert REF.match(lead)
    assert not _continues_row(_table(leads), lead)


@given(LEADS)
def test_empty_lead_always_continues(leads: list[str]) -> None:
    assert _continues_row(_table(leads), "")


@given(st.lists(HEADER, max_size=10))
def test_map_headers_one_name_each(texts: list[str]) -> None:
    names = map_headers(texts)
    assert len(names) == len(texts)
    assert all(re.fullmatch(r"[a-z0-9_]+", name) for name in names), names


@example(["REFNO", "REFNO", "REFNO"])
@given(st.lists(HEADER, max_size=10))
def test_map_headers_names_distinct(texts: list[str]) -> None:
    names = map_headers(texts)
    assert len(set(names)) == len(names), names


@given(HEADER, st.sampled_from([" ", "  ", "\n", " \n "]))
def test_canonical_name_ignores_case_and_spacing(text: str, space: str) -> None:
    varied = space.join(text.upper().split(" "))
    assert canonical_name(varied) == canonical_name(text)
    assert canonical_name(text) in (*CANONICAL, None)
    assert slug(text) == slug(f"  {text}  ")
