"""Write a DataFrame as CSV, JSON, Parquet or Excel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from councilpapers.errors import UsageError

FORMATS = ("csv", "json", "parquet", "xlsx")
EXCEL_CELL_LIMIT = 32_000


def write_frame(frame: pd.DataFrame, fmt: str, out: str | Path) -> Path:
    """Write the frame to `out` in format `fmt`; returns the path written."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "json":
        frame.to_json(path, orient="records", indent=2, force_ascii=False)
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    elif fmt == "xlsx":
        _excel_safe(frame).to_excel(path, index=False, sheet_name="rows")
    else:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return path


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel cells hold at most 32,767 characters; longer text is cut with a marker."""

    def cut(value: object) -> object:
        if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
            return value[:EXCEL_CELL_LIMIT] + " …[cut]"
        return value

    return frame.map(cut)
