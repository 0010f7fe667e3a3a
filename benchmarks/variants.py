"""Documents of the same kind typeset differently, built from the gold rows, with their own gold.

    python benchmarks/variants.py [--gold-dir ../shared/corpus/gold] [--out benchmarks/out/variants]
        [--only NAME ...]

Each corpus plan (Version 14 with its RAG snapshot, Version 21 in its two parts, the 2023 plan) is
set again with reportlab in several looks (``LOOKS``): no repeated header row, no borders, portrait
A4, other fonts and sizes, and combinations. The structure the gold describes is kept: 2017 area and
recommendation headings as banner rows spanning the table, 2023 "Theme" / "Objective N.N"
headings and objective statements between tables, headers as printed, rows breaking across pages,
a running footer and a ``Page N`` margin stamp. Each variant folder holds ``<doc>.pdf`` and
``<stem>.jsonl`` (corpus gold format) whose ``pages`` are the physical pages on which each row's
text was drawn (null if a row was never drawn). Deterministic (reportlab's invariant mode).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from gold import read_jsonl
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
from typeset import MARGIN, Look, cell, column_widths, furniture, markup, table

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "../shared/corpus/gold"
DEFAULT_OUT = Path(__file__).resolve().parent / "out/variants"
SKIP = {"documents.jsonl", "recommendations.jsonl"}
RAG_LEGEND = "Red, Amber, Green"

LOOKS = (
    Look("no-repeat-header", repeat_header=False),
    Look("borderless", borders="none"),
    Look("header-rule-only", borders="rule", font="Times-Roman", size=9),
    Look("portrait", portrait=True, size=7),
    Look("times", font="Times-Roman", size=10),
    Look("courier", font="Courier", size=7),
    Look(
        "portrait-borderless-no-repeat",
        portrait=True,
        borders="none",
        repeat_header=False,
        font="Times-Roman",
        size=8,
    ),
    Look("courier-rule-no-repeat", font="Courier", size=8, borders="rule", repeat_header=False),
)


def build_variants(
    gold_dir: Path = DEFAULT_GOLD, out_dir: Path = DEFAULT_OUT, only: list[str] | None = None
) -> list[tuple[str, Path]]:
    """Write every variant (or those named in ``only``); return (name, folder) pairs."""
    built = []
    for look in LOOKS:
        if only and look.name not in only:
            continue
        folder = out_dir / look.name
        folder.mkdir(parents=True, exist_ok=True)
        for path in sorted(gold_dir.glob("*.jsonl")):
            if path.name not in SKIP:
                build_document(list(read_jsonl(path)), look, folder)
        built.append((look.name, folder))
    return built


def build_document(records: list[dict[str, Any]], look: Look, folder: Path) -> Path:
    """Typeset one document's gold rows; write the PDF and its gold with measured pages."""
    doc = records[0]["doc"]
    sinks: list[set[int]] = [set() for _ in records]
    story = list(_story(records, sinks, look))
    target: Path = folder / str(doc)
    template = SimpleDocTemplate(
        str(target),
        pagesize=look.pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=True,
        title=doc,
    )
    decorate = furniture(_footer(records[0]["plan_version"]), look)
    template.build(story, onFirstPage=decorate, onLaterPages=decorate)
    _write_gold(records, sinks, folder / f"{Path(doc).stem}.jsonl")
    return target


def _footer(version: str) -> str:
    if "-v" in version:
        year, number = version.split("-v", 1)
        return f"Continuous Improvement Plan – Version {number} {year}"
    return f"Improvement Action Plan – Version {version}"


def _write_gold(records: list[dict[str, Any]], sinks: list[set[int]], target: Path) -> None:
    with target.open("w", encoding="utf-8") as handle:
        for record, pages in zip(records, sinks, strict=True):
            measured = [min(pages), max(pages)] if pages else None
            handle.write(json.dumps(record | {"pages": measured}, ensure_ascii=False) + "\n")


