"""Imports flow one way: records <- ingest <- extract <- nlp <- corpus <- tracking <- outputs."""

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
