"""Accuracy floor on other people's tables: benchmarks/real_tables.py over the ICDAR 2013,
camelot and tabula-java pairs in ../shared/real/tables, per group, for our extractor and the
pdfplumber baselines the README prints beside it (so the comparison stays true)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import REAL, benchmark, needs_floors

pytestmark = needs_floors
MARGIN = 0.005
PAIRS = REAL / "tables" / "pairs.jsonl"

# README "Public table benchmarks": group -> (pairs, pdfplumber, text strategy, councilpapers)
TODAY = {
    "ICDAR": (32, 0.334, 0.690, 0.637),
    "camelot": (11, 0.687, 0.728, 0.676),
    "tabula-java": (12, 0.738, 0.643, 0.877),
    "ALL": (55, 0.493, 0.687, 0.698),
}


@pytest.fixture(scope="module")
def results() -> Any:
    real_tables = benchmark("real_tables")
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    ours = real_tables.load_ours()
    assert ours is not None, "councilpapers.extract.tables.find_page_grids is missing"
    return real_tables.run(pairs, PAIRS.parent, ours, details=False)


def mean(results: Any, source: str, group: str) -> tuple[int, float]:
    values = benchmark("real_tables")._values(results, source, group)
    return len(values), sum(values) / len(values)


@pytest.mark.parametrize("group", list(TODAY))
def test_our_cell_recall_per_group(results: Any, group: str) -> None:
    pairs, _plumber, _text, ours = TODAY[group]
    count, found = mean(results, "ours", group)
    assert count == pairs
    assert found >= ours - MARGIN, f"{group}: {found:.3f} < {ours}"


@pytest.mark.parametrize("group", list(TODAY))
def test_pdfplumber_baselines_are_as_printed(results: Any, group: str) -> None:
    _pairs, plumber, text, _ours = TODAY[group]
    assert round(mean(results, "pdfplumber", group)[1], 3) == plumber
    assert round(mean(results, "text", group)[1], 3) == text


def test_skipped_pairs_are_the_two_bad_annotations(results: Any) -> None:
    assert len(results.skipped) == 2 and all("us-017" in s for s in results.skipped)
