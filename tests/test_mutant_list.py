"""The mutants of benchmarks/mutant_list.py still apply: each one's anchor (the code it breaks)
occurs exactly once in its file, so a refactor that moves the code under a mutant fails here
instead of quietly lowering the count `benchmarks/mutants.py` reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from mutant_list import MUTANTS, Mutant  # noqa: E402


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_every_mutant_anchor_occurs_once(mutant: Mutant) -> None:
    source = (ROOT / mutant.path).read_text(encoding="utf-8")
    assert source.count(mutant.old) == 1, f"{mutant.name}: re-anchor it in mutant_list.py"
    assert mutant.new != mutant.old
    for test in mutant.tests:
        assert (ROOT / test).is_file(), f"{mutant.name} names a missing test file {test}"


def test_mutant_names_are_unique() -> None:
    names = [m.name for m in MUTANTS]
    assert len(names) == len(set(names))
