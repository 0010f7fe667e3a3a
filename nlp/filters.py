"""Select tagged action rows by theme, lead, status, overdue and plan version.

Works on a pandas DataFrame with the ``export actions`` columns; ``leads`` and ``themes`` hold
lists (None for an untagged row).
"""

from __future__ import annotations

import pandas as pd


def _contains_item(column: pd.Series, wanted: str, exact: bool) -> pd.Series:
    """Rows whose list column holds ``wanted`` (exactly, or as a case-blind substring)."""
    needle = wanted.strip().lower()

    def match(value: object) -> bool:
        values = value if isinstance(value, list | tuple) else []
        items = [str(i).strip().lower() for i in values if str(i).strip()]
        return needle in items if exact else any(needle in i for i in items)

    return column.map(match).astype(bool)


def filter_rows(
    df: pd.DataFrame,
    theme: str | None = None,
    lead: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    plan_version: str | None = None,
) -> pd.DataFrame:
    """The rows matching every filter given; a filter left as None does not filter.

    theme: a label id, matched exactly; lead: case-blind substring of any lead; status: a
    ``status_norm`` value; overdue: True or False (rows whose overdue is unknown never match);
    plan_version: exact.
    """
    keep = pd.Series(True, index=df.index)
    if theme:
        keep &= _contains_item(df["themes"], theme, exact=True)
    if lead:
        keep &= _contains_item(df["leads"], lead, exact=False)
    if status:
        keep &= df["status_norm"].astype(str).str.lower() == status.lower()
    if overdue is not None:
        keep &= df["overdue"].map(lambda v: v is not None and not pd.isna(v) and bool(v) is overdue)
    if plan_version:
        keep &= df["plan_version"].astype(str) == plan_version
    return df[keep]
