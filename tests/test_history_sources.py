"""Where the register comes from, and what read commands may do: hand-built pages and stores.

Guards: inspection lists found at ingest (lead-ins keep their bullets, committee recommendations
kept apart), a merged recommendation column and "Recommendation N" banners naming the register,
plan versions never named after files, overdue judged against the plan or meeting date (unknown
without one), ids resolved or the candidates listed, renumbering followed by text, and read
commands that leave the store byte for byte as they found it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.corpus.store import Store
from councilpapers.errors import StoreError, UsageError
from councilpapers.extract.inspection_lists import find_improvement_lists
from councilpapers.records import (
    Cell,
    Document,
    ExtractedDocument,
    InspectionPoint,
    MeetingFacts,
    Page,
    PlanIdentity,
    Row,
    Section,
    Table,
)
from councilpapers.tracking.planheads import groups_rows, heading_of, row_ref, summary_rating
from councilpapers.tracking.tracker import load_tracking, refresh_tracking, track

try:
    from _recs_data import synthetic_store
    from pages import LINE, word_boxes
except ImportError:  # pragma: no cover - run as a package
    from tests._recs_data import synthetic_store
    from tests.pages import LINE, word_boxes

SCOPE = "service-improvement-plan"


def _page(number: int, lines: list[tuple[float, str]]) -> Page:
    words = []
    for index, (x, text) in enumerate(lines):
        words.extend(word_boxes(text, x, 40 + index * LINE))
    return Page(number, 595.0, 842.0, tuple(words))


def _doc(name: str, *pages: Page) -> Document:
    sha = hashlib.sha256(name.encode()).hexdigest()
    return Document(f"/nonexistent/{name}", name, sha, 1, pages)


def test_inspection_list_keeps_lead_in_with_its_bullets() -> None:
    page = _page(
        2,
        [
            (40, "Inspection of Anyshire local authority children's services"),
            (40, "Areas for improvement"),
            (40, "Leaders should strengthen multi-agency working across the area, so that:"),
            (50, "▪ needs are identified and assessed in a more timely manner;"),
            (50, "▪ transitions across phases of education are"),
            (60, "improved; and"),
            (50, "▪ parents are kept informed of decisions."),
            (40, "Leaders should review the breadth of specialist places for children."),
            (40, "Local area details"),
            (40, "Local Authority Anyshire County Council"),
        ],
    )
    items = find_improvement_lists(_doc("report.pdf", page))
    assert [i.number for i in items] == [1, 2]
    assert items[0].text == (
        "Leaders should strengthen multi-agency working across the area, so that:"
    )
    assert items[0].sub_items == (
        "needs are identified and assessed in a more timely manner;",
        "transitions across phases of education are improved; and",
        "parents are kept informed of decisions.",
    )
    assert items[0].full_text == (
        "Leaders should strengthen multi-agency working across the area, so that:\n"
        "• needs are identified and assessed in a more timely manner;\n"
        "• transitions across phases of education are improved; and\n"
        "• parents are kept informed of decisions."
    )
    assert items[1].text.startswith("Leaders should review the breadth")
    assert {i.source_kind for i in items} == {"inspection"}


def test_committee_recommendations_are_decisions_and_lists_end_at_the_body() -> None:
    page = _page(
        1,
        [
            (40, "From: Director of Children's Services To: Cabinet"),
            (40, "Recommendations:"),
            (40, "1. Cabinet is asked to NOTE the improvement plan and its progress."),
            (40, "2. AGREE the revised timetable for the next plan version."),
            (40, "1. Introduction"),
            (40, "1.1 The plan sets out what the council will do over the year."),
        ],
    )
    items = find_improvement_lists(_doc("cabinet.pdf", page))
    assert [(i.number, i.source_kind) for i in items] == [(1, "decision"), (2, "decision")]
    numbered = _page(
        1,
        [
            (40, "What needs to improve?"),
            (40, "◼ The quality of plans for children in need across the teams."),
            (40, "◼ The timeliness of return home interviews for children who go"),
            (48, "missing. (outcome 2, national framework)"),
            (40, "The experiences and progress of children who need help and"),
            (40, "protection: good"),
            (40, "1. Children and their families have access to early help services."),
        ],
    )
    found = find_improvement_lists(_doc("ofsted.pdf", numbered))
    assert [i.text for i in found] == [
        "The quality of plans for children in need across the teams.",
        "The timeliness of return home interviews for children who go missing. "
        "(outcome 2, national framework)",
    ]


def _plan_row(index: int, rec: str, ref: str, timescale: str, status: str, page: int) -> Row:
    fields = {
        "ref": Cell(ref, header="Ref"),
        "outcome": Cell(rec, header="Ofsted recommendation"),
        "actions": Cell(f"Action {ref} for this recommendation", header="What we will do"),
        "timescale": Cell(timescale, header="By when"),
        "status": Cell(status, header="Update"),
    }
    return Row(index, fields, Section(), page, page)


RECS = (
    "Improve the quality of supervision and management oversight of casework",
    "Ensure that care leavers have suitable accommodation and pathway plans",
)


def _merged_plan(
    version: str | None, order: tuple[int, int], date: str | None, title: str = "Improvement plan"
) -> Table:
    """A plan whose recommendation is a merged column: every row carries it (numbers swap)."""
    rows = []
    for position, which in enumerate(order):
        number = position + 1
        for k in (1, 2):
            rows.append(
                _plan_row(
                    len(rows),
                    f"{number}. {RECS[which]}" if k == 1 else RECS[which],
                    f"{number}.{k}",
                    "March 2024" if which == 0 else "Dec 2023",
                    "In progress",
                    3,
                )
            )
    headers = ("Ref", "Ofsted recommendation", "What we will do", "By when", "Update")
    columns = ("ref", "outcome", "actions", "timescale", "status")
    plan = PlanIdentity(version, date, title)
    return Table(0, "action_plan", columns, headers, tuple(rows), plan)


def _store(path: Path, docs: list[ExtractedDocument]) -> str:
    with Store.open(str(path)) as store:
        for doc in docs:
            store.save(doc)
    return str(path)


@pytest.fixture()
def merged(tmp_path: Path) -> str:
    return _store(
        tmp_path / "merged.sqlite",
        [
            ExtractedDocument(_doc("plan a.pdf"), (_merged_plan("1", (0, 1), "2024-01-15"),)),
            ExtractedDocument(
                _doc("plan b.pdf"),
                (_merged_plan(None, (1, 0), None),),
                meeting=MeetingFacts("Cabinet", "2024-06-20"),
            ),
        ],
    )


def test_merged_column_names_the_register_and_renumbering_follows_text(merged: str) -> None:
    tracking = track(merged)
    by_text = {h.recommendation.text: h for h in tracking.histories}
    assert set(by_text) == set(RECS)
    oversight = {v.plan_version: v for v in by_text[RECS[0]].versions}
    assert set(oversight) == {"1", "unknown-2024-06-20"}  # never the file name
    assert [r.ref for r in oversight["1"].rows] == ["1.1", "1.2"]
    assert [r.ref for r in oversight["unknown-2024-06-20"].rows] == ["2.1", "2.2"]
    assert {h.recommendation.source_kind for h in tracking.histories} == {"inspection"}


def test_a_response_to_scrutiny_is_kept_apart(tmp_path: Path) -> None:
    """A "Recommendation" column in a plan that is no improvement plan (a response to a
    scrutiny review) is the plan's own business: source_kind "plan", left out by default."""
    table = _merged_plan("1", (0, 1), "2024-01-15", title="Executive response to scrutiny")
    db = _store(tmp_path / "s.sqlite", [ExtractedDocument(_doc("response.pdf"), (table,))])
    every = track(db, kinds=None)
    assert {h.recommendation.source_kind for h in every.histories} == {"plan"}
    assert every.hidden == 0 and track(db).hidden == 2 and track(db).histories == []


