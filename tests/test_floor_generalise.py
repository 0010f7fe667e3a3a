"""A floor on a fixed slice of the randomised plans' EVALUATION seeds (benchmarks/gensuite/seeded:
held-out wordings, never developed on), built and scored as ``python benchmarks/generalise.py
--evaluate`` does.

The slice is the first ten evaluation seeds, 1000-1009, a rule written down before any result was
seen. Issue 17's acceptance levels are action rows F1 >= 0.97, cell similarity >= 0.97, history
links >= 0.95 and RAG right >= 0.97 (`ACCEPTANCE`). They are NOT reached: measured on this slice
at the end of the round (one run, pooled figures only) rows F1 0.946, cells 0.932, links 0.463,
RAG 24/40 (0.60). This test holds what was reached, less a small margin, so a regression shows;
raise the floor as the figures rise, never lower it without saying why. Runs only with
COUNCILPAPERS_FLOORS=1 (LibreOffice and Chromium build the PDFs, cached by generator hash). The
failure message gives the pooled figures only, never a seed's.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import needs_floors

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

SLICE = range(1000, 1010)  # the first ten evaluation seeds, chosen before any result was seen
ACCEPTANCE = (0.97, 0.97, 0.95, 0.97)  # rows F1, cells, links, RAG: issue 17's, not reached yet
ROWS_F1, CELLS, LINKS, RAG = 0.94, 0.92, 0.45, 0.55  # reached 0.946, 0.932, 0.463, 0.600

needs_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("chromium") is None,
    reason="LibreOffice (soffice) and Chromium build the randomised plans",
)


@needs_floors
@needs_tools
def test_evaluation_slice_holds_its_floor() -> None:
    from generalise import combined
    from gensuite.seeded.build import OUT, build_seeds
    from gensuite.seeded.evaluate import score_seed

    folders = build_seeds(list(SLICE), OUT)
    results = [score_seed(folders[seed], scans=False, isolate=True).result for seed in SLICE]
    pooled = combined("slice", results)
    rows, links = pooled.report.overall, pooled.links
    rag = links.rag_right / links.rag_total if links.rag_total else 1.0
    figures = (
        f"rows F1 {rows.f1:.3f}, cells {rows.similarity:.3f}, links {links.jaccard:.3f}, "
        f"RAG {links.rag_right}/{links.rag_total}"
    )
    assert rows.gold > 0
    assert rows.f1 >= ROWS_F1, figures
    assert rows.similarity >= CELLS, figures
    assert links.jaccard >= LINKS, figures
    assert rag >= RAG, figures
