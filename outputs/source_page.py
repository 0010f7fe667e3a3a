"""The source behind a served value: the PDF page as an image, the cell's boxes highlighted.

The store records where each document's file was when it was imported; `find_pdf` checks the
file is still there and still the same document (size, then SHA-256, cached by modification time)
and otherwise says what happened, so the page can tell the reader instead of failing.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

Box = tuple[float, float, float, float]
_HASHES: dict[tuple[str, float, int], str] = {}


@dataclass(frozen=True, slots=True)
class Located:
    path: Path | None
    problem: str | None = None


def find_pdf(stored_path: str | None, sha256: str) -> Located:
    """The stored document's file, or why it cannot be shown."""
    if not stored_path:
        return Located(None, "the store does not say where this document was imported from")
    path = Path(stored_path)
    try:
        stat = path.stat()
    except OSError:
        return Located(None, f"the file is no longer at {path} (moved or deleted)")
    key = (str(path), stat.st_mtime, stat.st_size)
    if key not in _HASHES:
        _HASHES[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    if _HASHES[key] != sha256:
        return Located(None, f"the file at {path} has changed since it was imported")
    return Located(path)


def boxes_on_page(provenance: str | None, page: int, field: str | None = None) -> list[Box]:
    """The boxes of a row's cells (or of one field) printed on `page`."""
    spans = json.loads(provenance or "{}")
    out: list[Box] = []
    for name, places in spans.items():
        if field and name != field:
            continue
        out.extend((p[1], p[2], p[3], p[4]) for p in places if int(p[0]) == page)
    return out


def render_png(path: Path, page: int, boxes: Sequence[Box], resolution: int = 110) -> bytes:
    """The page rendered as PNG with translucent yellow boxes outlined in red."""
    from councilpapers.ingest.plumber_engine import opened

    with opened(path) as pdf:
        if not 1 <= page <= len(pdf.pages):
            raise ValueError(f"page {page} is outside 1–{len(pdf.pages)}")
        image = pdf.pages[page - 1].to_image(resolution=resolution)
        if boxes:
            image.draw_rects(list(boxes), stroke=(220, 0, 0), fill=(255, 220, 0, 70))
        buffer = io.BytesIO()
        image.annotated.save(buffer, format="PNG")
    return buffer.getvalue()
