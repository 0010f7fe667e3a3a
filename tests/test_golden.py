"""Golden files: what extraction makes of the bundled samples, compared exactly, and checked
against gold someone wrote by hand, so a regenerated golden file cannot bless a wrong output.

Regenerate deliberately with UPDATE_GOLDEN=1 (exactly) after a reviewed change; never in CI.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.outputs.frames import action_rows_frame
from councilpapers.records import Document, Table
from tests.conftest import (
    CORPUS,
    SAMPLES,
    benchmark,
    check_golden,
    golden_switch,
    needs_corpus,
    sample_pdfs,
)

V14 = SAMPLES / "torbay-plan-v14-2017-04-excerpt.pdf"
CCIP = SAMPLES / "torbay-ccip-v4-2023-10.pdf"
# sample -> the corpus document it was cut from (its rows are in ../shared/corpus/gold)
GOLD_DOC = {V14.name: "pdd-2017-04-03-pack.pdf", CCIP.name: "ccip-v4-2023-10.pdf"}


@cache
def extracted(pdf: Path) -> tuple[Document, list[Table]]:
    document = read_document(pdf)
    return document, find_tables(document)


def _table_json(table: Table) -> dict[str, Any]:
    return {
        "kind": table.kind,
        "columns": list(table.columns),
        "headers": list(table.headers),
        "plan": [table.plan.version, table.plan.date],
        "title": table.title,
        "pages": [table.page_first, table.page_last],
        "rows": [
            {
                "section": [row.section.number, row.section.title, row.section.group],
                "pages": [row.page_first, row.page_last],
                "fields": {name: cell.text for name, cell in row.fields.items()},
                "where": {
                    name: [[s.page, *s.bbox] for s in cell.spans]
                    for name, cell in row.fields.items()
                    if name == "ref"
                },
            }
            for row in table.rows
        ],
    }


def flat(text: str) -> str:
    return " ".join(text.split())


def test_v14_snapshot_ratings_and_cells_as_printed() -> None:
    """Read off page 20 of the sample by eye: the RAG column's words and two comments."""
    (snapshot,) = [t for t in extracted(V14)[1] if t.kind == "rag_snapshot"]
    rows = snapshot.rows
    assert len(rows) == 16
    assert [r.text("rag") for r in rows[:8]] == [
        "Amber", "Green", "Amber", "Amber", "Amber", "Amber", "Green", "Amber"
    ]  # fmt: skip
    assert flat(rows[0].text("outcome")).startswith(
        "1. The Chief Executive should ensure that leadership in Torbay is strong"
    )
    assert flat(rows[2].text("progress")).startswith(
        "A revised MASH referral form was introduced in November"
    )
    assert (rows[0].page_first, snapshot.plan.version) == (20, "14")


def test_v14_plan_first_rows_as_printed() -> None:
    (plan,) = [t for t in extracted(V14)[1] if t.kind == "action_plan"]
    assert len(plan.rows) == 53
    first = plan.rows[0]
    assert first.text("ref") == "1.1"
    assert first.text("status") == "COMPLETED"
    assert first.section.group == "1 CHILDREN IN NEED OF HELP OF PROTECTION"
    assert [r.text("ref") for r in plan.rows[:3]] == ["1.1", "1.2", "1.3"]


def test_ccip_plan_identity_and_first_row_as_printed() -> None:
    tables = extracted(CCIP)[1]
    assert {(t.plan.version, t.plan.date) for t in tables} == {("2023-v4", "2023-10-01")}
    first = tables[0].rows[0]
    assert first.text("ref") == "1.1.1"
    assert first.text("lead") == "CEO, DCS, Directors of partner organisations"
    assert first.text("timescale") == "Immediate and ongoing."
    assert first.section.group == "Theme 1 – Partnership, Leadership Management and Governance"
    assert sum(len(t.rows) for t in tables) == 33


@needs_corpus
@pytest.mark.parametrize("pdf", [V14, CCIP], ids=lambda p: p.stem)
def test_sample_rows_equal_the_corpus_gold(pdf: Path) -> None:
    """Every row and cell of the sample against the hand-made gold of the document it is cut
    from (pages differ in the excerpt, so only rows, cells, sections and versions count)."""
    score = benchmark("score")
    frame = action_rows_frame([extracted(pdf)])
    frame["doc"] = GOLD_DOC[pdf.name]
    overall = score.score(frame, CORPUS / "gold", docs=[GOLD_DOC[pdf.name]]).overall
    assert (overall.gold, overall.predicted, overall.matched) == (len(frame),) * 3
    assert overall.similarity == 1.0
    assert overall.accuracy("section_number") == 1.0
    assert overall.accuracy("plan_version") == 1.0


@pytest.mark.parametrize("pdf", sample_pdfs(), ids=lambda p: p.stem)
def test_sample_tables_match_golden(pdf: Path) -> None:
    check_golden(f"tables-{pdf.stem}", [_table_json(t) for t in extracted(pdf)[1]])


@pytest.mark.parametrize(
    ("environment", "outcome"),
    [
        ({}, False),
        ({"UPDATE_GOLDEN": ""}, False),
        ({"UPDATE_GOLDEN": "1"}, True),
        ({"UPDATE_GOLDEN": "0"}, "refused"),
        ({"UPDATE_GOLDEN": "true"}, "refused"),
        ({"UPDATE_GOLDEN": "1", "CI": "true"}, "refused"),
    ],
)
def test_golden_switch_is_1_exactly_and_refused_in_ci(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], outcome: object
) -> None:
    for name in ("UPDATE_GOLDEN", "CI"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    if outcome == "refused":
        with pytest.raises(pytest.fail.Exception):
            golden_switch()
    else:
        assert golden_switch() is outcome


def test_a_changed_output_fails_the_golden_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)  # never rewrite the real file here
    with pytest.raises(AssertionError, match="differs"):
        check_golden("tables-torbay-ccip-v4-2023-10", [{"kind": "not what was stored"}])
