"""Recommendation lists of real Ofsted reports against the hand-read gold.

Gold: gold/ofsted_reports.jsonl and gold/ofsted_items.jsonl (format and the dev/test split rule in
README.md). Each report in ../shared/real/ofsted is read and extracted with the library
(`read_document`, `extract_document`), as ingest does.

    python benchmarks/real_reports.py [--part dev|test|all] [--details]

Gold items and found items are paired one to one within a report by the text similarity of
their whole wording (sub-items included, as "• " lines; difflib's ratio on text with white space
runs closed up), an optimal assignment; a pair counts when the similarity is at least 0.90.
Printed per part and framework: recall and precision of items, the share of gold items found
exactly as printed (equal once white space runs are one space), kinds right among matched
items, priority actions told apart (found as priority actions / gold priority actions, and
items wrongly called priority actions), responsible bodies right, judgement and dates right per
report, and the reports typed `inspection_report` (every part of the file). `--details` lists
the misses of the development part only: the test part's items are never shown while
developing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from councilpapers.extract.extraction import extract_document
from councilpapers.ingest.pdf import read_document
from councilpapers.records import ExtractedDocument

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
OFSTED = HERE.parents[1] / "shared" / "real" / "ofsted"
MATCH = 0.90


@dataclass(frozen=True, slots=True)
class GoldReport:
    file: str
    framework: str
    judgement: str
    dates: tuple[str, str]
    items: tuple[dict[str, object], ...]
    part: str


@dataclass(slots=True)
class Tally:
    """Counts over a set of reports."""

    reports: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    exact: int = 0
    kind_right: int = 0
    priority_gold: int = 0
    priority_found: int = 0
    priority_wrong: int = 0
    bodies: int = 0
    bodies_right: int = 0
    judgement_right: int = 0
    dates_right: int = 0
    typed_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.gold if self.gold else 1.0


def load_gold(gold_dir: Path = GOLD) -> list[GoldReport]:
    """The gold reports with their items, each in its part by the README's rule."""
    reports = [json.loads(x) for x in (gold_dir / "ofsted_reports.jsonl").read_text().splitlines()]
    items: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in (gold_dir / "ofsted_items.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        items[item["file"]].append(item)
    parts = split_parts(reports)
    return [
        GoldReport(
            r["file"],
            r["framework"],
            r["judgement"],
            tuple(r["dates"]),
            tuple(items[r["file"]]),
            parts[r["file"]],
        )
        for r in reports
    ]


def split_parts(reports: Iterable[dict[str, object]]) -> dict[str, str]:
    """Group by framework, sort by file name; index mod 3 = 1 is the test part."""
    groups: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        groups[str(report["framework"])].append(str(report["file"]))
    return {
        name: "test" if index % 3 == 1 else "dev"
        for names in groups.values()
        for index, name in enumerate(sorted(names))
    }


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def gold_text(item: dict[str, object]) -> str:
    subs = item.get("sub_items") or []
    assert isinstance(subs, list)
    return normalise("".join([str(item["text"]), *(f"\n• {s}" for s in subs)]))


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def score_report(report: GoldReport, extracted: ExtractedDocument) -> Tally:
    """One report's tally: items paired by text, kinds, bodies, judgement, dates and type."""
    points, facts = list(extracted.inspection), extracted.facts
    tally = Tally(reports=1, gold=len(report.items), found=len(points))
    parts = extracted.items
    tally.typed_right = int(bool(parts) and all(p.doc_type == "inspection_report" for p in parts))
    golds = [gold_text(g) for g in report.items]
    founds = [normalise(p.full_text) for p in points]
    tally.priority_gold = sum(g["kind"] == "priority_action" for g in report.items)
    pairs = _pairs(golds, founds)
    for g, f in pairs:
        gold, point = report.items[g], points[f]
        tally.matched += 1
        tally.exact += golds[g] == founds[f]
        tally.kind_right += gold["kind"] == point.kind
        tally.priority_found += gold["kind"] == point.kind == "priority_action"
        tally.priority_wrong += gold["kind"] != "priority_action" == point.kind
        if gold.get("responsible_body"):
            tally.bodies += 1
            tally.bodies_right += normalise(str(gold["responsible_body"])) == normalise(
                point.responsible_body or ""
            )
        if golds[g] != founds[f]:
            tally.misses.append(f"  ~ {report.file}\n    gold {golds[g]!r}\n    ours {founds[f]!r}")
    seen_g, seen_f = {g for g, _ in pairs}, {f for _, f in pairs}
    tally.misses += [f"  - {report.file}: {t!r}" for g, t in enumerate(golds) if g not in seen_g]
    tally.misses += [f"  + {report.file}: {t!r}" for f, t in enumerate(founds) if f not in seen_f]
    tally.judgement_right = int(facts is not None and facts.judgement == report.judgement)
    dates = (facts.date_first, facts.date_last) if facts else None
    tally.dates_right = int(dates == report.dates)
    if not tally.judgement_right or not tally.dates_right:
        tally.misses.append(f"  ! {report.file}: {report.judgement} {report.dates} / {facts}")
    return tally


def _pairs(golds: list[str], founds: list[str]) -> list[tuple[int, int]]:
    if not golds or not founds:
        return []
    scores = np.array([[similarity(g, f) for f in founds] for g in golds])
    rows, cols = linear_sum_assignment(-scores)
    return [(g, f) for g, f in zip(rows, cols, strict=True) if scores[g, f] >= MATCH]


def evaluate(reports: Iterable[GoldReport], root: Path = OFSTED) -> dict[tuple[str, str], Tally]:
    """Tallies by (part, framework), with "all" for each part and for everything."""
    out: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for report in reports:
        tally = score_report(report, extract_document(read_document(root / report.file)))
        for key in ((report.part, report.framework), (report.part, "all"), ("all", "all")):
            out[key].add(tally)
    return dict(out)


def table(tallies: dict[tuple[str, str], Tally]) -> str:
    head = (
        "| part | framework | reports | gold | found | recall | precision | exact | kinds "
        "| priority found | wrongly priority | bodies | judgement | dates | typed |\n"
        "| --- | --- |" + " ---: |" * 13
    )
    rows = []
    for (part, framework), t in sorted(tallies.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        rows.append(
            f"| {part} | {framework} | {t.reports} | {t.gold} | {t.found} | {t.recall:.3f} "
            f"| {t.precision:.3f} | {t.exact_share:.3f} | {t.kind_right}/{t.matched} "
            f"| {t.priority_found}/{t.priority_gold} | {t.priority_wrong} "
            f"| {t.bodies_right}/{t.bodies} | {t.judgement_right}/{t.reports} "
            f"| {t.dates_right}/{t.reports} | {t.typed_right}/{t.reports} |"
        )
    return "\n".join([head, *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--details", action="store_true", help="misses of the dev part")
    args = parser.parse_args()
    if not OFSTED.is_dir():
        print(f"no reports at {OFSTED}", file=sys.stderr)
        return 2
    reports = [r for r in load_gold() if args.part in ("all", r.part)]
    tallies = evaluate(reports)
    print(table(tallies))
    if args.details and ("dev", "all") in tallies:
        print("\ndevelopment part, items not found exactly (- missed, + extra, ~ not exact):")
        print("\n".join(tallies[("dev", "all")].misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
