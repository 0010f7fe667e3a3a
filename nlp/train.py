"""Train the theme model from ``models/`` and measure it by grouped cross-validation.

``train()`` is what ``councilpapers models train`` runs. It reads only the training split (the rows
not listed in ``models/themes_heldout.yaml``), makes out-of-fold probabilities by 5-fold cross-
validation over near-duplicate groups (so a row carried from one plan version to the next never sits
on both sides of a fold), tunes one decision threshold per label on those probabilities, reports
per-label precision, recall and F1 at the tuned thresholds, and fits the final model on every
training row. The cross-validated figures are slightly flattered because the thresholds are tuned on
the same predictions; the held-out figure printed by ``benchmarks/tagging.py`` is the honest one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import MultiLabelBinarizer

from councilpapers.nlp.theme_split import group_rows
from councilpapers.nlp.themes import (
    Example,
    Label,
    ThemeModel,
    auxiliary_examples,
    decide,
    fit,
    load_config,
    load_examples,
    load_labels,
)

THRESHOLD_GRID = np.round(np.arange(0.1, 0.75, 0.05), 2)


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Cross-validated figures for one label."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class TrainReport:
    """What training produced: the model, per-label scores, micro figures and tuned thresholds."""

    model: ThemeModel
    scores: tuple[LabelScore, ...]
    micro: LabelScore
    examples: int
    folds: int
    thresholds: Mapping[str, float]
    auxiliary: int = 0


def gold_matrix(examples: Sequence[Example], labels: Sequence[Label]) -> np.ndarray:
    """The examples' themes as a 0/1 matrix in label-set order."""
    binarizer = MultiLabelBinarizer(classes=[lab.id for lab in labels])
    matrix: np.ndarray = binarizer.fit_transform([e.themes for e in examples])
    return matrix


def out_of_fold(
    examples: Sequence[Example],
    labels: Sequence[Label],
    config: Mapping[str, Any],
    auxiliary: Sequence[Example] = (),
) -> np.ndarray:
    """Probabilities for each row from a model that never saw the row's near-duplicate group.

    Auxiliary (training-only) rows join every fold's training rows, except any that fall in a
    near-duplicate group with the fold's test rows."""
    groups = group_rows([*examples, *auxiliary])
    row_groups, extra_groups = groups[: len(examples)], groups[len(examples) :]
    probabilities = np.zeros((len(examples), len(labels)))
    for train_idx, test_idx in GroupKFold(int(config["folds"])).split(examples, groups=row_groups):
        tested = {row_groups[i] for i in test_idx}
        extra = [a for a, g in zip(auxiliary, extra_groups, strict=True) if g not in tested]
        model = fit([*(examples[i] for i in train_idx), *extra], labels, config)
        probabilities[test_idx] = model.probabilities([examples[i].fields for i in test_idx])
    return probabilities


def tune_thresholds(
    gold: np.ndarray, probabilities: np.ndarray, labels: Sequence[Label], default: float
) -> dict[str, float]:
    """Per label, the grid threshold with the best F1 (ties go to the one nearest the default)."""
    tuned = {}
    for j, label in enumerate(labels):
        candidates = [
            (f1_score(gold[:, j], probabilities[:, j] >= t, zero_division=0), -abs(t - default), t)
            for t in THRESHOLD_GRID
        ]
        tuned[label.id] = float(max(candidates)[2])
    return tuned


def score(gold: np.ndarray, predicted: np.ndarray, ids: list[str]) -> tuple[LabelScore, ...]:
    """Per-label precision, recall, F1 and support."""
    p, r, f, s = precision_recall_fscore_support(gold, predicted, average=None, zero_division=0)
    return tuple(
        LabelScore(ids[i], float(p[i]), float(r[i]), float(f[i]), int(s[i]))
        for i in range(len(ids))
    )


def micro(gold: np.ndarray, predicted: np.ndarray) -> LabelScore:
    """Micro-averaged precision, recall and F1 over every label."""
    p, r, f, _ = precision_recall_fscore_support(gold, predicted, average="micro", zero_division=0)
    return LabelScore("micro", float(p), float(r), float(f), int(gold.sum()))


def train() -> TrainReport:
    """Cross-validate on the training split, tune thresholds, fit the final theme model."""
    config = load_config()
    labels, examples = load_labels(), load_examples("train")
    auxiliary = auxiliary_examples(config)
    gold = gold_matrix(examples, labels)
    probabilities = out_of_fold(examples, labels, config, auxiliary)
    tuned = tune_thresholds(gold, probabilities, labels, float(config["threshold"]))
    predicted = decide(probabilities, np.array([tuned[lab.id] for lab in labels]))
    ids = [lab.id for lab in labels]
    model = fit([*examples, *auxiliary], labels, {**config, "thresholds": tuned})
    return TrainReport(
        model,
        score(gold, predicted, ids),
        micro(gold, predicted),
        len(examples),
        int(config["folds"]),
        tuned,
        len(auxiliary),
    )
