"""Write tables of rows as CSV, TSV, JSON, JSON lines, Parquet or Excel, safely.

Safe in three ways. Atomic: a file is written to a temporary file in the target folder and
renamed over the target, so a full disk or a crash never leaves a truncated export. Spreadsheet
formula injection neutralised as OWASP advises: a text cell starting with `=`, `+`, `-`, `@`, a tab
or a carriage return gets a leading `'` in CSV, TSV and XLSX (`escape_formulas=False` turns this
off), and XLSX cells are always written as text, never as formulas. Characters a format cannot hold
(NUL anywhere but JSON, control characters XML forbids in XLSX) are removed, never a crash.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from councilpapers.errors import CouncilPapersError, UsageError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "tsv", "json", "jsonl", "parquet", "xlsx")
EXCEL_CELL_LIMIT = 32_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
STDOUT = "-"


class ExportError(CouncilPapersError):
    """The export could not be written (a folder given as the file, a full or read-only disk)."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How cells are written: formula escaping (on by default) and a BOM for Excel's CSV import."""

    escape_formulas: bool = True
    bom: bool = False


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading `'` (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_atomic(out: str | Path, write: Callable[[IO[bytes]], None]) -> str:
    """Run `write` on a temporary file beside `out`, then rename it to `out`; `-` is stdout."""
    if str(out) == STDOUT:
        buffer = io.BytesIO()
        write(buffer)
        sys.stdout.flush()
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.flush()
        return "standard output"
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name to write")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return str(path)


def write_text(text: str, out: str | Path) -> str:
    """Write UTF-8 text atomically (or to stdout for `-`)."""
    data = text.encode("utf-8")

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    return write_atomic(out, write)


def write_frame(
    frame: pd.DataFrame, fmt: str, out: str | Path, options: ExportOptions | None = None
) -> str:
    """Write the frame to `out` (`-`: stdout) in format `fmt`; returns where it went."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    options = options or ExportOptions()
    if fmt == "xlsx":
        return write_sheets({"rows": frame}, out, options)
    cleaned = clean_frame(frame, fmt, options)
    return write_atomic(out, lambda handle: _WRITERS[fmt](cleaned, handle, options))


def write_sheets(
    frames: Mapping[str, pd.DataFrame], out: str | Path, options: ExportOptions | None = None
) -> str:
    """Write one XLSX workbook with a sheet per frame (sheet names cut to Excel's 31 characters)."""
    from councilpapers.outputs.sheets import write_workbook

    options = options or ExportOptions()
    cleaned = {name[:31]: clean_frame(f, "xlsx", options) for name, f in frames.items()}
    return write_atomic(out, lambda handle: write_workbook(cleaned, handle))


def clean_frame(frame: pd.DataFrame, fmt: str, options: ExportOptions) -> pd.DataFrame:
    """Text cells as the format can hold them: NUL and XML-illegal characters out, formulas off."""
    if fmt == "json" or fmt == "jsonl":
        return frame
    if fmt == "parquet":
        return typed_frame(frame.map(_strip_nul))
    illegal = XML_ILLEGAL if fmt == "xlsx" else re.compile("\x00")

    def clean(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = illegal.sub("", value)
        if fmt == "xlsx" and len(text) > EXCEL_CELL_LIMIT:
            text = text[:EXCEL_CELL_LIMIT] + " …[cut]"
        return neutralise(text) if options.escape_formulas else text

    return frame.map(clean)


def _strip_nul(value: object) -> object:
    return value.replace("\x00", "") if isinstance(value, str) else value


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns named `*_date` as dates and columns holding only True/False/None as booleans."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        values = out[column].dropna()
        if str(column).endswith("_date"):
            out[column] = pd.to_datetime(out[column], errors="coerce", format="ISO8601").dt.date
        elif len(values) and values.map(lambda v: isinstance(v, bool)).all():
            out[column] = out[column].astype("boolean")
    return out


def _csv(separator: str) -> Callable[[pd.DataFrame, IO[bytes], ExportOptions], None]:
    def write(frame: pd.DataFrame, handle: IO[bytes], options: ExportOptions) -> None:
        text = frame.to_csv(
            index=False, sep=separator, lineterminator="\r\n"
        )  # RFC 4180: a CR in a cell is quoted
        handle.write(text.encode("utf-8-sig" if options.bom else "utf-8"))

    return write


def _json(frame: pd.DataFrame, handle: IO[bytes], options: ExportOptions) -> None:
    text = frame.to_json(orient="records", indent=2, force_ascii=False, date_format="iso")
    handle.write((text or "[]").encode("utf-8") + b"\n")


def _jsonl(frame: pd.DataFrame, handle: IO[bytes], options: ExportOptions) -> None:
    if frame.empty:
        return
    text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
    handle.write((text or "").rstrip("\n").encode("utf-8") + b"\n")


def _parquet(frame: pd.DataFrame, handle: IO[bytes], options: ExportOptions) -> None:
    frame.to_parquet(handle, index=False)


_WRITERS: dict[str, Callable[[pd.DataFrame, IO[bytes], ExportOptions], None]] = {
    "csv": _csv(","),
    "tsv": _csv("\t"),
    "json": _json,
    "jsonl": _jsonl,
    "parquet": _parquet,
}
