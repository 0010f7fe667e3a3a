"""One registry per extension point, and every entry documented and exercised (as datasette's
`test_plugin_hooks_have_tests`): output formats (`outputs/formats.py`) and the vocabularies of
table kinds, document types and recommendation kinds (`councilpapers/vocabularies.py`).

Adding a format or a kind is one entry in its registry; these tests then ask for what else it
needs (a reader below for a new export format; a rule or a producer for a new kind) and keep the
README's lists made from the registries (`UPDATE_GOLDEN=1` rewrites them)."""

from __future__ import annotations

import ast
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.cli_options import EXPORT_FORMATS, HISTORY_FORMATS, PRINT_FORMATS
from councilpapers.extract.kinds import RULES
from councilpapers.outputs import dictionary
from councilpapers.outputs.export import write_rows
from councilpapers.outputs.formats import FORMATS, REGISTRY, Rows, format_of, formats_for
from councilpapers.outputs.readme_lists import render
from councilpapers.records import PackItem, Recommendation, Table
from councilpapers.vocabularies import DOC_TYPES, SOURCE_KINDS, TABLE_KINDS

try:
    from _recs_data import synthetic_store
except ImportError:  # pragma: no cover - run as a package
    from tests._recs_data import synthetic_store

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
runner = CliRunner()
ROWS = Rows(
    ("doc", "ref", "overdue", "page_first", "note"),
    [
        {"doc": "a.pdf", "ref": "1.1", "overdue": True, "page_first": 3, "note": "=SUM(A1)"},
        {"doc": "b.pdf", "ref": "2", "overdue": None, "page_first": 4, "note": "£ – ok"},
    ],
)
READERS: dict[str, Callable[[bytes], pd.DataFrame]] = {
    "csv": lambda data: pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False),
    "tsv": lambda data: pd.read_csv(io.BytesIO(data), sep="\t", dtype=str, keep_default_na=False),
    "json": lambda data: pd.DataFrame(json.loads(data)),
    "jsonl": lambda data: pd.DataFrame([json.loads(line) for line in data.splitlines()]),
    "parquet": lambda data: pd.read_parquet(io.BytesIO(data)),
    "xlsx": lambda data: pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False),
}


def test_readme_lists_are_made_from_the_registries() -> None:
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        README.write_text(fresh, encoding="utf-8")
    assert fresh == text, "README lists are stale: run this test with UPDATE_GOLDEN=1"


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_format_writes_rows_a_reader_gets_back(fmt: str, tmp_path: Path) -> None:
    assert fmt in READERS, f"a new export format {fmt}: add how to read it back to READERS"
    out = tmp_path / f"rows.{FORMATS[fmt].extensions[0]}"
    assert write_rows(ROWS, fmt, out) == str(out)
    frame = READERS[fmt](out.read_bytes())
    assert list(frame.columns) == list(ROWS.columns)
    assert list(frame["doc"]) == ["a.pdf", "b.pdf"] and list(frame["ref"]) == ["1.1", "2"]
    escaped = fmt in ("csv", "tsv", "xlsx")  # spreadsheets would run the formula
    assert frame["note"][0] == ("'=SUM(A1)" if escaped else "=SUM(A1)")
    assert frame["note"][1] == "£ – ok"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return synthetic_store(tmp_path_factory.mktemp("registries") / "plans.sqlite")


@pytest.mark.parametrize("fmt", PRINT_FORMATS)
def test_every_print_format_prints_a_view(fmt: str, store: str) -> None:
    result = runner.invoke(app, ["status", "--db", store, "-f", fmt])
    assert result.exit_code == 0, result.output
    assert "documents" in result.output


@pytest.mark.parametrize("fmt", HISTORY_FORMATS)
def test_every_history_format_renders_a_history(fmt: str, store: str) -> None:
    result = runner.invoke(app, ["history", "1", "--db", store, "-f", fmt])
    assert result.exit_code == 0, result.output
    assert "service-improvement-plan:1" in result.output


def test_formats_are_found_from_their_extensions_and_listed_in_help() -> None:
    for found in REGISTRY:
        assert found.uses, f"{found.name} is offered nowhere"
        for extension in found.extensions:
            assert format_of(extension.upper()) == found.name
    assert formats_for("export") == EXPORT_FORMATS
    for command, formats in (
        (["status"], PRINT_FORMATS),
        (["history"], HISTORY_FORMATS),
        (["export", "actions"], EXPORT_FORMATS),
    ):
        help_text = " ".join(runner.invoke(app, [*command, "--help"]).output.split())
        assert ", ".join(formats[:-1]) + f" or {formats[-1]}" in help_text.replace("│ ", "")


def test_an_unknown_format_or_kind_is_a_usage_error_listing_the_valid_ones(store: str) -> None:
    for args, valid in (
        (["status", "--db", store, "-f", "docx"], PRINT_FORMATS),
        (["recs", "--db", store, "--kind", "rumour"], (*SOURCE_KINDS.names, "all")),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "choose one of " + ", ".join(valid) in " ".join(result.output.split())


def test_every_table_kind_has_a_rule_and_the_action_kinds_are_documented() -> None:
    ruled = {rule.kind for rule in RULES}
    assert ruled | {"other"} == set(TABLE_KINDS.names), "a table kind with no rule in kinds.py"
    for kind in TABLE_KINDS.flagged("actions"):
        assert f"`{kind}`" in dictionary.ACTIONS["table_kind"]


def _string_constants(*folders: str) -> set[str]:
    found: set[str] = set()
    for folder in folders:
        for path in (ROOT / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found |= {
                n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value
            } - {None}
    return {v for v in found if isinstance(v, str)}


@pytest.mark.parametrize(
    ("names", "producers"),
    [(DOC_TYPES.names, ("extract",)), (SOURCE_KINDS.names, ("extract", "tracking"))],
    ids=["document types", "recommendation kinds"],
)
def test_every_kind_is_produced_somewhere(
    names: tuple[str, ...], producers: tuple[str, ...]
) -> None:
    made = _string_constants(*producers)
    assert not [n for n in names if n not in made], "a registered kind nothing ever produces"


@pytest.mark.parametrize(
    "make",
    [
        lambda kind: Table(0, kind, (), (), ()),
        lambda kind: PackItem(0, None, "t", kind, 1, 1),
        lambda kind: Recommendation("r", "s", 1, "t", source_kind=kind),
    ],
    ids=["table kind", "document type", "recommendation kind"],
)
def test_records_refuse_an_unregistered_kind(make: Callable[[str], Any]) -> None:
    with pytest.raises(ValueError, match=r"unknown .* 'bogus': one of"):
        make("bogus")
