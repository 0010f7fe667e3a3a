"""Accuracy floors on the generalisation suite (benchmarks/gensuite): plans of fictional councils
made with python-docx + LibreOffice, scored per house style against gold made by construction.

Floors are the figures measured on the library when the suite was written, minus 0.01; raise them
as fixes land (``python benchmarks/generalise.py --no-scans`` prints the figures).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import needs_floors

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

# style -> (row F1, cell similarity, mean Jaccard of recommendation links)
FLOORS = {
    "northmoor": (0.89, 0.89, 0.0),
    "eastbridge": (0.97, 0.88, 0.0),
    "westvale": (0.99, 0.61, 0.0),
}

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@needs_floors
@needs_soffice
@pytest.mark.parametrize("style", sorted(FLOORS))
def test_style_floor(style: str) -> None:
    from generalise import score_folder
    from gensuite.build import DEFAULT_OUT, build_all

    folder = build_all(DEFAULT_OUT, [style])[style]
    result = score_folder(style, folder)
    overall = result.report.overall
    min_f1, min_sim, min_links = FLOORS[style]
    assert overall.gold > 0
    assert overall.f1 >= min_f1, f"{style}: row F1 {overall.f1:.3f}"
    assert overall.similarity >= min_sim, f"{style}: cell similarity {overall.similarity:.3f}"
    assert result.links.jaccard >= min_links, result.links.line()
