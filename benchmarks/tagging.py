"""Tagging benchmark: per-field accuracy, per-theme F1 and throughput against the hand-written gold.

Gold: ``benchmarks/gold/tags.jsonl`` (165 rows: Torbay plan Version 21, the 2023 plan and one in
three
rows of Kent's ICS delivery plan). Leads, due date and kind, and status are scored on every row,
exactly.
Themes are scored only on rows marked ``heldout``, which are checked not to be among the training
rows.
Run: ``python benchmarks/tagging.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from councilpapers.nlp.tagging import Tagger, Tags, load_tagger
from councilpapers.nlp.themes import load_examples, load_labels
from sklearn.metrics import precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

GOLD = Path(__file__).parent / "gold" / "tags.jsonl"


def load_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


def tag_all(gold: list[dict[str, Any]], tagger: Tagger | None = None) -> tuple[list[Tags], float]:
    tagger = tagger or load_tagger()
    start = time.perf_counter()
    tags: list[Tags] = []
    for plan in sorted({g["plan_date"] for g in gold}):
        rows = [g for g in gold if g["plan_date"] == plan]
        tags += tagger.tag_many([g["fields"] for g in rows], dt.date.fromisoformat(plan))
    elapsed = time.perf_counter() - start
    order = [g for p in sorted({g["plan_date"] for g in gold}) for g in gold if g["plan_date"] == p]
    by_id = {g["id"]: t for g, t in zip(order, tags, strict=True)}
    return [by_id[g["id"]] for g in gold], len(gold) / elapsed


def field_accuracy(gold: list[dict[str, Any]], tags: list[Tags]) -> dict[str, float]:
    checks = {
        "leads": lambda g, t: list(t.leads) == g["leads"],
        "due_date": lambda g, t: (t.due_date.isoformat() if t.due_date else None) == g["due_date"],
        "due_kind": lambda g, t: t.due_kind == g["due_kind"],
        "status_norm": lambda g, t: t.status_norm == g["status_norm"],
    }
    return {name: sum(f(g, t) for g, t in zip(gold, tags, strict=True)) / len(gold)
            for name, f in checks.items()}  # fmt: skip


def theme_scores(gold: list[dict[str, Any]], tags: list[Tags]) -> tuple[list[str], Any, float, int]:
    trained = {e.id for e in load_examples()}
    pairs = [(g, t) for g, t in zip(gold, tags, strict=True) if g["theme_split"] == "heldout"]
    leaked = [g["id"] for g, _ in pairs if g["id"] in trained]
    if leaked:
        sys.exit(f"held-out rows used for training: {leaked}")
    ids = [lab.id for lab in load_labels()]
    binarizer = MultiLabelBinarizer(classes=ids)
    y_gold = binarizer.fit_transform([g["themes"] for g, _ in pairs])
    y_pred = binarizer.transform([t.themes for _, t in pairs])
    per_label = precision_recall_fscore_support(y_gold, y_pred, average=None, zero_division=0)
    micro = precision_recall_fscore_support(y_gold, y_pred, average="micro", zero_division=0)[2]
    return ids, per_label, float(micro), len(pairs)


def main() -> None:
    gold = load_gold()
    tags, rate = tag_all(gold)
    print(f"rows: {len(gold)}")
    for name, acc in field_accuracy(gold, tags).items():
        print(f"{name:12s} accuracy {acc:.3f}")
    ids, (p, r, f, s), micro, n = theme_scores(gold, tags)
    print(f"themes on {n} held-out rows (not used for training):")
    for i, label in enumerate(ids):
        print(f"  {label:24s} P {p[i]:.2f}  R {r[i]:.2f}  F1 {f[i]:.2f}  n={s[i]}")
    print(f"theme micro-F1 {micro:.3f}")
    print(f"throughput {rate:.0f} rows/s")


if __name__ == "__main__":
    main()
