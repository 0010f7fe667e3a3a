"""History: per-version entries, change summaries, word diffs, deadlines, JSON export, CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.nlp.dates import parse_due
from councilpapers.outputs.history_json import history_records
from councilpapers.tracking.textdiff import word_diff
from councilpapers.tracking.tracker import track
from tests.conftest import check_golden

try:
    from _recs_data import SHARED, gold_store, synthetic_store
except ImportError:  # pragma: no cover - run as a package
    from tests._recs_data import SHARED, gold_store, synthetic_store

SCOPE = "service-improvement-plan"


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return synthetic_store(tmp_path / "plans.sqlite")


def versions(db: str, key: str) -> dict[str, object]:
    return {v["plan_version"]: v for v in history_records([track(db).history(key)])[0]["versions"]}


def test_version_entries(db: str) -> None:
    v3, v4 = versions(db, "1")["3"], versions(db, "1")["4"]
    assert (v3["section_number"], v3["rag"], v3["refs"], v3["pages"]) == (
        "1",
        "Amber",
        ["1.1", "1.2"],
        [2, 3, 9],
    )
    assert v3["diff_from_previous"] is None
    assert (v4["section_number"], v4["doc"], v4["refs"]) == ("2", "plan-v4.pdf", ["2.2", "2.1"])


def test_change_summary(db: str) -> None:
    diff = versions(db, "1")["4"]["diff_from_previous"]
    assert diff["moved_to_completed"] == ["1.1"]
    assert diff["repeated_unchanged"] == ["2.2"]
    assert diff["deadlines_pushed_back"] == [
        {"ref": "2.2", "from": "2017-01-31", "to": "2017-09-30", "explained": False}
    ]
    assert "renumbered: section 1 → 2" in diff["summary"]
    assert diff["rag"] == {"from": "Amber", "to": None, "change": "not reported"}
    explained = versions(db, "2")["4"]["diff_from_previous"]
    assert explained["deadlines_pushed_back"][0]["explained"] is True
    assert explained["rag"]["change"] == "down"
    assert versions(db, "3")["4"]["diff_from_previous"]["rag"]["change"] == "up"
    row = versions(db, "3")["4"]["diff_from_previous"]["rows"][0]
    assert row["changes"] == ["status changed", "new evidence"]
    assert row["status"] == [["-", "NOT STARTED"], ["+", "IN PROGRESS"]]


def test_word_diff_and_deadlines() -> None:
    assert word_diff("a b\nc", "a  b c d") == (("=", "a b c"), ("+", "d"))
    assert word_diff("", "") == ()
    cases = {
        "Dec 2016": date(2016, 12, 31),
        "Sept 17": date(2017, 9, 30),
        "March 2017 / Mar2017": date(2017, 3, 31),
        "13/12/16": date(2016, 12, 13),
        "Ongoing": None,
        "Sept 27 – 29": None,
        "Jan – April 2017": date(2017, 4, 30),
    }
    for text, expected in cases.items():
        assert parse_due(text).due_date == expected, text


def test_export_shape(db: str, tmp_path: Path) -> None:
    out = tmp_path / "history.json"
    result = CliRunner().invoke(app, ["export", "history", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [
        f"{SCOPE}:1",
        f"{SCOPE}:2",
        f"{SCOPE}:3",
        f"{SCOPE}:v4-s1",
    ]
    for record in records:
        assert set(record) == {
            "id",
            "number",
            "text",
            "source_kind",
            "kind",
            "responsible_body",
            "sources",
            "versions",
        }
        assert record["source_kind"] == "inspection" and record["sources"]
        for version in record["versions"]:
            assert set(version) == {
                "plan_version",
                "plan_date",
                "doc",
                "section_number",
                "rag",
                "status_text",
                "refs",
                "pages",
                "reference_date",
                "reference_kind",
                "rows",
                "diff_from_previous",
            }


def test_cli_commands(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    recs = runner.invoke(app, ["recs", "--db", db, "--write-links", str(tmp_path / "l.yaml")])
    assert recs.exit_code == 0 and "Recommendation register" in recs.output
    assert "0 section link(s) to review" in recs.output and (tmp_path / "l.yaml").is_file()
    text = runner.invoke(app, ["history", "1", "--db", db])
    assert text.exit_code == 0 and "moved to completed: 1.1" in text.output
    assert "{+Service started in April.+}" in text.output
    as_json = runner.invoke(app, ["history", f"{SCOPE}:2", "--db", db, "--format", "json"])
    assert json.loads(as_json.output)["number"] == 2
    missing = runner.invoke(app, ["history", "99", "--db", db])
    assert missing.exit_code == 1 and "Error:" in missing.output
    bad = runner.invoke(app, ["history", "1", "--db", db, "--format", "pdf"])
    assert bad.exit_code == 2 and "unknown format 'pdf': choose one of text, table," in bad.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for args in (["recs"], ["history"], ["export", "history"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0 and "--db" in result.output


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus (gold) beside the repo")
def test_gold_history_golden(tmp_path: Path) -> None:
    records = history_records(track(gold_store(tmp_path / "gold.sqlite")).histories)
    check_golden("history-2017-gold", records)
