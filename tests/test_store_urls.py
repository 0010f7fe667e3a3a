"""One store, however it is addressed: `--db FILE`, `--db sqlite:///FILE`, COUNCILPAPERS_DB and a
PostgreSQL URL give the same answer on every command that takes --db, `serve` included.

The address is parsed once (`corpus/url.py`); a command that parsed it again its own way once
told `serve --db sqlite:///FILE` "no store" while `status` opened it. Every command with a --db
option must appear in COMMANDS (a test walks the command tree), so a new one is checked too. The
PostgreSQL store holds the same samples, ingested the same way, on the shared throwaway server
(skipped, saying why, without one).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.corpus.url import StoreUrl
from councilpapers.errors import StoreError
from councilpapers.outputs import serve as serve_module
from tests.conftest import sample_pdfs
from tests.pgserver import database, shared_server

runner = CliRunner()
COMMANDS: dict[str, list[str]] = {
    "ingest": ["ingest", *map(str, sample_pdfs()), "-j", "1"],
    "status": ["status", "-f", "json"],
    "query": ["query", "-f", "csv"],
    "recs": ["recs", "-f", "csv", "--kind", "all"],
    "history": ["history", "--all", "-f", "json"],
    "export actions": ["export", "actions", "-f", "csv"],
    "export tables": ["export", "tables", "-f", "csv", "--kind", "action_plan"],
    "export documents": ["export", "documents", "-f", "json"],
    "export history": ["export", "history", "-f", "json"],
    "export store": ["export", "store", "-q"],
    "serve": ["serve"],
}
# commands with --db whose address forms are checked in their own test, against their own server
CHECKED_ELSEWHERE = {
    "fetch": "tests/test_fetch_cli.py::test_fetch_stores_alike_however_the_store_is_addressed",
}


def _with_db() -> set[str]:
    """Every command of the CLI that takes --db, by its full name."""
    found = set()

    def walk(command: Any, name: str) -> None:
        for sub, child in getattr(command, "commands", {}).items():
            walk(child, f"{name} {sub}".strip())
        if any("--db" in getattr(p, "opts", ()) for p in command.params):
            found.add(name)

    walk(typer.main.get_command(app), "")
    return found


def test_every_command_with_a_store_is_checked() -> None:
    assert _with_db() == set(COMMANDS) | set(CHECKED_ELSEWHERE)


def _served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Make `serve` answer its actions table instead of listening on a port."""
    answers: list[Any] = []

    def serve(db_url: str, host: str = "", port: int = 0) -> None:
        site = serve_module.make_datasette(db_url)
        path = "/council/actions.json?_shape=array&_size=max"
        answers.append(asyncio.run(site.client.get(path)).json())

    monkeypatch.setattr(serve_module, "serve", serve)
    return answers


def run_everything(
    address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_env: bool = False
) -> dict[str, Any]:
    """Each command's answer on the store at `address` (given by --db, or by the environment)."""
    served = _served(monkeypatch)
    answers: dict[str, Any] = {}
    for name, args in COMMANDS.items():
        extra = ["--out", str(tmp_path / f"copy-{len(list(tmp_path.iterdir()))}.sqlite")]
        full = [*args, *(extra if name == "export store" else [])]
        if use_env:
            result = runner.invoke(app, full, env={"COUNCILPAPERS_DB": address})
        else:
            result = runner.invoke(app, [*full, "--db", address])
        assert result.exit_code == 0, (name, address, result.output)
        answers[name] = result.stdout
        if name == "export store":  # what the copy holds, not where it went
            copy = full[-1]
            answers[name] = runner.invoke(app, ["status", "-f", "json", "--db", copy]).stdout
    answers["serve"] = served
    return answers


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("urls") / "store.sqlite"
    result = runner.invoke(app, [*COMMANDS["ingest"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def on_file(
    sqlite_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield run_everything(str(sqlite_store), tmp_path_factory.mktemp("file"), monkeypatch)


def _relative(db: Path) -> str:
    """`db` as a path relative to the current folder."""
    up = "../" * len(Path.cwd().resolve().parts[1:])
    return up + str(db.resolve().relative_to(db.resolve().anchor))


@pytest.mark.parametrize("form", ["sqlite:///FILE", "relative FILE", "COUNCILPAPERS_DB"])
def test_sqlite_addresses_answer_alike(
    form: str,
    sqlite_store: Path,
    on_file: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    address = {
        "sqlite:///FILE": f"sqlite:///{sqlite_store}",
        "relative FILE": _relative(sqlite_store),
        "COUNCILPAPERS_DB": f"sqlite:///{sqlite_store}",
    }[form]
    answers = run_everything(address, tmp_path, monkeypatch, use_env=form == "COUNCILPAPERS_DB")
    assert answers["serve"] and answers["serve"][0]
    for name in COMMANDS:
        assert answers[name] == on_file[name], name


def test_postgresql_answers_like_sqlite(
    on_file: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database(shared_server()) as url:
        result = runner.invoke(app, [*COMMANDS["ingest"], "--db", url])
        assert result.exit_code == 0, result.output
        answers = run_everything(url, tmp_path, monkeypatch)
    for name in COMMANDS:
        assert answers[name] == on_file[name], name


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"ingest"}))
def test_a_missing_store_is_the_same_usage_error_either_way(name: str, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    extra = ["--out", str(tmp_path / "copy.sqlite")] if name == "export store" else []
    answers = []
    for address in (str(missing), f"sqlite:///{missing}"):
        result = runner.invoke(app, [*COMMANDS[name], *extra, "--db", address])
        answers.append((result.exit_code, result.output))
    assert answers[0] == answers[1]
    assert answers[0][0] == 2 and f"no store at {missing}" in answers[0][1]
    assert not missing.exists()


def test_the_address_is_parsed_once_by_the_backends() -> None:
    file, url = StoreUrl.parse("a/b.sqlite"), StoreUrl.parse("sqlite:///a/b.sqlite")
    assert (file.kind, file.target) == (url.kind, url.target) == (file.kind, "a/b.sqlite")
    pg = StoreUrl.parse("postgresql://me:secret@db.example/council")
    assert pg.kind.dialect == "postgresql" and pg.label == "postgresql://me:***@db.example/council"
    assert StoreUrl.parse("postgres://h/db").kind is pg.kind
    with pytest.raises(StoreError, match="unknown store address 'mysql://h/db'"):
        StoreUrl.parse("mysql://h/db")
