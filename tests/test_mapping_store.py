"""The column mapping kept: each table's printed header -> field, confidence and evidence stored
with the document, read back by the store's read API, exported (`export columns`, the `columns`
sheet of `export tables`), and officers' header overrides applied at ingest (`--headers`).

The PostgreSQL round trip is in test_postgres.py (it needs that module's server)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from councilpapers.batch.jobs import extract_file
from councilpapers.cli import app
from councilpapers.corpus.reader import load_tables
from councilpapers.corpus.store import Store
from councilpapers.outputs.columns import column_frame
from councilpapers.records import ExtractedDocument
from tests.conftest import SAMPLES, check_golden
from tests.drawn import Drawn, write_pdf

V14 = SAMPLES / "torbay-plan-v14-2017-04-excerpt.pdf"
# Written by hand from the printed page: which field each printed header stands for.
V14_GOLD = [
    (0, "NOS", "ref"),
    (0, "What?", "outcome"),
    (0, "Who?", "lead"),
    (0, "How?", "actions"),
    (0, "When?", "timescale"),
    (0, "Success measures", "measures"),
    (0, "Current Status", "status"),
    (0, "Outcome – (report for Q1, Q2, Q3, Q4)", "progress"),
    (1, "Ofsted Recommendation", "outcome"),
    (1, "RAG Rating › Red, Amber, Green", "rag"),
    (1, "Comments", "progress"),
]
runner = CliRunner()


@cache
def extracted() -> ExtractedDocument:
    return extract_file(str(V14))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mapping") / "store.sqlite"
    with Store.open(str(path)) as opened:
        opened.save(extracted())
    return path


def test_the_mapping_is_stored_and_read_back_as_extracted(store: Path) -> None:
    with Store.open(str(store), readonly=True) as opened:
        loaded = [t.table for t in load_tables(opened)]
    assert [t.mapping for t in loaded] == [t.mapping for t in extracted().tables]
    assert [t.header_note for t in loaded] == [t.header_note for t in extracted().tables]
    assert all(t.mapping and "runner-up" in t.header_note for t in loaded)


def test_the_exported_mapping_matches_gold_and_the_golden_file(store: Path) -> None:
    frame = column_frame(str(store))
    found = list(zip(frame["table_index"], frame["printed_header"], frame["field"], strict=True))
    assert found == V14_GOLD
    assert frame["mapped"].all() and frame["confidence"].between(0, 1).all()
    assert list(frame["header_group"].fillna("")) == [""] * 9 + ["RAG Rating", ""]
    kept = frame.drop(columns=["doc_sha256"]).astype(object)
    records: list[dict[str, Any]] = kept.where(kept.notna(), None).to_dict("records")
    check_golden(f"columns-{V14.stem}", records)


def test_export_columns_and_the_columns_sheet_of_export_tables(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "columns", "--db", str(store), "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = pd.read_csv(__import__("io").StringIO(result.stdout))
    assert list(lines["printed_header"])[:2] == ["NOS", "What?"]
    assert list(lines["field"])[:2] == ["ref", "outcome"]
    out = tmp_path / "tables.xlsx"
    done = runner.invoke(app, ["export", "tables", "--db", str(store), "-o", str(out)])
    assert done.exit_code == 0, done.output
    sheet = openpyxl.load_workbook(out)["columns"]
    header = [c.value for c in sheet[1]]
    assert {"printed_header", "field", "confidence", "evidence"} <= set(header)
    assert sheet.max_row == 1 + len(V14_GOLD)


def _plan(folder: Path, lead_header: str) -> Path:
    """A small ruled plan whose lead column is headed `lead_header` and holds people's names."""
    body = [
        ["1.1", "Audit supervision records every month", "Lisa Jones", "31/08/2024", "On track"],
        ["1.2", "Train team managers in supervision", "Tom Price", "Oct-24", "Complete"],
        ["1.3", "Review the front door threshold", "Ann Bell", "Q3 2024/25", "At risk"],
    ]
    header = ["Ref", "Action", lead_header, "Deadline", "Status"]
    rows = [[[text] for text in row] for row in [header, *body]]
    folder.mkdir(parents=True, exist_ok=True)
    return write_pdf(folder / "plan.pdf", [[Drawn([40, 90, 400, 520, 620, 760], rows)]])


def _stored_column(db: Path, header: str) -> tuple[str, str]:
    with Store.open(str(db), readonly=True) as opened:
        (table,) = [t.table for t in load_tables(opened)]
    (column,) = [c for c in table.mapping if c.header == header]
    return column.name, column.evidence


def test_ingest_headers_maps_an_unlisted_header_and_stores_the_override(tmp_path: Path) -> None:
    pdf = _plan(tmp_path / "in", "Point of contact")
    plain, corrected = tmp_path / "plain.sqlite", tmp_path / "corrected.sqlite"
    overrides = tmp_path / "headers.yaml"
    overrides.write_text('headers:\n  "point of  CONTACT": lead\n', encoding="utf-8")
    for db, extra in ((plain, []), (corrected, ["--headers", str(overrides)])):
        done = runner.invoke(app, ["ingest", str(pdf), "--db", str(db), "-j", "1", *extra])
        assert done.exit_code == 0, done.output
    name, evidence = _stored_column(plain, "Point of contact")
    assert name != "lead" and "override" not in evidence
    name, evidence = _stored_column(corrected, "Point of contact")
    assert name == "lead" and evidence.startswith("lead 1.00: override")
    shown = runner.invoke(app, ["export", "columns", "--db", str(corrected), "-f", "jsonl"])
    lines = [json.loads(line) for line in shown.stdout.splitlines()]
    (line,) = [c for c in lines if c["printed_header"] == "Point of contact"]
    assert line["header_group"] is None and line["field"] == "lead"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("headers:\n  Owner: boss\n", "field must be one of"),
        ("headers: [Owner, lead]\n", "expected `headers:`"),
        ("headers: {Owner: lead\n", "cannot read header overrides"),
    ],
)
def test_a_bad_overrides_file_is_one_line_and_exit_2(tmp_path: Path, text: str, why: str) -> None:
    pdf = _plan(tmp_path / "in", "Owner")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    db = tmp_path / "never.sqlite"
    done = runner.invoke(app, ["ingest", str(pdf), "--db", str(db), "--headers", str(bad)])
    assert done.exit_code == 2 and why in done.output
    assert len(done.output.strip().splitlines()) == 1 and done.output.startswith("Error: ")
    assert not db.exists()
    missing = runner.invoke(
        app, ["ingest", str(pdf), "--db", str(db), "--headers", str(tmp_path / "no.yaml")]
    )
    assert missing.exit_code == 2 and "cannot read header overrides" in missing.output
    explained = runner.invoke(app, ["explain", str(pdf), "--headers", str(bad)])
    assert explained.exit_code == 2 and why in explained.output  # the same file, the same verdict
