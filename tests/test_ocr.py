"""OCR: the tilt of a page image measured, ruling lines found when thin, grey, broken and tilted,
shaded cells kept with their colour, scanned pages read into ruled tables, and a clear refusal
when the engine is missing."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from councilpapers.errors import NoTextLayer
from councilpapers.extract.rag import rag_from_fill
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import find_tables
from councilpapers.ingest import ocr
from councilpapers.ingest.ocr_deskew import rotate, skew_correction
from councilpapers.ingest.ocr_fills import find_fills
from councilpapers.ingest.ocr_lines import find_lines
from councilpapers.ingest.ocr_render import OcrSettings, render
from councilpapers.ingest.pdf import read_document
from councilpapers.records import Fill
from tests.data.make_scans import HEADER, ROWS

DATA = Path(__file__).resolve().parent / "data"
SCAN = DATA / "scanned-rag-snapshot.pdf"
PLAN = DATA / "scanned-ruled-plan.pdf"
needs_ocr = pytest.mark.skipif(
    ocr.ocr_unavailable() is not None, reason=f"OCR engine unavailable: {ocr.ocr_unavailable()}"
)
SCALE = 72 / 300  # points per pixel of the synthetic 300 dpi images
WIDTH, HEIGHT = 320.0, 220.0  # points
ROWS_PT = (40.0, 80.0, 120.0, 160.0)
COLS_PT = (30.0, 110.0, 190.0, 290.0)


def _px(points: float) -> int:
    return round(points / SCALE)


def _grid(grey: int = 0, broken: bool = False) -> np.ndarray:
    """A white 300 dpi page with a ruled grid (rules 2 px wide at grey level `grey`) and a line
    of text-like strokes in each cell."""
    image = np.full((_px(HEIGHT), _px(WIDTH), 3), 255, np.uint8)
    colour = (grey, grey, grey)
    for y in ROWS_PT:
        cv2.line(image, (_px(COLS_PT[0]), _px(y)), (_px(COLS_PT[-1]), _px(y)), colour, 2)
    for x in COLS_PT:
        cv2.line(image, (_px(x), _px(ROWS_PT[0])), (_px(x), _px(ROWS_PT[-1])), colour, 2)
    if broken:  # a 3-pixel break every 40 pixels along every rule
        image[:, ::40][:, :, :] = 255
        image[::40, :][:, :, :] = 255
    for y0 in ROWS_PT[:-1]:
        for x0, x1 in pairwise(COLS_PT):
            for k in range(int((x1 - x0 - 12) / 6)):
                x = _px(x0 + 6 + 6 * k)
                cv2.rectangle(image, (x, _px(y0 + 8)), (x + 12, _px(y0 + 16)), (0, 0, 0), 2)
    return image


def _scanned(image: np.ndarray, tilt: float, noise: float) -> Image.Image:
    turned = rotate(image, tilt, (255, 255, 255))
    noisy = turned + np.random.default_rng(1).normal(0, noise, turned.shape)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("tilt", [0.0, 0.6, -1.0, 1.7])
def test_deskew_measures_the_tilt_of_ruled_and_text_lines(tilt: float) -> None:
    ink = np.asarray(_scanned(_grid(), tilt, 0).convert("L")) < 128
    assert skew_correction(ink) == pytest.approx(-tilt, abs=0.06)


def test_thin_grey_broken_tilted_rules_are_found_in_pdf_points() -> None:
    image = _scanned(_grid(grey=175, broken=True), tilt=0.8, noise=10)
    page = render(image, WIDTH, HEIGHT, OcrSettings())
    assert page.angle == pytest.approx(-0.8, abs=0.06)
    lines = find_lines(page, OcrSettings())
    horizontal = sorted((r for r in lines.rules if r.horizontal), key=lambda r: r.top)
    vertical = sorted((r for r in lines.rules if not r.horizontal), key=lambda r: r.x0)
    assert [r.top for r in horizontal] == pytest.approx(ROWS_PT, abs=1.5)
    assert [r.x0 for r in vertical] == pytest.approx(COLS_PT, abs=1.5)
    for rule in horizontal:
        assert (rule.x0, rule.x1) == pytest.approx((COLS_PT[0], COLS_PT[-1]), abs=3.0)
    for rule in vertical:
        assert (rule.top, rule.bottom) == pytest.approx((ROWS_PT[0], ROWS_PT[-1]), abs=3.0)


def test_text_strokes_are_not_rules_and_shading_gives_only_its_edges() -> None:
    image = np.full((_px(HEIGHT), _px(WIDTH), 3), 255, np.uint8)
    cv2.putText(image, "Ruling lines - not this text", (40, 200), 0, 2.0, (0, 0, 0), 5)
    cv2.rectangle(image, (40, 400), (1200, 700), (200, 200, 200), -1)  # a shaded band
    page = render(Image.fromarray(image), WIDTH, HEIGHT, OcrSettings())
    edges_x, edges_y = (40 * SCALE, 1200 * SCALE), (400 * SCALE, 700 * SCALE)
    for rule in find_lines(page, OcrSettings()).rules:  # a shaded area's edge is a cell edge
        where = rule.top if rule.horizontal else rule.x0
        edges = edges_y if rule.horizontal else edges_x
        assert min(abs(where - e) for e in edges) < 3.0, rule


def test_shaded_cells_keep_their_colour() -> None:
    image = _grid()
    colours = [(255, 0, 0), (255, 192, 0), (0, 176, 80)]
    cells = list(pairwise(COLS_PT))
    for band, shades in ((0, [(217, 217, 217)] * 3), (1, colours)):  # grey header, RAG row
        for (x0, x1), colour in zip(cells, shades, strict=True):
            box = (_px(x0) + 2, _px(ROWS_PT[band]) + 2, _px(x1) - 2, _px(ROWS_PT[band + 1]) - 2)
            region = image[box[1] : box[3], box[0] : box[2]]
            region[region.min(axis=2) > 128] = colour  # shade the paper, keep the text strokes
    page = render(_scanned(image, 0.5, 6), WIDTH, HEIGHT, OcrSettings())
    fills = find_fills(page, find_lines(page, OcrSettings()).mask, OcrSettings())
    found = [[_covering(fills, (x0 + x1) / 2, band) for x0, x1 in cells] for band in range(3)]
    assert [rag_from_fill(rgb, ExtractSettings()) for rgb in found[1]] == ["Red", "Amber", "Green"]
    assert all(rgb and max(rgb) - min(rgb) < 0.03 and 0.8 < rgb[0] < 0.9 for rgb in found[0])
    assert found[2] == [None, None, None]  # white cells have no fill


def _covering(fills: list[Fill], x: float, band: int) -> tuple[float, float, float] | None:
    y = (ROWS_PT[band] + ROWS_PT[band + 1]) / 2
    covering = [f for f in fills if f.bbox[0] < x < f.bbox[2] and f.bbox[1] < y < f.bbox[3]]
    assert len(covering) <= 1
    return covering[0].rgb if covering else None


def _similar(got: str, want: str) -> float:
    a, b = (set(re.findall(r"\w+", s.lower())) for s in (got, want))
    return 2 * len(a & b) / (len(a) + len(b))


@needs_ocr
def test_tilted_noisy_jpeg_scan_of_a_word_plan_reads_into_its_rows() -> None:
    """A 200 dpi colour scan, 0.7 degrees off, noisy, JPEG: light-grey rules, a merged cell and
    RAG by fill colour alone (tests/data/make_scans.py made it; ROWS are its cells)."""
    document = read_document(PLAN)
    (page,) = document.pages
    assert page.text_source == "ocr" and (page.ocr_confidence or 0) > 0.8
    (table,) = [t for t in find_tables(document) if t.rows]
    assert table.kind == "action_plan" and len(table.rows) == len(ROWS)
    fields = ("actions", "lead", "timescale")
    for row, want in zip(table.rows, ROWS, strict=True):
        for name, value in zip(fields, (want[2], want[3], want[4]), strict=True):
            assert _similar(row.text(name), value) >= 0.85, (name, row.text(name), value)
        assert row.text("rag") == want[5]
    assert _similar(table.rows[0].text("outcome"), ROWS[0][1]) == 1.0
    assert _similar(table.rows[2].text("outcome"), ROWS[2][1]) == 1.0
    assert HEADER[2] in " ".join(w.text for w in page.words)


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
    assert "The Chief Executive should ensure" in first.text("outcome")
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
