"""The generalisation suite (benchmarks/gensuite): plans of fictional councils made with
python-docx / python-pptx + LibreOffice and reportlab, scored per house style against gold made
by construction; and checks that the generator makes what its gold says.

Floors are the figures ``python benchmarks/generalise.py`` prints today, less a hair (counts: as
measured, which for RAG, renumbering and pushed-back deadlines is every one the gold has).
"""

from __future__ import annotations

import shutil
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import needs_floors

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

from gensuite.build import plans_of  # noqa: E402
from gensuite.goldfile import rec_records, row_records  # noqa: E402
from gensuite.styles import STYLES, style_named  # noqa: E402

# style -> row F1, cell similarity, mean Jaccard of recommendation links, and the counts
# RAG right, renumbering followed, pushed-back deadlines found
FLOORS: dict[str, tuple[float, float, float, int, int, int]] = {
    "northmoor": (0.99, 0.99, 0.99, 18, 4, 9),
    "eastbridge": (0.99, 0.99, 0.99, 0, 2, 3),
    "westvale": (0.99, 0.99, 0.99, 10, 2, 5),
    "southgate": (0.99, 0.99, 0.99, 10, 2, 3),
    "kingsford": (0.99, 0.99, 0.99, 0, 2, 6),
    "westvale-pack": (0.99, 0.99, 0.99, 10, 2, 2),
}
# pack styles: items with exact pages, their Page N stamps right, meeting dates, committees
PACK_FLOORS = {"westvale-pack": (6, 6, 2, 1)}
SCAN_FLOORS = {
    "northmoor-v1-scan200-colour": (0.87, 0.78),
    "eastbridge-v2-scan300-grey": (0.99, 0.845),
    "westvale-v2-scan200-grey": (0.99, 0.96),
    "kingsford-v1-scan300-colour": (0.99, 0.99),
    "westvale-pack-v2-scan200-colour": (0.885, 0.96),
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

    result = score_folder(style, build_all(DEFAULT_OUT, [style])[style])
    overall, links = result.report.overall, result.links
    min_f1, min_sim, min_links, rag, renumbered, pushed = FLOORS[style]
    assert overall.gold > 0
    assert overall.f1 >= min_f1, f"{style}: row F1 {overall.f1:.3f}"
    assert overall.similarity >= min_sim, f"{style}: cell similarity {overall.similarity:.3f}"
    assert links.jaccard >= min_links, links.line()
    assert links.rag_right >= rag, links.line()
    assert links.renumbered >= renumbered, links.line()
    assert links.pushed_found >= pushed, links.line()
    if style in PACK_FLOORS:
        packs = result.packs
        assert packs is not None
        found = (packs.exact, packs.stamps, packs.dates, packs.committees)
        assert all(f >= m for f, m in zip(found, PACK_FLOORS[style], strict=True)), packs.line()


@needs_floors
@needs_soffice
@pytest.mark.parametrize("scan", sorted(SCAN_FLOORS))
def test_scan_floor(scan: str) -> None:
    from generalise import score_folder
    from gensuite.build import DEFAULT_OUT, build_scans

    from councilpapers.ingest.ocr import ocr_unavailable

    if ocr_unavailable():
        pytest.skip(f"OCR unavailable: {ocr_unavailable()}")
    folder = build_scans(DEFAULT_OUT, only=[scan])[scan]
    overall = score_folder(scan, folder).report.overall
    min_f1, min_sim = SCAN_FLOORS[scan]
    assert overall.gold > 0
    assert overall.f1 >= min_f1, f"{scan}: row F1 {overall.f1:.3f}"
    assert overall.similarity >= min_sim, f"{scan}: cell similarity {overall.similarity:.3f}"


@pytest.mark.parametrize("name", [s.name for s in STYLES])
def test_versions_move_on_as_the_gold_says(name: str) -> None:
    """Two recommendations swap numbers each version; refs follow; the gold says so."""
    style = style_named(name)
    plans = plans_of(style)
    assert len(plans) >= 2
    for before, after in pairwise(plans):
        old = {r.key: r.number for r in before.recs}
        moved = [r.key for r in after.recs if old[r.key] != r.number]
        assert len(moved) == 2
        for rec in after.recs:
            assert all(a.ref.split(".")[0] == str(rec.number) for a in rec.actions)
    rows = {}
    for plan in plans:
        records = row_records(style, plan, "x.pdf")
        refs = [(r["part"], r["ref"]) for r in records if r["table_kind"] == "action_plan"]
        assert len(refs) == len(set(refs))
        for record in records:
            record.pop("anchors")
        rows[records[0]["plan_version"]] = records
    gold = rec_records(style, plans, rows)
    numbers = [[v["number"] for v in g["versions"].values()] for g in gold]
    assert sum(len(set(n)) > 1 for n in numbers) >= 2
    assert sum(len(v["pushed_back"]) for g in gold for v in g["versions"].values()) >= 1
