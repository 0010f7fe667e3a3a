"""Table kinds from the header alone: the rule table in extract/kinds.py."""

from __future__ import annotations

import pytest

from councilpapers.extract.headers import map_headers
from councilpapers.extract.kinds import RULES, table_kind


def kind_of(*headers: str) -> str:
    return table_kind(map_headers(headers), headers)


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (("NOS", "What?", "How?", "Who?", "When?", "Current Status"), "action_plan"),
        (
            ("Action ID", "Area for improvement", "What we will do", "Owner", "By when"),
            "action_plan",
        ),
        (
            ("What we have committed to", "Led by", "Timescale", "Measure", "Shared Outcome"),
            "action_plan",
        ),
        (("Recommendation", "RAG", "Comments"), "rag_snapshot"),
        (("No.", "Recommendation", "Overall rating", "Summary of progress"), "rag_snapshot"),
        (("Ofsted recommendation", "BRAG", "Update"), "rag_snapshot"),
        (("Objectively Verifiable Indicators", "Timescale", "Progress"), "indicators"),
        (("Measure", "Target", "Actual", "RAG"), "indicators"),
        (("KPI", "Baseline", "Q3 position", "Lead"), "indicators"),
        (("Risk", "Likelihood", "Impact", "Score", "Mitigation", "Owner"), "risk_register"),
        (
            ("Risk description", "Probability", "Consequence", "Controls", "Risk owner"),
            "risk_register",
        ),
        (("Contents", "Pages"), "other"),
        (("Column 1", "Column 2", "Column 3"), "other"),
    ],
)
def test_kind_follows_the_header_whatever_the_wording(headers: tuple[str, ...], kind: str) -> None:
    assert kind_of(*headers) == kind


def test_an_action_column_keeps_a_plan_with_measures_and_targets_a_plan() -> None:
    assert (
        kind_of("Ref", "Action", "Lead", "Deadline", "Success measure", "Target") == "action_plan"
    )


def test_every_kind_but_other_has_a_rule() -> None:
    kinds = {rule.kind for rule in RULES}
    assert kinds == {"action_plan", "rag_snapshot", "indicators", "risk_register"}
