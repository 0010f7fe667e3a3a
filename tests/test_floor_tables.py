"""Accuracy floors for table extraction: the corpus gold and every re-typeset variant.

Runs benchmarks/accuracy.py's library extractor and benchmarks/score.py's scorer, the same code
that prints README's "Accuracy and speed" table, and fails when a figure drops under its floor
(today's figure less a hair). Every file is extracted once per session (conftest ``pipeline``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, Pipeline, benchmark, needs_floors

pytestmark = needs_floors
MARGIN = 0.005

# README: gold rows 205, row F1 1.000, cell similarity 1.000; pages, sections and versions all
# right (benchmarks/accuracy.py prints them as pages / sect / vers).
CORPUS_FLOOR = {"f1": 0.99, "similarity": 0.99, "pages": 1.0, "section": 1.0, "version": 1.0}

# Today's figures per variant: (row F1, cell similarity, pages, section, version).
VARIANTS: dict[str, tuple[float, float, float, float, float]] = {
    "no-repeat-header": (0.990, 1.000, 1.000, 1.000, 1.000),
    "borderless": (0.998, 0.999, 1.000, 1.000, 1.000),
    "header-rule-only": (1.000, 1.000, 1.000, 1.000, 1.000),
    "portrait": (0.995, 1.000, 1.000, 1.000, 1.000),
    "times": (0.998, 1.000, 1.000, 1.000, 1.000),
    "courier": (1.000, 1.000, 1.000, 1.000, 1.000),
    "portrait-borderless-no-repeat": (1.000, 1.000, 1.000, 1.000, 1.000),
    "courier-rule-no-repeat": (1.000, 1.000, 0.995, 1.000, 1.000),
}


def figures(report: Any) -> dict[str, float]:
    overall = report.overall
    return {
        "gold": overall.gold,
        "f1": overall.f1,
        "similarity": overall.similarity,
        "pages": overall.accuracy("pages"),
        "section": overall.accuracy("section_number"),
        "version": overall.accuracy("plan_version"),
    }


def scored(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, folder: Path, gold: Path
) -> dict[str, float]:
    accuracy, score = benchmark("accuracy"), benchmark("score")
    pipeline.patch(monkeypatch)
    frame = accuracy.library_frame(sorted(folder.glob("*.pdf")))
    return figures(score.score(frame, gold))


def below(found: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [f"{k} {found[k]:.4f} < {v:.4f}" for k, v in floors.items() if not found[k] >= v]


def test_corpus_gold_rows_cells_pages_sections_versions(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = scored(pipeline, monkeypatch, CORPUS, CORPUS / "gold")
    assert found["gold"] == 205
    assert not below(found, CORPUS_FLOOR), found


@pytest.fixture(scope="session")
def variant_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every look of benchmarks/variants.py, typeset once per session."""
    variants = benchmark("variants")
    out = tmp_path_factory.mktemp("variants")
    return dict(variants.build_variants(CORPUS / "gold", out))


def test_every_variant_has_a_floor() -> None:
    assert [look.name for look in benchmark("variants").LOOKS] == list(VARIANTS)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_retypeset_variant_keeps_its_figures(
    name: str,
    variant_folders: dict[str, Path],
    pipeline: Pipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = variant_folders[name]
    found = scored(pipeline, monkeypatch, folder, folder)
    keys = ("f1", "similarity", "pages", "section", "version")
    floors = {k: v - MARGIN for k, v in zip(keys, VARIANTS[name], strict=True)}
    assert found["gold"] == 205
    assert not below(found, floors), found
