"""The wordings split of the plan generator (issue 17): the training thesaurus in models/ and the
held-out wordings only evaluation seeds print share nothing, and each has enough per field.

The held-out files are read here but never printed: an assertion names a clash by its training
wording only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

from gensuite.seeded.wordings import (  # noqa: E402
    FIELDS,
    content_strings,
    header_strings,
    load,
    normal,
)


def test_training_thesaurus_has_twenty_wordings_per_field() -> None:
    training = load("training")
    short = {f: len(training.headers[f]) for f in FIELDS if len(training.headers[f]) < 20}
    assert not short, short


def test_heldout_has_ten_wordings_per_field() -> None:
    heldout = load("heldout")
    short = [f for f in FIELDS if len(heldout.headers[f]) < 10]
    assert not short, short


def test_training_wordings_are_one_field_each() -> None:
    seen: dict[str, str] = {}
    for field in FIELDS:
        for header in load("training").headers[field]:
            assert seen.setdefault(normal(header), field) == field, header


@pytest.mark.parametrize("strings", [header_strings, content_strings])
def test_no_heldout_wording_is_a_training_wording(strings: Callable[[str], list[str]]) -> None:
    training = {normal(s): s for s in strings("training")}
    clashes = [training[n] for s in strings("heldout") if (n := normal(s)) in training]
    assert not clashes, f"held-out wordings equal to training ones: {clashes}"


def test_dated_heldout_headers_never_render_as_training_ones() -> None:
    training = {normal(s) for s in header_strings("training")}
    for template in load("heldout").dated:
        for when in ("30 September 2024", "Sept 2024", "Q2 2024/25", "31/03/2025"):
            assert normal(template.format(when=when)) not in training


def test_content_pools_have_the_same_keys() -> None:
    assert set(load("training").pools) == set(load("heldout").pools)
    for key, value in load("training").pools.items():
        if isinstance(value, dict):
            assert set(value) == set(load("heldout").pools[key]), key
