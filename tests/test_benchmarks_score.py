"""Unit tests of the benchmark scorer (benchmarks/score.py) on small hand-made gold and frames."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

from gold import load_gold, normalise  # noqa: E402
from matching import cell_similarity  # noqa: E402
from score import read_export, score  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus"
HEADERS = ("NOS", "What?", "Who?", "How?")


def record(ref: str, section: str, what: str, pages: list[int] | None = None) -> dict[str, Any]:
    cells = dict(
        zip(HEADERS, (ref, what, "Head of Service\nTeam Manager", f"• Do {what}"), strict=True)
    )
    return {
        "doc": "plan.pdf",
        "table_kind": "action_plan",
        "plan_version": "14",
        "section": {"number": section, "title": f"Heading {section}", "group": "1 AREA"},
        "ref": ref,
        "cells": cells,
        "pages": pages or [3, 3],
    }


GOLD = [
    record("1.1", "1", "Assessments completed within twenty days of referral"),
    record("1.2", "1", "Strategy meetings held with police and health partners", [3, 4]),
    record("5.1", "5", "Missing children offered a return interview promptly"),
    record("5.1", "6", "Child sexual exploitation risk assessed at every contact"),
]


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    lines = "\n".join(json.dumps(r) for r in GOLD)
    (tmp_path / "plan.jsonl").write_text(lines + "\n", encoding="utf-8")
    return tmp_path


def frame_of(records: list[dict[str, Any]]) -> pd.DataFrame:
    rows = []
    for r in records:
        cells = r["cells"]
        rows.append(
            {
                "doc": r["doc"],
                "table_kind": r["table_kind"],
                "plan_version": r["plan_version"],
                "section_number": r["section"]["number"],
                "ref": cells["NOS"],
                "outcome": cells["What?"],
                "lead": cells["Who?"],
                "actions": cells["How?"],
                "page_first": r["pages"][0],
                "page_last": r["pages"][1],
            }
        )
    return pd.DataFrame(rows)


def test_identical_frame_scores_one(gold_dir: Path) -> None:
    report = score(frame_of(GOLD), gold_dir)
    assert report.overall.f1 == 1.0
    assert report.overall.similarity == 1.0
    assert report.overall.accuracy("pages") == 1.0
    assert report.overall.accuracy("section_number") == 1.0


def test_dropped_row_lowers_recall_only(gold_dir: Path) -> None:
    report = score(frame_of(GOLD[:1] + GOLD[2:]), gold_dir)
    assert report.overall.recall == 0.75
    assert report.overall.precision == 1.0


def test_split_row_lowers_f1(gold_dir: Path) -> None:
    head = record("1.2", "1", "Strategy meetings held with police", [3, 3])
    tail = record("", "1", "and health partners", [4, 4])
    tail["cells"]["Who?"], tail["cells"]["How?"] = "", ""
    report = score(frame_of([GOLD[0], head, tail, *GOLD[2:]]), gold_dir)
    assert report.overall.matched == 4
    assert report.overall.precision == 0.8
    assert report.overall.f1 < 1.0
    assert report.overall.similarity < 1.0
    assert report.overall.accuracy("pages") == 0.75


def test_duplicate_refs_are_told_apart_by_section(gold_dir: Path) -> None:
    report = score(frame_of(GOLD), gold_dir)
    matched = report.cells[report.cells["field"] == "outcome"]
    assert list(matched["predicted"]) == list(matched["gold"])


def test_other_docs_are_not_scored(gold_dir: Path) -> None:
    other = record("1.1", "1", "Anything")
    other["doc"] = "elsewhere.pdf"
    report = score(frame_of([*GOLD, other]), gold_dir)
    assert report.overall.f1 == 1.0
    assert report.unscored_docs == ["elsewhere.pdf"]


@pytest.mark.parametrize(
    ("extracted", "gold"),
    [
        ("multi-\nagency  working", "multi-agency working"),
        ("AD/HoS/IROs/\nLead", "AD/HoS/IROs/Lead"),
        ("AD/H\noS", "AD/HoS"),
        ("Head of Service\nTeam  Manager ", "Head of Service Team Manager"),
    ],
)
def test_layout_breaks_do_not_count(extracted: str, gold: str) -> None:
    assert cell_similarity(extracted, gold) == 1.0


def test_normalise_collapses_white_space() -> None:
    assert normalise(" a\n\tb  c ") == "a b c"
    assert normalise(None) == ""


def test_real_differences_count() -> None:
    assert cell_similarity("Head of Service", "Head of Safeguarding") < 1.0
    assert cell_similarity("", "COMPLETED") == 0.0


def test_export_files_round_trip(gold_dir: Path, tmp_path: Path) -> None:
    frame = frame_of(GOLD)
    frame.to_csv(tmp_path / "out.csv", index=False)
    frame.to_json(tmp_path / "out.json", orient="records")
    for name in ("out.csv", "out.json"):
        assert score(read_export(tmp_path / name), gold_dir).overall.similarity == 1.0


@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="../shared/corpus is not checked out")
def test_corpus_gold_loads_and_scores_itself() -> None:
    gold = load_gold(CORPUS / "gold")
    assert len(gold) > 0
    assert gold["outcome"].notna().all()
    assert score(gold.drop(columns=["gold_fields"]), CORPUS / "gold").overall.f1 == 1.0