def _story(records: list[dict[str, Any]], sinks: list[set[int]], look: Look) -> Iterator[Any]:
    """Title, then one table per block of rows that share kind, part and header."""
    numbered = list(zip(records, sinks, strict=True))
    yield Paragraph(_footer(records[0]["plan_version"]), look.style(bold=True, scale=1.4))
    previous: dict[str, Any] | None = None
    for _, block in groupby(numbered, key=lambda pair: _block_key(pair[0])):
        rows = list(block)
        first = rows[0][0]
        if previous is not None and first["table_kind"] != previous["table_kind"]:
            yield PageBreak()
        yield from _headings(first, previous, look)
        yield _table(rows, look)
        yield Spacer(1, 12)
        previous = first


def _block_key(record: dict[str, Any]) -> tuple[Any, ...]:
    """Rows of one table: 2023 tables are per objective; 2017 tables carry banners inside."""
    section = record["section"] if "-v" in record["plan_version"] else None
    return (record["table_kind"], record.get("part"), tuple(record["cells"]), json.dumps(section))


def _headings(record: dict[str, Any], previous: dict[str, Any] | None, look: Look) -> Iterator[Any]:
    """What is printed above a table: snapshot title, plan part, or 2023 theme and objective."""
    section = record["section"]
    if record["table_kind"] == "rag_snapshot":
        yield Paragraph(markup(section["title"]), look.style(bold=True, scale=1.2))
    elif record.get("part"):
        yield Paragraph(markup(record["part"]), look.style(bold=True, scale=1.2))
    elif "-v" in record["plan_version"]:
        if previous is None or previous["section"]["group"] != section["group"]:
            yield Paragraph(markup(section["group"]), look.style(bold=True, scale=1.4))
        yield Paragraph(f"Objective {section['number']}", look.style(bold=True, scale=1.2))
        for line in (section["title"] or "").split("\n"):
            yield Paragraph(markup(line), look.style())
    yield Spacer(1, 6)


def _table(rows: list[tuple[dict[str, Any], set[int]]], look: Look) -> Any:
    headers = list(rows[0][0]["cells"])
    data: list[list[Any]] = [[cell(h, look, bold=True) for h in headers]]
    if rows[0][0]["table_kind"] == "rag_snapshot":
        data.append([cell(RAG_LEGEND if "RAG" in h else "", look, bold=True) for h in headers])
    header_rows, banners = len(data), []
    banner_key: tuple[Any, ...] | None = None
    for record, sink in rows:
        for banner in _banners(record, banner_key, len(headers)):
            banners.append(len(data))
            data.append([cell(text, look, bold=True) for text in banner])
        banner_key = _banner_key(record)
        data.append([cell(record["cells"][h], look, sink) for h in headers])
    columns = [[r["cells"][h] for r, _ in rows] for h in headers]
    return table(data, column_widths(columns, look), look, header_rows, banners)


def _banner_key(record: dict[str, Any]) -> tuple[Any, ...]:
    section = record["section"]
    return (section["group"], section["number"], section["title"])


def _banners(record: dict[str, Any], before: tuple[Any, ...] | None, width: int) -> list[list[str]]:
    """2017 area and recommendation banner rows (number, then the heading spanning the rest)."""
    if record["table_kind"] != "action_plan" or "-v" in record["plan_version"]:
        return []
    group, number, title = _banner_key(record)
    rows = []
    if group and (before is None or before[0] != group):
        head, _, rest = group.partition(" ")
        rows.append([head, rest] + [""] * (width - 2))
    if before is None or before[1:] != (number, title):
        rows.append([number or "", title or ""] + [""] * (width - 2))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", nargs="*", help=f"variant names: {[v.name for v in LOOKS]}")
    args = parser.parse_args(argv)
    for name, folder in build_variants(args.gold_dir, args.out, args.only):
        print(f"{name}: {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
