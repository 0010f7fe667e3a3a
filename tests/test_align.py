"""Alignment: headings linked to the register by text across renumbering, overrides honoured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from councilpapers.corpus.store import Store
from councilpapers.errors import UsageError
from councilpapers.tracking.overrides import load_overrides, write_links
from councilpapers.tracking.register import build_register, version_key
from councilpapers.tracking.similarity import clean_recommendation, similarity_matrix
from councilpapers.tracking.tracker import track

try:
    from _recs_data import SHARED, gold_store, synthetic_store
except ImportError:  # pragma: no cover - run as a package
    from tests._recs_data import SHARED, gold_store, synthetic_store

SCOPE = "service-improvement-plan"


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return synthetic_store(tmp_path / "plans.sqlite")


def section_links(db: str, links: Path | None = None) -> dict[tuple[str, str | None], str | None]:
    tracking = track(db, links)
    return {
        (link.plan_version, link.section_number): link.recommendation
        for link in tracking.alignment.sections
    }


def test_headings_follow_text_not_numbers(db: str) -> None:
    links = section_links(db)
    assert links[("3", "1")] == links[("4", "2")] == f"{SCOPE}:1"  # renumbered 1 -> 2
    assert links[("3", "3")] == links[("4", "4")] == f"{SCOPE}:3"  # reworded and renumbered
    assert links[("4", "1")] == f"{SCOPE}:v4-s1"  # a heading answering no recommendation


def test_register_from_snapshot_cleans_numbers_and_paragraphs(db: str) -> None:
    with Store.open(db) as store:
        register = build_register(store)
    first = register.entries[f"{SCOPE}:1"]
    assert first.number == 1
    assert first.text == "Ensure that children who go missing are offered a return interview"
    assert {r.rag for r in register.ratings if r.plan_version == "3"} == {"Amber", "Green", "Red"}
    assert register.versions(SCOPE) == ["3", "4"]


def test_confidence_and_review(db: str) -> None:
    tracking = track(db)
    texts = [link for link in tracking.alignment.sections if link.method == "text"]
    assert texts and all(0.6 <= link.confidence <= 1.0 for link in texts)
    assert all("text" in link.evidence and "margin" in link.evidence for link in texts)
    assert tracking.alignment.review() == []
    rows = [link for link in tracking.alignment.rows if link.plan_version == "4"]
    assert {link.row_ref for link in rows if link.recommendation == f"{SCOPE}:1"} == {"2.1", "2.2"}


def test_overrides_are_honoured(db: str, tmp_path: Path) -> None:
    links = tmp_path / "links.yaml"
    links.write_text(
        "sections:\n"
        "  - plan_version: '4'\n    section: '1'\n    recommendation: 2\n"
        "  - plan_version: '4'\n    section: '3'\n    title: Improve the timeliness\n"
        "    recommendation: null\n"
        "rows:\n  - plan_version: '4'\n    ref: '4.1'\n    recommendation: "
        f"{SCOPE}:1\n",
        encoding="utf-8",
    )
    fixed = section_links(db, links)
    assert fixed[("4", "1")] == f"{SCOPE}:2"
    assert fixed[("4", "3")] is None
    tracking = track(db, links)
    moved = [r for r in tracking.alignment.rows if r.row_ref == "4.1"]
    assert moved[0].recommendation == f"{SCOPE}:1" and moved[0].method == "override"


def test_written_links_file_round_trips(db: str, tmp_path: Path) -> None:
    tracking = track(db)
    path = write_links(tracking.alignment, tmp_path / "links.yaml")
    assert section_links(db, path) == section_links(db)


@pytest.mark.parametrize(
    "text, message",
    [
        ("sections: [{plan_version: '4'}]", "needs plan_version"),
        (
            "sections: [{plan_version: '4', section: '1', recommendation: nope}]",
            "no recommendation",
        ),
        ("- a\n- b", "expected"),
        ("sections: [", "not valid YAML"),
    ],
)
def test_bad_links_files_are_usage_errors(db: str, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        track(db, path)
    with pytest.raises(UsageError, match="not found"):
        load_overrides(tmp_path / "missing.yaml")


def test_similarity_survives_hyphenation_and_rewording() -> None:
    scores = similarity_matrix(
        ["With partners, ensure that multiagency thresholds are understood"],
        [
            "With partners, ensure that multi-agency thresholds are understood",
            "Ensure that audits are routinely embedded",
        ],
    )
    assert scores[0, 0] > 0.7 > 0.3 > scores[0, 1]
    assert clean_recommendation("12. Review the policy (paragraphs 1-3).") == "Review the policy"


def test_version_order() -> None:
    assert sorted(["21", "2023-v4", "14", "9"], key=lambda v: version_key(v, None)) == [
        "9",
        "14",
        "21",
        "2023-v4",
    ]


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus (gold) beside the repo")
def test_gold_alignment_floor(tmp_path: Path) -> None:
    """Mean Jaccard of linked rows per (recommendation, version) >= 0.90 on the gold tables."""
    tracking = track(gold_store(tmp_path / "gold.sqlite"))
    gold = [
        json.loads(line)
        for line in (SHARED / "gold/recommendations.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    by_text = {h.recommendation.text[:40].lower(): h for h in tracking.histories}
    scores = []
    for item in gold:
        snapshot = item["versions"]["14"]
        key = (item["text"] if item["number"] else snapshot["plan_heading"])[:40].lower()
        history = by_text.get(key) or next(
            h
            for h in tracking.histories
            if any(v.section_title and v.section_title.lower().startswith(key) for v in h.versions)
        )
        versions = {v.plan_version: v for v in history.versions}
        for version, expected in item["versions"].items():
            want = {(r["ref"], r["pages"][0]) for r in expected["rows"]}
            got = {(r.ref, r.pages[0]) for r in versions[version].rows}
            scores.append(len(want & got) / len(want | got))
            if expected.get("rag"):
                assert versions[version].rag == expected["rag"], item["id"]
    assert sum(scores) / len(scores) >= 0.90


def test_plan_family_ignores_dates_and_versions_in_titles() -> None:
    from councilpapers.records import PlanIdentity
    from councilpapers.tracking.register import scope_name

    may = PlanIdentity("1", None, "Westvale Council May 2024 update Children's Improvement Plan")
    november = PlanIdentity("2", None, "Westvale Council November 2024 Improvement Plan v2")
    assert scope_name(may) == "westvale-council-children-s-improvement-plan"
    assert scope_name(november) == "westvale-council-improvement-plan"
    assert scope_name(PlanIdentity(title="Improvement Plan – Version 3 (March 2025)")) == (
        "improvement-plan"
    )
