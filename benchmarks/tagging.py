"""Tagging benchmark: per-field accuracy, per-theme F1 and throughput against the hand-written gold.

Gold: ``benchmarks/gold/tags.jsonl`` (165 rows: Torbay plan Version 21, the 2023 plan and one in
three rows of Kent's ICS delivery plan). Leads, due date and kind, and status are scored on every
row, exactly. Themes are scored on the labelled rows listed in ``models/themes_heldout.yaml``
(grouped by near-duplicates, stratified by source; checked to share no id or near-duplicate group
with the training rows or the auxiliary training-only rows), against the adjudicated labels of two
independent annotators; the agreement of the annotators with each other, and the model's figure
against each annotator alone, are printed beside it. The harder cross-document figure is the whole
2023 plan scored by a model trained on every other paper. Run: ``python benchmarks/tagging.py``;
``--gensuite develop|evaluate [--seeds N]`` scores leads, status and due date on the randomised
generator's seeds instead (``tagging_gensuite.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sklearn.metrics import precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

from councilpapers.nlp.resources import read_jsonl
from councilpapers.nlp.tagging import Tagger, load_tagger
from councilpapers.nlp.theme_split import group_rows, sharing_sentences
from councilpapers.nlp.themes import (
    Example,
    ThemeModel,
    auxiliary_examples,
    fit,
    load_config,
    load_examples,
    load_labels,
)
from councilpapers.nlp.train import gold_matrix
from councilpapers.nlp.train import micro as micro_score
from councilpapers.records import RowTags

GOLD = Path(__file__).parent / "gold" / "tags.jsonl"
CROSS_DOC = "ccip-v4-2023-10.pdf"


def load_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


def tag_all(
    gold: list[dict[str, Any]], tagger: Tagger | None = None
) -> tuple[list[RowTags], float]:
    tagger = tagger or load_tagger()
    start = time.perf_counter()
    tags: list[RowTags] = []
    for plan in sorted({g["plan_date"] for g in gold}):
        rows = [g for g in gold if g["plan_date"] == plan]
        tags += tagger.tag_many([g["fields"] for g in rows], dt.date.fromisoformat(plan))
    elapsed = time.perf_counter() - start
    order = [g for p in sorted({g["plan_date"] for g in gold}) for g in gold if g["plan_date"] == p]
    by_id = {g["id"]: t for g, t in zip(order, tags, strict=True)}
    return [by_id[g["id"]] for g in gold], len(gold) / elapsed


def field_accuracy(gold: list[dict[str, Any]], tags: list[RowTags]) -> dict[str, float]:
    checks = {
        "leads": lambda g, t: list(t.leads) == g["leads"],
        "due_date": lambda g, t: t.due_date == g["due_date"],
        "due_kind": lambda g, t: t.due_kind == g["due_kind"],
        "status_norm": lambda g, t: t.status_norm == g["status_norm"],
    }
    return {name: sum(f(g, t) for g, t in zip(gold, tags, strict=True)) / len(gold)
            for name, f in checks.items()}  # fmt: skip


def theme_figures(
    model: ThemeModel, examples: Sequence[Example]
) -> tuple[list[str], Any, float, Any]:
    """Per-label P/R/F1/support and micro-F1 of the model's themes for the examples."""
    ids = [lab.id for lab in load_labels()]
    binarizer = MultiLabelBinarizer(classes=ids)
    y_gold = binarizer.fit_transform([e.themes for e in examples])
    y_pred = binarizer.transform(model.predict([e.fields for e in examples]))
    per_label = precision_recall_fscore_support(y_gold, y_pred, average=None, zero_division=0)
    micro = precision_recall_fscore_support(y_gold, y_pred, average="micro", zero_division=0)
    return ids, per_label, float(micro[2]), micro


def check_no_leak(
    train: Sequence[Example], auxiliary: Sequence[Example], heldout: Sequence[Example]
) -> None:
    """Stop if a held-out row was trained on, has a near-duplicate among the training rows or
    the auxiliary (training-only) rows, or shares a whole sentence with an auxiliary row."""
    train = [*train, *auxiliary]
    trained = {e.id for e in train}
    leaked = [e.id for e in heldout if e.id in trained]
    if leaked:
        sys.exit(f"held-out rows used for training: {leaked}")
    groups = group_rows([*train, *heldout])
    shared = set(groups[: len(train)]) & set(groups[len(train) :])
    if shared:
        sys.exit(f"held-out rows share near-duplicate groups with training rows: {len(shared)}")
    quoted = sharing_sentences(heldout, auxiliary)
    if quoted:
        sys.exit(f"auxiliary rows share a sentence with held-out rows: {quoted}")


def print_themes(title: str, figures: tuple[list[str], Any, float, Any]) -> None:
    ids, (p, r, f, s), micro, (mp, mr, _, _) = figures
    print(title)
    for i, label in enumerate(ids):
        print(f"  {label:24s} P {p[i]:.2f}  R {r[i]:.2f}  F1 {f[i]:.2f}  n={s[i]}")
    print(f"  micro P {mp:.3f}  R {mr:.3f}  F1 {micro:.3f}")


