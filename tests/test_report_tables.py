"""An inspection report's grades table is the inspectorate's verdict, not a council's RAG summary.

Guards: a summary-shaped table printed wholly inside a part typed as an inspection's report or
letter is kept as `other`; the same table in a council's own part (or straddling into one) keeps
its kind; and on a real ILACS report (../shared/real) the grades table never reaches the
recommendation register as a plan's recommendations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from councilpapers.corpus.store import Store
from councilpapers.extract.extraction import extract_document
from councilpapers.extract.report_tables import inspection_grades_unrated
from councilpapers.ingest.pdf import read_document
from councilpapers.records import PackItem, Table
from councilpapers.tracking.register import build_register
from tests.conftest import REAL, needs_real


def _table(kind: str, first: int, last: int) -> Table:
    return Table(
        0, kind, ("outcome", "rag"), ("Judgement", "Grade"), (), page_first=first, page_last=last
    )


def _part(doc_type: str, first: int, last: int) -> PackItem:
    return PackItem(0, None, "part", doc_type, first, last)


@pytest.mark.parametrize("doc_type", ["inspection_report", "inspection_letter"])
def test_a_summary_shaped_table_inside_an_inspection_is_not_a_rating(doc_type: str) -> None:
    parts = [_part("report", 1, 2), _part(doc_type, 3, 12)]
    kept = inspection_grades_unrated([_table("rag_snapshot", 3, 3)], parts)
    assert [t.kind for t in kept] == ["other"]


def test_a_council_summary_keeps_its_kind() -> None:
    parts = [_part("inspection_report", 1, 11), _part("plan", 12, 20)]
    tables = [
        _table("rag_snapshot", 12, 12),  # the council's summary, after the report
        _table("rag_snapshot", 11, 12),  # straddling out of the report: not wholly inside
        _table("action_plan", 3, 4),  # only summaries are retyped
    ]
    kept = inspection_grades_unrated(tables, parts)
    assert [t.kind for t in kept] == ["rag_snapshot", "rag_snapshot", "action_plan"]


def _ilacs() -> Path:
    reports = sorted((REAL / "ofsted" / "ilacs").glob("*.pdf"))
    if not reports:
        pytest.skip("no ILACS reports under ../shared/real/ofsted/ilacs")
    return reports[-1]


@needs_real
def test_an_ilacs_report_gives_the_register_no_plan_entries(tmp_path: Path) -> None:
    path = _ilacs()
    extracted = extract_document(read_document(path))
    assert any(part.doc_type == "inspection_report" for part in extracted.items)
    assert "rag_snapshot" not in {t.kind for t in extracted.tables}
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        store.save(extracted)
        register = build_register(store)
    assert register.ratings == []
    assert all(entry.id.startswith("report-") for entry in register.entries.values())
