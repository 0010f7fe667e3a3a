"""Status: lines normalise one by one and the row summarises them; RAG is the fallback."""

import pytest

from councilpapers.nlp.status import normalise_status


@pytest.mark.parametrize(
    ("status", "rag", "norm"),
    [
        ("COMPLETED", "", "completed"),
        ("COMPLETED (FEB 2017)", "", "completed"),
        ("PART COMPLETED", "", "part_completed"),
        ("DRAFT COMPLETED . OUT TO STAFF BY END OF FEB", "", "part_completed"),
        ("In process – to be completed fully April 2017", "", "ongoing"),
        ("IN HAND", "", "ongoing"),
        ("Review 27 – 29 Sept", "", "review"),
        ("Not yet started", "", "not_started"),
        ("Yet to start", "Red", "not_started"),
        ("Closed", "", "completed"),
        ("Overdue", "", "ongoing"),
        ("Behind schedule", "", "ongoing"),
        ("", "Amber", "ongoing"),
        ("", "Green", "ongoing"),
        ("", "Red", "ongoing"),
        ("", "Blue", "completed"),
        ("", "Complete", "completed"),
        ("", "", "unknown"),
    ],
)
def test_normalise_status(status: str, rag: str, norm: str) -> None:
    assert normalise_status(status, rag).norm == norm


def test_parallel_lines_keep_their_own_status() -> None:
    got = normalise_status("COMPLETED\nONGOING\nCOMPLETED")
    assert got.lines == ("completed", "ongoing", "completed")
    assert got.norm == "part_completed"


KEY = (
    ("Blue", "Complete"),
    ("Green", "On track"),
    ("Amber", "Some slippage"),
    ("Red", "Not started"),
)


@pytest.mark.parametrize(
    ("rag", "norm"),
    [("Green", "ongoing"), ("Blue", "completed"), ("Amber", "ongoing"), ("Red", "not_started")],
)
def test_a_colour_means_what_the_plans_key_says(rag: str, norm: str) -> None:
    assert normalise_status("", rag, KEY).norm == norm


def test_the_key_says_green_is_done_when_the_plan_says_so() -> None:
    assert normalise_status("", "Green", (("Green", "Completed"),)).norm == "completed"


def test_a_status_column_wins_over_the_colour() -> None:
    assert normalise_status("Not yet started", "Blue", KEY).norm == "not_started"
