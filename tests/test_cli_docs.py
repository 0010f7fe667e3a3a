"""Every command documented (help for it and each option, readable metavars, named in the README),
and a command line that starts at once: no heavy library imported before a command needs it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from councilpapers.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
HEAVY = (
    *("pandas", "numpy", "sklearn", "spacy", "pdfplumber", "pdfminer", "scipy"),
    *("httpx", "lxml", "tenacity", "protego"),  # the fetch extra: only when `fetch` runs
)
CPU_BUDGET = 0.5  # seconds of CPU (user + system) for a command to start
HELP_BUDGET = 0.3  # seconds of CPU for --help


Found = list[tuple[tuple[str, ...], Any]]


def _walk(command: Any, path: tuple[str, ...] = ()) -> Found:
    """(path, click command) for the app and every group and command below it."""
    found: Found = [(path, command)]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found.extend(_walk(sub, (*path, name)))
    return found


COMMANDS = _walk(typer.main.get_command(app))
LEAVES = [(p, c) for p, c in COMMANDS if p and not hasattr(c, "commands")]


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "-" for p, _ in COMMANDS]
)
def test_every_command_and_option_has_help(path: tuple[str, ...], command: Any) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0 and "Usage" in result.output
    assert (command.help or "").strip(), f"{path}: no help"
    for param in command.params:
        text = getattr(param, "help", None)
        assert text and len(text.split()) >= 3, f"{path} {param.name}: no sentence of help"
    assert not re.search(r"<\w|list\[|\bPath\b|\[str\]", result.output), result.output


@pytest.mark.parametrize("path", [p for p, _ in LEAVES], ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    assert f"councilpapers {' '.join(path)}" in README


def _child(code: str) -> dict[str, object]:
    """Run `code` in a fresh interpreter; it prints JSON on its last line."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return dict(json.loads(done.stdout.splitlines()[-1]))


PROBE = """
import json, os, resource, sys
from councilpapers.cli import app
for args in {commands!r}:
    try:
        app(args, standalone_mode=False)
    except SystemExit:
        pass
heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r}))
usage = resource.getrusage(resource.RUSAGE_SELF)
print()
print(json.dumps({{"heavy": heavy, "cpu": usage.ru_utime + usage.ru_stime}}))
"""


def test_the_cli_module_and_help_import_nothing_heavy() -> None:
    missing = ["--db", "missing.sqlite"]
    reads = [["status"], ["query"], ["recs"], ["history", "1"], ["export", "actions"]]
    commands = [["--help"], ["--version"]] + [[*p, "--help"] for p, _ in LEAVES]
    commands += [[*command, *missing] for command in reads]
    found = _child(PROBE.format(commands=commands, heavy=HEAVY))
    assert found["heavy"] == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["export", "--help"],
        *(
            [*c, "--db", "missing.sqlite"]
            for c in (["status"], ["query"], ["recs"], ["history", "1"])
        ),
    ],
    ids=" ".join,
)
def test_a_command_starts_within_the_cpu_budget(args: list[str]) -> None:
    # best of three: a busy machine can only make one run slower, never faster
    best = min(
        float(str(_child(PROBE.format(commands=[args], heavy=HEAVY))["cpu"])) for _ in range(3)
    )
    assert best < CPU_BUDGET, f"{args}: {best:.2f} s of CPU"


@pytest.mark.parametrize("args", [["--help"], ["fetch", "--help"]], ids=" ".join)
def test_help_is_quicker_still(args: list[str]) -> None:
    best = min(
        float(str(_child(PROBE.format(commands=[args], heavy=HEAVY))["cpu"])) for _ in range(3)
    )
    assert best < HELP_BUDGET, f"{args}: {best:.2f} s of CPU"


def test_importtime_of_the_cli_names_no_heavy_module() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import councilpapers.cli"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    modules = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    assert "councilpapers" in modules and not modules & set(HEAVY)


def test_version_and_exit_codes_in_a_real_process(tmp_path: Path) -> None:
    cli = [sys.executable, "-m", "councilpapers.cli"]
    version = subprocess.run([*cli, "--version"], capture_output=True, text=True, check=False)
    assert version.returncode == 0 and version.stdout.startswith("councilpapers ")
    missing = subprocess.run(
        [*cli, "status", "--db", str(tmp_path / "none.sqlite")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith("Error: no store at ") and missing.stderr.count("\n") == 1
    usage = subprocess.run([*cli, "query", "--limit", "-1"], capture_output=True, text=True)
    assert usage.returncode == 2
