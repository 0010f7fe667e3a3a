"""Gold by construction: one record per logical table row, and one per recommendation.

Row records follow the corpus gold format (``../shared/corpus/README.md``): ``cells`` keyed by the
header as printed, plus ``fields``, the same values under canonical export names, which
``benchmarks/gold.py`` uses as they are. A merged cell's value belongs to every row it spans. The
pages of each row are found after conversion, by locating the text of its own (unmerged) cells in
the PDF's table cells page by page, moving forward through the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pdfplumber

from .content import REPORT_WORDING, Plan
from .layout import MERGED, TableSpec, plan_tables
from .styles import Style

_SPACE = re.compile(r"\s+")
Pages = dict[tuple[str, str | None, str], tuple[int, int]]  # (kind, part, ref) -> first, last


def plan_version(style: Style, plan: Plan) -> str:
    return style.version_label.format(version=plan.version, year=plan.month.split()[-1])


def row_records(style: Style, plan: Plan, doc: str) -> list[dict[str, Any]]:
    """Every logical row of every table of this plan version, in document order."""
    version = plan_version(style, plan)
    records = []
    for spec in plan_tables(style, plan):
        headers = dict(spec.columns)
        for group in spec.groups:
            for row in group.rows:
                records.append(_record(style, spec, group.rec, row, headers, doc, version))
    return records


def _record(
    style: Style,
    spec: TableSpec,
    rec: Any,
    row: dict[str, str],
    headers: dict[str, str],
    doc: str,
    version: str,
) -> dict[str, Any]:
    if spec.kind == "rag_snapshot":
        section = {"number": None, "title": spec.title, "group": None}
    else:
        group = rec.area if style.area_banners or style.area_titles else None
        section = {"number": str(rec.number), "title": rec.text, "group": group}
    return {
        "doc": doc,
        "table_kind": spec.kind,
        "plan_version": version,
        "section": section,
        "ref": row["ref"],
        "part": spec.part,
        "rec": rec.key if rec is not None else _summary_key(row),
        "cells": {headers[f]: row[f] for f, _ in spec.columns},
        "fields": {f: row[f] for f, _ in spec.columns if f != "number"},
        "anchors": [row[f] for f, _ in spec.columns if _anchor(spec, f, row[f])],
        "pages": None,
    }


def _summary_key(row: dict[str, str]) -> str:
    return f"#{row['ref']}"


def _anchor(spec: TableSpec, field: str, text: str) -> bool:
    merged = field in MERGED and spec.kind == "action_plan"
    return not merged and len(text.split()) >= 3 and field != "rag"


def compact(text: str) -> str:
    return _SPACE.sub("", text)


PageText = tuple[list[str], list[str]]  # compact table cells, compact text lines


def page_cells(pdf_path: Path) -> list[PageText]:
    """Per page, the compact text of every table cell pdfplumber finds (ruled tables), and of
    every text line (for a whole cell printed on one line outside a ruled table)."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            found = [compact(c) for t in page.extract_tables() for r in t for c in r if c]
            lines = [compact(line) for line in (page.extract_text() or "").splitlines()]
            pages.append(([c for c in found if len(c) >= 6], [c for c in lines if len(c) >= 6]))
            page.close()
    return pages


def locate_pages(records: list[dict[str, Any]], pdf_path: Path) -> None:
    """Fill each record's ``pages`` (physical, 1-based) in place; anchors are dropped."""
    pages = page_cells(pdf_path)
    counts: dict[str, int] = {}
    for record in records:
        for text in record["anchors"]:
            counts[compact(text)] = counts.get(compact(text), 0) + 1
    cursor = 0
    for record in records:
        anchors = [compact(a) for a in record.pop("anchors") if counts[compact(a)] == 1]
        spans = [s for s in (_span(pages, a, cursor) for a in anchors) if s]
        if spans:
            record["pages"] = [min(s[0] for s in spans) + 1, max(s[1] for s in spans) + 1]
            cursor = record["pages"][0] - 1


def set_pages(records: list[dict[str, Any]], known: Pages) -> None:
    """Pages known by construction (the maker paginated the rows itself); anchors dropped."""
    for record in records:
        record.pop("anchors")
        pages = known.get((record["table_kind"], record["part"], record["ref"]))
        record["pages"] = list(pages) if pages else None


def _span(pages: list[PageText], text: str, start: int) -> tuple[int, int] | None:
    """First and last page (0-based) over which the cell's text is printed: the first page
    printing it whole, unless a table cell split by a page break (a prefix of the text on one
    page, the rest opening a cell on the next) ends before that."""
    whole = next((i for i in range(start, len(pages)) if _whole(pages[i], text)), None)
    split = _split_span(pages, text, start)
    if split is not None and (whole is None or split[1] < whole):
        return split
    return (whole, whole) if whole is not None else None


def _whole(page: PageText, text: str) -> bool:
    """The page prints the text as one table cell (or, on a page without ruled tables, within
    one line)."""
    cells, lines = page
    return text in cells if cells else any(text in line for line in lines)


def _split_span(pages: list[PageText], text: str, start: int) -> tuple[int, int] | None:
    """Pages of a table cell whose text runs over page breaks, consumed prefix by prefix."""
    first, rest = None, text
    for index in range(start, len(pages)):
        cells = pages[index][0]
        if first is not None and rest in cells:
            return first, index  # the tail of a cell split by the page break
        pieces = [cell for cell in cells if rest.startswith(cell) and cell != text]
        if not pieces:
            if first is not None:
                return None
            continue
        first = index if first is None else first
        rest = rest[len(max(pieces, key=len)) :]
    return None


def rec_records(
    style: Style, plans: list[Plan], rows: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Per recommendation: canonical wording and, per version, number, RAG, rows, pushed back."""
    out = []
    for rec in plans[0].recs:
        versions = {}
        for plan in plans:
            version = plan_version(style, plan)
            current = next(r for r in plan.recs if r.key == rec.key)
            mine = [r for r in rows[version] if r["rec"] == rec.key]
            versions[version] = {
                "number": current.number,
                "title": current.text,
                "rag": current.rag if style.summary else None,
                "rows": [{"ref": r["ref"], "part": r["part"], "pages": r["pages"]} for r in mine],
                "pushed_back": [
                    {"ref": p.ref, "from": p.before, "to": p.after, "explained": p.explained}
                    for p in plan.pushed
                    if p.rec == rec.key
                ],
            }
        text = REPORT_WORDING[rec.text] if style.pack else rec.text
        out.append({"id": rec.key, "text": text, "versions": versions})
    return out


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
