"""The README's layout section matches the tree: every package folder is listed, and every module
in it is named in that folder's entry (a new module, a moved or renamed one, fails here until the
README says where it lives)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ["councilpapers", "ingest", "extract", "nlp", "corpus", "tracking", "batch", "outputs"]


def layout() -> dict[str, str]:
    """Folder -> the text of its entry in the README's `## Layout` code block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Layout\n", 1)[1]
    block = section.split("```", 2)[1]
    entries: dict[str, str] = {}
    current = None
    for line in block.splitlines():
        head = re.match(r"([a-z_]+)/ ", line)
        if head:
            current = head.group(1)
            entries[current] = line[head.end() :]
        elif current is not None:
            entries[current] += " " + line.strip()
    return entries


def test_every_package_folder_is_listed() -> None:
    entries = layout()
    for folder in FOLDERS:
        assert folder in entries, f"{folder}/ is missing from the README's layout"
    for folder in entries:
        assert (ROOT / folder).is_dir(), f"the README lists {folder}/, which does not exist"


def test_every_module_is_named_in_its_folders_entry() -> None:
    entries = layout()
    missing = []
    for folder in FOLDERS:
        words = set(re.findall(r"[a-z_]+", entries.get(folder, "")))
        for path in sorted((ROOT / folder).glob("*.py")):
            if path.stem != "__init__" and path.stem not in words:
                missing.append(f"{folder}/{path.name}")
    assert not missing, "not named in the README's layout: " + ", ".join(missing)
