"""Training the header classifier (`header_model.py`) from `models/header_thesaurus.yaml`.

Examples: every wording listed under a field (a stacked "Group › Column" wording trains on its
column name, which is what the classifier reads first), the dated progress wordings with a few
dates filled in, and the recommendation-number column wordings (as `ref`: whether such a column
numbers the rows or their section is told by its cells being merged down, not by its wording).
The model is a multinomial logistic regression (scikit-learn, lbfgs, fixed seed: training twice
gives the same weights) over `header_model.features`.

`cross_validate` measures it honestly for wording the model has not seen: grouped k-fold, a
group being one wording (its normalised column name), so no fold tests a wording it trained on.
This module imports scikit-learn; only training and the benchmark load it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from councilpapers.extract.header_model import (
    LABELS,
    HeaderModel,
    features,
    model_text,
    thesaurus_text,
)

C = 20.0  # inverse regularisation, chosen by grouped cross-validation (benchmarks/header_model.py)
WHEN = ("30 September 2024", "Sept 2024", "Q2 2024/25", "31/03/2025", "June 2024")  # dev dates
SEPARATOR = "›"


@dataclass(frozen=True, slots=True)
class Example:
    """One training wording: the text the classifier reads, its label, its wording group."""

    text: str
    label: str
    group: str


def column_name(wording: str) -> str:
    """The column's own name in a stacked "Group › Column" wording."""
    return wording.rsplit(SEPARATOR, 1)[-1].strip()


def examples(data: dict[str, Any] | None = None) -> list[Example]:
    """Every training example of the thesaurus (parsed YAML, or the packaged file)."""
    data = data if data is not None else yaml.safe_load(thesaurus_text())
    out = []
    for label, wordings in data["fields"].items():
        for wording in wordings:
            text = column_name(str(wording))
            out.append(Example(text, label, model_text(text)))
    for label, templates in (data.get("dated") or {}).items():
        for template in templates:
            for when in WHEN:
                out.append(Example(template.format(when=when), label, template))
    for wording in data.get("section_number") or ():  # a reference column (merged: section_ref)
        out.append(Example(str(wording), "ref", model_text(str(wording))))
    return _unique(out)


def _unique(found: Sequence[Example]) -> list[Example]:
    seen: dict[str, Example] = {}
    for example in found:
        seen.setdefault(model_text(example.text) + "|" + example.label, example)
    return list(seen.values())


def fit(train: Sequence[Example], c: float = C) -> HeaderModel:
    """A header model fitted on these examples."""
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform([features(e.text) for e in train])
    labels = sorted({e.label for e in train}, key=LABELS.index)
    estimator = LogisticRegression(C=c, max_iter=5000, random_state=0)
    with threadpool_limits(1):  # threads fighting over a busy machine's cores make it 10x slower
        estimator.fit(matrix, [labels.index(e.label) for e in train])
    coef = estimator.coef_
    if len(labels) == 2:  # a binary model keeps one row: the second label's
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
    names = vectoriser.get_feature_names_out()
    weights = {
        str(name): tuple(round(float(w), 6) for w in coef[:, j]) for j, name in enumerate(names)
    }
    bias = tuple(float(b) for b in np.broadcast_to(estimator.intercept_, (len(labels),)))
    return HeaderModel(tuple(labels), weights, bias)


def train_model(c: float = C) -> HeaderModel:
    """The header model on every training example of the packaged thesaurus."""
    return fit(examples(), c)


@dataclass(frozen=True, slots=True)
class CVReport:
    """Grouped cross-validation: accuracy overall and per label, and the confusions."""

    accuracy: float
    per_label: dict[str, tuple[int, int]]  # label -> (right, total)
    confusions: list[tuple[str, str, str]]  # (text, gold, predicted)
    examples: int
    folds: int


def cross_validate(
    found: Sequence[Example] | None = None, folds: int = 5, c: float = C
) -> CVReport:
    """Accuracy on wordings never trained on: grouped k-fold over wordings."""
    found = list(found if found is not None else examples())
    groups = [e.group for e in found]
    predicted: list[str] = [""] * len(found)
    for train_idx, test_idx in GroupKFold(folds).split(found, groups=groups):
        model = fit([found[i] for i in train_idx], c)
        for i in test_idx:
            predicted[i] = model.classify(found[i].text)[0]
    totals, right = Counter(e.label for e in found), Counter[str]()
    confusions = []
    for example, guess in zip(found, predicted, strict=True):
        if guess == example.label:
            right[example.label] += 1
        else:
            confusions.append((example.text, example.label, guess))
    per_label = {label: (right[label], totals[label]) for label in LABELS if totals[label]}
    accuracy = sum(right.values()) / len(found) if found else 0.0
    return CVReport(accuracy, per_label, confusions, len(found), folds)
