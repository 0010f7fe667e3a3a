"""OCR rules on scans of tight grids: a letter printed against a rule keeps its stroke when the
rule is whitened, the short border between two cells of a single-line header row is a rule, a
bold word blurred into a solid bar is not, and white borders on a dark header row are found.
Small synthetic 300 dpi scans; only the last test needs Tesseract (skipped with the reason)."""

from __future__ import annotations

from itertools import pairwise

import cv2
import numpy as np
import pytest
from PIL import Image

from councilpapers.ingest import ocr
from councilpapers.ingest.ocr_deskew import rotate
from councilpapers.ingest.ocr_fills import find_fills, unshade
from councilpapers.ingest.ocr_lines import add_reversed, find_lines
from councilpapers.ingest.ocr_render import OcrSettings, PageImage, paper_white, render
from councilpapers.ingest.ocr_words import _gather
from councilpapers.records import Rule

needs_ocr = pytest.mark.skipif(
    ocr.ocr_unavailable() is not None, reason=f"OCR engine unavailable: {ocr.ocr_unavailable()}"
)
SCALE = 72 / 300  # points per pixel
WIDTH, HEIGHT = 400.0, 200.0  # points
LEFT, RIGHT = 20.0, 380.0  # the grid's outer verticals
COLS = (LEFT, 140.0, 260.0, RIGHT)
ROWS = (30.0, 39.0, 80.0, 120.0)  # a single-line header row 9 points tall, then two rows
NAVY = (31, 56, 100)


def _px(points: float) -> int:
    return round(points / SCALE)


def _grid(merged: int | None = None) -> np.ndarray:
    """A ruled grid; `merged`: the row (index) whose cells are merged into one, so the inner
    borders of the rows either side of it are short pieces of their own."""
    image = np.full((_px(HEIGHT), _px(WIDTH), 3), 255, np.uint8)
    for y in ROWS:
        cv2.line(image, (_px(LEFT), _px(y)), (_px(RIGHT), _px(y)), (0, 0, 0), 3)
    for x in COLS:
        for k, (top, bottom) in enumerate(pairwise(ROWS)):
            if k != merged or x in (LEFT, RIGHT):
                cv2.line(image, (_px(x), _px(top)), (_px(x), _px(bottom)), (0, 0, 0), 3)
    return image


def _scan(image: np.ndarray, tilt: float = 0.4, noise: float = 6.0) -> PageImage:
    turned = rotate(image, tilt, (255, 255, 255))
    noisy = turned + np.random.default_rng(7).normal(0, noise, turned.shape)
    blurred = cv2.GaussianBlur(np.clip(noisy, 0, 255).astype(np.uint8), (3, 3), 0)
    return render(Image.fromarray(blurred), WIDTH, HEIGHT, OcrSettings())


def _verticals(rules: tuple[Rule, ...], top: float, bottom: float) -> list[float]:
    """x of the vertical rules covering `top`..`bottom`."""
    return sorted(r.x0 for r in rules if not r.horizontal and r.top <= top and r.bottom >= bottom)


def test_a_letter_set_against_a_rule_keeps_its_stem() -> None:
    image = _grid()
    stem = (_px(COLS[1]) + 2, _px(50.0), _px(COLS[1]) + 6, _px(55.0))  # an L's stem, touching
    cv2.rectangle(image, stem[:2], stem[2:], (0, 0, 0), -1)
    page = _scan(image, tilt=0.0)
    lines = find_lines(page, OcrSettings())
    clean = lines.erase(page.grey, OcrSettings().dark)
    x0, y0, x1, y1 = stem
    assert np.mean(clean[y0:y1, x0 + 2 : x1 + 1] < 128) > 0.8  # the stroke beyond the rule stays
    x = _px(COLS[1])
    assert np.mean(clean[_px(85.0) : _px(115.0), x - 1 : x + 2] < 128) < 0.02  # the rule goes


