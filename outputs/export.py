"""Write tables of rows in any export format of the registry (`outputs/formats.py`), safely.

Rows come as a pandas DataFrame (`write_frame`, the exports) or as records (`write_rows`, the
history and other views); the format's own writer turns them into bytes. Safe in three ways.
Atomic: a file is written to a temporary file in the target folder and renamed over the target,
so a full disk or a crash never leaves a truncated export. Spreadsheet formula injection
neutralised as OWASP advises: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return gets a leading `'` in CSV, TSV and XLSX (`escape_formulas=False` turns this off), and XLSX
cells are always written as text, never as formulas. Characters a format cannot hold (NUL
anywhere but JSON, control characters XML forbids in XLSX) are removed, never a crash.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from councilpapers.errors import CouncilPapersError, UsageError
from councilpapers.outputs.formats import (
    FORMATS,
    ExportOptions,
    Format,
    Rows,
    formats_for,
    neutralise,
    plain,
)

if TYPE_CHECKING:
    import pandas as pd

EXCEL_CELL_LIMIT = 32_000
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
STDOUT = "-"


class ExportError(CouncilPapersError):
    """The export could not be written (a folder given as the file, a full or read-only disk)."""


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


def exportable(fmt: str) -> Format:
    """The export format named `fmt`; a UsageError listing the export formats if there is none."""
    valid = formats_for("export")
    if fmt not in valid:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(valid)}")
    return FORMATS[fmt]


def write_frame(
    frame: pd.DataFrame, fmt: str, out: str | Path, options: ExportOptions | None = None
) -> str:
    """Write the frame to `out` (`-`: stdout) in format `fmt`; returns where it went."""
    found, options = exportable(fmt), options or ExportOptions()
    if found.text is not None:
        return write_text(found.text(frame_rows(frame), options), out)
    assert found.frame is not None  # every export format has a writer (tests/test_registries.py)
    cleaned, writer = clean_frame(frame, fmt, options), found.frame
    return write_atomic(out, lambda handle: writer(cleaned, handle, options))


def write_rows(rows: Rows, fmt: str, out: str | Path, options: ExportOptions | None = None) -> str:
    """Write records to `out` in format `fmt` (a binary format goes through a DataFrame)."""
    found, options = exportable(fmt), options or ExportOptions()
    if found.text is not None:
        return write_text(found.text(rows, options), out)
    import pandas as pd

    frame = pd.DataFrame(list(rows.records), columns=list(rows.columns))
    return write_frame(frame, fmt, out, options)


def frame_rows(frame: pd.DataFrame) -> Rows:
    """A frame's rows as records, for the text writers."""
    columns = tuple(str(c) for c in frame.columns)
    return Rows(columns, [dict(zip(columns, row, strict=True)) for row in frame.itertuples(False)])


def write_sheets(
    frames: Mapping[str, pd.DataFrame], out: str | Path, options: ExportOptions | None = None
) -> str:
    """Write one XLSX workbook with a sheet per frame (sheet names cut to Excel's 31 characters)."""
    from councilpapers.outputs.sheets import write_workbook

    options = options or ExportOptions()
    cleaned = {name[:31]: clean_frame(f, "xlsx", options) for name, f in frames.items()}
    return write_atomic(out, lambda handle: write_workbook(cleaned, handle))


def clean_frame(frame: pd.DataFrame, fmt: str, options: ExportOptions) -> pd.DataFrame:
    """Text cells as a binary format can hold them: NUL out (Parquet, which also types dates and
    flags and keeps lists as lists), XML-illegal characters out, lists as one JSON array and
    formulas off (XLSX)."""
    if fmt == "parquet":
        return typed_frame(frame.map(_strip_nul))

    def clean(value: object) -> object:
        if isinstance(value, list | tuple):
            value = plain(value)
        if not isinstance(value, str):
            return value
        text = XML_ILLEGAL.sub("", value)
        if len(text) > EXCEL_CELL_LIMIT:
            text = text[:EXCEL_CELL_LIMIT] + " …[cut]"
        return neutralise(text) if options.escape_formulas else text

    return frame.map(clean)


def _strip_nul(value: object) -> object:
    if isinstance(value, list | tuple):
        return [_strip_nul(v) for v in value]
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
