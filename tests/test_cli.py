"""The command line on the bundled samples, through Typer's runner: ingest and its summary, every
format of every command that prints data, the recommendation filters and the exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from councilpapers.batch.files import discover
from councilpapers.cli import app
from councilpapers.errors import UsageError
from councilpapers.records import RecHistory, Recommendation
from councilpapers.tracking.tracker import resolve_recommendation as resolve
from tests.batchfiles import small_pdf
from tests.conftest import sample_pdfs

runner = CliRunner()
ROWS = 33 + 53 + 16


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "store.sqlite"
    result = runner.invoke(app, ["ingest", *map(str, sample_pdfs()), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "2 files: 2 imported, 0 unchanged, 0 refused" in result.output
    return db


def test_unchanged_files_are_skipped(store: Path) -> None:
    result = runner.invoke(app, ["ingest", *map(str, sample_pdfs()), "--db", str(store)])
    assert "2 files: 0 imported, 2 unchanged, 0 refused" in result.output


def test_bad_files_are_refused_and_non_pdfs_skipped(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_text("not a pdf at all")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "README.md").write_text("# papers\n")
    (tmp_path / "data.json").write_text("{}")
    (tmp_path / "scan-no-extension").write_bytes(small_pdf(1))
    db = str(tmp_path / "s.sqlite")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "5 files: 1 imported, 0 unchanged, 2 refused" in result.output
    assert "2 skipped (not a PDF)" in result.output
    assert "notes.pdf: not a PDF" in result.output and "empty.pdf: empty file" in result.output
    assert "skipped, not a PDF: " in result.output and "README.md" in result.output


def test_a_sidecar_beside_its_pdf_is_part_of_it_not_a_skipped_file(tmp_path: Path) -> None:
    meeting = tmp_path / "Cabinet" / "2024-07-15"
    meeting.mkdir(parents=True)
    (meeting / "Pack.pdf").write_bytes(small_pdf(1))
    (meeting / "Pack.pdf.json").write_text("{}")
    (meeting / "Gone.pdf.json").write_text("{}")  # its PDF deleted: just a JSON file now
    (meeting / "notes.json").write_text("{}")
    found = discover([tmp_path])
    assert [f.source for f in found.found] == ["Cabinet/2024-07-15/Pack.pdf"]
    assert [p.name for p in found.skipped] == ["Gone.pdf.json", "notes.json"]


def test_replaced_and_copies_are_told_apart(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name in ("a", "b"):
        (folder / name).mkdir(parents=True)
    (folder / "a" / "Appendix A.pdf").write_bytes(small_pdf(1))
    (folder / "b" / "Appendix A.pdf").write_bytes(small_pdf(2))
    db = str(tmp_path / "s.sqlite")
    first = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", "1"])
    assert "2 imported" in first.output, first.output
    (folder / "b" / "Appendix A.pdf").write_bytes(small_pdf(3))
    shutil.copy(folder / "a" / "Appendix A.pdf", folder / "copy.pdf")
    second = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", "1"])
    assert "3 files: 0 imported, 1 unchanged, 0 refused, 1 replaced, 1 copies" in second.output
    assert f"replaced: {folder / 'b' / 'Appendix A.pdf'}" in second.output
    assert f"copy.pdf: copy of {folder / 'a' / 'Appendix A.pdf'}" in second.output
    out = tmp_path / "docs.json"
    runner.invoke(app, ["export", "documents", "--db", db, "-o", str(out)])
    sources = sorted(d["source"] for d in json.loads(out.read_text()))
    assert sources == ["a/Appendix A.pdf", "b/Appendix A.pdf"]


def test_progress_is_a_line_every_few_seconds_off_a_terminal_and_quiet_drops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from councilpapers import commands_ingest

    monkeypatch.setattr(commands_ingest, "LINE_EVERY", 0.0)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.pdf").write_bytes(b"%PDF-1.4 " + name.encode())
    db = str(tmp_path / "s.sqlite")
    loud = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", "1"])
    assert "ingest: 1/2 files, 1 refused, 0:00:0" in loud.stderr and "left" in loud.stderr
    quiet = runner.invoke(app, ["ingest", str(folder), "--db", db, "-q", "--retry-refused"])
    assert quiet.stderr == "" and quiet.stdout.startswith("2 files: 0 imported")


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nowhere"), "--db", str(db)])
    assert result.exit_code == 2
    assert "Error: no such file or folder" in result.output and "nowhere" in result.output


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "parquet", "xlsx"])
def test_export_actions_in_every_format(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"actions.{fmt}"
    result = runner.invoke(app, ["export", "actions", "--db", str(store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = {
        "csv": pd.read_csv,
        "tsv": lambda p: pd.read_csv(p, sep="\t"),
        "json": pd.read_json,
        "jsonl": lambda p: pd.read_json(p, lines=True),
        "parquet": pd.read_parquet,
        "xlsx": pd.read_excel,
    }[fmt](out)
    assert len(frame) == ROWS
    assert set(frame["table_kind"]) == {"action_plan", "rag_snapshot"}
    assert set(frame["plan_version"].astype(str)) == {"2023-v4", "14"}
    assert set(frame["source"]) == {p.name for p in sample_pdfs()}
    assert not list(tmp_path.glob(".*.part")), "a temporary file was left behind"


def test_parquet_has_dates_and_booleans(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    runner.invoke(app, ["export", "actions", "--db", str(store), "-o", str(out)])
    schema = pq.read_schema(out)
    assert str(schema.field("due_date").type) == "date32[day]"
    assert str(schema.field("plan_date").type) == "date32[day]"
    assert str(schema.field("overdue").type) == "bool"


def test_xlsx_is_ready_to_read(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    runner.invoke(app, ["export", "actions", "--db", str(store), "-o", str(out)])
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{ROWS + 1}"
    actions = next(c for c in sheet[1] if c.value == "actions").column_letter
    assert sheet.column_dimensions[actions].width == 60
    assert sheet[f"{actions}2"].alignment.wrap_text


def test_no_out_or_dash_writes_to_stdout(store: Path) -> None:
    for args in ([], ["-o", "-"]):
        result = runner.invoke(app, ["export", "actions", "--db", str(store), "-f", "jsonl", *args])
        assert result.exit_code == 0
        assert len([json.loads(line) for line in result.stdout.splitlines()]) == ROWS
    assert not Path("-").exists()


def test_export_to_stdout_in_a_real_process(store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "councilpapers.cli", "export", "actions", "-f", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COUNCILPAPERS_DB": str(store)},
    )
    assert done.returncode == 0 and done.stderr == ""
    assert len([json.loads(line) for line in done.stdout.splitlines()]) == ROWS


def test_format_follows_the_extension_and_a_disagreement_is_an_error(
    store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsx"
    result = runner.invoke(
        app, ["export", "actions", "--db", str(store), "-f", "csv", "-o", str(out)]
    )
    assert result.exit_code == 2 and "disagrees" in result.output and not out.exists()
    unknown = runner.invoke(app, ["export", "actions", "--db", str(store), "-f", "docx"])
    assert unknown.exit_code == 2 and "Error: unknown format 'docx'" in unknown.output
    assert "choose one of csv, tsv, json, jsonl, parquet, xlsx" in unknown.output


def test_a_folder_as_out_is_one_error_line(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "actions", "--db", str(store), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path} is a folder: give a file name to write"


def test_export_tables_has_a_sheet_or_file_per_kind(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables.xlsx"
    assert (
        runner.invoke(app, ["export", "tables", "--db", str(store), "-o", str(out)]).exit_code == 0
    )
    book = openpyxl.load_workbook(out)
    assert {"action_plan", "rag_snapshot"} <= set(book.sheetnames)
    snapshot = [c.value for c in book["rag_snapshot"][1]]
    assert "rag" in snapshot and "other_fields" not in snapshot
    csv_out = tmp_path / "tables.csv"
    result = runner.invoke(app, ["export", "tables", "--db", str(store), "-o", str(csv_out)])
    assert result.exit_code == 0, result.output
    per_kind = pd.read_csv(tmp_path / "tables-rag_snapshot.csv")
    assert set(per_kind["table_kind"]) == {"rag_snapshot"} and "rag" in per_kind.columns
    one = runner.invoke(app, ["export", "tables", "--db", str(store), "--kind", "rag_snapshot"])
    assert one.exit_code == 0 and len(pd.read_csv(__import__("io").StringIO(one.stdout))) == 16


@pytest.mark.parametrize("command", [["status"], ["query"], ["recs"], ["history", "1"]])
@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "table"])
def test_every_data_command_prints_every_format(store: Path, command: list[str], fmt: str) -> None:
    result = runner.invoke(app, [*command, "--db", str(store), "-f", fmt])
    assert result.exit_code == 0, result.output
    text = result.stdout
    if fmt == "json":  # one recommendation's history is one object, as `history --all` lists
        assert json.loads(text)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in text.splitlines())
    elif fmt in ("csv", "tsv"):
        header = text.splitlines()[0]
        assert ("\t" in header) == (fmt == "tsv") and ("," in header) == (fmt == "csv")
    else:
        assert "┃" in text


def test_read_commands_never_create_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "gov.sqlit"
    for command in (["status"], ["query"], ["recs"], ["history", "1"], ["export", "actions"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 2, command
        assert f"no store at {missing}" in result.output
    assert not missing.exists()


def test_the_store_can_come_from_the_environment(store: Path) -> None:
    result = runner.invoke(app, ["status", "-f", "json"], env={"COUNCILPAPERS_DB": str(store)})
    counts = {r["what"]: r["count"] for r in json.loads(result.stdout)}
    assert counts["rows"] >= ROWS


def test_unknown_theme_status_and_negative_limit_are_usage_errors(store: Path) -> None:
    theme = runner.invoke(app, ["query", "--db", str(store), "--theme", "nonsense"])
    assert (
        theme.exit_code == 2 and "workforce" in theme.output and "child_protection" in theme.output
    )
    status = runner.invoke(app, ["query", "--db", str(store), "--status", "banana"])
    assert status.exit_code == 2 and "not_started" in status.output
    limit = runner.invoke(app, ["query", "--db", str(store), "--limit", "-1"])
    assert limit.exit_code == 2


def test_query_by_recommendation_and_document(store: Path) -> None:
    result = runner.invoke(app, ["query", "--db", str(store), "--rec", "1", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    history = runner.invoke(app, ["history", "1", "--db", str(store), "-f", "json"])
    listed = {
        (v["plan_version"], ref)
        for v in json.loads(history.stdout)["versions"]
        for ref in v["refs"]
    }
    assert rows and {(r["plan_version"], r["ref"]) for r in rows} == listed
    assert {"doc", "ref", "actions", "leads", "due_date", "status_norm"} <= set(rows[0])
    assert all(r["actions"] for r in rows)
    by_doc = runner.invoke(app, ["query", "--db", str(store), "--doc", "ccip", "-f", "json"])
    assert {r["doc"] for r in json.loads(by_doc.stdout)} == {"torbay-ccip-v4-2023-10.pdf"}


def test_history_writes_one_recommendation_unless_all(store: Path, tmp_path: Path) -> None:
    one, every = tmp_path / "h1.json", tmp_path / "all.json"
    runner.invoke(app, ["history", "1", "--db", str(store), "-o", str(one)])
    assert json.loads(one.read_text())["number"] == 1
    runner.invoke(app, ["history", "--all", "--db", str(store), "-o", str(every)])
    assert len(json.loads(every.read_text())) > 1
    html = tmp_path / "h1.html"
    runner.invoke(app, ["history", "1", "--db", str(store), "-o", str(html)])
    page = html.read_text(encoding="utf-8")
    assert "improvement-action-plan:1" in page and "improvement-action-plan:2" not in page
    text = tmp_path / "h1.txt"
    result = runner.invoke(app, ["history", "1", "--db", str(store), "-f", "text", "-o", str(text)])
    assert result.exit_code == 0 and "Version 14" in text.read_text()
    assert "Version 14" not in result.stdout
    table = runner.invoke(app, ["history", "1", "--db", str(store), "-f", "csv"])
    header = table.stdout.splitlines()[0].split(",")
    assert {"timescale", "due_date", "overdue", "reference_date", "reference_kind"} <= set(header)
    assert "judged_against" not in header  # the table's one column for both is two in data


def test_a_recommendation_is_found_by_id_number_or_suffix_and_ambiguity_lists_them() -> None:
    histories = [
        RecHistory(Recommendation(f"{scope}:{n}", scope, n, "text"), ())
        for scope in ("plan-a", "plan-b")
        for n in (1, 2)
    ]
    assert resolve(histories, "plan-b:2").recommendation.id == "plan-b:2"
    with pytest.raises(
        UsageError, match=r"'1' fits 2 recommendations(.|\n)*plan-a:1(.|\n)*plan-b:1"
    ):
        resolve(histories, "1")
    with pytest.raises(UsageError, match="no recommendation '7'"):
        resolve(histories, "7")
    unique = histories[:2]
    assert resolve(unique, "2").recommendation.id == "plan-a:2"


def test_demo_says_where_its_store_is_and_what_to_try() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "2 imported" in result.output and "rag_snapshot" in result.output
    store = Path(result.output.split("The demo store is ")[1].split(". Try next")[0].strip())
    assert store.is_file()
    tries = [line.strip() for line in result.output.splitlines() if "--db" in line]
    assert len(tries) == 3
    shutil.rmtree(store.parent)


def test_export_history_nested_json_or_a_line_per_row(store: Path, tmp_path: Path) -> None:
    nested = runner.invoke(app, ["export", "history", "--db", str(store)])
    records = json.loads(nested.stdout)
    assert len(records) > 1 and {"id", "number", "text", "versions"} <= set(records[0])
    out = tmp_path / "rows.jsonl"
    flat = runner.invoke(app, ["export", "history", "--db", str(store), "-o", str(out), "-q"])
    assert flat.exit_code == 0 and flat.output == ""
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["rec_id"] for r in rows} <= {r["id"] for r in records}
    assert {"due_date", "overdue", "reference_date", "reference_kind"} <= set(rows[0])