def test_overdue_judged_against_plan_date_else_meeting_date(merged: str) -> None:
    history = {h.recommendation.text: h for h in track(merged).histories}[RECS[1]]
    first, second = history.versions
    assert (first.reference_date, first.reference_kind) == ("2024-01-15", "plan date")
    assert [(r.deadline, r.overdue) for r in first.rows] == [("2023-12-31", True)] * 2
    assert (second.reference_date, second.reference_kind) == ("2024-06-20", "meeting date")
    assert all(r.overdue is True and r.due_kind == "date" for r in second.rows)


def test_overdue_unknown_without_a_reference_date(tmp_path: Path) -> None:
    db = synthetic_store(tmp_path / "plans.sqlite")
    v3 = next(v for v in track(db).history("1").versions if v.plan_version == "3")
    assert v3.reference_date is None and v3.reference_kind is None
    assert [r.overdue for r in v3.rows] == [None, None]
    v4 = {r.ref: r for v in track(db).history("3").versions for r in v.rows}
    assert v4["4.1"].overdue is True and v4["4.1"].deadline == "2017-02-28"


def test_resolve_full_id_suffix_number_and_ambiguity(tmp_path: Path) -> None:
    db = synthetic_store(tmp_path / "plans.sqlite")
    with Store.open(db) as store:  # a committee report's list: a second "1", of another kind
        store.save(
            ExtractedDocument(
                _doc("cabinet.pdf"),
                (),
                inspection=(
                    InspectionPoint(1, "Cabinet is asked to note the plan and its progress", 1),
                ),
            )
        )
        store.execute("UPDATE report_items SET source_kind = 'decision'")
    tracking = track(db)
    assert tracking.history(f"{SCOPE}:2").recommendation.number == 2
    assert tracking.history("v4-s1").recommendation.id == f"{SCOPE}:v4-s1"
    assert tracking.history("1").recommendation.id == f"{SCOPE}:1"
    every = track(db, kinds=None)
    assert {h.recommendation.source_kind for h in every.histories} == {"inspection", "decision"}
    with pytest.raises(UsageError, match=r"fits 2 recommendations[\s\S]*report-cabinet"):
        every.history("1")
    with pytest.raises(UsageError, match="no recommendation"):
        tracking.history("99")


