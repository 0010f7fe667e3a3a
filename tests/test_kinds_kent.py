"""Kent's ICS delivery plan (a PowerPoint deck saved as PDF, one table per slide): what it
taught extraction. Skips without ../shared/real/kent beside the checkout."""

from __future__ import annotations

import itertools
import re

import pytest

from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Table
from tests.conftest import SHARED

PLAN = (
    SHARED
    / "real"
    / "kent"
    / "cabinet_2025-01-30__24-00115 - Appendix B - KCC ICS priorities measures.pdf"
)

pytestmark = pytest.mark.skipif(
    not PLAN.is_file(), reason="../shared/real/kent is not beside this checkout"
)


@pytest.fixture(scope="module")
def tables() -> list[Table]:
    return find_tables(read_document(PLAN))


def _committed(tables: list[Table]) -> list[Table]:
    return [t for t in tables if any("committed" in h.lower() for h in t.headers)]


def test_logframe_measures_tables_are_indicators_not_action_rows(tables: list[Table]) -> None:
    logframes = [t for t in tables if any("indicator" in h.lower() for h in t.headers)]
    assert len(logframes) >= 5
    assert {t.kind for t in logframes} == {"indicators"}


def test_shared_outcome_is_mapped_on_every_slide(tables: list[Table]) -> None:
    plans = _committed(tables)
    assert len(plans) >= 15
    assert all(t.kind == "action_plan" for t in plans)
    assert all("outcome" in t.columns and "column" not in t.columns for t in plans)
    filled = [r.text("outcome") for t in plans for r in t.rows]
    assert sum(bool(text) for text in filled) >= 0.95 * len(filled)


def test_codes_broken_by_the_slide_are_rejoined(tables: list[Table]) -> None:
    outcomes = [r.text("outcome") for t in _committed(tables) for r in t.rows]
    assert not [text for text in outcomes if re.search(r"\bS O\d|\bSO \d", text)]
    assert "SO1,SO2,SO3,SO4,SO5,SO6" in outcomes


def test_banner_carries_to_the_next_slide_of_the_same_title(tables: list[Table]) -> None:
    plans = _committed(tables)
    carried = [
        (before, after)
        for before, after in itertools.pairwise(plans)
        if after.page_first == before.page_last + 1 and before.rows[-1].section.title
    ]
    untitled = [(b, a) for b, a in carried if a.title is None or a.title == b.title]
    assert untitled, "no slide continues a titled banner any more"
    for _before, after in untitled:
        section = after.rows[0].section
        if not (section.title or section.group):
            pytest.fail(f"slide on page {after.page_first} lost the banner above it")
