"""Choose theme settings by councils the model never saw: candidates side by side.

Each candidate is models/training.yaml with a few settings changed. For each, thresholds are tuned
on grouped 5-fold out-of-fold probabilities of the training split (as `train` does), and the
candidate is then scored by leave-one-council-out (``councilpapers.nlp.theme_councils``): over all
councils, over the council-plan councils alone (Kent, Torbay), and nested (each council's
thresholds tuned on the other councils' rows only). The held-out split is never read here: the
choice is made on these figures, and the held-out figure is checked once afterwards
(``benchmarks/tagging.py``). Slow (about 40 model fits a candidate): run under ``nice``.
Run: ``python benchmarks/theme_select.py`` or with JSON overrides, one a candidate:
``python benchmarks/theme_select.py '{"keyword_weight": 1.0}' '{"C": 3.0}'``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import numpy as np

from councilpapers.nlp.theme_councils import leave_one_council_out
from councilpapers.nlp.themes import (
    auxiliary_examples,
    decide,
    load_config,
    load_examples,
    load_labels,
)
from councilpapers.nlp.train import gold_matrix, micro, out_of_fold, tune_thresholds

# the candidates compared for issue 21 (each relative to the committed settings)
CANDIDATES: tuple[dict[str, Any], ...] = (
    {},
    {"keyword_weight": 1.0},
    {"keyword_weight": 2.0},
    {"neighbour_weight": 0.0},
    {"neighbour_weight": 0.3},
    {"neighbour_weight": 0.4},
    {"neighbour_weight": 0.7},
    {"keyword_weight": 1.0, "neighbour_weight": 0.3},
    {"keyword_weight": 1.0, "neighbour_weight": 0.4},
    {"C": 3.0},
    {"C": 30.0},
    {"class_weight": None},
)


def evaluate(overrides: dict[str, Any]) -> dict[str, float]:
    """Grouped-CV and leave-one-council-out micro-F1 of one candidate."""
    config = {**load_config(), **overrides}
    labels, examples = load_labels(), load_examples("train")
    gold = gold_matrix(examples, labels)
    probabilities = out_of_fold(examples, labels, config, auxiliary_examples(config))
    tuned = tune_thresholds(gold, probabilities, labels, float(config["threshold"]))
    cv = micro(gold, decide(probabilities, np.array([tuned[lab.id] for lab in labels]))).f1
    report = leave_one_council_out({**config, "thresholds": tuned}, examples)
    assert report.nested is not None and report.plan_councils is not None
    assert report.nested_plan_councils is not None
    return {
        "grouped_cv": cv,
        "councils": report.micro.f1,
        "councils_nested": report.nested.f1,
        "plan_councils": report.plan_councils.f1,
        "plan_councils_nested": report.nested_plan_councils.f1,
        **{name: f1 for name, (f1, n) in report.councils.items() if n >= 100},
    }


def main(argv: list[str]) -> None:
    candidates = [json.loads(a) for a in argv] or list(CANDIDATES)
    for overrides in candidates:
        figures = evaluate(overrides)
        shown = "  ".join(f"{k} {v:.3f}" for k, v in figures.items())
        print(f"{json.dumps(overrides) or '{}'}: {shown}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