def _fingerprint(db: str) -> dict[str, str]:
    """The store's bytes, and any write-ahead log's; a reader of a WAL store may leave SQLite's
    shared-memory index (-shm) and an empty log behind, which hold no data."""
    folder = Path(db).parent
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.name.startswith(Path(db).name)
        and not p.name.endswith("-shm")
        and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }


def test_read_commands_leave_the_store_untouched(tmp_path: Path) -> None:
    db = synthetic_store(tmp_path / "plans.sqlite")
    links = tmp_path / "links.yaml"
    links.write_text(
        "sections:\n  - plan_version: '4'\n    section: '1'\n    recommendation: 2\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(app, ["recs", "--db", db, "--links", str(links)]).exit_code == 0
    before = _fingerprint(db)
    for args in (["recs"], ["history", "1"], ["history", "2", "-f", "json"]):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "history", "--db", db, "-o", str(tmp_path / "h.json")])
    assert result.exit_code == 0, result.output
    assert _fingerprint(db) == before
    with Store.open(db, readonly=True) as store:
        tracking = load_tracking(store)  # the saved links, with the officer's override
        fixed = [s for s in tracking.alignment.sections if s.plan_version == "4"]
        assert {(s.section_number, s.recommendation, s.method) for s in fixed} >= {
            ("1", f"{SCOPE}:2", "override")
        }
        with pytest.raises(Exception, match=r"readonly|read-only|read only"):
            store.execute("DELETE FROM rec_links")


def test_refresh_saves_what_read_commands_restore(tmp_path: Path) -> None:
    db = synthetic_store(tmp_path / "plans.sqlite")
    with Store.open(db) as store:
        saved = refresh_tracking(store)
    with Store.open(db, readonly=True) as store:
        restored = load_tracking(store)
    assert restored.alignment.sections == saved.sections
    assert restored.alignment.rows == saved.rows
    with pytest.raises(StoreError, match=r"no (such )?store"):
        Store.open(str(tmp_path / "missing.sqlite"), readonly=True)


def test_banners_and_unknown_ref_headers_name_the_recommendation() -> None:
    banner = Row(
        0,
        {"action_id": Cell("2.3", header="Action ID"), "actions": Cell("Audit", header="Action")},
        Section(None, "Recommendation 2: Improve the timeliness of assessments"),
    )
    assert heading_of(banner) == (("2", "Improve the timeliness of assessments", None), True)
    assert row_ref(banner) == "2.3"
    plain = Row(0, {"actions": Cell("Audit", header="Action")}, Section("4", "Theme 4"))
    assert heading_of(plain) == (("4", "Theme 4", None), False) and row_ref(plain) == ""


def test_report_wording_is_canonical_and_kinds_filter(tmp_path: Path) -> None:
    db = synthetic_store(tmp_path / "plans.sqlite")
    wording = "Ensure that every child who goes missing is offered a return home interview"
    with Store.open(db) as store:
        store.save(
            ExtractedDocument(
                _doc("ofsted letter.pdf"),
                (),
                inspection=(InspectionPoint(1, wording, 2, "What needs to improve"),),
            )
        )
        refresh_tracking(store)
    tracking = track(db)
    first = tracking.history(f"{SCOPE}:1").recommendation
    assert first.text == wording
    assert [s.split()[0] for s in first.sources] == ["snapshot", "report"]
    assert tracking.hidden == 0


