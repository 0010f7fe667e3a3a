"""Accuracy floor on other people's tables: benchmarks/real_tables.py's scoring over the ICDAR
2013, camelot and tabula-java pairs in ../shared/real/tables, per group.

Our extractor is scored pair by pair with the benchmark's own functions (region, words inside it,
recall) but without pdfplumber's table finding, which costs twice our extractor's time. The
pdfplumber baselines the README prints beside our figure are checked by the last test, which runs
the whole benchmark; it is slow, so it needs COUNCILPAPERS_BASELINES=1 as well."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from typing import Any

import pytest

from tests.conftest import REAL, benchmark, needs_floors

pytestmark = needs_floors
MARGIN = 0.005
PAIRS = REAL / "tables" / "pairs.jsonl"

# README "Public table benchmarks": group -> (pairs, pdfplumber, text strategy, councilpapers)
TODAY = {
    "ICDAR2013": (32, 0.334, 0.690, 0.637),
    "camelot": (11, 0.687, 0.728, 0.676),
    "tabula-java": (12, 0.738, 0.643, 0.877),
    "ALL": (55, 0.493, 0.687, 0.698),
}


def pairs() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def ours() -> dict[str, list[float]]:
    """Our cell recall per pair, grouped as the benchmark groups them (plus ALL)."""
    import pdfplumber

    real_tables = benchmark("real_tables")
    grids = real_tables.load_ours()
    assert grids is not None, "councilpapers.extract.tables.find_page_grids is missing"
    found: dict[str, list[float]] = defaultdict(list)
    for pair in pairs():
        pdf = PAIRS.parent / pair["pdf"]
        with pdfplumber.open(pdf) as document:
            if not 1 <= pair["page"] <= len(document.pages):
                found["skipped"].append(pair["page"])
                continue
            page = document.pages[pair["page"] - 1]
            words = real_tables.inside_words(page, real_tables.region_box(pair, page.height))
        kept = [g for g in grids(pdf, pair["page"]) if real_tables.in_region(g, words)]
        value = real_tables.recall(real_tables.expected_cells(pair["rows"]), kept)
        found[pair["source"].split()[0]].append(value)
        found["ALL"].append(value)
    return found


@pytest.mark.parametrize("group", list(TODAY))
def test_our_cell_recall_per_group(ours: dict[str, list[float]], group: str) -> None:
    count, _plumber, _text, today = TODAY[group]
    values = ours[group]
    assert len(values) == count
    assert sum(values) / count >= today - MARGIN, f"{group}: {sum(values) / count:.3f} < {today}"


def test_only_the_two_bad_annotations_are_skipped(ours: dict[str, list[float]]) -> None:
    assert len(ours["skipped"]) == 2


@pytest.mark.skipif(
    os.environ.get("COUNCILPAPERS_BASELINES") != "1",
    reason="pdfplumber baselines: slow (about 2 min); set COUNCILPAPERS_BASELINES=1",
)
def test_pdfplumber_baselines_are_as_printed() -> None:
    real_tables = benchmark("real_tables")
    results = real_tables.run(pairs(), PAIRS.parent, None, details=False)
    for group, (count, plumber, text, _ours) in TODAY.items():
        for source, today in (("pdfplumber", plumber), ("text", text)):
            values = real_tables._values(results, source, group)
            assert len(values) == count
            assert round(sum(values) / count, 3) == today, (group, source)
