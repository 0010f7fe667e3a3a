"""A stand-in extractor from plain pdfplumber, so the benchmarks run before the real one exists.

It is the baseline the project's extractor must beat, not a model for it: ruled tables from
``page.find_tables()``, a header row recognised by the printed headers the gold knows
(``gold.HEADER_FIELDS``), the header carried over pages that do not repeat it, banner rows (one
number and one spanning text) taken as area / recommendation headings, "Theme" / "Objective" lines
between tables taken as headings, a first row with an empty first cell merged into the row before,
and the plan version from the nearest "Version N" printed on the page. Output: export-shaped rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pdfplumber
from gold import EXPORT_COLUMNS, header_field, normalise

_VERSION = re.compile(r"\bVersion\s+(\d+)")
_OBJECTIVE = re.compile(r"^Objective\s+(\d+(?:\.\d+)*)\s*:?\s*(.*)$")
_RAG_WORDS = {"red", "amber", "green"}
_LEADING_NUMBER = re.compile(r"^(\d+)\.?\s")


@dataclass
class State:
    """What the reader knows at this point of the document."""

    doc: str
    header: dict[int, str] | None = None
    kind: str = "action_plan"
    version: str | None = None
    number: str | None = None
    title: str | None = None
    group: str | None = None
    open_row: bool = False
    rows: list[dict[str, Any]] = field(default_factory=list)


def standin_frame(paths: list[Path]) -> pd.DataFrame:
    """Export-shaped frame of every table row the stand-in finds in ``paths``."""
    rows: list[dict[str, Any]] = []
    for path in paths:
        rows.extend(extract_rows(path))
    return pd.DataFrame(rows, columns=list(EXPORT_COLUMNS))


def extract_rows(path: Path) -> list[dict[str, Any]]:
    """Logical table rows of one PDF as export-shaped dicts."""
    state = State(doc=path.name)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            _read_page(page, state)
            page.close()
    return state.rows


def _read_page(page: Any, state: State) -> None:
    versions = _VERSION.findall(page.extract_text() or "")
    if versions:
        state.version = versions[-1]
    above = 0.0
    for table in page.find_tables():
        _read_headings(page.crop((0, above, page.width, table.bbox[1])), state)
        _read_grid(table.extract(), page.page_number, state)
        above = table.bbox[3]
    _read_headings(page.crop((0, above, page.width, page.height)), state)


def _read_headings(region: Any, state: State) -> None:
    """'Theme …' and 'Objective N.N' lines (and the statements after them) between tables."""
    lines = [line.strip() for line in (region.extract_text() or "").splitlines()]
    for index, line in enumerate(lines):
        if line.startswith("Theme "):
            state.group = line
        found = _OBJECTIVE.match(line)
        if found:
            state.number = found.group(1)
            state.title = " ".join([found.group(2), *lines[index + 1 :]]).strip() or None
            return


def _read_grid(grid: list[list[str | None]], page_number: int, state: State) -> None:
    first_body, after_header = True, False
    for cells in grid:
        texts = [normalise_cell(cell) for cell in cells]
        if _header(texts, state):
            after_header = True
            continue
        if state.header is None or not any(texts) or (after_header and _rag_legend(texts, state)):
            continue
        after_header = False
        if _banner(cells, texts, state):
            continue
        if first_body and not _key_text(texts, state):
            _continue_row(texts, page_number, state)
        else:
            state.rows.append(_new_row(texts, page_number, state))
            state.open_row = True
        first_body = False


def _rag_legend(texts: list[str], state: State) -> bool:
    """A second header line under the RAG column only, such as "Red, Amber, Green"."""
    header = state.header or {}
    filled = [i for i, text in enumerate(texts) if text]
    words = set(re.findall(r"[a-z]+", " ".join(texts).lower()))
    return all(header.get(i) == "rag" for i in filled) and words <= _RAG_WORDS


def _key_text(texts: list[str], state: State) -> str:
    """The cell every new row fills: its ref, or in a table without refs its RAG rating."""
    header = state.header or {}
    for key in ("ref", "rag"):
        for index, name in header.items():
            if name == key and index < len(texts):
                return texts[index]
    return texts[0]


def normalise_cell(cell: str | None) -> str:
    """A grid cell's text with line breaks kept (None for a merged cell becomes "")."""
    return "\n".join(line.strip() for line in (cell or "").splitlines()).strip()


def _header(texts: list[str], state: State) -> bool:
    names = {i: header_field(text) for i, text in enumerate(texts)}
    known = {i: name for i, name in names.items() if name}
    if len(known) < 2:
        return False
    if known != state.header:
        state.open_row = False
    state.header = known
    state.kind = "rag_snapshot" if "rag" in known.values() else "action_plan"
    return True


def _banner(cells: list[str | None], texts: list[str], state: State) -> bool:
    """A row with one number and one text spanning the rest: an area or recommendation heading."""
    merged = sum(cell is None for cell in cells)
    filled = [text for text in texts if text]
    if merged < len(cells) // 2 or not 1 <= len(filled) <= 2:
        return False
    number, title = (filled[0], filled[1]) if len(filled) == 2 else ("", filled[0])
    state.open_row = False
    if title.isupper():
        state.group = normalise(f"{number} {title}")
    else:
        state.number, state.title = number or None, normalise(title)
    return True


def _continue_row(texts: list[str], page_number: int, state: State) -> None:
    """A row fragment the page break split off: append its text to the previous row."""
    if not state.open_row or state.header is None:
        return
    row = state.rows[-1]
    for index, name in state.header.items():
        if index < len(texts) and texts[index]:
            row[name] = "\n".join(part for part in (row.get(name), texts[index]) if part)
    row["page_last"] = page_number


def _new_row(texts: list[str], page_number: int, state: State) -> dict[str, Any]:
    header = state.header or {}
    row: dict[str, Any] = {name: texts[i] if i < len(texts) else "" for i, name in header.items()}
    if state.kind == "rag_snapshot":
        found = _LEADING_NUMBER.match(row.get("outcome", ""))
        row["ref"] = found.group(1) if found else ""
    number = None if state.kind == "rag_snapshot" else state.number
    return row | {
        "doc": state.doc,
        "table_kind": state.kind,
        "plan_version": state.version,
        "section_number": number,
        "section_title": state.title,
        "section_group": state.group,
        "page_first": page_number,
        "page_last": page_number,
    }
