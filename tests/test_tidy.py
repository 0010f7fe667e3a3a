"""Tidy data: every cell of every export, `-f csv` view and served table holds one value.

"One value" is defined column by column: `outputs.dictionary.VALUES` declares the kind of every
column and `dictionary.KINDS` what a kind allows; the checks below parse each cell as exactly one
value of its kind: one number, ISO date, flag, token without spaces (ids, versions, ratings), one
of a column's listed labels, one JSON array (a list column) or object, one link, or one piece of
text (a cell as printed, a title, a name). So "Amber (v14)" is not a rating, "3 open, 1
completed" is not a number and "AD;HoS" is not a list; a column nobody declared fails too. Only
`export tables` may carry undeclared columns: those are a table's own printed headers, text.

The store is made from the bundled samples; with `COUNCILPAPERS_FLOORS=1` the corpus
(`../shared/corpus`) is walked as well."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.outputs import dictionary
from councilpapers.outputs.site_db import site_content
from councilpapers.vocabularies import DOC_TYPES, SOURCE_KINDS, TABLE_KINDS
from tests.conftest import SHARED, sample_pdfs

runner = CliRunner()
Cells = Iterator[tuple[str, str, object]]  # (output, column, value)
SOURCES = {"samples": sample_pdfs}


def _described_labels() -> dict[str, set[str]]:
    """Each label column's values: its vocabulary, else the `values` its description lists."""
    labels = {
        "table_kind": set(TABLE_KINDS.names),
        "doc_type": set(DOC_TYPES.names),
        "source_kind": set(SOURCE_KINDS.names),
    }
    tables = [v for v in vars(dictionary).values() if isinstance(v, dict) and v is not labels]
    for table in tables:
        for column, text in table.items():
            if dictionary.VALUES.get(column) == "label" and column not in labels:
                labels[column] = set(re.findall(r"`([^`]+)`", str(text)))
    return labels


LABELS = _described_labels()


def one_value(kind: str, column: str, value: object) -> bool:
    """Is `value` exactly one value of `kind`? (Blank is no value, which is allowed.)"""
    text = "" if value is None else str(value)
    if text == "" or kind == "text":
        return True
    checks = {
        "number": lambda: re.fullmatch(r"-?\d+(\.\d+)?", text) is not None,
        "date": lambda: re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None,
        "datetime": lambda: bool(datetime.fromisoformat(text)),
        "flag": lambda: text in ("True", "False", "true", "false", "0", "1"),
        "code": lambda: re.search(r"\s", text) is None,
        "label": lambda: text in LABELS[column],
        "list": lambda: _json_is(text, list),
        "object": lambda: _json_is(text, dict),
        "link": lambda: text.startswith(("/", "http://", "https://")),
    }
    return checks[kind]()


def _json_is(text: str, kind: type) -> bool:
    try:
        found = json.loads(text)
    except ValueError:
        return False
    scalars = all(not isinstance(v, list | dict) for v in found) if kind is list else True
    return isinstance(found, kind) and scalars


def _csv_cells(name: str, path: Path) -> Cells:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column, value in row.items():
                yield name, column, value


def _cli_csv(db: str, folder: Path) -> Cells:
    """Every export and every view the CLI prints, as CSV."""
    commands = {
        "export actions": ["export", "actions"],
        "export documents": ["export", "documents"],
        "export history": ["export", "history"],
        "status": ["status"],
        "query": ["query", "--limit", "0"],
        "recs": ["recs", "--kind", "all"],
        "history": ["history", "--all"],
    }
    for name, args in commands.items():
        out = folder / f"{name.replace(' ', '-')}.csv"
        result = runner.invoke(app, [*args, "--db", db, "-f", "csv", "-o", str(out), "-q"])
        assert result.exit_code == 0, f"{name}: {result.output}"
        yield from _csv_cells(name, out)
    tables = folder / "tables.csv"
    result = runner.invoke(app, ["export", "tables", "--db", db, "-o", str(tables), "-q"])
    assert result.exit_code == 0, result.output
    for path in sorted(folder.glob("tables-*.csv")):
        yield from _csv_cells("export tables", path)


def _served(db: str) -> Cells:
    tables, _ = site_content(db)
    for table in tables:
        for row in table.rows:
            for column, value in row.items():
                yield f"serve {table.name}", column, value


@pytest.fixture(scope="module", params=["samples", "corpus"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "samples":
        papers = [str(p) for p in sample_pdfs()]
    else:
        corpus = SHARED / "corpus"
        if os.environ.get("COUNCILPAPERS_FLOORS") != "1" or not corpus.is_dir():
            pytest.skip("the corpus store: set COUNCILPAPERS_FLOORS=1 (needs ../shared/corpus)")
        papers = [str(corpus)]
    db = str(tmp_path_factory.mktemp(f"tidy-{request.param}") / "store.sqlite")
    result = runner.invoke(app, ["ingest", *papers, "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


def test_every_export_and_csv_view_has_one_value_per_cell(store: str, tmp_path: Path) -> None:
    seen: dict[str, set[str]] = {}
    bad: list[str] = []
    for output, column, value in [*_cli_csv(store, tmp_path), *_served(store)]:
        seen.setdefault(output, set()).add(column)
        kind = dictionary.VALUES.get(column)
        if kind is None:
            if output != "export tables":
                bad.append(f"{output}: column {column} has no kind in dictionary.VALUES")
            continue
        if not one_value(kind, column, value) and len(bad) < 40:
            bad.append(f"{output}: {column} = {value!r} is not one {kind}")
    assert not sorted(set(bad)), "\n".join(sorted(set(bad)))
    assert {"export actions", "recs", "history", "serve recommendations"} <= set(seen)
    assert {"leads", "latest_rag", "rows_open"} <= seen["export actions"] | seen["recs"]


@pytest.mark.parametrize(
    ("kind", "column", "value"),
    [
        ("code", "latest_rag", "Amber (v14)"),
        ("number", "rows_open", "3 open, 1 completed"),
        ("list", "leads", "Assistant Director;Head of Service"),
        ("list", "refs", "1.1;1.2"),
        ("label", "reference_kind", "plan date 2017-09-04"),
        ("date", "due_date", "2017-01-31;2017-02-28"),
    ],
)
def test_the_joined_cells_this_replaced_are_not_one_value(
    kind: str, column: str, value: str
) -> None:
    assert not one_value(kind, column, value)


def test_every_declared_kind_is_defined_and_every_label_column_lists_its_values() -> None:
    assert set(dictionary.VALUES.values()) <= set(dictionary.KINDS)
    for column, kind in dictionary.VALUES.items():
        if kind == "label":
            assert LABELS.get(column), f"label column {column} lists no values"
