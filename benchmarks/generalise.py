"""Generalisation suite: score the library, per house style, on plans of fictional councils.

    python benchmarks/generalise.py [--only STYLE ...] [--no-scans] [--rebuild] [--out DIR]
        [--worst N]
    python benchmarks/generalise.py --develop [N] [--first S] [--no-scans] [--worst N]
    python benchmarks/generalise.py --evaluate [N] [--summary-only]     # the lead's

The second form scores randomised plans (``gensuite/seeded``, its README): development seeds
from 0 with the training wordings, or evaluation seeds from 1000 with the held-out wordings
(never develop on those), pooled overall and per dimension value.

Builds the suite (``benchmarks/gensuite``, cached in ``benchmarks/out/gensuite``, rebuilt when the
generator changes), then per style ingests its PDFs into a temporary SQLite store as
``councilpapers ingest`` would, takes the frame ``export actions`` writes, scores it against the
gold with ``score.py`` (rows gold / predicted / matched, row F1, cell similarity), and runs the
tracking library for the recommendation links (mean Jaccard of linked row refs per
recommendation and version, RAG right, renumbering followed, pushed-back deadlines found).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gensuite.build import DEFAULT_OUT, build_all, build_scans
from gensuite.links import LinkTally, score_links
from gensuite.packscore import PackTally, score_packs
from gensuite.styles import STYLES
from score import Report, Tally, score, worst_cells


@dataclass
class StyleResult:
    style: str
    report: Report
    links: LinkTally
    seconds: float
    packs: PackTally | None = None  # pack items, stamps, meeting (styles published in packs)
    extra: Any = None  # what score_folder's `extra` returned


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def ingest(pdfs: list[Path], db: Path, isolate: bool = True) -> str:
    """Ingest as the CLI does (``isolate=False``: in this process, the models loaded once for
    many stores); returns the store URL."""
    from councilpapers.corpus.batch import ingest_paths
    from councilpapers.corpus.store import Store

    url = str(db)
    with Store.open(url) as store:
        result = ingest_paths(pdfs, store, jobs=1, isolate=isolate)
    for refused in result.refused:
        print(f"  refused {Path(refused.path).name}: {refused.reason}", file=sys.stderr)
    return url


def score_folder(
    name: str,
    folder: Path,
    isolate: bool = True,
    extra: Callable[[str], Any] | None = None,
) -> StyleResult:
    """Ingest one style's PDFs, score the export frame and the tracking; ``extra(store URL)``
    scores anything else on the same store (kept as ``StyleResult.extra``)."""
    from councilpapers.outputs.frames import action_frame

    started = time.perf_counter()
    pdfs = sorted(folder.glob("*.pdf"))
    with tempfile.TemporaryDirectory(prefix="gensuite-") as tmp:
        url = ingest(pdfs, Path(tmp) / "store.sqlite", isolate)
        report = score(action_frame(url), folder, docs=[p.name for p in pdfs])
        links = LinkTally(note="no recommendations gold")
        listing = folder / "recommendations.jsonl"
        if listing.exists():
            links = score_links(url, read_jsonl(listing))
        packs = folder / "documents.jsonl"
        pack_tally = score_packs(url, read_jsonl(packs)) if packs.exists() else None
        more = extra(url) if extra else None
    return StyleResult(name, report, links, time.perf_counter() - started, pack_tally, more)


def summary_line(result: StyleResult) -> str:
    t = result.report.overall
    return (
        f"{result.style:<38}{t.gold:>6}{t.predicted:>6}{t.matched:>6}{t.f1:>8.3f}"
        f"{t.similarity:>9.3f}{t.accuracy('section_number'):>7.3f}{t.accuracy('pages'):>7.3f}"
        f"{t.accuracy('plan_version'):>7.3f}"
        f"{result.seconds:>7.1f}s  {result.links.line()}"
    )


HEADER = (
    f"{'style':<38}{'gold':>6}{'pred':>6}{'match':>6}{'rowF1':>8}{'cellsim':>9}{'sect':>7}"
    f"{'pages':>7}{'vers':>7}{'time':>8}  history"
)


def run(
    out: Path, only: list[str] | None, rebuild: bool, scans: bool, worst: int = 0
) -> list[StyleResult]:
    """Build, score and print every chosen style; returns the results."""
    started = time.perf_counter()
    folders = build_all(out, only, rebuild)
    print(f"suite built in {time.perf_counter() - started:.1f} s ({out})")
    if scans and (not only or "scans" in only):
        started = time.perf_counter()
        folders.update({f"scan {k}": v for k, v in build_scans(out, rebuild).items()})
        print(f"scans built in {time.perf_counter() - started:.1f} s")
    results = []
    for name, folder in folders.items():
        result = score_folder(name, folder)
        results.append(result)
        if worst:
            print(f"\n== {name}\n{result.report.table()}\n{worst_cells(result.report, worst)}")
    print("\n" + HEADER + "\n" + "-" * len(HEADER))
    for result in results:
        print(summary_line(result))
    for result in results:
        if result.packs:
            print(f"{result.style}: {result.packs.line()}")
    for label, chosen in (
        ("ALL plans", [r for r in results if not r.style.startswith("scan ")]),
        ("ALL scans", [r for r in results if r.style.startswith("scan ")]),
    ):
        if len(chosen) > 1:
            print(summary_line(combined(label, chosen)))
    return results


COUNTS = (
    "rag_right",
    "rag_total",
    "renumbered",
    "renumbered_total",
    "pushed_found",
    "pushed_explained",
    "pushed_total",
    "pushed_extra",
    "ordered",
    "ordered_total",
)


def combined(label: str, results: list[StyleResult]) -> StyleResult:
    """Rows and links of several styles pooled (micro-averaged) into one line."""
    tally, links = Tally(), LinkTally()
    for result in results:
        tally.add(result.report.overall)
        links.jaccards.extend(result.links.jaccards)
        for name in COUNTS:
            setattr(links, name, getattr(links, name) + getattr(result.links, name))
    report = Report({}, tally, results[0].report.cells.iloc[0:0], [])
    return StyleResult(label, report, links, sum(r.seconds for r in results))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="style names, or scans (default: all)")
    parser.add_argument("--no-scans", action="store_true", help="skip the scanned copies")
    parser.add_argument("--rebuild", action="store_true", help="rebuild even if up to date")
    parser.add_argument("--out", type=Path, help="build folder (default: benchmarks/out/...)")
    parser.add_argument("--worst", type=int, default=0, help="per style: the N worst cells")
    split = parser.add_mutually_exclusive_group()
    split.add_argument(
        "--develop",
        type=int,
        nargs="?",
        const=60,
        metavar="N",
        help="randomised plans: N seeds from 0 (training wordings; default 60)",
    )
    split.add_argument(
        "--evaluate",
        type=int,
        nargs="?",
        const=100,
        metavar="N",
        help="randomised plans: N seeds from 1000 (held-out wordings; default 100)",
    )
    parser.add_argument("--first", type=int, help="with --develop/--evaluate: the first seed")
    parser.add_argument("--jobs", type=int, default=2, help="build processes (at most 2)")
    parser.add_argument(
        "--summary-only",
        action="store_true",
        help="with --develop/--evaluate: only the pooled lines",
    )
    args = parser.parse_args(argv)  # fmt: skip
    if args.develop is not None or args.evaluate is not None:
        return _seeded(args)
    known = {style.name for style in STYLES} | {"scans"}
    unknown = sorted(set(args.only or ()) - known)
    if unknown:
        parser.error(f"unknown style {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    run(args.out or DEFAULT_OUT, args.only, args.rebuild, not args.no_scans, args.worst)
    return 0


def _seeded(args: argparse.Namespace) -> int:
    """The randomised plans (``gensuite/seeded``): build, score, print per dimension."""
    from gensuite.seeded.build import OUT
    from gensuite.seeded.evaluate import run as run_seeded
    from gensuite.seeded.evaluate import seeds_for

    mode = "develop" if args.develop is not None else "evaluate"
    seeds = seeds_for(mode, args.develop or args.evaluate or 0, args.first)
    run_seeded(
        mode,
        seeds,
        args.out or OUT,
        args.rebuild,
        not args.no_scans,
        args.jobs,
        args.worst,
        args.summary_only,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
