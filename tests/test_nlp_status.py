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
        ("", "Amber", "part_completed"),
        ("", "Green", "completed"),
        ("", "", "unknown"),
    ],
)
def test_normalise_status(status: str, rag: str, norm: str) -> None:
    assert normalise_status(status, rag).norm == norm


def test_parallel_lines_keep_their_own_status() -> None:
    got = normalise_status("COMPLETED\nONGOING\nCOMPLETED")
    assert got.lines == ("completed", "ongoing", "completed")
    assert got.norm == "part_completed"
