"""Imports flow one way: records <- ingest <- extract <- nlp <- corpus <- tracking <- outputs;
fetch sits beside outputs, reads only records, errors and the sidecar format, and only the CLI
imports it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["records", "ingest", "extract", "nlp", "corpus", "tracking", "outputs", "cli"]
FOLDERS = {"ingest", "extract", "nlp", "corpus", "tracking", "outputs"}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "councilpapers" or len(parts) < 2:
        return None
    if parts[1] in FOLDERS or parts[1] == "records":
        return parts[1]
    if parts[1] == "cli" or parts[1].startswith("commands_"):
        return "cli"
    return None


def test_no_stage_imports_a_later_one() -> None:
    offences = []
    for folder in sorted(FOLDERS):
        for path in (ROOT / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    target = _stage(node.module)
                    if target and ORDER.index(target) > ORDER.index(folder):
                        offences.append(f"{folder}/{path.name} imports {node.module}")
    assert not offences, "\n".join(offences)


FETCH_READS = ("councilpapers.records", "councilpapers.errors", "councilpapers.ingest.sidecar")


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def test_fetch_reads_only_records_errors_and_the_sidecar_format() -> None:
    offences = [
        f"fetch/{path.name} imports {module}"
        for path in (ROOT / "fetch").glob("*.py")
        for module in _imports(path)
        if module.startswith("councilpapers")
        and not module.startswith(("councilpapers.fetch", *FETCH_READS))
        and module != "councilpapers"
    ]
    assert not offences, "\n".join(offences)


def test_nothing_but_the_cli_imports_fetch() -> None:
    folders = [*sorted(FOLDERS), "councilpapers"]
    offences = [
        f"{folder}/{path.name} imports {module}"
        for folder in folders
        for path in (ROOT / folder).glob("*.py")
        if path.name not in ("cli.py", "commands_fetch.py")
        for module in _imports(path)
        if module.startswith("councilpapers.fetch")
    ]
    assert not offences, "\n".join(offences)
