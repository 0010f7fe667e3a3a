"""Tags on the randomised generator's plans: leads, status and due date per row, scored against
the gold the generator writes by construction (``benchmarks/gensuite/seeded``).

    python benchmarks/tagging.py --gensuite develop [--seeds N]    # seeds 0..N-1, training wordings
    python benchmarks/tagging.py --gensuite evaluate [--seeds N]   # seeds 1000.., held-out wordings
    ... --cells   # the gold's own cells tagged: the tagging alone, whatever the extraction does

Each seed is built by the generator's own ``build_seeds`` (cached), each version's PDF goes
through the library as ``ingest`` does (``batch.jobs.extract_file``: extraction, the plan's RAG
key, tags), and every gold row is matched to the extracted row with the same table kind, part and
ref. A row the extraction missed counts as wrong for every field (the coverage is printed
beside). Leads are compared like with like, expanded: the generator's gold gives each lead as
printed ("AD Safeguarding") while the library prints it expanded ("Assistant Director
Safeguarding"), as ``benchmarks/gold/tags.jsonl`` does, so both sides go through the project's
own normaliser (``nlp.leads.normalise_lead``: the tagger's entity ruler and rendering, without
the cutting), then case and white space are made alike, and each lead is kept once (the library
drops a lead printed twice in a cell: "HoS; HoS"). ``develop`` also prints each field per
value of each dimension the seed's manifest records; ``evaluate`` prints the summary line only:
no gold lead, wording or other entry of the held-out pools is printed by either.
Nothing under ``benchmarks/gensuite/heldout/`` is read here.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

FIELDS = ("leads", "status_norm", "due_date")
SPLITS = {"develop": 0, "evaluate": 1000}


@dataclass
class Tally:
    """Right / total per field, and gold rows matched."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    rows: int = 0
    matched: int = 0

    def add(self, other: Tally) -> None:
        for name in FIELDS:
            self.right[name] += other.right[name]
        self.rows += other.rows
        self.matched += other.matched

    def line(self) -> str:
        parts = [f"{n} {self.right[n] / self.rows:.3f}" for n in FIELDS] if self.rows else []
        return "  ".join([*parts, f"rows {self.matched}/{self.rows} matched"])


@cache
def lead_normaliser() -> Callable[[str], str]:
    """The project's own lead normaliser, over the tagger's ruler (punctuation rules, no model)."""
    from councilpapers.nlp.leads import normalise_lead
    from councilpapers.nlp.pipeline import build_pipeline

    nlp = build_pipeline(splitter=None)
    return lambda lead: normalise_lead(nlp, lead)


def lead_key(lead: str, normalise: Callable[[str], str]) -> str:
    """A lead in comparable form: through the normaliser, case and spacing made alike."""
    return " ".join(normalise(lead).lower().split())


def distinct(items: Iterable[str]) -> list[str]:
    """The items in order, each once (a lead printed twice is one lead)."""
    return list(dict.fromkeys(items))


def row_key(record: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(record.get("table_kind")), str(record.get("part") or ""), str(record.get("ref")))


def predicted_rows(pdf: Path) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The library's tags of every action or snapshot row of one PDF, by (kind, part, ref)."""
    from councilpapers.batch.jobs import extract_file

    extracted = extract_file(str(pdf))
    tags = {(t.table, t.row): t.tags for t in extracted.tags}
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for table in extracted.tables:
        for row in table.rows:
            tag = tags.get((table.index, row.index))
            if tag is None:
                continue
            key = (table.kind, row.section.part or "", row.text("ref").strip())
            out.setdefault(key, {"leads": list(tag.leads), "status_norm": tag.status_norm,
                                 "due_date": tag.due_date})  # fmt: skip
    return out


