"""Cell recall on third-party tables (ICDAR 2013, camelot, tabula-java): pdfplumber vs ours.

    python benchmarks/real_tables.py [--pairs ../shared/real/tables/pairs.jsonl] [--details]

For each (pdf, page, expected rows) pair: cell recall = share of the non-empty expected cells
found among the cells of the extracted tables that overlap the annotated region. Cells are compared
after collapsing white space runs (a multi-line cell's line breaks become single spaces) and
stripping; case is kept; an expected cell counts as found when some extracted cell equals it (each
expected cell is counted, repeated values included). A pair whose page is not in its PDF (two ICDAR
us-017 annotations) is skipped and listed; a pair without a region is scored on the whole page.
Sources:

- pdfplumber: plain ``page.extract_tables()`` (via ``find_tables`` to get the bounding boxes); a
  table overlaps the region when the boxes intersect;
- text: pdfplumber with ``vertical_strategy`` and ``horizontal_strategy`` "text" (for unruled
  tables, which the default "lines" strategy cannot see); best: the better of the two per pair,
  the "about 83%" bar the real/README quotes;
- ours: ``read_document`` then ``find_page_grids(document.pages[page - 1])``. Grids come without
  boxes, so a grid overlaps the region when at least half of its non-empty cells consist only of
  words printed inside the region. The same text rule is also applied to pdfplumber's tables
  (column ``plumber~``) so the two are compared on equal terms.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

DEFAULT_PAIRS = Path(__file__).resolve().parents[1] / "../shared/real/tables/pairs.jsonl"
Grid = list[list[str]]


@dataclass
class Results:
    """Recall per pair and time per source, grouped by the pair's source collection."""

    recall: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    skipped: list[str] = field(default_factory=list)

    def add(self, source: str, group: str, value: float) -> None:
        self.recall.setdefault(source, defaultdict(list))[group].append(value)


def clean(text: object) -> str:
    """White space runs to one space, stripped; case kept."""
    return " ".join(str(text or "").split())


def expected_cells(rows: list[list[str]]) -> list[str]:
    return [c for c in (clean(cell) for row in rows for cell in row) if c]


def recall(expected: list[str], grids: Iterable[Grid]) -> float:
    """Share of expected cells equal to some extracted cell."""
    found = {clean(cell) for grid in grids for row in grid for cell in row}
    return sum(cell in found for cell in expected) / len(expected) if expected else 1.0


def region_box(pair: dict[str, Any], height: float) -> tuple[float, float, float, float]:
    """The annotated region in pdfplumber's top-left coordinates (x0, top, x1, bottom).

    Pairs without a region (most camelot and tabula-java tests) get the whole page.
    """
    if not pair.get("bbox_pdf_bottomleft"):
        return (-1e6, -1e6, 1e6, 1e6)
    x1, y1, x2, y2 = pair["bbox_pdf_bottomleft"]
    return (x1, height - y2, x2, height - y1)


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside_words(page: Any, box: tuple[float, float, float, float]) -> set[str]:
    """Words printed inside the region (a little slack for boxes drawn tight)."""
    x0, top, x1, bottom = box
    px0, ptop, px1, pbottom = page.bbox
    slack = (max(px0, x0 - 2), max(ptop, top - 2), min(px1, x1 + 2), min(pbottom, bottom + 2))
    return {w["text"] for w in page.within_bbox(slack).extract_words()}


def in_region(grid: Grid, words: set[str]) -> bool:
    """Text rule: at least half the grid's non-empty cells are made of words from the region."""
    cells = [clean(cell) for row in grid for cell in row if clean(cell)]
    inside = sum(all(word in words for word in cell.split()) for cell in cells)
    return bool(cells) and inside * 2 >= len(cells)


TEXT_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def plumber_grids(
    page: Any, box: tuple[float, float, float, float], settings: dict[str, str] | None = None
) -> tuple[list[Grid], list[Grid]]:
    """pdfplumber's tables on the page: those whose box overlaps the region, and all of them."""
    kept, every = [], []
    for table in page.find_tables(settings):
        grid = [[cell or "" for cell in row] for row in table.extract()]
        every.append(grid)
        if overlaps(table.bbox, box):
            kept.append(grid)
    return kept, every