def test_the_short_border_between_cells_of_a_single_line_header_row_is_a_rule() -> None:
    image = _grid(merged=1)  # the header row's borders stand alone, 9 points tall
    x = _px(200.0)  # a stroke of text in a body cell (as tall as the header row) is not
    cv2.line(image, (x, _px(45.0)), (x, _px(54.0)), (0, 0, 0), 3)
    for k in range(6):  # a bold header word set against the border, its letters in a row
        left = _px(COLS[1]) + 3 + k * 14
        cv2.rectangle(image, (left, _px(ROWS[0] + 2)), (left + 9, _px(ROWS[1] - 2)), (0, 0, 0), -1)
    rules = find_lines(_scan(image), OcrSettings()).rules
    header = _verticals(rules, ROWS[0] + 1.5, ROWS[1] - 1.5)
    assert header == pytest.approx(COLS, abs=1.5)
    assert not [r for r in rules if not r.horizontal and abs(r.x0 - 200.0) < 3]


def test_a_bold_word_blurred_into_a_bar_is_not_a_rule() -> None:
    image = _grid()
    bar = (_px(150.0), _px(50.0), _px(185.0), _px(52.0))  # 35 x 2 points of solid ink
    cv2.rectangle(image, bar[:2], bar[2:], (0, 0, 0), -1)
    rules = find_lines(_scan(image), OcrSettings()).rules
    horizontal = sorted(r.top for r in rules if r.horizontal)
    assert horizontal == pytest.approx(ROWS, abs=1.5)


def test_white_borders_on_a_dark_header_row_are_rules() -> None:
    image = _grid()
    image[_px(ROWS[0]) - 1 : _px(ROWS[2]) + 2, _px(LEFT) - 1 : _px(RIGHT) + 2] = NAVY
    for x in COLS[1:-1]:  # white borders between the header's cells, down both header rows
        cv2.line(image, (_px(x), _px(ROWS[0])), (_px(x), _px(ROWS[2])), (255, 255, 255), 3)
    cv2.line(image, (_px(LEFT), _px(ROWS[1])), (_px(RIGHT), _px(ROWS[1])), (255, 255, 255), 3)
    page, settings = _scan(image), OcrSettings()
    lines = find_lines(page, settings)
    assert _verticals(lines.rules, ROWS[0] + 3, ROWS[2] - 3) == []  # invisible as dark ink
    fills = find_fills(page, lines.mask, settings)
    unshaded = unshade(paper_white(page), page.rgb, fills, page.sx, page.sy)
    found = add_reversed(lines, unshaded, page, fills, settings)
    assert _verticals(found.rules, ROWS[0] + 3, ROWS[2] - 3) == pytest.approx(COLS[1:-1], abs=1.5)


@needs_ocr
def test_a_tight_grid_scan_reads_every_first_letter() -> None:
    """Words set against the left rule of their cells, as a spreadsheet prints them."""
    image = _grid()
    words = {COLS[0]: "Lead", COLS[1]: "Budget", COLS[2]: "Rating"}
    for x, word in words.items():
        origin = (_px(x) + 3, _px(ROWS[2]) + 50)
        cv2.putText(image, word, origin, cv2.FONT_HERSHEY_SIMPLEX, 1.4, (0, 0, 0), 3)
    scan = Image.fromarray(rotate(image, 0.5, (255, 255, 255)))
    page = ocr.read_image(scan, WIDTH, HEIGHT, OcrSettings())
    texts = {w.text for w in page.words}
    assert set(words.values()) <= texts, texts
    for left, text in words.items():  # boxes in PDF points, starting at their cell's rule
        (word,) = [w for w in page.words if w.text == text]
        assert left < word.x0 < left + 4 and ROWS[2] < word.top < word.bottom < ROWS[3]


def test_glyphs_read_from_a_rules_remnant_are_dropped() -> None:
    texts = ["|", "GREEN|", "/", "‘", "|RAG", "e.g.", "—", "~"]
    n = len(texts)
    data = {
        "text": texts,
        "conf": [90.0] * n,
        "page_num": [1] * n,
        "block_num": [1] * n,
        "par_num": [1] * n,
        "line_num": [1] * n,
        "left": [10 * i for i in range(n)],
        "top": [5] * n,
        "width": [8] * n,
        "height": [10] * n,
    }
    assert [text for text, _, _ in _gather(data, [(0, 0)])] == ["GREEN", "/", "RAG", "e.g.", "—"]