def cell_rows(
    pdf: Path, gold: Sequence[Mapping[str, Any]]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The tags of the gold's own cells (the tagging alone, whatever the extraction does): the
    plan's RAG key as read from its pages, the plan date as extracted."""
    import datetime as dt

    from councilpapers.extract.extraction import extract_document
    from councilpapers.extract.rag_key import page_key
    from councilpapers.extract.settings import ExtractSettings
    from councilpapers.ingest.pdf import read_document
    from councilpapers.nlp.table_tags import shared_tagger

    document = read_document(str(pdf))
    key = next((k for page in document.pages if (k := page_key(page, ExtractSettings()))), ())
    dates = [t.plan.date for t in extract_document(document).tables if t.plan.date]
    when = dt.date.fromisoformat(dates[0]) if dates else None
    rows = [g for g in gold if all(name in g for name in FIELDS)]
    tags = shared_tagger().tag_many([g["fields"] for g in rows], when, key)
    return {
        row_key(g): {"leads": list(t.leads), "status_norm": t.status_norm, "due_date": t.due_date}
        for g, t in zip(rows, tags, strict=True)
    }


def score_rows(
    gold: Iterable[Mapping[str, Any]], found: Mapping[tuple[str, str, str], Mapping[str, Any]]
) -> Tally:
    """Each gold row that carries tag gold against the extracted row with its key."""
    normalise = lead_normaliser()
    tally = Tally()
    for record in gold:
        if not all(name in record for name in FIELDS):
            continue
        tally.rows += 1
        mine = found.get(row_key(record))
        if mine is None:
            continue
        tally.matched += 1
        leads = distinct(lead_key(x, normalise) for x in mine["leads"])
        tally.right["leads"] += leads == distinct(lead_key(x, normalise) for x in record["leads"])
        tally.right["status_norm"] += mine["status_norm"] == record["status_norm"]
        tally.right["due_date"] += mine["due_date"] == record["due_date"]
    return tally


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score_seed(folder: Path, cells: bool = False) -> Tally:
    tally = Tally()
    for pdf in sorted(folder.glob("*.pdf")):
        path = pdf.with_suffix(".jsonl")
        if path.exists():
            gold = read_jsonl(path)
            found = cell_rows(pdf, gold) if cells else predicted_rows(pdf)
            tally.add(score_rows(gold, found))
    return tally


def dimensions(folder: Path) -> dict[str, str]:
    """The seed's drawn dimensions (``manifest.json``'s design), as name -> value."""
    manifest = folder / "manifest.json"
    if not manifest.exists():
        return {}
    design = json.loads(manifest.read_text(encoding="utf-8")).get("design", {})
    return {k: str(v) for k, v in design.items() if isinstance(v, str | int | bool)}


def run(split: str, count: int, build: Any = None, cells: bool = False) -> Tally:
    """Build the split's seeds, score each, print the figures; returns the whole tally."""
    if build is None:
        sys.path.insert(0, str(Path(__file__).parent))
        try:
            from gensuite.seeded.build import build_seeds as build
        except ImportError:
            sys.exit("the randomised generator (benchmarks/gensuite/seeded) is not on this branch")
    first = SPLITS[split]
    folders = build(list(range(first, first + count)))
    total, by_value = Tally(), defaultdict(Tally)
    for folder in folders.values():
        tally = score_seed(Path(folder), cells)
        total.add(tally)
        for name, value in dimensions(Path(folder)).items():
            by_value[(name, value)].add(tally)
    what = "the gold's own cells" if cells else "the extracted rows"
    print(f"tags on {count} {split} seeds, {what}: {total.line()}")
    if split == "develop":
        print_dimensions(by_value)
    return total


def print_dimensions(by_value: Mapping[tuple[str, str], Tally]) -> None:
    for (name, value), tally in sorted(by_value.items()):
        print(f"  {name}={value}: {tally.line()}")


def main(argv: Sequence[str]) -> None:
    split = argv[argv.index("--gensuite") + 1]
    if split not in SPLITS:
        sys.exit(f"--gensuite takes develop or evaluate, not {split!r}")
    default = 20 if split == "develop" else 100
    count = int(argv[argv.index("--seeds") + 1]) if "--seeds" in argv else default
    run(split, count, cells="--cells" in argv)