def test_a_summary_table_left_as_other_still_rates_each_recommendation() -> None:
    headers = ("No.", "Recommendation", "Overall rating", "Summary of progress")
    columns = ("ref", "outcome", "overall_rating", "progress")
    row = Row(0, {c: Cell("x", header=h) for c, h in zip(columns, headers, strict=True)})
    summary = Table(0, "other", columns, headers, (row,))
    assert summary_rating(summary) == "overall_rating"
    actions = Table(0, "other", (*columns, "actions"), (*headers, "Action"), (row,))
    assert summary_rating(actions) is None
    kpis = Table(0, "other", ("measure", "rating"), ("Measure", "Rating"), (row,))
    assert summary_rating(kpis) is None


def test_documents_added_after_a_refresh_are_aligned_in_memory(merged: str) -> None:
    with Store.open(merged) as store:
        refresh_tracking(store)
        store.save(ExtractedDocument(_doc("plan c.pdf"), (_merged_plan("3", (0, 1), None),)))
    versions = {v.plan_version for h in track(merged).histories for v in h.versions}
    assert versions == {"1", "3", "unknown-2024-06-20"}


def test_saved_links_that_no_longer_fit_do_not_stop_a_refresh(tmp_path: Path) -> None:
    db = synthetic_store(tmp_path / "plans.sqlite")
    links = tmp_path / "links.yaml"
    links.write_text(
        "sections:\n  - plan_version: '4'\n    section: '1'\n    recommendation: nope:7\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError, match="no recommendation"):
        track(db, links, save=True)  # given explicitly: the officer hears about it
    with Store.open(db) as store:  # saved earlier, now stale: set aside
        store.execute(
            "INSERT INTO rec_state (id, documents, overrides, refreshed_at) VALUES (1, '', ?, '')",
            (links.read_text(encoding="utf-8"),),
        )
        assert refresh_tracking(store).sections


def test_a_reworded_report_point_joins_the_entry_numbered_as_it(tmp_path: Path) -> None:
    """The plan rewords the inspection's point 3 ("Strengthen management oversight…"); the
    report's own words are related but not close, and it numbers the point 3 too."""
    db = synthetic_store(tmp_path / "plans.sqlite")
    points = (
        InspectionPoint(1, "The offer of return interviews to children who go missing.", 2),
        InspectionPoint(2, "The timeliness of child protection conferences.", 2),
        InspectionPoint(3, "The consistency of managers' oversight of social work in teams.", 2),
    )
    with Store.open(db) as store:
        store.save(ExtractedDocument(_doc("letter.pdf"), (), inspection=points))
    tracking = track(db)
    third = tracking.history(f"{SCOPE}:3").recommendation
    assert third.text == "The consistency of managers' oversight of social work in teams"
    assert len(tracking.histories) == 4  # no entry of its own for any report point


def test_a_merged_column_names_recommendations_whatever_its_header() -> None:
    """Extract made the merged-down column the rows' section: its wording is the heading, and
    it names what the plan answers although the header ("What we are trying to achieve") says
    nothing of recommendations."""
    text = "Ensure that children who go missing are offered return home interviews"
    fields = {
        "ref": Cell("1.2", header="Indicator ref"),
        "outcome": Cell(text, header="What we are trying to achieve"),
        "actions": Cell("Develop a practice standard", header="Work planned"),
    }
    row = Row(0, fields, Section(None, text), 3, 3)
    assert heading_of(row) == (("1", text, None), True)  # numbered by its ref, 1.2
    plain = Row(0, fields, Section("1", "Children in care"), 3, 3)
    assert heading_of(plain)[1] is False


def test_a_cell_merged_down_and_left_empty_below_groups_its_rows_under_a_banner() -> None:
    """An HTML plan prints the recommendation once, in a cell spanning its actions, under a
    priority banner: the empty cells below carry it on, and its number is the refs', not the
    banner's."""
    text = "Improve the timeliness of child protection conferences"
    banner = Section("2", "EARLY HELP AND THE FRONT DOOR")

    def row(index: int, outcome: str) -> Row:
        fields = {
            "ref": Cell(f"Rec 3.{index + 1}", header="Row ref"),
            "outcome": Cell(outcome, header="Improvement goal"),
            "actions": Cell(f"Action {index + 1}", header="How?"),
        }
        return Row(index, fields, banner, 2, 2)

    rows = (row(0, text), row(1, ""), row(2, ""), row(3, ""))
    table = Table(0, "action_plan", ("ref", "outcome", "actions"), ("a", "b", "c"), rows)
    assert groups_rows(table)
    first, _ = heading_of(rows[0], None, True)
    assert first == ("3", text, None)
    assert heading_of(rows[2], first, True) == (first, True)


def test_a_recommendation_cell_cut_at_a_page_break_stays_under_its_heading() -> None:
    """A plan repeating the recommendation beside each action prints only its first words in a
    row cut by a page break: that row is still under the heading above it."""
    text = "Improve the quality and timeliness of assessments so that they consider the family"
    header = "Ofsted recommendation"

    def row(index: int, outcome: str) -> Row:
        fields = {"ref": Cell(f"4.{index + 1}"), "outcome": Cell(outcome, header=header)}
        return Row(index, fields, Section(), 2, 2)

    first, named = heading_of(row(0, text))
    assert named and first == ("4", text, None)
    assert heading_of(row(1, "Improve the quality and timeliness of"), first) == (first, True)
    other = "Improve the quality of supervision"  # another recommendation, not a cut one
    assert heading_of(row(2, other), first)[0][1] == other


def test_a_numbered_heading_that_states_something_names_a_recommendation() -> None:
    fields = {"ref": Cell("2.1", header="Ref"), "actions": Cell("Audit", header="Action")}
    stated = Row(0, fields, Section("2", "Improve the timeliness of health assessments"), 1, 1)
    assert heading_of(stated)[1] is True
    theme = Row(0, fields, Section("2", "Workforce"), 1, 1)
    assert heading_of(theme)[1] is False


def test_a_summary_under_a_title_of_its_own_rates_the_plan_in_its_document(
    tmp_path: Path,
) -> None:
    """A spreadsheet's summary sheet prints its own title ("RAG summary"); it still rates the
    recommendations of the plan printed in the same document, in that plan's version."""
    plan = _merged_plan("1", (0, 1), "2024-01-15")
    rows = tuple(
        Row(
            k,
            {
                "ref": Cell(str(k + 1), header="No."),
                "outcome": Cell(text, header="Recommendation"),
                "rag": Cell(rag, header="RAG"),
            },
            Section(),
            5,
            5,
        )
        for k, (text, rag) in enumerate(zip(RECS, ("Amber", "Green"), strict=True))
    )
    summary = Table(
        1, "rag_snapshot", ("ref", "outcome", "rag"), ("No.", "Recommendation", "RAG"), rows,
        PlanIdentity(None, None, "RAG summary"),
    )  # fmt: skip
    db = _store(tmp_path / "s.sqlite", [ExtractedDocument(_doc("plan.pdf"), (plan, summary))])
    by_text = {h.recommendation.text: h for h in track(db).histories}
    assert set(by_text) == set(RECS)
    version = by_text[RECS[0]].versions[0]
    assert (version.plan_version, version.rag, [r.ref for r in version.rows]) == (
        "1",
        "Amber",
        ["1.1", "1.2"],
    )


def test_a_recommendation_repeated_beside_each_action_heads_its_rows() -> None:
    """No merged cell, a header saying nothing of recommendations: the outcome column repeats
    one wording over each run of rows, so it heads them (numbered by the refs, "Rec 2.1")."""
    texts = ["Improve supervision of casework", "Improve supervision of casework", "Ensure plans"]
    rows = tuple(
        Row(
            k,
            {
                "ref": Cell(ref, header="Entry no."),
                "outcome": Cell(text, header="Priority for improvement"),
                "actions": Cell(f"Action {k}", header="Response"),
            },
            Section(),
            1,
            1,
        )
        for k, (ref, text) in enumerate(zip(("Rec 1.1", "Rec 1.2", "Rec 2.1"), texts, strict=True))
    )
    table = Table(
        0, "action_plan", ("ref", "outcome", "actions"), ("Entry no.", "Priority", "Response"),
        rows, PlanIdentity("1", None, "Improvement plan"),
    )  # fmt: skip
    assert groups_rows(table)
    assert heading_of(rows[2], None, grouped=True) == (("2", "Ensure plans", None), True)
    assert heading_of(rows[2])[1] is False
