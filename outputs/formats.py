"""Output formats: the one registry of every format a command writes, and the one way each is
written.

An entry (`Format`) names the format, the file extensions that mean it, a sentence for the help
and the README, where it is offered (`uses`: `print` for commands that print rows, `export` for
the export commands, `history` for the history's own renderings) and its writer: `text` turns
rows into text (CSV, TSV, JSON, JSON lines: the only CSV and the only JSON writer in the
project), `frame` writes a pandas DataFrame to a binary file (Parquet, XLSX). `table`, `text` and
`html` are rendered by the commands that offer them (a rich table, the history's timeline and
report). The CLI's `--format` help, its choice of format from an `--out` extension, the error for
an unknown format and the README's list of formats are all made from this registry, so adding a
format is one entry here (`tests/test_registries.py` checks it is documented and reachable).

Cells are written safely: in CSV and TSV a text cell starting with `=`, `+`, `-`, `@`, a tab or
a carriage return gets a leading `'` (OWASP; `ExportOptions.escape_formulas`), and NUL is removed.
Nothing here imports pandas at module level, so commands that only print start at once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How cells are written: formula escaping (on by default) and a BOM for Excel's CSV import."""

    escape_formulas: bool = True
    bom: bool = False


@dataclass(frozen=True, slots=True)
class Rows:
    """Rows to write: the columns in order, and one mapping per row (missing keys are empty)."""

    columns: tuple[str, ...]
    records: Sequence[Record]


TextWriter = Callable[[Rows, ExportOptions], str]
FrameWriter = Callable[["pd.DataFrame", IO[bytes], ExportOptions], None]


@dataclass(frozen=True, slots=True)
class Format:
    """One output format (see the module docstring)."""

    name: str
    extensions: tuple[str, ...]
    description: str
    uses: frozenset[str]
    text: TextWriter | None = field(default=None, repr=False)
    frame: FrameWriter | None = field(default=None, repr=False)

    @property
    def binary(self) -> bool:
        return self.frame is not None


def plain(value: object) -> str:
    """A value as text: missing values (None, NaN, NA) blank; a list (the values of a list
    column: leads, themes) as one JSON array, so a cell holds one value whatever its items say."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list | tuple):
        return json.dumps([json_value(v) for v in value], ensure_ascii=False)
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    return str(value)


def json_value(value: object) -> object:
    """A value JSON can hold: NaN/NA as null, numpy scalars as Python ones, lists and mappings
    value by value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if value != value else value
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if hasattr(value, "item"):
        return json_value(value.item())
    text = plain(value)
    return text or None


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading `'` (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def json_text(value: object, lines: bool = False) -> str:
    """The one JSON writer: indented UTF-8 JSON, or one compact object per line (`lines`, for a
    list), ending in a newline; NaN and NA become null."""
    if lines:
        items = value if isinstance(value, list | tuple) else [value]
        return "".join(json.dumps(json_value(v), ensure_ascii=False) + "\n" for v in items)
    return json.dumps(json_value(value), indent=2, ensure_ascii=False) + "\n"


def _json(rows: Rows, options: ExportOptions) -> str:
    return json_text([{c: r.get(c) for c in rows.columns} for r in rows.records])


def _jsonl(rows: Rows, options: ExportOptions) -> str:
    return json_text([{c: r.get(c) for c in rows.columns} for r in rows.records], lines=True)


def _separated(separator: str) -> TextWriter:
    def write(rows: Rows, options: ExportOptions) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=separator)  # CRLF, quoted CR, as RFC 4180
        writer.writerow(rows.columns)
        for record in rows.records:
            cells = [plain(record.get(c)).replace("\x00", "") for c in rows.columns]
            writer.writerow([neutralise(c) if options.escape_formulas else c for c in cells])
        return ("\ufeff" if options.bom else "") + buffer.getvalue()

    return write


def _parquet(frame: pd.DataFrame, handle: IO[bytes], options: ExportOptions) -> None:
    frame.to_parquet(handle, index=False)


def _xlsx(frame: pd.DataFrame, handle: IO[bytes], options: ExportOptions) -> None:
    from councilpapers.outputs.sheets import write_workbook

    write_workbook({"rows": frame}, handle)


PRINT, EXPORT, HISTORY = frozenset({"print"}), frozenset({"export"}), frozenset({"history"})
BOTH = PRINT | EXPORT | HISTORY
REGISTRY: tuple[Format, ...] = (
    Format("text", ("txt",), "the timeline as text", HISTORY),
    Format("table", (), "a table for the terminal", PRINT | HISTORY),
    Format("csv", ("csv",), "comma-separated values (RFC 4180)", BOTH, text=_separated(",")),
    Format("tsv", ("tsv", "tab"), "tab-separated values", BOTH, text=_separated("\t")),
    Format("json", ("json",), "one JSON array of objects", BOTH, text=_json),
    Format("jsonl", ("jsonl", "ndjson"), "one JSON object per line", BOTH, text=_jsonl),
    Format(
        "parquet", ("parquet",), "Apache Parquet, typed dates and flags", EXPORT, frame=_parquet
    ),
    Format("xlsx", ("xlsx",), "an Excel workbook, every cell text", EXPORT, frame=_xlsx),
    Format("html", ("html", "htm"), "one HTML page", HISTORY),
)
FORMATS: dict[str, Format] = {f.name: f for f in REGISTRY}


def formats_for(use: str) -> tuple[str, ...]:
    """The formats offered where `use` (print, export, history) applies, in registry order."""
    return tuple(f.name for f in REGISTRY if use in f.uses)


def format_of(extension: str) -> str | None:
    """The format a file extension (without the dot, any case) means, if any."""
    extension = extension.lower()
    return next((f.name for f in REGISTRY if extension in f.extensions), None)


def describe(names: Sequence[str]) -> str:
    """`csv` (comma-separated values), … for the README and help."""
    return ", ".join(f"`{n}` ({FORMATS[n].description})" for n in names)


def rows_text(rows: Rows, fmt: str, options: ExportOptions | None = None) -> str:
    """Rows as text in a text format (csv, tsv, json, jsonl)."""
    writer = FORMATS[fmt].text if fmt in FORMATS else None
    if writer is None:
        raise ValueError(f"not a text format: {fmt}")
    return writer(rows, options or ExportOptions())
