"""Table-extraction accuracy on the corpus: run the pipeline, build the export frame, score it.

    python benchmarks/accuracy.py [--corpus ../shared/corpus] [--extractor auto|library|standin]
        [--variants] [--variants-dir benchmarks/out/variants] [--save OUT.csv]
        [--min-f1 F] [--min-sim S]

``library`` goes through the library API (``read_document`` -> ``find_tables`` ->
``action_rows_frame``), never the CLI; ``standin`` uses ``standin.py`` (plain pdfplumber); ``auto``
takes the library when it imports and says so when it falls back. ``--variants`` also builds the
retypeset documents (``variants.py``) and scores the same extractor on them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from score import Report, check_floors, score
from standin import standin_frame

BENCH = Path(__file__).resolve().parent
DEFAULT_CORPUS = BENCH.parent / "../shared/corpus"
DEFAULT_VARIANTS = BENCH / "out/variants"

Extractor = Callable[[list[Path]], pd.DataFrame]


def library_frame(paths: list[Path]) -> pd.DataFrame:
    """The project's pipeline through its library API."""
    from councilpapers.extract.tables import find_tables
    from councilpapers.ingest.pdf import read_document
    from councilpapers.outputs.frames import action_rows_frame

    results = []
    for path in paths:
        document = read_document(path)
        results.append((document, find_tables(document)))
    frame: pd.DataFrame = action_rows_frame(results)
    return frame


def choose_extractor(name: str) -> tuple[str, Extractor]:
    """The extractor to run; ``auto`` falls back to the stand-in when the library lacks the API."""
    if name == "standin":
        return "standin (plain pdfplumber)", standin_frame
    try:
        import councilpapers.extract.tables
        import councilpapers.outputs.frames  # noqa: F401
    except ImportError as error:
        if name == "library":
            raise SystemExit(f"Error: the library API is not available yet ({error})") from error
        print(f"note: library API not available ({error}); using the stand-in", file=sys.stderr)
        return "standin (plain pdfplumber)", standin_frame
    return "library (councilpapers)", library_frame


def run(label: str, extractor: Extractor, pdfs: list[Path], gold_dir: Path) -> Report:
    """Extract, score and print one set of documents."""
    started = time.perf_counter()
    frame = extractor(pdfs)
    elapsed = time.perf_counter() - started
    report = score(frame, gold_dir)
    print(f"\n== {label}: {len(pdfs)} PDFs, {len(frame)} rows, {elapsed:.1f} s")
    print(report.table())
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--extractor", choices=("auto", "library", "standin"), default="auto")
    parser.add_argument("--variants", action="store_true", help="also build and score variants")
    parser.add_argument("--variants-dir", type=Path, default=DEFAULT_VARIANTS)
    parser.add_argument("--save", type=Path, help="write the corpus frame as CSV")
    parser.add_argument("--min-f1", type=float)
    parser.add_argument("--min-sim", type=float)
    args = parser.parse_args(argv)
    name, extractor = choose_extractor(args.extractor)
    pdfs = sorted(args.corpus.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"Error: no PDFs in {args.corpus}")
    corpus_extractor = _saving(extractor, args.save) if args.save else extractor
    report = run(f"corpus, {name}", corpus_extractor, pdfs, args.corpus / "gold")
    misses = check_floors(report, args.min_f1, args.min_sim)
    if args.variants:
        misses += _run_variants(name, extractor, args)
    for miss in misses:
        print(f"FAIL: {miss}", file=sys.stderr)
    return 1 if misses else 0


def _saving(extractor: Extractor, target: Path) -> Extractor:
    def wrapped(paths: list[Path]) -> pd.DataFrame:
        frame = extractor(paths)
        frame.to_csv(target, index=False)
        return frame

    return wrapped


def _run_variants(name: str, extractor: Extractor, args: argparse.Namespace) -> list[str]:
    from variants import build_variants

    misses = []
    gold_dir = args.corpus / "gold"
    for variant, folder in build_variants(gold_dir, args.variants_dir):
        pdfs = sorted(folder.glob("*.pdf"))
        report = run(f"variant {variant}, {name}", extractor, pdfs, folder)
        misses += [
            f"variant {variant}: {m}" for m in check_floors(report, args.min_f1, args.min_sim)
        ]
    return misses


if __name__ == "__main__":
    sys.exit(main())
