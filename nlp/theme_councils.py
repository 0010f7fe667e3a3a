"""Themes on councils the model has not seen: cross-validation grouped by council.

Each council's labelled rows (Torbay's plans, Kent's papers, each Ofsted report's council) are
scored by a model trained on every other council's rows (and the auxiliary training-only rows
of other councils), with the configured thresholds: the figure that says what a new council's
plan will get, and the one theme settings are chosen by (`compare` prints candidates side by
side). Per-label precision, recall and F1 over all councils, and micro-F1 per council.
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
from councilpapers.nlp.train import LabelScore, gold_matrix, micro, score

TORBAY = ("pdd-", "ccip-", "progress-report", "annual-conversation")
KENT = ("cabinet_", "full_council_")


def council(source: str) -> str:
    """The council a labelled row's paper comes from."""
    if source.startswith(TORBAY):
        return "torbay"
    if source.startswith(KENT):
        return "kent"
    return source.split("__")[0] or "unknown"


@dataclass(frozen=True, slots=True)
class CouncilReport:
    """Leave-one-council-out figures."""

    scores: tuple[LabelScore, ...]
    micro: LabelScore
    councils: Mapping[str, tuple[float, int]]  # council -> (micro-F1, rows)


def leave_one_council_out(
    config: Mapping[str, Any], examples: Sequence[Example] | None = None
) -> CouncilReport:
    """Score each council's rows by a model trained without that council."""
    labels = load_labels()
    rows = list(load_examples("train") if examples is None else examples)
    extra = auxiliary_examples(config)
    groups = [council(e.source) for e in rows]
    gold = gold_matrix(rows, labels)
    predicted = np.zeros_like(gold)
    for name in sorted(set(groups)):
        test = [i for i, g in enumerate(groups) if g == name]
        train = [e for e, g in zip(rows, groups, strict=True) if g != name]
        train += [a for a in extra if council(a.source) != name]
        model = fit(train, labels, config)
        chosen = decide(
            model.probabilities([rows[i].fields for i in test]), thresholds(model.labels, config)
        )
        predicted[test] = chosen
    per_council = {
        name: (micro(gold[idx], predicted[idx]).f1, len(idx))
        for name in sorted(set(groups))
        if (idx := [i for i, g in enumerate(groups) if g == name])
    }
    ids = [lab.id for lab in labels]
    return CouncilReport(score(gold, predicted, ids), micro(gold, predicted), per_council)
