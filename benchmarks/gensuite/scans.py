"""Scanned copies of a few suite pages: rasterised, tilted, noisy, JPEG-compressed, no text layer.

Each scan takes the first pages of one built plan (at most ``pages``, cut where no row runs on
over the cut), renders them with pdftoppm at 200 or 300 dpi in colour or greyscale, rotates them
by up to ±1°, adds Gaussian noise, compresses them as JPEG and wraps them back into a PDF with
img2pdf at the same dpi (so page sizes are kept). The gold is the source's rows on those pages.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import img2pdf
import numpy as np


@dataclass(frozen=True, slots=True)
class Scan:
    source: str  # style folder / doc stem, e.g. "northmoor/northmoor-v1"
    pages: int  # at most this many pages, from the first
    dpi: int
    colour: bool
    tilt: float  # degrees, counter-clockwise
    noise: float  # Gaussian sigma, grey levels
    quality: int  # JPEG quality

    @property
    def name(self) -> str:
        mode = "colour" if self.colour else "grey"
        return f"{Path(self.source).name}-scan{self.dpi}-{mode}"


SCANS = (
    Scan("northmoor/northmoor-v1", 2, 200, True, 0.6, 6.0, 70),
    Scan("eastbridge/eastbridge-v2", 2, 300, False, -1.0, 5.0, 60),
    Scan("westvale/westvale-v2", 2, 200, False, 0.3, 8.0, 50),
    Scan("kingsford/kingsford-v1", 2, 300, True, -0.5, 4.0, 75),
    Scan("westvale-pack/westvale-pack-v2", 5, 200, True, 0.8, 6.0, 65),  # the whole pack
)


def cut(records: list[dict[str, Any]], most: int) -> int:
    """The largest page count <= ``most`` after which no row runs on (else ``most``).

    A scan's source and page count are chosen so that the cut keeps rows (checked on build)."""
    for last in range(most, 0, -1):
        if not any(r["pages"] and r["pages"][0] <= last < r["pages"][1] for r in records):
            return last
    return most


def make_scan(scan: Scan, suite: Path, out: Path, rng: np.random.Generator) -> Path:
    """Write ``<name>.pdf`` and ``<name>.jsonl`` (its gold) into ``out``; sources in ``suite``."""
    source = suite / (scan.source + ".pdf")
    lines = (suite / (scan.source + ".jsonl")).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    last = cut(records, scan.pages)
    target = out / f"{scan.name}.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        mode = [] if scan.colour else ["-gray"]
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(scan.dpi),
                "-f",
                "1",
                "-l",
                str(last),
                *mode,
                "-png",
                str(source),
                f"{tmp}/page",
            ],
            check=True,
        )
        images = [_degrade(p, scan, rng) for p in sorted(Path(tmp).glob("page-*.png"))]
    layout = img2pdf.get_fixed_dpi_layout_fun((scan.dpi, scan.dpi))
    target.write_bytes(img2pdf.convert(images, layout_fun=layout))
    kept = [{**r, "doc": target.name} for r in records if r["pages"] and r["pages"][1] <= last]
    if not kept:
        raise ValueError(f"scan {scan.name}: no whole row on the first {last} pages")
    with (out / f"{scan.name}.jsonl").open("w", encoding="utf-8") as handle:
        for record in kept:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def _degrade(path: Path, scan: Scan, rng: np.random.Generator) -> bytes:
    image = cv2.imread(str(path), cv2.IMREAD_COLOR if scan.colour else cv2.IMREAD_GRAYSCALE)
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), scan.tilt, 1.0)
    white = (255, 255, 255) if scan.colour else 255
    image = cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=white
    )
    noisy = image.astype(np.float32) + rng.normal(0.0, scan.noise, image.shape)
    image = np.clip(noisy, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, scan.quality])
    if not ok:
        raise RuntimeError(f"could not encode {path} as JPEG")
    return bytes(encoded.tobytes())
