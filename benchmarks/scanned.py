"""Acceptance: a rasterised corpus pack, degraded as a scanner would, goes through OCR and scores
against the same gold.

    python benchmarks/scanned.py [PDF] [--pages 30-53] [--keep DIR]
        [--condition dpi=150] [--condition dpi=200,grey,tilt=0.8,noise=8,jpeg=60] ...

Each condition rasterises the pages with pdftoppm (`dpi`, `grey` for greyscale), rotates them
by `tilt` degrees, adds Gaussian noise of `noise` grey levels, JPEG-compresses them at quality
`jpeg` (PNG when absent), wraps the images back into a PDF with img2pdf (no text layer left),
reads it with the normal pipeline (pages without a text layer are OCR'd) and scores its
action/RAG rows with benchmarks/score.py against the gold beside the PDF (`gold/`). One line
per condition: row F1, mean cell similarity, mean OCR confidence, and wall-clock and CPU
seconds per OCR'd page.
`--pages` limits the pages (faster; the gold's page-range check then no longer applies, row F1
and cell similarity still do). With no condition, the historical one (150 dpi colour, clean)
runs. Needs poppler-utils, tesseract-ocr
and pytesseract.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import img2pdf
import numpy as np
from PIL import Image
from score import Report, score

from councilpapers.extract.tables import find_tables
from councilpapers.ingest.ocr import ocr_unavailable
from councilpapers.ingest.pdf import read_document
from councilpapers.outputs.frames import action_rows_frame

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
DEFAULT_CONDITION = "dpi=150"


@dataclass(frozen=True)
class Condition:
    """How a page is scanned: resolution, colour, tilt (degrees), noise (grey levels), JPEG."""

    dpi: int = 150
    grey: bool = False
    tilt: float = 0.0
    noise: float = 0.0
    jpeg: int | None = None
    seed: int = 7

    @classmethod
    def parse(cls, spec: str) -> Condition:
        """`dpi=200,grey,tilt=0.8,noise=8,jpeg=60` -> Condition."""
        values: dict[str, object] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, _, value = part.partition("=")
            if key == "grey":
                values["grey"] = True
            elif key in ("dpi", "jpeg", "seed"):
                values[key] = int(value)
            elif key in ("tilt", "noise"):
                values[key] = float(value)
            else:
                raise SystemExit(f"unknown condition part {part!r} in {spec!r}")
        return cls(**values)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        parts = [f"{self.dpi} dpi", "grey" if self.grey else "colour"]
        if self.tilt:
            parts.append(f"tilt {self.tilt:+.1f}°")
        if self.noise:
            parts.append(f"noise {self.noise:g}")
        if self.jpeg:
            parts.append(f"jpeg q{self.jpeg}")
        return ", ".join(parts)


def degrade(image: Image.Image, condition: Condition, rng: np.random.Generator) -> bytes:
    """One page image as the scanner would hand it over (PNG or JPEG bytes)."""
    image = image.convert("L" if condition.grey else "RGB")
    if condition.tilt:
        white = 255 if condition.grey else (255, 255, 255)
        image = image.rotate(
            condition.tilt, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=white
        )
    if condition.noise:
        pixels = np.asarray(image).astype(np.float32)
        pixels += rng.normal(0.0, condition.noise, pixels.shape).astype(np.float32)
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    if condition.jpeg:
        image.save(out, "JPEG", quality=condition.jpeg, dpi=(condition.dpi, condition.dpi))
    else:
        image.save(out, "PNG", dpi=(condition.dpi, condition.dpi))
    return out.getvalue()


def scan(pdf: Path, out_dir: Path, condition: Condition, pages: tuple[int, int] | None) -> Path:
    """A copy of `pdf` made of degraded page images only, under the same file name."""
    command = ["pdftoppm", "-r", str(condition.dpi), "-png"]
    if condition.grey:
        command.append("-gray")
    if pages:
        command += ["-f", str(pages[0]), "-l", str(pages[1])]
    subprocess.run([*command, str(pdf), str(out_dir / "page")], check=True)
    rng = np.random.default_rng(condition.seed)
    images = []
    for path in sorted(out_dir.glob("page-*.p?m")) + sorted(out_dir.glob("page-*.png")):
        with Image.open(path) as image:
            images.append(degrade(image, condition, rng))
        path.unlink()
    target = out_dir / "scan" / pdf.name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(img2pdf.convert(images))
    return target


def run(
    pdf: Path, condition: Condition, pages: tuple[int, int] | None, keep: Path | None
) -> tuple[str, float]:
    """Scan, read and score one condition: the line to print and the lower of row F1 and cell
    similarity."""
    with tempfile.TemporaryDirectory() as tmp:
        scanned = scan(pdf, Path(tmp), condition, pages)
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            name = condition.label.replace(", ", "_").replace(" ", "").replace("°", "")
            shutil.copy(scanned, keep / f"{pdf.stem}_{name}.pdf")
        started, cpu = time.perf_counter(), _cpu()
        document = read_document(scanned)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    ocr_pages = [p for p in document.pages if p.text_source == "ocr"]
    confidences = [p.ocr_confidence for p in ocr_pages if p.ocr_confidence is not None]
    frame = action_rows_frame([(document, find_tables(document))])
    report = score(frame, pdf.parent / "gold", [pdf.name])
    pages = max(len(ocr_pages), 1)
    line = _line(condition, report, confidences, (seconds / pages, cpu / pages))
    return line, min(report.overall.f1, report.overall.similarity)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (Tesseract)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _line(
    condition: Condition, report: Report, confidences: list[float], per_page: tuple[float, float]
) -> str:
    t = report.overall
    confidence = sum(confidences) / max(len(confidences), 1)
    return (
        f"{condition.label:<40} rows {t.matched:>3}/{t.gold:<3} pred {t.predicted:<3} "
        f"row F1 {t.f1:.3f}  cell similarity {t.similarity:.3f}  "
        f"confidence {confidence:.3f}  {per_page[0]:.2f} s/page ({per_page[1]:.2f} s CPU)"
    )


def _pages(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=CORPUS / "pdd-2017-04-03-pack.pdf")
    parser.add_argument("--condition", action="append", help="e.g. dpi=200,grey,tilt=1,jpeg=60")
    parser.add_argument("--dpi", type=int, help="shorthand for --condition dpi=N")
    parser.add_argument("--pages", help="first-last page to scan (default: every page)")
    parser.add_argument("--keep", type=Path, help="keep the scanned PDFs in this folder")
    parser.add_argument("--min", type=float, default=0.8, help="floor on row F1 and similarity")
    args = parser.parse_args()
    reason = ocr_unavailable() or (None if shutil.which("pdftoppm") else "pdftoppm missing")
    if reason:
        print(f"cannot run: {reason}")
        return 2
    specs = args.condition or [f"dpi={args.dpi}" if args.dpi else DEFAULT_CONDITION]
    failed = False
    for spec in specs:
        line, low = run(args.pdf, Condition.parse(spec), _pages(args.pages), args.keep)
        print(line, flush=True)
        failed |= low < args.min
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
