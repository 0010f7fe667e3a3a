"""Floor on real Ofsted reports: benchmarks/real_reports.py against the hand-read gold in
benchmarks/gold (39 reports of every framework since 2013 and area SEND), per part.

The figures are today's (README "Real Ofsted reports"), less nothing where they are perfect and
a hair where they are not: recall and precision of items (text similarity >= 0.90), the share of
gold items found exactly as printed, kinds right and priority actions told apart, responsible
bodies, and the judgement and dates of every report. Slow (reads every report): FLOORS only.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import REAL, benchmark, needs_floors

pytestmark = [
    needs_floors,
    pytest.mark.skipif(not (REAL / "ofsted").is_dir(), reason="no ../shared/real/ofsted"),
]

# part -> (recall, precision, exact share); every kind, priority action, body, judgement and
# date right in both parts
FLOORS = {"dev": (1.0, 1.0, 1.0), "test": (0.97, 1.0, 0.97)}


@pytest.fixture(scope="module")
def tallies() -> dict[tuple[str, str], Any]:
    bench = benchmark("real_reports")
    result: dict[tuple[str, str], Any] = bench.evaluate(bench.load_gold())
    return result


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_items_found_as_printed(tallies: dict[tuple[str, str], Any], part: str) -> None:
    tally = tallies[(part, "all")]
    recall, precision, exact = FLOORS[part]
    assert tally.recall >= recall
    assert tally.precision >= precision
    assert tally.exact_share >= exact


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_kinds_bodies_judgements_dates_and_types(
    tallies: dict[tuple[str, str], Any], part: str
) -> None:
    tally = tallies[(part, "all")]
    assert tally.kind_right == tally.matched
    assert tally.priority_found == tally.priority_gold and tally.priority_wrong == 0
    assert tally.bodies_right == tally.bodies
    assert tally.judgement_right == tally.dates_right == tally.typed_right == tally.reports


def test_every_framework_is_scored_in_both_parts(tallies: dict[tuple[str, str], Any]) -> None:
    frameworks = {f for part, f in tallies if part == "test" and f != "all"}
    assert {"sif", "ilacs_2018", "ilacs_2023", "area_send_2023"} <= frameworks
    assert frameworks <= {f for part, f in tallies if part == "dev"}
