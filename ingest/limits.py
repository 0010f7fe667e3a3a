"""Per-file resource limits: one checked settings object, and the checks that read it.

A batch passes a `Limits` down to the process that reads a file, and `read_document(path,
limits=...)` passes it on to the reading code, which checks what it is about to spend: file size
and page count, the bytes a compressed PDF stream inflates to (pdfminer decodes whole streams in
memory; a 1 MB file can hold a 1 GB stream), and the pixels a page rendered for OCR would take.
pdfminer takes no argument for the inflation cap, so `capped_streams` points its `zlib` at a
capped one for the duration of one read and puts it back after. Wall time and memory per worker
are enforced by the batch's worker pool (`corpus/workers.py`), which kills a worker over time and
caps its address space (RLIMIT_AS).

A file over a limit becomes an `OverLimit` refusal naming the limit. Refusals for running out of
time or memory say they are retryable: the next run tries the file again, since a less busy
machine may manage it; the other limits are properties of the file and stay refused until the
limit is raised and the file retried.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from councilpapers.errors import TooLarge
from councilpapers.settings import Settings

MIB = 2**20


def _env(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


@dataclass(frozen=True, slots=True)
class Limits(Settings):
    """How much one file may take. Every field is settable; zero or less is refused."""

    seconds: float = 600.0  # wall time per file (the worker is killed beyond it)
    memory_mb: int = 4096  # address space per worker process (RLIMIT_AS)
    render_pixels: int = 120_000_000  # pixels of one page rendered for OCR (A0 at 300 dpi: 139 M)
    decoded_mb: float = 256  # bytes one compressed stream may inflate to
    file_mb: float = _env("COUNCILPAPERS_MAX_BYTES", 512 * MIB) / MIB  # size of the PDF file
    pages: int = _env("COUNCILPAPERS_MAX_PAGES", 5000)  # pages in one PDF


class OverLimit(TooLarge):
    """A file beyond one of the limits; `retryable` when a re-run may well succeed."""

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


def check_render(
    name: str, page: int, size: tuple[float, float], dpi: float, limits: Limits
) -> None:
    """Refuse to render a page (`size`: width × height points) at `dpi` beyond the pixel limit."""
    width, height = size
    pixels = (width * dpi / 72) * (height * dpi / 72)
    cap = limits.render_pixels
    if pixels > cap:
        raise OverLimit(
            f"{name}: page {page} is {width:.0f} × {height:.0f} pt; rendering it at {dpi:.0f} dpi "
            f"for OCR takes {pixels / 1e6:,.0f} megapixels, over the {cap / 1e6:,.0f}-megapixel "
            "limit (Limits.render_pixels)"
        )


def stream_too_large(decoded_mb: float) -> OverLimit:
    return OverLimit(
        f"a compressed stream inflates to over {decoded_mb:g} MiB, the limit (Limits.decoded_mb): "
        "a decompression bomb, or a page too complex to read"
    )


class _CappedInflater:
    """zlib.decompressobj that stops past `decoded_mb` MiB instead of filling memory."""

    def __init__(self, decoded_mb: float) -> None:
        self._inner = zlib.decompressobj()
        self._total = 0
        self._mb = decoded_mb
        self._cap = int(decoded_mb * MIB)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = self._cap - self._total + 1
        out = self._inner.decompress(data, min(max_length, room) if max_length else room)
        self._total += len(out)
        if self._total > self._cap:
            raise stream_too_large(self._mb)
        return out

    def flush(self) -> bytes:
        return self._inner.flush()

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inner.unconsumed_tail


class _CappedZlib:
    """What pdfminer's stream decoder sees as `zlib`: the real module, with inflation capped at
    `decoded_mb` MiB per stream."""

    error = zlib.error

    def __init__(self, decoded_mb: float) -> None:
        self.decoded_mb = decoded_mb

    def decompress(self, data: bytes, *args: Any) -> bytes:
        inflater = _CappedInflater(self.decoded_mb)
        out = [inflater.decompress(data)]
        while inflater.unconsumed_tail:
            out.append(inflater.decompress(inflater.unconsumed_tail))
        if not inflater._inner.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return b"".join(out)

    def decompressobj(self, *args: Any) -> _CappedInflater:
        return _CappedInflater(self.decoded_mb)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


@contextmanager
def capped_streams(limits: Limits) -> Iterator[None]:
    """While one file is read, pdfminer inflates its streams through a zlib capped at
    `limits.decoded_mb`; the decoder it had before is put back after."""
    from pdfminer import pdftypes

    before = getattr(pdftypes, "zlib")  # noqa: B009
    setattr(pdftypes, "zlib", _CappedZlib(limits.decoded_mb))  # noqa: B010
    try:
        yield
    finally:
        setattr(pdftypes, "zlib", before)  # noqa: B010
