"""Recommendation tracking across plan versions that reword and renumber their headings: a
heading is followed by the wording it had in the previous version, not only by the register's."""

from __future__ import annotations

from pathlib import Path

from councilpapers.corpus.store import Store
from councilpapers.records import ExtractedDocument, Section
from councilpapers.tracking.tracker import track
from tests._recs_data import ACTION_HEADERS, _document, _row, _table

SCOPE = "service-improvement-plan"
RAG_HEADERS = ("Recommendation", "RAG", "Comments")
RECS = [
    "Ensure that children who go missing are offered a return interview",
    "Improve the timeliness of child protection conferences",
    "Strengthen management oversight of casework in all teams",
]
# the first heading, reworded in each version: version 3's wording shares almost nothing with
# the recommendation, but much with version 2's
MISSING = {
    "1": RECS[0],
    "2": "Children who go missing are offered a return interview and the findings are analysed "
    "by the exploitation panel",
    "3": "Findings of return interviews are analysed by the exploitation panel and shared with "
    "partners",
}


def _plan(version: str) -> ExtractedDocument:
    rows = []
    for k, title in enumerate([MISSING[version], *RECS[1:]]):
        section = Section(str(k + 1), title)
        values = [f"{k + 1}.1", f"Action {k + 1}", "HoS", "Dec 2017", "ONGOING", "Started."]
        rows.append(_row(k, ACTION_HEADERS, values, section, (k + 2, k + 2)))
    tables = [_table(0, "action_plan", ACTION_HEADERS, rows, version)]
    if version == "1":
        snap = Section(None, "Progress snapshot")
        ratings = [
            _row(k, RAG_HEADERS, [f"{k + 1}. {text}", "Amber", "Some progress."], snap, (9, 9))
            for k, text in enumerate(RECS)
        ]
        tables.append(_table(1, "rag_snapshot", RAG_HEADERS, ratings, version))
    return ExtractedDocument(_document(f"plan-v{version}.pdf"), tuple(tables))


def test_reworded_heading_is_followed_through_its_previous_wording(tmp_path: Path) -> None:
    db = str(tmp_path / "plans.sqlite")
    with Store.open(db) as store:
        for version in MISSING:
            store.save(_plan(version))
    links = {
        (link.plan_version, link.section_number): link.recommendation
        for link in track(db).alignment.sections
    }
    assert [links[(v, "1")] for v in MISSING] == [f"{SCOPE}:1"] * 3
    assert [links[(v, "3")] for v in MISSING] == [f"{SCOPE}:3"] * 3


TWINS = [
    "Improve the timeliness of child protection conferences",
    "Improve the timeliness of child protection reviews",
    RECS[2],
]
SAME = "Improve the timeliness of child protection work"
# version -> headings (number, title) in printed order: version 2 renumbers 1, 2, 3 to 5, 6, 7;
# version 3 prints 6 before 5 under one vaguer wording. (The number memory, weighted 0.1, does
# not decide this case: the wording still leans each way; see benchmarks/mutants.py survivors.)
TWIN_HEADINGS = {
    "1": [("1", TWINS[0]), ("2", TWINS[1]), ("3", TWINS[2])],
    "2": [("5", TWINS[0]), ("6", TWINS[1]), ("7", TWINS[2])],
    "3": [("6", SAME), ("5", SAME), ("7", TWINS[2])],
}


def _twin_plan(version: str) -> ExtractedDocument:
    rows = []
    for k, (number, title) in enumerate(TWIN_HEADINGS[version]):
        values = [f"{number}.1", f"Action {number}", "HoS", "Dec 2017", "ONGOING", "Started."]
        rows.append(_row(k, ACTION_HEADERS, values, Section(number, title), (k + 2, k + 2)))
    tables = [_table(0, "action_plan", ACTION_HEADERS, rows, version)]
    if version == "1":
        snap = Section(None, "Progress snapshot")
        ratings = [
            _row(k, RAG_HEADERS, [f"{k + 1}. {text}", "Amber", "Some progress."], snap, (9, 9))
            for k, text in enumerate(TWINS)
        ]
        tables.append(_table(1, "rag_snapshot", RAG_HEADERS, ratings, version))
    return ExtractedDocument(_document(f"plan-v{version}.pdf"), tuple(tables))


def test_renumbered_and_reworded_headings_keep_their_recommendation(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "plans.sqlite")
    with Store.open(db) as store:
        for version in TWIN_HEADINGS:
            store.save(_twin_plan(version))
    links = {
        (link.plan_version, link.section_number): link.recommendation
        for link in track(db).alignment.sections
    }
    assert (links[("2", "5")], links[("2", "6")]) == (f"{SCOPE}:1", f"{SCOPE}:2")
    assert (links[("3", "5")], links[("3", "6")]) == (f"{SCOPE}:1", f"{SCOPE}:2")
