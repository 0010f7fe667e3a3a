"""Themes on councils the model has not seen: cross-validation grouped by council.

Each council's labelled rows (Torbay's plans and its inspection report, Kent's papers and its
inspection reports, each other Ofsted report's council) are scored by a model trained on every
other council's rows (and the auxiliary training-only rows of other councils): the figure that
says what a new council's plan will get, and the one theme settings are chosen by. Two sets of
thresholds are scored: the configured ones (tuned by `train`, which saw every council's labels,
so slightly flattered here), and thresholds tuned for each council on the other councils'
out-of-council probabilities alone (nested: the council's own labels never choose its
thresholds). Per-label precision, recall and F1 over all councils, micro-F1 per council, and
micro-F1 pooled over the councils whose rows are plan rows (Torbay and Kent).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from councilpapers.nlp.themes import (
    Example,
    auxiliary_examples,
    decide,
    fit,
    load_examples,
    load_labels,
    thresholds,
)
from councilpapers.nlp.train import LabelScore, gold_matrix, micro, score, tune_thresholds

TORBAY = ("pdd-", "ccip-", "progress-report", "annual-conversation")
KENT = ("cabinet_", "full_council_")
PLAN_COUNCILS = ("kent", "torbay")  # the councils whose labelled rows include plan rows


def council(source: str) -> str:
    """The council a labelled row's paper comes from."""
    if source.startswith(TORBAY):
        return "torbay"
    if source.startswith(KENT):
        return "kent"
    return source.split("__")[0] or "unknown"


@dataclass(frozen=True, slots=True)
class CouncilReport:
    """Leave-one-council-out figures (configured thresholds; `nested` with thresholds tuned
    without the council's own labels)."""

    scores: tuple[LabelScore, ...]
    micro: LabelScore
    councils: Mapping[str, tuple[float, int]]  # council -> (micro-F1, rows)
    plan_councils: LabelScore | None = None
    nested: LabelScore | None = None
    nested_plan_councils: LabelScore | None = None


def out_of_council(
    rows: Sequence[Example], config: Mapping[str, Any], groups: Sequence[str]
) -> np.ndarray:
    """Each row's label probabilities from a model trained without the row's council."""
    labels = load_labels()
    extra = auxiliary_examples(config)
    probabilities = np.zeros((len(rows), len(labels)))
    for name in sorted(set(groups)):
        test = [i for i, g in enumerate(groups) if g == name]
        train = [e for e, g in zip(rows, groups, strict=True) if g != name]
        train += [a for a in extra if council(a.source) != name]
        model = fit(train, labels, config)
        probabilities[test] = model.probabilities([rows[i].fields for i in test])
    return probabilities


def nested_decisions(
    gold: np.ndarray, probabilities: np.ndarray, groups: Sequence[str], default: float
) -> np.ndarray:
    """Labels chosen for each council at thresholds tuned on the other councils' rows only."""
    labels = load_labels()
    chosen = np.zeros_like(gold)
    names = np.array(groups)
    for name in sorted(set(groups)):
        mine = names == name
        tuned = tune_thresholds(gold[~mine], probabilities[~mine], labels, default)
        chosen[mine] = decide(probabilities[mine], np.array([tuned[lab.id] for lab in labels]))
    return chosen


def leave_one_council_out(
    config: Mapping[str, Any], examples: Sequence[Example] | None = None
) -> CouncilReport:
    """Score each council's rows by a model trained without that council."""
    labels = load_labels()
    rows = list(load_examples("train") if examples is None else examples)
    groups = [council(e.source) for e in rows]
    gold = gold_matrix(rows, labels)
    probabilities = out_of_council(rows, config, groups)
    predicted = decide(probabilities, thresholds([lab.id for lab in labels], config))
    nested = nested_decisions(gold, probabilities, groups, float(config["threshold"]))
    per_council = {
        name: (micro(gold[idx], predicted[idx]).f1, len(idx))
        for name in sorted(set(groups))
        if (idx := [i for i, g in enumerate(groups) if g == name])
    }
    plan = np.array([g in PLAN_COUNCILS for g in groups])
    ids = [lab.id for lab in labels]
    return CouncilReport(
        score(gold, predicted, ids),
        micro(gold, predicted),
        per_council,
        micro(gold[plan], predicted[plan]) if plan.any() else None,
        micro(gold, nested),
        micro(gold[plan], nested[plan]) if plan.any() else None,
    )
