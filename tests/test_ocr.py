"""OCR: ruling lines found in an image, a scanned page read into words and a ruled table, and a
clear refusal when the engine is missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from councilpapers.errors import NoTextLayer
from councilpapers.extract.tables import find_tables
from councilpapers.ingest import ocr
from councilpapers.ingest.pdf import read_document

SCAN = Path(__file__).resolve().parent / "data" / "scanned-rag-snapshot.pdf"
needs_ocr = pytest.mark.skipif(
    ocr.ocr_unavailable() is not None, reason=f"OCR engine unavailable: {ocr.ocr_unavailable()}"
)


def test_ruling_lines_are_found_in_an_image() -> None:
    ink = np.zeros((400, 600), dtype=bool)
    ink[100:102, 50:550] = True  # a 2-pixel thick horizontal rule
    ink[100:300, 300] = True  # a vertical rule
    ink[200, 10:30] = True  # too short to be a rule (a dash)
    ink[350:380, 50:550] = True  # a filled band, not a rule
    _, horizontal, bands = ocr._runs(ink, 100, 0.5, 0.5, horizontal=True, thick=6)
    _, vertical, _ = ocr._runs(ink, 100, 0.5, 0.5, horizontal=False, thick=6)
    assert [(r.x0, r.top, r.x1) for r in horizontal] == [(25.0, 50.5, 275.0)]
    assert [(r.x0, r.top, r.bottom) for r in vertical] == [(150.25, 50.0, 150.0)]
    assert [(b[0][0], b[-1][0]) for b in bands] == [(350, 379)]


@needs_ocr
def test_scanned_page_is_read_by_ocr_into_a_table() -> None:
    document = read_document(SCAN)
    (page,) = document.pages
    assert page.text_source == "ocr"
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.7
    assert all(0 <= w.x0 <= w.x1 <= page.width and 0 <= w.top <= page.height for w in page.words)
    text = " ".join(w.text for w in page.words)
    assert "Snapshot" in text and "Chief Executive" in text
    (table,) = [t for t in find_tables(document) if t.rows]
    assert table.kind == "rag_snapshot"
    first = next(r for r in table.rows if r.text("outcome"))
    assert first.text("outcome").startswith("The Chief Executive should ensure")
    assert first.text("rag") == "Amber"
    assert any(r.text("rag") == "Green" for r in table.rows)


def test_missing_engine_refuses_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCILPAPERS_OCR", "0")
    ocr.ocr_unavailable.cache_clear()
    try:
        with pytest.raises(NoTextLayer, match="no page has a text layer and OCR cannot run"):
            read_document(SCAN)
    finally:
        monkeypatch.undo()
        ocr.ocr_unavailable.cache_clear()
