"""Read a PDF into a Document record: words with positions, ruling lines, fills, furniture.

The entry point of the reading layer. An engine reads the pages (`ReadSettings.engine`: pdfium
by default, `pdfium_engine.py`; pdfplumber, `plumber_engine.py`, the reference it is held to and
the second opinion on a file pdfium cannot open or read); this module checks the file against
the limits first, OCRs pages whose text layer is unusable, sets page furniture aside, and turns
whatever goes wrong into a one-line refusal. Its tolerances (`ReadSettings`), the OCR path's
(`OcrSettings`) and the file's limits (`Limits`) are arguments of `read_document`, resolved there
and passed down. Everything downstream works on records.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from councilpapers.errors import (
    CouncilPapersError,
    EmptyDocument,
    NoTextLayer,
    TooLarge,
    UnreadablePDF,
)
from councilpapers.ingest import pdfium_engine, plumber_engine
from councilpapers.ingest.discover import sha256_file
from councilpapers.ingest.failures import refusal
from councilpapers.ingest.limits import (
    MIB,
    Limits,
    OverLimit,
    capped_streams,
    check_render,
    check_streams,
)
from councilpapers.ingest.ocr import ocr_unavailable, read_image
from councilpapers.ingest.ocr_render import OcrSettings
from councilpapers.ingest.reading import PageRead, Reading
from councilpapers.ingest.settings import ReadSettings
from councilpapers.ingest.stamps import set_aside_furniture
from councilpapers.ingest.words import base_font as base_font  # where callers found it
from councilpapers.records import Document, Page, Word

# pdfminer logs what it repairs ("Invalid MediaBox … defaulting to US Letter") to stderr; a batch
# reports each file's outcome itself, so keep only pdfminer's errors
logging.getLogger("pdfminer").setLevel(logging.ERROR)

Given = Mapping[str, Any] | None  # a dict of overrides, or None for the defaults


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
    reading = _reading(settings, ocr, limits)
    path = Path(path)
    size = _check_file(path, reading.limits)
    digest = sha256 or sha256_file(path)
    return _document(path, digest, size, _read(path, reading, None), reading)


def read_part(
    path: str | Path,
    numbers: range,
    *,
    settings: ReadSettings | Given = None,
    ocr: OcrSettings | Given = None,
    limits: Limits | Given = None,
) -> list[Page]:
    """Some pages of a PDF (`numbers`: 1-based page numbers), read as `read_document` reads
    them, but with their furniture not yet set aside: that needs every page (`assemble`). So the
    pages of one large file can be read by several processes at once."""
    reading = _reading(settings, ocr, limits)
    path = Path(path)
    _check_file(path, reading.limits)
    return _read(path, reading, numbers)


def assemble(
    path: str | Path,
    sha256: str,
    pages: list[Page],
    *,
    settings: ReadSettings | Given = None,
    ocr: OcrSettings | Given = None,
    limits: Limits | Given = None,
) -> Document:
    """The Document of a PDF whose pages were read in parts (`read_part`, every page, in order):
    the file's checks and its page furniture, as `read_document` does them."""
    reading = _reading(settings, ocr, limits)
    path = Path(path)
    size = _check_file(path, reading.limits)
    return _document(path, sha256, size, pages, reading)


def _reading(
    settings: ReadSettings | Given, ocr: OcrSettings | Given, limits: Limits | Given
) -> Reading:
    return Reading(ReadSettings.resolve(settings), OcrSettings.resolve(ocr), Limits.resolve(limits))


def _read(path: Path, reading: Reading, numbers: range | None) -> list[Page]:
    with capped_streams(reading.limits):
        return _read_pages(path, reading, numbers)


def _document(path: Path, digest: str, size: int, pages: list[Page], reading: Reading) -> Document:
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


def _read_pages(path: Path, reading: Reading, numbers: range | None) -> list[Page]:
    try:
        return _engine_pages(path, reading, numbers)
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


def _engine_pages(path: Path, reading: Reading, numbers: range | None) -> list[Page]:
    """The pages (those numbered, or all) as the chosen engine reads them (OCR'd where needed
    while the engine's page is open). A file pdfium cannot open or read goes to pdfminer, which
    reads some damaged files and says what is wrong with the others."""
    name = path.name
    if reading.settings.engine == "pdfplumber":
        return [_page(r, name, reading) for r in plumber_engine.read_pages(path, reading, numbers)]
    check_streams(path, reading.limits)
    try:
        return [_page(r, name, reading) for r in pdfium_engine.read_pages(path, reading, numbers)]
    except pdfium_engine.NotOpened:
        return [_page(r, name, reading) for r in plumber_engine.read_pages(path, reading, numbers)]


def _page(read: PageRead, name: str, reading: Reading) -> Page:
    """The Page record of what an engine read, OCR'd when its text layer is unusable."""
    ocr = reading.ocr
    scanned = not _usable(read.words, reading.settings.min_words) and read.images
    if scanned and ocr_unavailable() is None:
        check_render(name, read.number, (read.width, read.height), ocr.dpi, reading.limits)
        scan = read_image(read.render(ocr.dpi), read.width, read.height, ocr)
        return Page(
            number=read.number,
            width=read.width,
            height=read.height,
            words=scan.words,
            rules=read.rules + scan.rules,
            fills=read.fills + scan.fills,
            furniture=read.rotated,
            text_source="ocr" if scan.words else "none",
            ocr_confidence=scan.confidence,
        )
    return Page(
        number=read.number,
        width=read.width,
        height=read.height,
        words=read.words,
        rules=read.rules,
        fills=read.fills,
        furniture=read.rotated,
        text_source="pdf" if read.words else "none",
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
