"""Per-file resource limits: one checked settings object, and the checks that read it.

A batch passes a `Limits` down to the process that reads a file; that process makes it the active
limits (`applied`) for the file's duration, so the reading code checks what it is about to spend:
file size and page count, the bytes a compressed PDF stream inflates to (pdfminer decodes whole
streams in memory; a 1 MB file can hold a 1 GB stream), and the pixels a page rendered for OCR
would take. Wall time and memory per worker are enforced by the batch's worker pool
(`corpus/workers.py`), which kills a worker over time and caps its address space (RLIMIT_AS).

A file over a limit becomes an `OverLimit` refusal naming the limit. Refusals for running out of
time or memory say they are retryable: the next run tries the file again, since a less busy
machine may manage it; the other limits are properties of the file and stay refused until the
limit is raised and the file retried.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from councilpapers.errors import TooLarge

MIB = 2**20


def _env(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one file may take. Every field is settable; zero or less is refused."""

    seconds: float = 600.0  # wall time per file (the worker is killed beyond it)
    memory_mb: int = 4096  # address space per worker process (RLIMIT_AS)
    render_pixels: int = 120_000_000  # pixels of one page rendered for OCR (A0 at 300 dpi: 139 M)
    decoded_mb: float = 256  # bytes one compressed stream may inflate to
    file_mb: float = _env("COUNCILPAPERS_MAX_BYTES", 512 * MIB) / MIB  # size of the PDF file
    pages: int = _env("COUNCILPAPERS_MAX_PAGES", 5000)  # pages in one PDF

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"Limits.{spec.name} must be a positive number, not {value!r}")


class OverLimit(TooLarge):
    """A file beyond one of the limits; `retryable` when a re-run may well succeed."""

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


_active: list[Limits] = [Limits()]


def active() -> Limits:
    """The limits of the file being read in this process."""
    return _active[-1]


@contextmanager
def applied(limits: Limits) -> Iterator[Limits]:
    """Make `limits` the active ones while a file is read (and cap pdfminer's inflation)."""
    cap_streams()
    _active.append(limits)
    try:
        yield limits
    finally:
        _active.pop()


def check_render(name: str, page: int, width: float, height: float, dpi: float) -> None:
    """Refuse to render a page (width × height points) at `dpi` beyond the pixel limit."""
    pixels = (width * dpi / 72) * (height * dpi / 72)
    cap = active().render_pixels
    if pixels > cap:
        raise OverLimit(
            f"{name}: page {page} is {width:.0f} × {height:.0f} pt; rendering it at {dpi:.0f} dpi "
            f"for OCR takes {pixels / 1e6:,.0f} megapixels, over the {cap / 1e6:,.0f}-megapixel "
            "limit (Limits.render_pixels)"
        )


def stream_too_large() -> OverLimit:
    cap = active().decoded_mb
    return OverLimit(
        f"a compressed stream inflates to over {cap:g} MiB, the limit (Limits.decoded_mb): "
        "a decompression bomb, or a page too complex to read"
    )


class _CappedInflater:
    """zlib.decompressobj that stops past the decoded-bytes limit instead of filling memory."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()
        self._total = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = int(active().decoded_mb * MIB) - self._total + 1
        out = self._inner.decompress(data, min(max_length, room) if max_length else room)
        self._total += len(out)
        if self._total > int(active().decoded_mb * MIB):
            raise stream_too_large()
        return out

    def flush(self) -> bytes:
        return self._inner.flush()

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inner.unconsumed_tail


class _CappedZlib:
    """What pdfminer's stream decoder sees as `zlib`: the real module, with inflation capped."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        inflater = _CappedInflater()
        out = [inflater.decompress(data)]
        while inflater.unconsumed_tail:
            out.append(inflater.decompress(inflater.unconsumed_tail))
        if not inflater._inner.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return b"".join(out)

    @staticmethod
    def decompressobj(*args: Any) -> _CappedInflater:
        return _CappedInflater()

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


STREAM = re.compile(rb"(?<!end)stream\r?\n")
CHUNK = 1 << 20


def check_streams(path: Path) -> None:
    """Refuse a file with a stream that inflates past `Limits.decoded_mb`.

    pdfium inflates streams in C, beyond the reach of the capped zlib pdfminer is given, so
    before pdfium reads a file every Flate stream in it that is not an image is inflated here a
    megabyte at a time, the output thrown away. (Images are decoded only to OCR a page, and
    `Limits.render_pixels` bounds that.)"""
    data = memoryview(path.read_bytes())
    cap = int(active().decoded_mb * MIB)
    for match in STREAM.finditer(data):
        head = bytes(data[max(0, match.start() - 2048) : match.start()])
        head = head[head.rfind(b"obj") + 1 :]
        if b"/Fl" in head and b"/Image" not in head:
            _inflate(data[match.end() :], cap)


def _inflate(data: memoryview, cap: int) -> None:
    inflater, total = zlib.decompressobj(), 0
    for start in range(0, len(data), CHUNK):
        pending = bytes(data[start : start + CHUNK])
        try:
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, CHUNK))
                if total > cap:
                    raise stream_too_large()
                pending = inflater.unconsumed_tail
        except zlib.error:
            return
        if inflater.eof:
            return


def cap_streams() -> None:
    """Point pdfminer's stream decoding at the capped zlib (once per process)."""
    from pdfminer import pdftypes

    if not isinstance(getattr(pdftypes, "zlib"), _CappedZlib):  # noqa: B009
        setattr(pdftypes, "zlib", _CappedZlib())  # noqa: B010
