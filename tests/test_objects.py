"""The lean page objects carry, key for key, the values pdfplumber's own parse gives."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from councilpapers.ingest.objects import prime_objects

SAMPLES = sorted(
    Path(str(p))
    for p in resources.files("councilpapers.samples").iterdir()
    if p.name.endswith(".pdf")
)


def _pages(path: Path) -> list[tuple[dict[str, list[dict[str, Any]]], dict[str, list[Any]]]]:
    out = []
    with pdfplumber.open(path) as plain, pdfplumber.open(path) as lean:
        for full, mine in zip(plain.pages[:6], lean.pages[:6], strict=True):
            prime_objects(mine)
            out.append((full.objects, mine.objects))
    return out


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_lean_objects_match_pdfplumber(path: Path) -> None:
    for full, mine in _pages(path):
        assert mine["char"], "a sample page with no text proves nothing"
        for kind, objects in mine.items():
            expected = full.get(kind, [])
            assert len(objects) == len(expected), kind
            for lean, whole in zip(objects, expected, strict=True):
                assert lean == {key: whole[key] for key in lean}


def test_words_unchanged_by_priming() -> None:
    path = SAMPLES[0]
    with pdfplumber.open(path) as plain, pdfplumber.open(path) as lean:
        page, primed = plain.pages[0], lean.pages[0]
        prime_objects(primed)
        settings = {"extra_attrs": ["size", "fontname"]}
        assert primed.extract_words(**settings) == page.extract_words(**settings)
