"""Acceptance: a rasterised corpus pack goes through OCR and scores against the same gold.

    python benchmarks/scanned.py [PDF] [--dpi 150] [--keep DIR]

Rasterises the pack with pdftoppm (150 dpi by default), wraps the images back into a PDF with
img2pdf (no text layer left), reads it with the normal pipeline (pages without a text layer are
OCR'd) and scores its action/RAG rows with benchmarks/score.py: row F1 and mean cell similarity.
Prints the OCR time per page. Needs poppler-utils, tesseract-ocr and the pytesseract package.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import img2pdf
from score import DEFAULT_GOLD, score

from councilpapers.extract.tables import find_tables
from councilpapers.ingest.ocr import ocr_unavailable
from councilpapers.ingest.pdf import read_document
from councilpapers.outputs.frames import action_rows_frame

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def rasterise(pdf: Path, out_dir: Path, dpi: int) -> Path:
    """A copy of `pdf` made of page images only, under the same file name."""
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / "page")], check=True
    )
    images = sorted(out_dir.glob("page-*.png"))
    target = out_dir / "scan" / pdf.name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(img2pdf.convert([str(p) for p in images]))
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=CORPUS / "pdd-2017-04-03-pack.pdf")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--keep", type=Path, help="keep the scanned PDF in this folder")
    args = parser.parse_args()
    reason = ocr_unavailable() or (None if shutil.which("pdftoppm") else "pdftoppm missing")
    if reason:
        print(f"cannot run: {reason}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        scanned = rasterise(args.pdf, Path(tmp), args.dpi)
        print(
            f"rasterised {args.pdf.name} at {args.dpi} dpi in {time.perf_counter() - started:.1f} s"
        )
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(scanned, args.keep / scanned.name)
        started = time.perf_counter()
        document = read_document(scanned)
        read_seconds = time.perf_counter() - started
    ocr_pages = [p for p in document.pages if p.text_source == "ocr"]
    tables = find_tables(document)
    confidences = [p.ocr_confidence for p in ocr_pages if p.ocr_confidence is not None]
    print(
        f"pages {len(document.pages)}, OCR'd {len(ocr_pages)}, mean confidence "
        f"{sum(confidences) / max(len(confidences), 1):.3f}"
    )
    print(
        f"read time {read_seconds:.1f} s = {read_seconds / max(len(ocr_pages), 1):.2f} s per "
        "OCR'd page (render + ruling lines + Tesseract)"
    )
    report = score(action_rows_frame([(document, tables)]), DEFAULT_GOLD, docs=[args.pdf.name])
    print(report.table())
    overall = report.overall
    print(f"row F1 {overall.f1:.3f}  cell similarity {overall.similarity:.3f}")
    return 0 if overall.f1 >= 0.8 and overall.similarity >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
