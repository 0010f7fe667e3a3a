"""Training room: train the theme model from ``models/`` and measure it by cross-validation.

``train()`` is what ``councilpapers models train`` runs: k-fold cross-validated predictions on the
labelled rows (fixed seed, label definitions added to each training fold only), per-label precision,
recall and F1, and the final model fitted on every labelled row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from councilpapers.nlp.themes import (
    Example,
    Label,
    ThemeModel,
    fit,
    load_config,
    load_examples,
    load_labels,
)
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import KFold
from sklearn.preprocessing import MultiLabelBinarizer


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
    """What training produced: the model, per-label scores and micro-averaged figures."""

    model: ThemeModel
    scores: tuple[LabelScore, ...]
    micro: LabelScore
    examples: int
    folds: int


def cross_validate(
    examples: tuple[Example, ...], labels: tuple[Label, ...], folds: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Gold and out-of-fold predicted label matrices."""
    config = load_config()
    ids = [lab.id for lab in labels]
    binarizer = MultiLabelBinarizer(classes=ids)
    gold = binarizer.fit_transform([e.themes for e in examples])
    predicted = np.zeros_like(gold)
    for train_idx, test_idx in KFold(folds, shuffle=True, random_state=seed).split(examples):
        model = fit([examples[i] for i in train_idx], labels, config)
        rows = [examples[i].fields for i in test_idx]
        predicted[test_idx] = binarizer.transform(model.predict(rows))
    return gold, predicted


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
    """Cross-validate, then fit the final theme model on all labelled rows."""
    config = load_config()
    labels, examples = load_labels(), load_examples()
    folds, seed = int(config["folds"]), int(config["seed"])
    gold, predicted = cross_validate(examples, labels, folds, seed)
    ids = [lab.id for lab in labels]
    model = fit(examples, labels, config)
    return TrainReport(
        model, score(gold, predicted, ids), micro(gold, predicted), len(examples), folds
    )
