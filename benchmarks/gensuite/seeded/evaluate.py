"""Score the library on randomised plans: ``generalise.py --develop`` (seeds 0 up, training
wordings) and ``--evaluate`` (seeds 1000 up, held-out wordings). Scoring only: changing this
module rebuilds nothing.

Each seed (one council's plan, two or three versions) is ingested into its own store, as
``councilpapers ingest`` would, and scored as the fixed styles are (``score.py`` for rows and
cells, ``links.py`` for history links, RAG, renumbering, pushed-back deadlines and version
order, ``packscore.py`` for packs), plus its KPI tables classed ``indicators``. Figures are
pooled over seeds overall and per dimension value; scanned copies are scored apart, through
OCR. ``--evaluate`` prints no per-seed line: its per-seed figures go to a JSON file for the lead.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from score import worst_cells

from .build import build_seeds
from .design import draw_design
from .dimensions import DIMENSIONS, SCAN_DIMENSIONS, below, pools, table
from .wordings import FIRST_EVALUATION_SEED

_WORD = re.compile(r"\W+")


@dataclass
class SeedResult:
    seed: int
    manifest: dict[str, Any]
    result: Any  # generalise.StyleResult of the plan's PDFs (extra: KPI tables found, total)
    scan: Any = None  # generalise.StyleResult of the scanned copy


def seeds_for(mode: str, count: int, first: int | None = None) -> list[int]:
    """Development seeds stay below the first evaluation seed; evaluation seeds start there."""
    if mode == "develop":
        start = first or 0
        return list(range(start, min(start + count, FIRST_EVALUATION_SEED)))
    start = max(first or FIRST_EVALUATION_SEED, FIRST_EVALUATION_SEED)
    return list(range(start, start + count))


def kpi_check(manifest: dict[str, Any]) -> Callable[[str], tuple[int, int]]:
    """(KPI rows found in tables the library classed ``indicators``, KPI rows printed)."""

    def check(url: str) -> tuple[int, int]:
        from councilpapers.outputs.frames import kind_frames

        expected = manifest["kpis"]
        total = sum(len(names) for names in expected.values())
        if not total:
            return 0, 0
        frame = kind_frames(url).get("indicators")
        if frame is None:
            return 0, total
        found = 0
        for doc, names in expected.items():
            rows = frame[frame["doc"] == doc]
            text = _flat(" ".join(str(v) for v in rows.to_numpy().ravel()))
            found += sum(_flat(name) in text for name in names)
        return found, total

    return check


def _flat(text: str) -> str:
    return _WORD.sub(" ", text.lower())


def score_seed(folder: Path, scans: bool, isolate: bool = False, plans: bool = True) -> SeedResult:
    """Score one built seed; ``isolate``: read its PDFs in worker processes as the CLI does
    (else in this process, the models loaded once for every seed); ``plans=False``: only the
    scanned copy (the result left None)."""
    from generalise import score_folder

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    result = None
    if plans:
        result = score_folder(folder.name, folder, isolate=isolate, extra=kpi_check(manifest))
    scan = None
    if scans and manifest.get("scan"):
        scan = score_folder(f"{folder.name} scan", folder / "scan", isolate=isolate)
    return SeedResult(manifest["seed"], manifest, result, scan)


def run(
    mode: str,
    seeds: list[int],
    out: Path,
    rebuild: bool = False,
    scans: bool = True,
    jobs: int = 2,
    worst: int = 0,
    summary_only: bool = False,
) -> list[SeedResult]:
    from generalise import HEADER, summary_line

    started = time.perf_counter()
    folders = build_seeds(seeds, out, rebuild, jobs)
    print(f"{len(seeds)} {mode} seeds built in {time.perf_counter() - started:.0f} s ({out})")
    failed = [s for s in seeds if not (folders[s] / "manifest.json").exists()]
    if failed:
        print(f"NOT SCORED: {len(failed)} seeds failed to build (failed.txt says why): {failed}")
        seeds = [s for s in seeds if s not in failed]
    results = []
    per_seed = mode == "develop" and not summary_only
    if per_seed:
        print("\n" + HEADER + "\n" + "-" * len(HEADER))
    for seed in seeds:
        result = score_seed(folders[seed], scans)
        results.append(result)
        if per_seed:
            print(summary_line(result.result) + f"  [{_tag(result.manifest)}]", flush=True)
            if worst:
                print(worst_cells(result.result.report, worst))
    print(summary(results, summary_only))
    _save(out / f"{mode}-results.json", results)
    return results


def run_scans(mode: str, seeds: list[int], out: Path, rebuild: bool = False, jobs: int = 2,
              worst: int = 0) -> list[Any]:  # fmt: skip
    """Only the seeds that draw a scanned copy (the design says so before building), and only
    their scans scored: the OCR path's own loop. Develop mode prints each seed's line."""
    from generalise import HEADER, combined, summary_line

    seeds = [s for s in seeds if draw_design(s).scan is not None]
    folders = build_seeds(seeds, out, rebuild, jobs)
    print(f"{len(seeds)} scanned {mode} seeds built ({out}): {seeds}")
    results, manifests = [], []
    if mode == "develop":
        print("\n" + HEADER + "\n" + "-" * len(HEADER))
    for seed in seeds:
        folder = folders[seed]
        if not (folder / "manifest.json").exists():
            print(f"seed {seed}: NOT SCORED, failed to build (failed.txt says why)")
            continue
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        result = score_seed(folder, scans=True, plans=False).scan
        if result is None:
            print(f"seed {seed}: no scan built (manifest notes say why)")
            continue
        results.append(result)
        manifests.append(manifest)
        if mode == "develop":
            print(summary_line(result) + f"  [{_scan_tag(manifest)}]", flush=True)
            if worst:
                print(worst_cells(result.report, worst))
    if results:
        print("\n" + summary_line(combined("ALL scans (OCR)", results)))
        rows = zip(manifests, results, strict=True)
        pooled = pools(((m, r.report.overall, r.links) for m, r in rows), SCAN_DIMENSIONS)
        print("\nPer dimension value (scans, OCR):\n" + table(pooled) + "\n" + below(pooled))
    return results


def _scan_tag(manifest: dict[str, Any]) -> str:
    d, s = manifest["design"], manifest["design"]["scan"]
    colour = "colour" if s["colour"] else "grey"
    return f"{d['producer']}, {s['dpi']} dpi {colour}, tilt {s['tilt']}, q{s['quality']}"


def _tag(manifest: dict[str, Any]) -> str:
    d = manifest["design"]
    return f"{d['producer']}, {d['header_rows']} header rows, {d['rec_placement']}"


def summary(results: list[SeedResult], summary_only: bool = False) -> str:
    """The pooled lines (plans, scans), KPI tables, and unless ``summary_only`` the tables per
    dimension value with the values below the acceptance level named."""
    from generalise import HEADER, combined, summary_line

    plans = [r.result for r in results]
    scanned = [r.scan for r in results if r.scan is not None]
    lines = ["", HEADER, "-" * len(HEADER), summary_line(combined("ALL plans", plans))]
    if scanned:
        lines.append(summary_line(combined("ALL scans (OCR)", scanned)))
    found = sum(r.result.extra[0] for r in results)
    total = sum(r.result.extra[1] for r in results)
    lines.append(f"KPI table rows in tables classed indicators: {found}/{total}")
    packs = [r.result.packs for r in results if r.result.packs]
    if packs:
        exact = sum(p.exact for p in packs)
        items = sum(p.items for p in packs)
        lines.append(f"committee packs: {len(packs)}, items with exact pages {exact}/{items}")
    if summary_only:
        return "\n".join(lines)
    pooled = pools(((r.manifest, r.result.report.overall, r.result.links) for r in results),
                   DIMENSIONS)  # fmt: skip
    lines += ["", "Per dimension value (plans):", table(pooled), below(pooled)]
    if scanned:
        scan_pooled = pools(
            ((r.manifest, r.scan.report.overall, r.scan.links) for r in results if r.scan),
            SCAN_DIMENSIONS,
        )
        lines += ["", "Per dimension value (scans, OCR):", table(scan_pooled), below(scan_pooled)]
    return "\n".join(lines)


def _save(path: Path, results: list[SeedResult]) -> None:
    """Per-seed figures as JSON (for the lead; never printed by --evaluate)."""
    records = []
    for r in results:
        t, links = r.result.report.overall, r.result.links
        record = {
            "seed": r.seed,
            "design": r.manifest["design"],
            "gold": t.gold,
            "predicted": t.predicted,
            "matched": t.matched,
            "row_f1": t.f1,
            "cells": t.similarity,
            "links": links.jaccard if links.jaccards else None,
            "rag": [links.rag_right, links.rag_total],
            "kpi": list(r.result.extra),
        }
        if r.scan is not None:
            record["scan"] = {"row_f1": r.scan.report.overall.f1,
                              "cells": r.scan.report.overall.similarity}  # fmt: skip
        records.append(record)
    path.write_text(json.dumps(records, indent=1, default=str), encoding="utf-8")