def annotation(examples: Sequence[Example], who: str) -> list[Example]:
    """The examples with one annotator's labels (``first`` or ``second``) in place of the final,
    adjudicated ones."""
    raw = {r["id"]: r["annotations"][who] for r in read_jsonl("themes_labelled.jsonl")}
    return [replace(e, themes=tuple(raw[e.id])) for e in examples]


def micro_f1(gold: Sequence[Example], other: Sequence[Example]) -> float:
    """Micro-F1 of one labelling of the rows against another."""
    labels = load_labels()
    return micro_score(gold_matrix(gold, labels), gold_matrix(other, labels)).f1


def agreement_report(model: ThemeModel, heldout: Sequence[Example]) -> None:
    """How far people agree on the same rows: the ceiling to read a model's figure against."""
    first, second = annotation(heldout, "first"), annotation(heldout, "second")
    print("annotators on the held-out rows (micro-F1 of one against the other):")
    print(f"  first vs second annotator (independent, blind): {micro_f1(first, second):.3f}")
    print(f"  first annotator vs adjudicated: {micro_f1(heldout, first):.3f}")
    print(f"  second annotator vs adjudicated: {micro_f1(heldout, second):.3f}")
    print(f"  model vs first annotator alone: {theme_figures(model, first)[2]:.3f}")
    print(f"  model vs second annotator alone: {theme_figures(model, second)[2]:.3f}")


def theme_report(model: ThemeModel) -> None:
    """Held-out split (the model trained on the training split) and the cross-document figure."""
    config = load_config()
    train, heldout, auxiliary = (
        load_examples("train"),
        load_examples("heldout"),
        auxiliary_examples(config),
    )
    check_no_leak(train, auxiliary, heldout)
    title = (
        f"themes on {len(heldout)} held-out rows (models/themes_heldout.yaml; never trained on):"
    )
    held = theme_figures(model, heldout)
    print_themes(title, held)
    for family, prefix in (("Torbay plans", "pdd-"), ("Kent papers", "cabinet_")):
        rows = [e for e in heldout if e.source.startswith(prefix)]
        print(f"  held-out {family}: micro-F1 {theme_figures(model, rows)[2]:.3f} on {len(rows)}")
    rows = [e for e in heldout if e.source == CROSS_DOC]
    print(f"  held-out 2023 plan: micro-F1 {theme_figures(model, rows)[2]:.3f} on {len(rows)}")
    rows = [e for e in heldout if not e.source.startswith(("pdd-", "cabinet_", "ccip-"))]
    print(f"  held-out Ofsted reports: micro-F1 {theme_figures(model, rows)[2]:.3f} on {len(rows)}")
    alike = set(sharing_sentences(train, heldout))
    rows = [e for e in heldout if e.id not in alike]
    print(
        f"  held-out rows sharing no whole sentence with any training row: micro-F1 "
        f"{theme_figures(model, rows)[2]:.3f} on {len(rows)} (the other {len(alike)} repeat a "
        f"line of a training row, e.g. a commitment listed under several outcomes)"
    )
    agreement_report(model, heldout)
    everything = load_examples("all")
    others = [e for e in [*everything, *auxiliary] if e.source != CROSS_DOC]
    target = [e for e in everything if e.source == CROSS_DOC]
    cross = fit(others, load_labels(), config)
    title = f"cross-document: trained on {len(others)} rows of other papers, tested on {CROSS_DOC}:"
    figures = theme_figures(cross, target)
    print(f"{title}\n  micro-F1 {figures[2]:.3f} on {len(target)} rows")
    print(f"theme micro-F1 {held[2]:.3f} (held-out split); {figures[2]:.3f} (cross-document 2023)")


def council_report() -> None:
    """Leave-one-council-out on the training split: what a council the model never saw gets."""
    from councilpapers.nlp.theme_councils import PLAN_COUNCILS, leave_one_council_out

    report = leave_one_council_out(load_config())
    print("themes on councils not trained on (leave-one-council-out, training split):")
    for s in report.scores:
        print(
            f"  {s.label:24s} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}  n={s.support}"
        )
    print(f"  micro F1 {report.micro.f1:.3f} (configured thresholds)")
    if report.nested is not None:
        print(
            f"  micro F1 {report.nested.f1:.3f} with each council's thresholds tuned on the "
            f"other councils' rows alone (nested)"
        )
    if report.plan_councils is not None and report.nested_plan_councils is not None:
        print(
            f"  council-plan councils ({', '.join(PLAN_COUNCILS)}) pooled: micro-F1 "
            f"{report.plan_councils.f1:.3f} (nested {report.nested_plan_councils.f1:.3f})"
        )
    for name, (f1, n) in report.councils.items():
        if n >= 15:
            print(f"  council {name}: micro-F1 {f1:.3f} on {n} rows")


def main() -> None:
    if "--gensuite" in sys.argv:  # the randomised generator's seeds (tagging_gensuite.py)
        from tagging_gensuite import main as gensuite_main

        gensuite_main(sys.argv)
        return
    gold = load_gold()
    tagger = load_tagger()
    tags, rate = tag_all(gold, tagger)
    print(f"rows: {len(gold)}")
    for name, acc in field_accuracy(gold, tags).items():
        print(f"{name:12s} accuracy {acc:.3f}")
    print(f"throughput {rate:.0f} rows/s")
    theme_report(tagger.themes)
    council_report()


if __name__ == "__main__":
    main()
