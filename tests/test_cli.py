"""The command line, driven through Typer's runner: help everywhere, ingest, re-ingest, export."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from councilpapers.cli import app
from tests.conftest import sample_pdfs

runner = CliRunner()


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for command in group.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        found.append((*prefix, name.replace("_", "-")))
    for sub in group.registered_groups:
        assert sub.name and sub.typer_instance
        found.append((*prefix, sub.name))
        found.extend(_commands(sub.typer_instance, (*prefix, sub.name)))
    return found


@pytest.mark.parametrize("command", _commands(app), ids=" ".join)
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "store.sqlite"
    result = runner.invoke(app, ["ingest", *map(str, sample_pdfs()), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "2 imported, 0 unchanged, 0 refused" in result.output
    return db


def test_unchanged_files_are_skipped(store: Path) -> None:
    result = runner.invoke(app, ["ingest", *map(str, sample_pdfs()), "--db", str(store)])
    assert "0 imported, 2 unchanged, 0 refused" in result.output


def test_bad_files_are_refused_with_a_reason_and_the_batch_goes_on(
    store: Path, tmp_path: Path
) -> None:
    (tmp_path / "notes.pdf").write_text("not a pdf at all")
    (tmp_path / "empty.pdf").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(store)])
    assert result.exit_code == 0
    assert "2 refused" in result.output
    assert "notes.pdf: not a PDF" in result.output
    assert "empty.pdf: empty file" in result.output


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_export_actions_in_every_format(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"actions.{fmt}"
    result = runner.invoke(
        app, ["export", "actions", "--db", str(store), "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    frame = {
        "csv": pd.read_csv,
        "json": pd.read_json,
        "parquet": pd.read_parquet,
        "xlsx": pd.read_excel,
    }[fmt](out)
    assert len(frame) == 33 + 53 + 16
    assert set(frame["table_kind"]) == {"action_plan", "rag_snapshot"}
    assert set(frame["plan_version"].astype(str)) == {"2023-v4", "14"}
    for column in ("doc", "section_number", "ref", "actions", "lead", "rag", "leads", "themes"):
        assert column in frame.columns


def test_export_keeps_provenance(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    runner.invoke(app, ["export", "actions", "--db", str(store), "-f", "json", "-o", str(out)])
    rows = json.loads(out.read_text())
    first = next(r for r in rows if r["ref"] == "1.1.1")
    where = json.loads(first["provenance"])["actions"]
    page, x0, top, x1, bottom = where[0]
    assert page == first["page_first"] and x0 < x1 and top < bottom
    assert len(first["doc_sha256"]) == 64


def test_unknown_format_is_one_error_line(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "actions", "--db", str(store), "-f", "docx", "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 1
    assert "Error:" in result.output and "unknown format" in result.output


def test_demo_runs_on_the_bundled_samples() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "2 imported" in result.output
    assert "rag_snapshot" in result.output
