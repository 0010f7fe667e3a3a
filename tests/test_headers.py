"""Header wording -> canonical schema."""

from __future__ import annotations

import pytest

from councilpapers.extract.headers import canonical_name, map_headers


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("NOS", "ref"),
        ("Ref No.", "ref"),
        ("What?", "outcome"),
        ("Desired Outcome for Children", "outcome"),
        ("How?", "actions"),
        ("Actions", "actions"),
        ("Who?", "lead"),
        ("Lead", "lead"),
        ("When?", "timescale"),
        ("Timescale/ Date", "timescale"),
        ("Timescale/Date", "timescale"),
        ("What difference will it make to children (impact)", "impact"),
        ("Success measures", "measures"),
        ("How will we measure the difference to children?", "measures"),
        ("Current Status", "status"),
        ("Outcome – (report for Q1, Q2, Q3,\nQ4)", "progress"),
        ("Evidence of Progress", "progress"),
        ("RAG\nRating", "rag"),
        ("Comments", "progress"),
        ("Ofsted Recommendation", "outcome"),
        ("Led by", "lead"),
        ("What we have committed to", "actions"),
        ("Action ID", "ref"),
        ("BRAG", "rag"),
        ("Overall rating", "rag"),
        ("Summary of progress", "progress"),
        ("Objectively Verifiable Indicators", "measures"),
        ("KPI", "measures"),
    ],
)
def test_known_wordings_map_to_one_schema(printed: str, canonical: str) -> None:
    assert canonical_name(printed) == canonical


def test_unknown_headers_are_kept_under_their_own_name() -> None:
    assert map_headers(["Ref", "Budget holder notes", "Lead"]) == (
        "ref",
        "budget_holder_notes",
        "lead",
    )


def test_repeated_canonical_names_stay_distinct() -> None:
    names = map_headers(["Lead", "Lead officer"])
    assert names[0] == "lead" and names[1] != "lead"