def load_ours() -> Callable[[Path, int], list[Grid]] | None:
    """Our extractor's page grids as a function (pdf, page) -> grids, or None if not there yet."""
    try:
        from councilpapers.extract.tables import find_page_grids
        from councilpapers.ingest.pdf import read_document
    except ImportError as error:
        print(f"note: our extractor is not available ({error})", file=sys.stderr)
        return None
    cache: dict[Path, Any] = {}

    def grids(pdf: Path, page: int) -> list[Grid]:
        if pdf not in cache:
            cache.clear()
            cache[pdf] = read_document(pdf)
        return list(find_page_grids(cache[pdf].pages[page - 1]))

    return grids


def run(pairs: list[dict[str, Any]], root: Path, ours: Any, details: bool) -> Results:
    results = Results()
    for pair in pairs:
        group = pair["source"].split()[0]
        figures = _score_pair(pair, root / pair["pdf"], ours, results)
        if not figures:
            results.skipped.append(f"{pair['source']}: no page {pair['page']} in {pair['pdf']}")
            continue
        for source, value in figures.items():
            results.add(source, group, value)
        if details:
            shown = "  ".join(f"{s} {v:.2f}" for s, v in figures.items())
            print(f"{pair['source'][:60]:<62}{shown}")
    return results


def _score_pair(pair: dict[str, Any], pdf: Path, ours: Any, results: Results) -> dict[str, float]:
    expected = expected_cells(pair["rows"])
    started = time.perf_counter()
    with pdfplumber.open(pdf) as document:
        if not 1 <= pair["page"] <= len(document.pages):
            return {}
        page = document.pages[pair["page"] - 1]
        box = region_box(pair, page.height)
        kept, every = plumber_grids(page, box)
        text_kept, _ = plumber_grids(page, box, TEXT_SETTINGS)
        words = inside_words(page, box)
    results.seconds["pdfplumber"] += time.perf_counter() - started
    figures = {
        "pdfplumber": recall(expected, kept),
        "plumber~": recall(expected, [g for g in every if in_region(g, words)]),
        "text": recall(expected, text_kept),
    }
    figures["best"] = max(figures["pdfplumber"], figures["text"])
    if ours is not None:
        started = time.perf_counter()
        grids = ours(pdf, pair["page"])
        results.seconds["ours"] += time.perf_counter() - started
        figures["ours"] = recall(expected, [g for g in grids if in_region(g, words)])
    return figures


def format_results(results: Results) -> str:
    sources = list(results.recall)
    groups = sorted({g for by_group in results.recall.values() for g in by_group})
    lines = [f"{'group':<14}{'pairs':>6}" + "".join(f"{s:>12}" for s in sources)]
    for group in [*groups, "ALL"]:
        values = {s: _values(results, s, group) for s in sources}
        count = len(next(iter(values.values()), []))
        means = "".join(f"{sum(v) / len(v) if v else float('nan'):>12.3f}" for v in values.values())
        lines.append(f"{group:<14}{count:>6}{means}")
    lines.append(f"{'seconds':<20}" + "".join(_seconds(results, s) for s in sources))
    lines += [f"skipped (bad annotation) {reason}" for reason in results.skipped]
    return "\n".join(lines)


def _seconds(results: Results, source: str) -> str:
    """Time of the source's run; the pdfplumber variants share one timed pass."""
    return f"{results.seconds[source]:>12.1f}" if source in results.seconds else f"{'':>12}"


def _values(results: Results, source: str, group: str) -> list[float]:
    by_group = results.recall[source]
    if group == "ALL":
        return [v for vs in by_group.values() for v in vs]
    return by_group.get(group, [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--details", action="store_true", help="print every pair's recall")
    args = parser.parse_args(argv)
    pairs = [json.loads(line) for line in args.pairs.read_text().splitlines() if line.strip()]
    ours = load_ours()
    print(format_results(run(pairs, args.pairs.parent, ours, args.details)))
    if ours is None:
        print(
            "Error: councilpapers.extract.tables.find_page_grids is not available yet, so only "
            "pdfplumber is measured; run again once the extractor is on main.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
