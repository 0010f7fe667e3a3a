"""Header recognition: printed column headers -> one canonical schema, whatever the wording.

Canonical fields: ref, outcome, actions, lead, timescale, impact, measures, status, progress, rag.
The wording is read by the trained header classifier (`header_model.py`), not a phrase list; a
header it reads as none of the fields, or reads with little confidence, is kept under a slug of
its own text, never dropped. Which column takes which field, with the evidence of its content
too, is `column_map.py`'s business; this module answers for one header at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from councilpapers.extract.header_cache import header_model
from councilpapers.extract.header_model import CANONICAL

__all__ = ["CANONICAL", "canonical_name", "header_field", "header_key", "map_headers", "slug"]
MIN_CONFIDENCE = 0.5  # a header read with less is not taken as naming a field
MAX_HEADER = 80  # characters: a longer cell is text, not a header


def normalise_header(text: str) -> str:
    """Lower-case, hyphenation and line breaks closed up, whitespace collapsed."""
    text = re.sub(r"(\w)[-/]\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.replace("’", "'").replace("–", "-")


@lru_cache(maxsize=4096)
def header_field(text: str) -> tuple[str, float]:
    """The field a printed header names ("none" for none) and the classifier's probability."""
    norm = normalise_header(text)
    if not norm or len(norm) > MAX_HEADER:
        return "none", 1.0
    return header_model().classify(norm)


def canonical_name(text: str) -> str | None:
    """The canonical field a printed header means, or None."""
    name, probability = header_field(text)
    return name if name != "none" and probability >= MIN_CONFIDENCE else None


def header_key(texts: Sequence[str]) -> tuple[str, ...]:
    """A header row in comparable form: two printings of one header give the same key."""
    return tuple(normalise_header(t) for t in texts)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_header(text)).strip("_") or "column"


def map_headers(texts: Sequence[str]) -> tuple[str, ...]:
    """Canonical column names for a header row; unknown or repeated ones keep their own slug."""
    names: list[str] = []
    for index, text in enumerate(texts):
        base = canonical_name(text) or slug(text) or f"column_{index + 1}"
        name = base if base not in names else f"{base}_{slug(text)}"
        suffix = index + 1
        while name in names:  # "5", "5_5", then the third "5" at index 4 needs "5_5_2"
            name = f"{base}_{suffix}" if suffix == index + 1 else f"{base}_{index + 1}_{suffix}"
            suffix += 1
        names.append(name)
    return tuple(names)


def header_score(texts: Sequence[str]) -> float:
    """Share of non-empty cells that read as known headers (0 when fewer than two match)."""
    filled = [t for t in texts if t.strip()]
    if not filled:
        return 0.0
    known = [t for t in filled if canonical_name(t)]
    return len(known) / len(filled) if len(known) >= 2 else 0.0
