"""Exports that cannot hurt: no live formulas, no crash on characters a format cannot hold, no
truncated file when the disk fills, and document text never read as terminal markup."""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.corpus.store import Store
from councilpapers.outputs.export import ExportError, ExportOptions, write_frame
from tests.batchfiles import small_pdf

HOSTILE = [
    '=HYPERLINK("http://x","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "[/red] closing tag",
    "[/'Type', '/Page']",
    "NUL\x00inside",
    "bell\x07and\x1bescape",
    "£ – fine",
]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": HOSTILE, "n": range(len(HOSTILE))})


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_frame(_frame(), "csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        cells = [row[0] for row in csv.reader(handle)][1:]
    assert not [c for c in cells if c.startswith(FORMULA)]
    assert '\'=HYPERLINK("http://x","click")' in cells and "NULinside" in cells
    assert "£ – fine" in cells


def test_raw_keeps_cells_as_they_are(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_frame(_frame(), "csv", out, ExportOptions(escape_formulas=False))
    assert pd.read_csv(out)["text"][0] == HOSTILE[0]


def test_bom_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_frame(_frame(), "csv", out, ExportOptions(bom=True))
    assert out.read_bytes().startswith(b"\xef\xbb\xbftext,n\r\n")


def test_xlsx_has_no_live_formula_and_drops_illegal_characters(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    for options in (ExportOptions(), ExportOptions(escape_formulas=False)):
        write_frame(_frame(), "xlsx", out, options)
        sheet = openpyxl.load_workbook(out).active
        assert sheet is not None
        cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
        assert all(c.data_type != "f" for c in cells)
    texts = [sheet.cell(row=r, column=1).value for r in range(2, len(HOSTILE) + 2)]
    assert "NULinside" in texts and "bellandescape" in texts


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_any_text_exports_to_every_format(tmp_path: Path, texts: list[str]) -> None:
    frame = pd.DataFrame({"text": texts})
    for fmt in ("csv", "tsv", "json", "jsonl", "xlsx", "parquet"):
        write_frame(frame, fmt, tmp_path / f"x.{fmt}")
    assert not list(tmp_path.glob(".*.part"))


def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "x.csv"
    out.write_text("old export\n")

    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match="No space left on device"):
        write_frame(_frame(), "csv", out)
    assert out.read_text() == "old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "plan.pdf").write_bytes(small_pdf(3, start=3))
    db = str(folder / "s.sqlite")
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "-j", "1"]).exit_code == 0
    with Store.open(db) as store:
        cells = store.rows("SELECT row_id, field FROM row_cells WHERE field = 'actions'")
        assert len(cells) >= len(HOSTILE) // 2
        for (row_id, field), text in zip(cells, HOSTILE * 2, strict=False):
            store.execute(
                "UPDATE row_cells SET text = ? WHERE row_id = ? AND field = ?",
                (text, row_id, field),
            )
    return db


def test_cli_exports_of_hostile_cells(hostile_store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a.csv", "a.xlsx"):
        result = runner.invoke(
            app, ["export", "actions", "--db", hostile_store, "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
    frame = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    assert not [c for c in frame.to_numpy().ravel() if c.startswith(("=", "+", "@"))]
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    assert sheet is not None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_document_text_is_never_markup(hostile_store: str) -> None:
    result = CliRunner().invoke(
        app, ["query", "--db", hostile_store, "--limit", "0"], terminal_width=400
    )
    assert result.exit_code == 0, result.output
    assert "[/red] closing" in result.output and "[/'Type'," in result.output
    assert "\x00" not in result.output and "\x1b" not in result.output


def test_a_markup_like_file_name_prints_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "[bold]bad[i] name.pdf").write_bytes(b"%PDF-1.4 nothing else")
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--db", str(tmp_path / "s.sqlite"), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "refused: [bold]bad[i] name.pdf: " in result.output
