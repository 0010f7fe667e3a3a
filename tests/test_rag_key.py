"""A plan's own RAG key, read from a legend line, a key table or swatches, stored with the plan,
and the status read from a colour through it (issue 21: green is "on track", not "done")."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from councilpapers.extract.extraction import extract_document
from councilpapers.extract.rag_key import legend_key, line_entries
from councilpapers.ingest.pdf import read_document
from councilpapers.nlp.table_tags import tag_tables
from tests.drawn import Drawn, draw_table, write_pdf

BLUE, GREEN, AMBER, RED = (0.1, 0.3, 0.9), (0.2, 0.7, 0.3), (1.0, 0.75, 0.0), (0.9, 0.1, 0.1)
HEADER = [["Ref"], ["Action"], ["Lead"], ["Deadline"], ["RAG"]]
ROWS = [
    [["1.1"], ["Audit case files"], ["Head of Service"], ["March 2025"], []],
    [["1.2"], ["Train the workforce"], ["Team Manager"], ["June 2025"], []],
    [["1.3"], ["Publish the offer"], ["Service Manager"], ["May 2025"], []],
]
PLAN = Drawn(
    [40, 90, 400, 560, 680, 780],
    [HEADER, *ROWS],
    top=120,
    fills={(1, 4): GREEN, (2, 4): BLUE, (3, 4): AMBER},
)
KEY = (("Blue", "Complete"), ("Green", "On track"), ("Amber", "At risk"), ("Red", "Off track"))


def _plan_tags(path: Path) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    extracted = extract_document(read_document(path))
    (table,) = [t for t in extracted.tables if t.kind == "action_plan"]
    tags = tag_tables([table])
    return table.plan.rag_key, [t.tags.status_norm for t in tags]


def test_a_legend_line_is_the_plans_key(tmp_path: Path) -> None:
    legend = "Key: Blue – Complete; Green – On track; Amber – At risk; Red – Off track"
    path = write_pdf(tmp_path / "legend.pdf", [[PLAN]], [[(40, 60, legend, False)]])
    key, statuses = _plan_tags(path)
    assert key == KEY
    assert statuses == ["ongoing", "completed", "ongoing"]


def test_a_key_table_of_filled_cells_is_the_plans_key(tmp_path: Path) -> None:
    rows = [[["Complete"]], [["On track"]], [["At risk"]], [["Off track"]]]
    key = Drawn([40, 60, 200], [[[], r[0]] for r in rows], top=380, bold_header=False)
    fills = {(0, 0): BLUE, (1, 0): GREEN, (2, 0): AMBER, (3, 0): RED}
    key = Drawn(key.columns, key.rows, top=380, bold_header=False, fills=fills)
    found, statuses = _plan_tags(write_pdf(tmp_path / "table.pdf", [[PLAN, key]]))
    assert found == KEY
    assert statuses == ["ongoing", "completed", "ongoing"]


def test_swatches_beside_words_are_the_plans_key(tmp_path: Path) -> None:
    path = tmp_path / "swatches.pdf"
    size = landscape(A4)
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    x = 40.0
    for rgb, words in ((BLUE, "Done"), (GREEN, "Progressing well"), (RED, "Not started")):
        canvas.setFillColorRGB(*rgb)
        canvas.rect(x, size[1] - 70, 9, 9, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont("Helvetica", 9)
        canvas.drawString(x + 13, size[1] - 69, words)
        x += 150
    draw_table(canvas, PLAN, size[1])
    canvas.showPage()
    canvas.save()
    key, statuses = _plan_tags(path)
    assert key == (("Blue", "Done"), ("Green", "Progressing well"), ("Red", "Not started"))
    assert statuses == ["ongoing", "completed", "ongoing"]


def test_without_a_key_green_is_ongoing_and_blue_complete(tmp_path: Path) -> None:
    key, statuses = _plan_tags(write_pdf(tmp_path / "none.pdf", [[PLAN]]))
    assert key == ()
    assert statuses == ["ongoing", "completed", "ongoing"]


def test_a_key_that_says_green_is_done_is_followed(tmp_path: Path) -> None:
    legend = "RAG key: Green = Completed, Amber = In progress, Red = Not started"
    path = write_pdf(tmp_path / "green.pdf", [[PLAN]], [[(40, 60, legend, False)]])
    key, statuses = _plan_tags(path)
    assert dict(key)["Green"] == "Completed"
    assert statuses == ["completed", "completed", "ongoing"]


@pytest.mark.parametrize(
    ("line", "entries"),
    [
        (
            "B - Complete G - On track A - Some delay",
            (("Blue", "Complete"), ("Green", "On track"), ("Amber", "Some delay")),
        ),
        ("Blue (complete) Green (on track)", (("Blue", "complete"), ("Green", "on track"))),
        ("A - Action 1", ()),
        ("Green: on track | Red: not on track", (("Green", "on track"), ("Red", "not on track"))),
    ],
)
def test_legend_entries(line: str, entries: tuple[tuple[str, str], ...]) -> None:
    assert line_entries(line) == entries


def test_a_legend_printed_one_entry_a_line() -> None:
    lines = ["RAG key", "Green – On track", "Red – Off track", "Some other text"]
    assert legend_key(lines) == (("Green", "On track"), ("Red", "Off track"))
    assert legend_key(["Performance is green - ok", "nothing else"]) == ()
