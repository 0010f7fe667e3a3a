"""The randomised plan generator (benchmarks/gensuite/seeded): seeds are deterministic, split by
wording (development seeds print only training wordings, evaluation seeds only held-out ones),
and the gold says what the composed document prints. No LibreOffice needed: these check the
document model the makers set in type; tests/test_floor_generalise.py builds real PDFs.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

from gensuite.seeded.compose import Composer  # noqa: E402
from gensuite.seeded.design import draw_design  # noqa: E402
from gensuite.seeded.model import Grid  # noqa: E402
from gensuite.seeded.printing import Printer, quarter_label  # noqa: E402
from gensuite.seeded.story import Due, story  # noqa: E402
from gensuite.seeded.titles import Titles, version_name  # noqa: E402
from gensuite.seeded.wordings import STACK, load, normal, split_of, wordings_for  # noqa: E402

DEV = range(0, 40)
EVAL = range(1000, 1040)


def built(seed: int) -> list[tuple[Composer, list[Grid], list[dict[str, object]]]]:
    design, words = draw_design(seed), wordings_for(seed)
    composer = Composer(design, words)
    out = []
    for version in story(design, words, composer.titles.granularity):
        result = composer.compose(version, f"s{seed}-v{version.index}.pdf")
        out.append((composer, list(result.doc.grids), result.records))
    return out


def test_a_seed_draws_the_same_plan_every_time() -> None:
    assert draw_design(7) == draw_design(7)
    assert [r for _, _, r in built(7)] == [r for _, _, r in built(7)]
    assert split_of(999) == "training" and split_of(1000) == "heldout"


def _header_wordings(split: str) -> set[str]:
    words = load(split)
    pools = [*words.headers.values(), words.dated, words.section_number]
    pools += list(words.group_headings.values())
    return {normal(w) for pool in pools for w in pool}


@pytest.mark.parametrize(("seeds", "split"), [(DEV, "training"), (EVAL, "heldout")])
def test_seeds_print_only_their_splits_header_wordings(seeds: range, split: str) -> None:
    allowed = _header_wordings(split)
    other = _header_wordings("training" if split == "heldout" else "heldout")
    for seed in seeds:
        heads = Composer(draw_design(seed), wordings_for(seed)).heads
        for column in heads.columns:
            for wording in (*column.path, column.name):
                assert normal(wording) in allowed, (seed, wording)
                assert normal(wording) not in other or split == "training", (seed, wording)


@pytest.mark.parametrize("seed", [*DEV[:15], *EVAL[:15]])
def test_every_gold_row_is_a_printed_row_with_its_cells(seed: int) -> None:
    for _, grids, records in built(seed):
        printed = {c.text for g in grids for row in g.rows for c in row.cells if c is not None}
        data = sum(row.kind == "data" for g in grids if g.kind != "indicators" for row in g.rows)
        assert data == len(records)
        for record in records:
            fields = record["fields"]
            assert isinstance(fields, dict)
            for name, text in fields.items():
                assert name == "rag" or text in printed, (seed, record["ref"], name)


def test_stacked_headers_are_keyed_group_first() -> None:
    seed = next(s for s in DEV if draw_design(s).header_rows == 3)
    _, _, records = built(seed)[0]
    keys = list(records[0]["cells"])  # type: ignore[call-overload]
    assert any(key.count(STACK.strip()) == 2 for key in keys)


def test_dates_end_their_period() -> None:
    assert quarter_label(date(2024, 9, 30)) == "Q2 2024/25"
    assert quarter_label(date(2025, 3, 31)) == "Q4 2024/25"
    design = replace(draw_design(0), producer="xlsx", month_format="short_months")
    printer = Printer(design, wordings_for(0))
    printed = printer.due(Due("month", date(2024, 10, 31)))
    assert printed.text == "Oct-24" and printed.value == date(2024, 10, 1)


def test_versions_named_by_a_date_are_that_date() -> None:
    titles = Titles("X Council", "Improvement Plan", "{quarter} update", "lines", "quarter")
    assert titles.granularity == "quarter"
    assert version_name(titles, 2, date(2024, 9, 30)) == "2024-09-30"
    template = "Version {n} – {month} {year}"
    numbered = Titles("X Council", "Improvement Plan", template, "lines", "day")
    assert version_name(numbered, 3, date(2024, 9, 30)) == "2024-v3"


def test_date_named_versions_are_ordered_by_date() -> None:
    for seed in DEV:
        if draw_design(seed).version_naming != "date":
            continue
        names = [records[0]["plan_version"] for _, _, records in built(seed) if records]
        assert names == sorted(names) and len(set(names)) == len(names), seed


def test_status_follows_the_status_column_else_the_key() -> None:
    base = draw_design(3)
    words = wordings_for(3)
    item = story(base, words)[0].findings[0].items[0]
    item = replace(item, state="complete")
    with_status = replace(base, fields=("ref", "actions", "status", "rag"), key_printed=False)
    assert Printer(with_status, words).status_norm(item) == "completed"
    delivery = replace(
        base,
        fields=("ref", "actions", "rag"),
        key_scheme="delivery",
        key_printed=True,
        rag_encoding="word",
    )
    assert Printer(delivery, words).status_norm(item) == "ongoing"  # the key: Green – on track
    unkeyed = replace(delivery, key_scheme="brag", key_printed=False, rag_encoding="brag_word")
    assert Printer(unkeyed, words).status_norm(item) == "completed"  # Blue


@pytest.mark.parametrize(("seeds", "split"), [(DEV[:20], "training"), (EVAL[:20], "heldout")])
def test_leads_and_status_words_come_from_the_seeds_split(seeds: range, split: str) -> None:
    pools = load(split).pools
    statuses = {w for words in pools["statuses"].values() for w in words}
    names = (*pools["roles"], *pools["abbreviations"])
    for seed in seeds:
        for _, _, records in built(seed):
            for record in records:
                fields = record["fields"]
                assert isinstance(fields, dict)
                if "status" in fields:
                    assert fields["status"] in statuses, (seed, fields["status"])
                for lead in record.get("leads", []):  # type: ignore[attr-defined]
                    assert any(str(lead).startswith(n) for n in names), (seed, lead)
