"""Shared fixtures: paths to the bundled samples and to ../shared, and record factories."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SAMPLES = ROOT / "councilpapers" / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason="../shared/corpus is not beside this checkout (a fresh clone has none; CI has it)",
)


FLOORS = os.environ.get("COUNCILPAPERS_FLOORS") == "1"

needs_floors = pytest.mark.skipif(
    not (FLOORS and SHARED.is_dir()),
    reason="accuracy floor: needs ../shared beside the checkout and COUNCILPAPERS_FLOORS=1 "
    "(slow; .ci/run sets it)",
)


def sample_pdfs() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))


def check_golden(name: str, data: Any) -> None:
    """Compare data with tests/golden/NAME.json; UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1 once"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}"
