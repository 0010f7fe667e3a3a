"""Draw unlabelled candidate rows for hand-labelling themes: training-only text for the model.

Two kinds of text, both read by the project's own pipeline: paragraphs of inspection reports and
council reports (``extract.layout.paragraphs`` on each page's body words outside every table cell,
page furniture already set aside), and rows of tables that are not improvement-plan action tables
(KPI tables, risk registers, progress reports). Candidates are drawn in a seeded order, at most
``--per-file`` from each paper, and written as JSON lines with empty ``themes`` for annotators to
fill in by hand from the definitions in ``models/themes.yaml``. Nothing here looks at any model's
predictions. Before candidates join ``models/themes_auxiliary.jsonl``, drop any that fall in a
near-duplicate group with a held-out row or share a sentence with one
(``councilpapers.nlp.theme_split``); ``tests/test_nlp_themes.py`` checks that none do.

The rows in ``themes_auxiliary.jsonl`` came from the 13 Ofsted reports and the Kent papers in
``../shared/real`` (not the two ICS delivery-plan appendices) with ``--per-file 30`` and ``15``,
and the corpus papers other than the 2023 plan with ``--per-file 45``.

Run: ``python benchmarks/theme_candidates.py OUT.jsonl PDF... [--per-file 30] [--prefix aux]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from councilpapers.extract.layout import line_pitch, paragraphs, to_lines, words_in
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from councilpapers.records import BBox, Document, Table

MIN_CHARS, MAX_CHARS = 160, 1200
ACTION_KINDS = {"action_plan"}


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _usable(text: str) -> bool:
    """Running prose: long enough, mostly letters, not a contents line or a list of numbers."""
    return MIN_CHARS <= len(text) <= MAX_CHARS and _letters(text) > 0.7 * len(text)


def table_boxes(tables: Sequence[Table]) -> dict[int, list[BBox]]:
    """Per page, the boxes of every printed table cell: their words are not running prose."""
    boxes: dict[int, list[BBox]] = defaultdict(list)
    for table in tables:
        for row in table.rows:
            for cell in row.fields.values():
                for span in cell.spans:
                    boxes[span.page].append(span.bbox)
    return boxes


def page_paragraphs(document: Document, tables: Sequence[Table]) -> Iterator[tuple[int, str]]:
    """(page, paragraph) for every usable paragraph of the body text outside the tables."""
    boxes = table_boxes(tables)
    settings = ExtractSettings()
    for page in document.pages:
        inside = {id(w) for box in boxes.get(page.number, ()) for w in words_in(page.words, box)}
        lines = to_lines([w for w in page.words if id(w) not in inside], settings)
        if not lines:
            continue
        pitch = line_pitch([lines])
        for text in paragraphs(lines, settings, pitch=pitch):
            text = re.sub(r"\s+", " ", text).strip()
            if _usable(text):
                yield page.number, text


def table_rows(tables: Sequence[Table]) -> Iterator[tuple[int, str]]:
    """(page, text) for rows of tables that are not action tables: each cell on its own line."""
    for table in tables:
        if table.kind in ACTION_KINDS:
            continue
        for row in table.rows:
            cells = [c.text.strip() for c in row.fields.values() if _letters(c.text) >= 3]
            text = "\n".join(cells)
            if MIN_CHARS // 2 <= len(text) <= MAX_CHARS and _letters(text) > 0.6 * len(text):
                yield row.page_first, text


def candidates(path: Path, per_file: int, prefix: str, seed: int) -> list[dict[str, object]]:
    document = read_document(path)
    tables = find_tables(document)
    drawn = [("table", p, t) for p, t in table_rows(tables)]
    drawn += [("paragraph", p, t) for p, t in page_paragraphs(document, tables)]
    unique = list({t: (kind, p, t) for kind, p, t in drawn}.values())
    random.Random(f"{seed}:{path.name}").shuffle(unique)
    tag = hashlib.sha1(path.name.encode()).hexdigest()[:6]
    rows = []
    for n, (kind, page, text) in enumerate(sorted(unique[:per_file], key=lambda c: c[1])):
        field = "actions" if kind == "table" else "progress"
        rows.append({
            "id": f"{prefix}-{tag}-{n:02d}", "source": path.name, "page": page, "ref": None,
            "plan_version": None, "kind": kind, "fields": {field: text}, "themes": [],
        })  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("pdfs", type=Path, nargs="+")
    parser.add_argument("--per-file", type=int, default=30)
    parser.add_argument("--prefix", default="aux")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for path in args.pdfs:
            rows = candidates(path, args.per_file, args.prefix, args.seed)
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"{path.name}: {len(rows)} candidates")


if __name__ == "__main__":
    main()
