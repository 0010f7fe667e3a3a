"""The wordings a seed may print, by split: training (seeds below 1000) or held-out (1000 up).

Training headers come from ``models/header_thesaurus.yaml`` and training content wordings from
``pools.py``; held-out ones from ``../heldout/`` (read here only for evaluation seeds). ``normal``
is the comparison the split is checked with: case, punctuation and spacing ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from . import pools

ROOT = Path(__file__).resolve().parents[3]
THESAURUS = ROOT / "models" / "header_thesaurus.yaml"
HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
FIRST_EVALUATION_SEED = 1000
FIELDS = (
    "ref",
    "outcome",
    "actions",
    "lead",
    "timescale",
    "impact",
    "measures",
    "status",
    "progress",
    "rag",
    "none",
)
STACK = " › "  # how a stacked header joins its group heading and column name
_NOT_WORD = re.compile(r"[^\w{}]+")


def normal(text: str) -> str:
    """Lower case, punctuation and spacing dropped (placeholders kept): the split's comparison."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


@dataclass(frozen=True, slots=True)
class Wordings:
    """Every wording pool of one split."""

    split: str  # training | heldout
    headers: Mapping[str, tuple[str, ...]]  # field -> plain headers (stacked forms left out)
    dated: tuple[str, ...]  # progress headers with {when}
    section_number: tuple[str, ...]
    group_headings: Mapping[str, tuple[str, ...]]  # plan | monitoring -> headings
    pools: Mapping[str, Any]  # the keys of pools.TRAINING


def split_of(seed: int) -> str:
    return "heldout" if seed >= FIRST_EVALUATION_SEED else "training"


def wordings_for(seed: int) -> Wordings:
    return load(split_of(seed))


@cache
def load(split: str) -> Wordings:
    if split == "training":
        headers, content = _read(THESAURUS), dict(pools.TRAINING)
    elif split == "heldout":
        headers, content = _read(HELDOUT / "headers.yaml"), _read(HELDOUT / "pools.yaml")
    else:
        raise ValueError(f"unknown split {split!r}")
    fields = {
        name: tuple(h for h in headers["fields"][name] if STACK.strip() not in h) for name in FIELDS
    }
    return Wordings(
        split,
        fields,
        tuple(headers["dated"]["progress"]),
        tuple(headers["section_number"]),
        {k: tuple(v) for k, v in headers["group_headings"].items()},
        {key: _tuples(value) for key, value in content.items()},
    )


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


def _tuples(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _tuples(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return value


def every_string(data: Any) -> Iterator[str]:
    """Every string in a nested mapping / sequence (for the split check)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, Mapping):
        for value in data.values():
            yield from every_string(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from every_string(value)


def header_strings(split: str) -> list[str]:
    """Every header wording of a split as written (fields with stacked forms, dated templates,
    section-number headers, group headings)."""
    path = THESAURUS if split == "training" else HELDOUT / "headers.yaml"
    return list(every_string(_read(path)))


def content_strings(split: str) -> list[str]:
    data = pools.TRAINING if split == "training" else _read(HELDOUT / "pools.yaml")
    return list(every_string(data))
