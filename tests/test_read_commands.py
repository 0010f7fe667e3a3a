"""Read commands open the store read-only: every `Store.open` they make says `readonly=True`.

Spies on `Store.open` while each read command runs on the synthetic tracking store (ingest is
the only command that may open it for writing; `recs --links` saves an officer's links file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.corpus.store import Store

try:
    from _recs_data import synthetic_store
except ImportError:  # pragma: no cover - run as a package
    from tests._recs_data import synthetic_store

READ_COMMANDS = [
    ["status"],
    ["query"],
    ["query", "--rec", "1"],
    ["recs"],
    ["history", "1"],
    ["history", "--all", "-f", "json"],
    ["export", "actions", "-f", "csv"],
    ["export", "tables", "--kind", "action_plan", "-f", "json"],
    ["export", "documents", "-f", "json"],
    ["export", "history"],
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return synthetic_store(tmp_path_factory.mktemp("read") / "plans.sqlite")


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_read_command_opens_the_store_read_only(
    db: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    original = Store.open.__func__  # type: ignore[attr-defined]

    def spy(cls: type[Store], url: str = "", readonly: bool = False) -> Store:
        calls.append(readonly)
        return original(cls, url, readonly=readonly)  # type: ignore[no-any-return]

    monkeypatch.setattr(Store, "open", classmethod(spy))
    result = CliRunner().invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    assert calls and all(calls), f"{' '.join(args)} opened the store for writing: {calls}"


def test_a_read_command_never_creates_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlit"
    result: Any = CliRunner().invoke(app, ["status", "--db", str(missing)])
    assert result.exit_code == 2 and "no store at" in result.output
    assert not missing.exists()
