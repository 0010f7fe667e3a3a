"""Score an ``export actions`` file (or frame) against the corpus gold rows.

    python benchmarks/score.py EXPORT.csv|.json [--gold-dir ../shared/corpus/gold]
        [--min-f1 0.9] [--min-sim 0.9] [--worst 10]

Within each (doc, table_kind) predicted rows are matched one-to-one to gold logical rows
(``matching.py``). Figures, per doc and overall: row precision / recall / F1, mean cell similarity
over matched rows (per canonical field the gold prints), and the share of matched rows whose page
range, section number and plan version are right. ``score(frame, gold_dir)`` is the library entry.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from gold import EXPORT_COLUMNS, FIELDS, compact, gold_docs, load_gold, normalise
from matching import align, cell_similarity, dice, pair_weight, tokens

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "../shared/corpus/gold"


@dataclass
class Tally:
    """Counts behind the figures for one group of rows (a doc, or everything)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    cells: dict[str, list[float]] = field(default_factory=dict)
    checks: dict[str, list[bool]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        for name, values in other.cells.items():
            self.cells.setdefault(name, []).extend(values)
        for name, flags in other.checks.items():
            self.checks.setdefault(name, []).extend(flags)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def similarity(self) -> float:
        """Mean cell similarity over every gold cell of every matched row."""
        values = [v for vs in self.cells.values() for v in vs]
        return sum(values) / len(values) if values else float("nan")

    def field_similarity(self, name: str) -> float:
        values = self.cells.get(name, [])
        return sum(values) / len(values) if values else float("nan")

    def accuracy(self, check: str) -> float:
        flags = self.checks.get(check, [])
        return sum(flags) / len(flags) if flags else float("nan")


@dataclass
class Report:
    """Scores per doc and overall, plus every matched cell for inspection."""

    by_doc: dict[str, Tally]
    overall: Tally
    cells: pd.DataFrame
    unscored_docs: list[str]

    def table(self) -> str:
        return format_report(self)


def read_export(path: Path) -> pd.DataFrame:
    """Read an ``export actions`` CSV, JSON (records) or JSON Lines file, every text as str."""
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("["):
        records = json.loads(text)
    elif text.startswith("{") and "\n" not in text:
        records = _columns_json(json.loads(text))
    else:
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    return pd.DataFrame(records)


def _columns_json(data: dict[str, Any]) -> list[dict[str, Any]]:
    """pandas' default to_json(orient='columns') layout -> records."""
    columns = {name: dict(values) for name, values in data.items()}
    keys = list(next(iter(columns.values()), {}))
    return [{name: values.get(key) for name, values in columns.items()} for key in keys]


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a predicted frame every export column, text as str and pages as Int64."""
    out = frame.copy()
    for name in EXPORT_COLUMNS:
        if name not in out.columns:
            out[name] = None
    for name in ("page_first", "page_last"):
        out[name] = pd.to_numeric(out[name], errors="coerce").astype("Int64")
    out["_order"] = range(len(out))
    return out.sort_values(["doc", "page_first", "_order"], kind="stable", na_position="last")


def score(
    frame: pd.DataFrame, gold_dir: Path = DEFAULT_GOLD, docs: Iterable[str] | None = None
) -> Report:
    """Score a predicted export frame against the gold under ``gold_dir``."""
    universe = list(docs) if docs is not None else gold_docs(gold_dir)
    gold = load_gold(gold_dir, universe)
    predicted = prepare(frame)
    unscored = sorted(set(predicted["doc"].dropna()) - set(universe))
    predicted = predicted[predicted["doc"].isin(universe)]
    by_doc, cell_rows = {}, []
    for doc in universe:
        tally, cells = _score_doc(predicted[predicted["doc"] == doc], gold[gold["doc"] == doc])
        by_doc[doc] = tally
        cell_rows.extend(cells)
    overall = Tally()
    for tally in by_doc.values():
        overall.add(tally)
    return Report(by_doc, overall, pd.DataFrame(cell_rows), unscored)


def _score_doc(predicted: pd.DataFrame, gold: pd.DataFrame) -> tuple[Tally, list[dict[str, Any]]]:
    tally, cells = Tally(), []
    kinds = set(predicted["table_kind"].dropna()) | set(gold["table_kind"])
    for kind in sorted(map(str, kinds)):
        pred_rows = _records(predicted[predicted["table_kind"] == kind])
        gold_rows = _records(gold[gold["table_kind"] == kind])
        tally.gold += len(gold_rows)
        tally.predicted += len(pred_rows)
        for i, j in match_rows(pred_rows, gold_rows):
            tally.matched += 1
            cells.extend(_compare(pred_rows[i], gold_rows[j], tally))
    return tally, cells


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def match_rows(
    pred_rows: list[dict[str, Any]], gold_rows: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one, order-preserving matches (predicted index, gold index)."""
    if not pred_rows or not gold_rows:
        return []
    pred_bags = [_row_tokens(row, gold_rows[0]["gold_fields"]) for row in pred_rows]
    weights = []
    for pred, bag in zip(pred_rows, pred_bags, strict=True):
        weights.append([_weight(pred, bag, g) for g in gold_rows])
    return align(weights)


def _row_tokens(row: dict[str, Any], names: list[str]) -> Any:
    return tokens(" ".join(_text(row.get(name)) for name in names if name != "ref"))


def _weight(pred: dict[str, Any], bag: Any, gold: dict[str, Any]) -> float | None:
    text_sim = dice(bag, _row_tokens(gold, gold["gold_fields"]))
    same_ref = bool(compact(gold.get("ref"))) and _same(pred.get("ref"), gold.get("ref"))
    same_section = _same(pred.get("section_number"), gold.get("section_number"))
    return pair_weight(text_sim, same_ref, same_section)


def _text(value: object) -> str:
    return normalise(value)


def _same(left: object, right: object) -> bool:
    return compact(left) == compact(right)


def _compare(pred: dict[str, Any], gold: dict[str, Any], tally: Tally) -> list[dict[str, Any]]:
    cells = []
    for name in gold["gold_fields"]:
        sim = cell_similarity(pred.get(name), gold.get(name))
        tally.cells.setdefault(name, []).append(sim)
        cells.append(
            {
                "doc": gold["doc"],
                "table_kind": gold["table_kind"],
                "ref": gold["ref"],
                "field": name,
                "similarity": sim,
                "predicted": _text(pred.get(name)),
                "gold": _text(gold.get(name)),
            }
        )
    for check in ("section_number", "plan_version"):
        tally.checks.setdefault(check, []).append(_same(pred.get(check), gold.get(check)))
    if not pd.isna(gold["page_first"]):
        pages_ok = _same_page(pred, gold, "page_first") and _same_page(pred, gold, "page_last")
        tally.checks.setdefault("pages", []).append(pages_ok)
    return cells


def _same_page(pred: dict[str, Any], gold: dict[str, Any], name: str) -> bool:
    value = pred.get(name)
    return value is not None and not pd.isna(value) and int(value) == int(gold[name])


def format_report(report: Report) -> str:
    """Plain-text tables: per doc and overall, then per field."""
    header = f"{'doc':<34}{'gold':>6}{'pred':>6}{'match':>6}{'P':>7}{'R':>7}{'F1':>7}"
    header += f"{'cellsim':>9}{'pages':>7}{'sect':>7}{'vers':>7}"
    lines = [header, "-" * len(header)]
    for doc, tally in [*report.by_doc.items(), ("ALL", report.overall)]:
        lines.append(_doc_line(doc, tally))
    lines += ["", f"{'field':<12}{'cells':>7}{'mean sim':>10}{'exact':>8}"]
    for name in FIELDS:
        values = report.overall.cells.get(name, [])
        if values:
            exact = sum(v == 1.0 for v in values) / len(values)
            lines.append(
                f"{name:<12}{len(values):>7}{sum(values) / len(values):>10.3f}{exact:>8.3f}"
            )
    if report.unscored_docs:
        lines.append(f"\nnot in gold (not scored): {', '.join(report.unscored_docs)}")
    return "\n".join(lines)


def _doc_line(doc: str, t: Tally) -> str:
    figures = (t.precision, t.recall, t.f1)
    line = f"{doc[:33]:<34}{t.gold:>6}{t.predicted:>6}{t.matched:>6}"
    line += "".join(f"{v:>7.3f}" for v in figures) + f"{t.similarity:>9.3f}"
    return line + "".join(
        f"{t.accuracy(c):>7.3f}" for c in ("pages", "section_number", "plan_version")
    )


def worst_cells(report: Report, count: int) -> str:
    """The ``count`` least similar matched cells, for finding what to fix."""
    if report.cells.empty or count <= 0:
        return ""
    rows = report.cells.sort_values("similarity").head(count)
    return "\n".join(
        f"{r.similarity:.2f} {r.doc} {r.table_kind} ref={r.ref} {r.field}\n"
        f"   pred: {str(r.predicted)[:160]}\n   gold: {str(r.gold)[:160]}"
        for r in rows.itertuples()
    )


def check_floors(report: Report, min_f1: float | None, min_sim: float | None) -> list[str]:
    """Messages for every floor the overall figures miss."""
    misses = []
    if min_f1 is not None and not report.overall.f1 >= min_f1:
        misses.append(f"row F1 {report.overall.f1:.3f} is below the floor {min_f1}")
    if min_sim is not None and not report.overall.similarity >= min_sim:
        misses.append(
            f"cell similarity {report.overall.similarity:.3f} is below the floor {min_sim}"
        )
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="export actions file (.csv, .json, .jsonl)")
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--docs", nargs="*", help="score only these docs (file names)")
    parser.add_argument("--min-f1", type=float)
    parser.add_argument("--min-sim", type=float)
    parser.add_argument("--worst", type=int, default=0, help="show the N least similar cells")
    args = parser.parse_args(argv)
    report = score(read_export(args.export), args.gold_dir, args.docs)
    print(report.table())
    if args.worst:
        print("\n" + worst_cells(report, args.worst))
    misses = check_floors(report, args.min_f1, args.min_sim)
    for miss in misses:
        print(f"FAIL: {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
