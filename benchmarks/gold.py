"""Gold rows of the council-papers corpus as an export-shaped frame, and text normalisation.

The gold (``../shared/corpus/gold/<pdf stem>.jsonl``, format in the corpus README) keys each cell by
the header text exactly as printed. ``HEADER_FIELDS`` maps those printed headers to the canonical
export fields, so gold and ``export actions`` output can be compared column by column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from councilpapers.extract.headers import CANONICAL

FIELDS = CANONICAL  # the export's canonical field names
KEY_COLUMNS = (
    "doc",
    "table_kind",
    "plan_version",
    "section_number",
    "section_title",
    "section_group",
)
EXPORT_COLUMNS = (*KEY_COLUMNS, *FIELDS, "page_first", "page_last")

# Printed header (as the gold keys it) -> canonical export field.
HEADER_FIELDS: dict[str, str] = {
    "NOS": "ref",
    "Ref No.": "ref",
    "What?": "outcome",
    "Desired Outcome for Children": "outcome",
    "Ofsted Recommendation": "outcome",
    "How?": "actions",
    "Actions": "actions",
    "Who?": "lead",
    "Lead": "lead",
    "When?": "timescale",
    "Timescale": "timescale",
    "Timescale/ Date": "timescale",
    "Timescale/Date": "timescale",
    "What difference will it make to children (impact)": "impact",
    "Success measures": "measures",
    "How will we measure the difference to children?": "measures",
    "Current Status": "status",
    "Outcome – (report for Q1, Q2, Q3, Q4)": "progress",
    "Evidence of Progress": "progress",
    "Comments": "progress",
    "RAG Rating": "rag",
}

_SPACE = re.compile(r"\s+")
_BROKEN_AFTER_MARK = re.compile(r"([-/])\s+")


def normalise(text: object) -> str:
    """Collapse white space (newline = space) and close up breaks after a hyphen or slash.

    Applied to both sides of a comparison, so ``multi-\\nagency`` and ``multi-agency`` agree, and
    so do ``111- 131`` as printed and ``111-131`` as a layout might join it.
    """
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    collapsed = _SPACE.sub(" ", str(text)).strip()
    return _BROKEN_AFTER_MARK.sub(r"\1", collapsed)


def compact(text: object) -> str:
    """The text with every white space removed: equal compact forms count as an exact match.

    This also closes up a break inside a word too long for its column (``AD/H`` / ``oS``).
    """
    return _SPACE.sub("", normalise(text))


def header_field(printed: str) -> str | None:
    """The canonical field for a printed header, matched whitespace- and case-insensitively."""
    wanted = compact(printed).lower()
    for header, name in HEADER_FIELDS.items():
        if compact(header).lower() == wanted:
            return name
    return None


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON Lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def gold_record_row(record: dict[str, Any]) -> dict[str, Any]:
    """One gold record -> one export-shaped row (canonical fields only for headers it prints)."""
    section = record.get("section") or {}
    pages = record.get("pages")
    row: dict[str, Any] = {
        "doc": record["doc"],
        "table_kind": record["table_kind"],
        "plan_version": record.get("plan_version"),
        # The product gives a RAG snapshot row its recommendation's number as section number
        # (the gold leaves it null and prints the number as the row's ref).
        "section_number": section.get("number")
        if record["table_kind"] != "rag_snapshot"
        else record.get("ref"),
        "section_title": section.get("title"),
        "section_group": section.get("group"),
        "page_first": pages[0] if pages else None,
        "page_last": pages[-1] if pages else None,
        "gold_fields": [],
    }
    for name, text in _canonical_cells(record):
        row[name] = text
        row["gold_fields"].append(name)
    row.setdefault("ref", record.get("ref"))
    return row


def _canonical_cells(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(canonical field, text) per cell. A record that gives ``fields`` (canonical name -> text,
    as the generalisation suite writes beside ``cells``) is taken as it is."""
    if "fields" in record:
        return list(record["fields"].items())
    pairs = []
    for header, text in record["cells"].items():
        name = HEADER_FIELDS.get(header)
        if name is None:
            raise ValueError(f"{record['doc']}: gold header {header!r} has no canonical field")
        pairs.append((name, text))
    return pairs


def gold_docs(gold_dir: Path) -> list[str]:
    """Every document the gold covers: documents.jsonl (if any) plus the docs in row files."""
    docs: list[str] = []
    listing = gold_dir / "documents.jsonl"
    if listing.exists():
        docs.extend(item["doc"] for item in read_jsonl(listing))
    for path in sorted(gold_dir.glob("*.jsonl")):
        if path.name in {"documents.jsonl", "recommendations.jsonl"}:
            continue
        docs.extend(record["doc"] for record in read_jsonl(path))
    return list(dict.fromkeys(docs))


def load_gold(gold_dir: Path, docs: Iterable[str] | None = None) -> pd.DataFrame:
    """All gold rows under ``gold_dir`` as an export-shaped frame, in document order."""
    wanted = set(docs) if docs is not None else None
    rows = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        if path.name in {"documents.jsonl", "recommendations.jsonl"}:
            continue
        for record in read_jsonl(path):
            if wanted is None or record["doc"] in wanted:
                rows.append(gold_record_row(record))
    frame = pd.DataFrame(rows, columns=[*EXPORT_COLUMNS, "gold_fields"])
    return frame.astype({"page_first": "Int64", "page_last": "Int64"})
