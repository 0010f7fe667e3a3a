"""Read a PDF into a Document record with pdfplumber: words with positions, ruling lines, fills.

This is the only module that touches pdfplumber for reading text; everything downstream works on
records. Pages are read one at a time and their caches released, so memory stays bounded. Its
tolerances (`ReadSettings`), the OCR path's (`OcrSettings`) and the file's limits (`Limits`) are
arguments of `read_document`, resolved there and passed down.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from councilpapers.errors import (
    CouncilPapersError,
    EmptyDocument,
    NoTextLayer,
    TooLarge,
    UnreadablePDF,
)
from councilpapers.ingest.discover import sha256_file
from councilpapers.ingest.failures import refusal
from councilpapers.ingest.limits import MIB, Limits, OverLimit, capped_streams, check_render
from councilpapers.ingest.objects import prime_objects
from councilpapers.ingest.ocr import ocr_unavailable, read_image
from councilpapers.ingest.ocr_render import OcrSettings
from councilpapers.ingest.settings import ReadSettings
from councilpapers.ingest.stamps import set_aside_furniture
from councilpapers.records import Document, Fill, Page, Rule, Word, round_bbox

# pdfminer logs what it repairs ("Invalid MediaBox … defaulting to US Letter") to stderr; a batch
# reports each file's outcome itself, so keep only pdfminer's errors
logging.getLogger("pdfminer").setLevel(logging.ERROR)

Given = Mapping[str, Any] | None  # a dict of overrides, or None for the defaults


@dataclass(frozen=True, slots=True)
class Reading:
    """The three settings objects one read uses, resolved."""

    settings: ReadSettings
    ocr: OcrSettings
    limits: Limits


def read_document(
    path: str | Path,
    sha256: str | None = None,
    *,
    settings: ReadSettings | Given = None,
    ocr: OcrSettings | Given = None,
    limits: Limits | Given = None,
) -> Document:
    """Read one PDF. Raises a CouncilPapersError subclass with a one-line reason if it cannot.

    `settings`, `ocr` and `limits` each take None (the defaults), a dict of overrides or an
    instance of `ReadSettings`, `OcrSettings` and `Limits`."""
    reading = Reading(
        ReadSettings.resolve(settings), OcrSettings.resolve(ocr), Limits.resolve(limits)
    )
    path = Path(path)
    size = _check_file(path, reading.limits)
    digest = sha256 or sha256_file(path)
    with capped_streams(reading.limits):
        pages = list(_read_pages(path, reading))
    _check_text(path, pages)
    return Document(
        path=str(path),
        name=path.name,
        sha256=digest,
        size=size,
        pages=tuple(set_aside_furniture(pages, reading.settings)),
    )


def _size(count: int) -> str:
    """A byte count for people: MiB from 1 MiB up, else KiB or bytes."""
    if count >= 2**20:
        return f"{count / 2**20:.1f} MiB"
    return f"{count / 2**10:.1f} KiB" if count >= 2**10 else f"{count} bytes"


def _check_file(path: Path, limits: Limits) -> int:
    size = path.stat().st_size
    cap = int(limits.file_mb * MIB)
    if size == 0:
        raise EmptyDocument(f"{path.name}: empty file (0 bytes)")
    if size > cap:
        raise TooLarge(
            f"{path.name}: {_size(size)} is over the {_size(cap)} limit "
            "(Limits.file_mb, or set COUNCILPAPERS_MAX_BYTES to raise it)"
        )
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise UnreadablePDF(f"{path.name}: not a PDF (no %PDF header)")
    return size


def _read_pages(path: Path, reading: Reading) -> Iterator[Page]:
    try:
        # pdfplumber leaks the file it opened when parsing fails other than through pdfminer,
        # so the reader opens and closes it itself.
        with path.open("rb") as handle, pdfplumber.open(handle) as pdf:
            count, cap = len(pdf.pages), reading.limits.pages
            if count == 0:
                raise EmptyDocument(f"{path.name}: the PDF has no pages")
            if count > cap:
                raise TooLarge(
                    f"{path.name}: {count} pages is over the {cap}-page limit "
                    "(Limits.pages, or set COUNCILPAPERS_MAX_PAGES to raise it)"
                )
            for index, page in enumerate(pdf.pages):
                yield _read_page(page, index + 1, path.name, reading)
                page.close()
    except OverLimit as exc:
        if str(exc).startswith(f"{path.name}: "):
            raise
        raise OverLimit(f"{path.name}: {exc}", exc.retryable) from exc
    except CouncilPapersError:
        raise
    except Exception as exc:
        failure = refusal(path.name, exc)
        if failure is None:
            raise
        raise failure from exc


def _read_page(page: Any, number: int, name: str, reading: Reading) -> Page:
    settings, ocr = reading.settings, reading.ocr
    prime_objects(page)
    upright = page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))
    found = upright.extract_words(**settings.word_options())
    words = tuple(_word(w) for w in found if w["text"].strip())
    sideways = [c for c in page.chars if not c.get("upright", True)]
    rotated = tuple(_rotated_words(sideways, settings.rotated_gap))
    rules, fills = _graphics(page, settings.thin)
    width, height = round(float(page.width), 2), round(float(page.height), 2)
    if not _usable(words, settings.min_words) and page.images and ocr_unavailable() is None:
        check_render(name, number, (width, height), ocr.dpi, reading.limits)
        image = page.to_image(resolution=ocr.dpi).original
        scan = read_image(image, width, height, ocr)
        return Page(
            number=number,
            width=width,
            height=height,
            words=scan.words,
            rules=rules + scan.rules,
            fills=fills + scan.fills,
            furniture=rotated,
            text_source="ocr" if scan.words else "none",
            ocr_confidence=scan.confidence,
        )
    return Page(
        number=number,
        width=width,
        height=height,
        words=words,
        rules=rules,
        fills=fills,
        furniture=rotated,
        text_source="pdf" if words else "none",
    )


def _usable(words: tuple[Word, ...], least: int) -> bool:
    """A text layer is usable when it holds at least `least` real words, not just a few marks or
    (cid:N) codes."""
    real = [w for w in words if any(ch.isalnum() for ch in w.text) and "(cid:" not in w.text]
    return len(real) >= least


def _check_text(path: Path, pages: list[Page]) -> None:
    """Refuse a document with no text at all when OCR could not supply any."""
    reason = ocr_unavailable()
    if reason and not any(p.words for p in pages):
        raise NoTextLayer(f"{path.name}: no page has a text layer and OCR cannot run: {reason}")


def _word(raw: dict[str, Any]) -> Word:
    font = str(raw.get("fontname", ""))
    return Word(
        text=raw["text"],
        bbox=round_bbox(raw["x0"], raw["top"], raw["x1"], raw["bottom"]),
        size=round(float(raw.get("size", 0.0)), 2),
        bold=any(tag in font for tag in ("Bold", "Black", "Heavy", ",B")),
    )


def _rotated_words(chars: list[dict[str, Any]], gap: float) -> Iterator[Word]:
    """Rebuild words from text printed up or down a margin, in reading order (letters more than
    `gap` em apart are two words)."""
    columns: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        columns.setdefault(round(char["x0"] / 3), []).append(char)
    for column in columns.values():
        down = column[0].get("matrix", (0, 1))[1] < 0  # set clockwise: read top to bottom
        column.sort(key=lambda c: c["top"] if down else -c["bottom"])
        word: list[dict[str, Any]] = []
        for char in column:
            apart = bool(word) and _gap(word[-1], char, down) > char["size"] * gap
            if word and (apart or not char["text"].strip()):
                yield _join_rotated(word)
                word = []
            if char["text"].strip():
                word.append(char)
        if word:
            yield _join_rotated(word)


def _gap(last: dict[str, Any], char: dict[str, Any], down: bool) -> float:
    """Space between a rotated word's last char and the next, along the reading direction."""
    return float(char["top"] - last["bottom"]) if down else float(last["top"] - char["bottom"])


