"""The wordings split of the plan generator (issue 17): the training thesaurus in models/ and the
held-out wordings only evaluation seeds print share nothing, and each has enough per field.

The held-out files are read here but NEVER printed, not even through a failing assertion's
explanation: every assertion is on counts or on the short hashes ``heldout_guard`` names a
clash by, and the fix a failure suggests is the guard's ``--drop-from-training``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

from gensuite import heldout_guard as guard  # noqa: E402
from gensuite.seeded.wordings import FIELDS, THESAURUS, load, normal  # noqa: E402


def test_training_thesaurus_has_twenty_wordings_per_field() -> None:
    training = load("training")
    short = {f: len(training.headers[f]) for f in FIELDS if len(training.headers[f]) < 20}
    assert not short, short


def test_heldout_has_twelve_wordings_per_field() -> None:
    heldout = load("heldout")
    short = [f for f in FIELDS if len(heldout.headers[f]) < 12]
    assert not short, short


def test_training_wordings_are_one_field_each() -> None:
    seen: dict[str, str] = {}
    for field in FIELDS:
        for header in load("training").headers[field]:
            assert seen.setdefault(normal(header), field) == field, header


def test_no_heldout_header_is_a_training_header() -> None:
    """Plain, stacked parts and {when} templates rendered, compared normalised."""
    training, heldout = guard.training_headers(), guard.heldout_headers()
    hashes = guard.clash_digests(training, heldout)
    assert not hashes, f"{len(hashes)} training headers equal held-out ones; run {guard.FIX}"


def test_no_heldout_content_wording_is_a_training_one() -> None:
    hashes = guard.clash_digests(guard.training_content(), guard.heldout_content())
    assert not hashes, f"{len(hashes)} content wordings of seeded/pools.py equal held-out ones"


def test_no_heldout_header_reuses_a_retired_one() -> None:
    """v1 of the held-out headers was retired after a developer saw part of it."""
    assert len(guard.retired_digests()) > 100
    reused = guard.reused_retired()
    assert not reused, f"{len(reused)} held-out headers were in a retired list"


def test_dropping_from_training_removes_only_the_clashes(tmp_path: Path) -> None:
    heldout = sorted(load("heldout").headers["status"])[:2]
    lines = THESAURUS.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("  status:\n") + 1
    polluted = [*lines[:at], *(f"    - {w.upper()}\n" for w in heldout), *lines[at:]]
    path = tmp_path / "thesaurus.yaml"
    path.write_text("".join(polluted), encoding="utf-8")
    hashes = guard.drop_from_training(path)
    assert hashes == sorted(guard.digest(normal(w)) for w in heldout)
    assert path.read_text(encoding="utf-8") == "".join(lines)


def test_a_clash_message_names_no_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    heldout = guard.heldout_headers()
    monkeypatch.setattr(guard, "training_headers", lambda ref=None: [*heldout[:5], "Owner"])
    found = guard.problems()
    assert len(found) == 1 and "5 training wordings" in found[0] and guard.FIX in found[0]
    said = normal(found[0])
    leaked = sum(f in said for w in heldout for f in guard.forms(w) if len(f) > 3)
    assert leaked == 0


def test_dated_heldout_headers_never_render_as_training_ones() -> None:
    training = guard.all_forms(guard.training_headers())
    rendered = {
        normal(template.format(when=when))
        for template in load("heldout").dated
        for when in ("30 September 2024", "Sept 2024", "Q2 2024/25", "31/03/2025")
    }
    assert len(rendered & training) == 0


def test_content_pools_have_the_same_keys() -> None:
    assert set(load("training").pools) == set(load("heldout").pools)
    for key, value in load("training").pools.items():
        if isinstance(value, dict):
            assert set(value) == set(load("heldout").pools[key]), key
