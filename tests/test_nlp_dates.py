"""Dates: each phrase from issue 4 and the corpus's awkward cases parse to the documented date."""

import datetime as dt

import pytest

from councilpapers.nlp.dates import parse_due

PLAN = dt.date(2017, 3, 1)


@pytest.mark.parametrize(
    ("text", "due", "kind"),
    [
        ("Dec 2016", "2016-12-31", "date"),
        ("Mar-25", "2025-03-31", "date"),  # a spreadsheet's month-year format
        ("Oct-24", "2024-10-31", "date"),
        ("2025-01-15", "2025-01-15", "date"),  # ISO
        ("Nov 16", "2016-11-30", "date"),
        ("By end Sept 17", "2017-09-30", "date"),
        ("Jan – April 2017", "2017-04-30", "range"),
        ("Q3 2017/18", "2017-12-31", "date"),
        ("2017/18", "2018-03-31", "date"),
        ("March 2024", "2024-03-31", "date"),
        ("Immediate and ongoing", None, "immediate"),
        ("From Jan 2017 and ongoing", None, "ongoing"),
        ("Sept", "2017-09-30", "date"),
        ("22/23 Feb and 1/2/7/9 March 2017", "2017-03-09", "date"),
        ("Dec 2016\nPhase 2 Mar 2017 (LOGI) version", "2017-03-31", "date"),
        ("Day one – 16th August\n27 – 29 Sept", "2017-09-29", "range"),
        ("Summer 2016", "2016-08-31", "date"),
        ("Funded to March ‘25", "2025-03-31", "date"),
        ("2024-2029", "2029-12-31", "range"),
        ("1-2 years", "2019-03-31", "range"),
        ("Phase 1", None, "unknown"),
        ("", None, "unknown"),
    ],
)
def test_parse_due(text: str, due: str | None, kind: str) -> None:
    got = parse_due(text, PLAN)
    assert (got.due_date.isoformat() if got.due_date else None, got.due_kind) == (due, kind)


def test_partial_date_without_plan_date_is_unknown() -> None:
    assert parse_due("Sept", None).due_date is None


def test_may_as_a_verb_is_not_a_date() -> None:
    assert parse_due("this may slip", PLAN).due_kind == "unknown"


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Quarterly", None),
        ("Monthly", None),
        ("Twice yearly", None),
        ("Twice a year", None),
        ("Bi-annually", None),
        ("Six-monthly", None),
        ("Annually", None),
        ("Every six weeks", None),
        ("Every 6 weeks", None),
        ("Fortnightly", None),
        ("Termly", None),
        ("Once a year", None),
        # a named first deadline is kept
        ("Quarterly from June 2024", "2024-06-30"),
        ("Every six weeks starting 3rd June 2024", "2024-06-03"),
        ("Q1 2024/25 then quarterly", "2024-06-30"),
        ("Six-monthly review, first by Sept 2024", "2024-09-30"),
    ],
)
def test_recurring_timescales_are_ongoing(text: str, due: str | None) -> None:
    got = parse_due(text, dt.date(2024, 3, 1))
    assert (got.due_date.isoformat() if got.due_date else None, got.due_kind) == (due, "ongoing")


@pytest.mark.parametrize("text", ["within a year", "a year", "Year 2"])
def test_a_period_named_once_is_not_recurring(text: str) -> None:
    assert parse_due(text, dt.date(2024, 3, 1)).due_kind != "ongoing"


def test_a_plain_start_without_recurrence_still_sets_no_deadline() -> None:
    got = parse_due("From Jan 2017 and ongoing", PLAN)
    assert (got.due_date, got.due_kind) == (None, "ongoing")