def _join_rotated(chars: list[dict[str, Any]]) -> Word:
    return Word(
        text="".join(c["text"] for c in chars),
        bbox=round_bbox(
            min(c["x0"] for c in chars),
            min(c["top"] for c in chars),
            max(c["x1"] for c in chars),
            max(c["bottom"] for c in chars),
        ),
        size=round(float(chars[0].get("size", 0.0)), 2),
    )


def _graphics(page: Any, thin: float) -> tuple[tuple[Rule, ...], tuple[Fill, ...]]:
    """Ruling lines and filled areas; a shape thinner than `thin` points is a rule."""
    rules: list[Rule] = []
    fills: list[Fill] = []
    for line in page.lines:
        rules.append(Rule(*round_bbox(line["x0"], line["top"], line["x1"], line["bottom"])))
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if min(x1 - x0, bottom - top) <= thin:
            if rect.get("fill") or rect.get("stroke"):
                mid_y, mid_x = (top + bottom) / 2, (x0 + x1) / 2
                if x1 - x0 >= bottom - top:
                    rules.append(Rule(*round_bbox(x0, mid_y, x1, mid_y)))
                else:
                    rules.append(Rule(*round_bbox(mid_x, top, mid_x, bottom)))
            continue
        if rect.get("stroke"):
            rules.extend(
                Rule(*round_bbox(*edge))
                for edge in (
                    (x0, top, x1, top),
                    (x0, bottom, x1, bottom),
                    (x0, top, x0, bottom),
                    (x1, top, x1, bottom),
                )
            )
        if rect.get("fill"):
            fills.append(
                Fill(round_bbox(x0, top, x1, bottom), _rgb(rect.get("non_stroking_color")))
            )
    for curve in page.curves:
        rules.extend(_curve_rules(curve, thin))
    return tuple(rules), tuple(fills)


def _curve_rules(curve: dict[str, Any], thin: float) -> list[Rule]:
    """Ruling lines drawn as paths: a thin filled shape is one line; a stroked path gives each
    of its straight horizontal or vertical segments."""
    x0, top, x1, bottom = curve["x0"], curve["top"], curve["x1"], curve["bottom"]
    if min(x1 - x0, bottom - top) <= thin and (curve.get("fill") or curve.get("stroke")):
        mid_y, mid_x = (top + bottom) / 2, (x0 + x1) / 2
        if x1 - x0 >= bottom - top:
            return [Rule(*round_bbox(x0, mid_y, x1, mid_y))]
        return [Rule(*round_bbox(mid_x, top, mid_x, bottom))]
    if not curve.get("stroke"):
        return []
    points = curve.get("pts") or []
    rules = []
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        if abs(ay - by) < 1 and abs(ax - bx) >= thin:
            rules.append(Rule(*round_bbox(min(ax, bx), ay, max(ax, bx), ay)))
        elif abs(ax - bx) < 1 and abs(ay - by) >= thin:
            rules.append(Rule(*round_bbox(ax, min(ay, by), ax, max(ay, by))))
    return rules


def _rgb(colour: Any) -> tuple[float, float, float] | None:
    if isinstance(colour, (int, float)):
        grey = float(colour)
        return (grey, grey, grey)
    if isinstance(colour, (tuple, list)):
        values = [float(v) for v in colour if isinstance(v, (int, float))]
        if len(values) == 1:
            return (values[0], values[0], values[0])
        if len(values) == 3:
            return (values[0], values[1], values[2])
        if len(values) == 4:  # CMYK
            c, m, y, k = values
            return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None
