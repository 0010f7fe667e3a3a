"""The tags benchmark on generated seeds: a seed folder as the generator writes it (a plan PDF
and its gold rows with tag gold) is extracted, tagged and scored per field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import benchmark
from tests.drawn import Drawn, write_pdf

GREEN, BLUE = (0.2, 0.7, 0.3), (0.1, 0.3, 0.9)


def _seed(folder: Path) -> None:
    rows = [
        [["Ref"], ["Action"], ["Lead officer"], ["Deadline"], ["RAG"]],
        [["1.1"], ["Audit case files"], ["AD Safeguarding", "PSW"], ["Mar-25"], []],
        [["1.2"], ["Train the workforce"], ["Service Manager – Fostering"], ["June 2025"], []],
    ]
    plan = Drawn([40, 90, 400, 560, 680, 780], rows, top=120, fills={(1, 4): GREEN, (2, 4): BLUE})
    legend = [(40, 60, "Key: Blue – Complete; Green – On track", False)]
    write_pdf(folder / "s0-v1.pdf", [[plan]], [legend])
    gold = [
        {"table_kind": "action_plan", "part": None, "ref": "1.1",
         "fields": {"lead": "AD Safeguarding\nPSW", "timescale": "Mar-25", "rag": "Green"},
         "leads": ["AD Safeguarding", "PSW"], "status_norm": "ongoing", "due_date": "2025-03-31"},
        {"table_kind": "action_plan", "part": None, "ref": "1.2",
         "fields": {"lead": "Service Manager – Fostering", "timescale": "June 2025",
                    "rag": "Blue"},
         "leads": ["Service Manager – Fostering"], "status_norm": "completed",
         "due_date": "2025-06-30"},
        {"table_kind": "action_plan", "part": None, "ref": "9.9", "fields": {},
         "leads": [], "status_norm": "unknown", "due_date": None},
    ]  # fmt: skip
    (folder / "s0-v1.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n")
    (folder / "manifest.json").write_text(json.dumps({"design": {"producer": "reportlab"}}))


def test_generated_seeds_are_scored_per_field(tmp_path: Path, capsys: Any) -> None:
    module = benchmark("tagging_gensuite")
    _seed(tmp_path)
    total = module.run("develop", 1, build=lambda seeds: {s: tmp_path for s in seeds})
    assert (total.rows, total.matched) == (3, 2)
    assert total.right == {"leads": 2, "status_norm": 2, "due_date": 2}
    printed = capsys.readouterr().out
    assert "tags on 1 develop seeds, the extracted rows: leads 0.667" in printed
    assert "producer=reportlab" in printed


def test_the_tagging_alone_is_scored_on_the_gold_cells(tmp_path: Path, capsys: Any) -> None:
    module = benchmark("tagging_gensuite")
    _seed(tmp_path)
    total = module.run("develop", 1, build=lambda seeds: {s: tmp_path for s in seeds}, cells=True)
    assert (total.rows, total.matched) == (3, 3)
    assert total.right["status_norm"] == 3  # Blue through the key printed on the page


def test_leads_are_compared_expanded_through_the_projects_normaliser() -> None:
    module = benchmark("tagging_gensuite")
    normalise = module.lead_normaliser()
    key = module.lead_key
    assert key("AD  Safeguarding", normalise) == key("Assistant Director Safeguarding", normalise)
    assert key("HoS Front Door", normalise) == "head of service front door"
    assert key("Service Manager – Fostering", normalise) != key("Service Manager", normalise)


def test_evaluate_prints_the_summary_line_only(tmp_path: Path, capsys: Any) -> None:
    module = benchmark("tagging_gensuite")
    _seed(tmp_path)
    module.run("evaluate", 1, build=lambda seeds: {s: tmp_path for s in seeds}, cells=True)
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 1 and printed[0].startswith("tags on 1 evaluate seeds")
    assert "Safeguarding" not in printed[0] and "producer" not in printed[0]
