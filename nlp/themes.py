"""Themes room: the documented label set and a multi-label classifier trained from labelled rows.

TF-IDF word and character n-grams feed one logistic regression per label (scikit-learn, liblinear,
fixed seed), so training is deterministic. A row gets every label whose probability reaches the
configured threshold, and at least its most likely label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from councilpapers.nlp.resources import read_jsonl, read_yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MultiLabelBinarizer


@dataclass(frozen=True, slots=True)
class Label:
    """One theme: id, display name and the definition annotators follow."""

    id: str
    name: str
    definition: str


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled row: its id, canonical fields and themes."""

    id: str
    fields: Mapping[str, str]
    themes: tuple[str, ...]


def load_labels() -> tuple[Label, ...]:
    """The label set from ``models/themes.yaml``."""
    return tuple(Label(**item) for item in read_yaml("themes.yaml")["labels"])


def load_config() -> dict[str, Any]:
    """Training settings from ``models/training.yaml``."""
    config: dict[str, Any] = read_yaml("training.yaml")
    return config


def load_examples() -> tuple[Example, ...]:
    """The hand-labelled rows from ``models/themes_labelled.jsonl``."""
    return tuple(
        Example(r["id"], r["fields"], tuple(r["themes"]))
        for r in read_jsonl("themes_labelled.jsonl")
    )


def row_text(fields: Mapping[str, str], config: Mapping[str, Any]) -> str:
    """The text the classifier reads: the configured fields, each cut to a maximum length."""
    limit = int(config["max_chars_per_field"])
    parts = [fields.get(name, "")[:limit] for name in config["text_fields"]]
    return "\n".join(p for p in parts if p)


def make_estimator(config: Mapping[str, Any]) -> Pipeline:
    """The untrained vectoriser + one-vs-rest logistic regression."""
    words = TfidfVectorizer(ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True, min_df=1)
    parts: list[tuple[str, Any]] = [("words", words)]
    if config.get("char_ngrams"):
        chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(config["char_ngrams"]),
            sublinear_tf=True,
            min_df=2,
        )
        parts.append(("chars", chars))
    model = LogisticRegression(
        C=float(config["C"]),
        class_weight="balanced",
        solver="liblinear",
        random_state=config["seed"],
    )
    return Pipeline(
        [("features", FeatureUnion(parts)),
         ("classify", OneVsRestClassifier(model))]
    )  # fmt: skip


def decide(probabilities: np.ndarray, threshold: float) -> np.ndarray:
    """Labels at or above the threshold, and always each row's most likely label."""
    chosen = probabilities >= threshold
    chosen[np.arange(len(probabilities)), probabilities.argmax(axis=1)] = True
    return chosen


class ThemeModel:
    """A trained classifier and the label ids in its column order."""

    def __init__(self, estimator: Pipeline, labels: Sequence[str], config: Mapping[str, Any]):
        self.estimator = estimator
        self.labels = tuple(labels)
        self.config = dict(config)

    def predict(self, rows: Sequence[Mapping[str, str]]) -> list[tuple[str, ...]]:
        """Themes for each row, in label-set order."""
        if not rows:
            return []
        texts = [row_text(r, self.config) for r in rows]
        chosen = decide(self.estimator.predict_proba(texts), float(self.config["threshold"]))
        return [tuple(self.labels[j] for j in np.flatnonzero(row)) for row in chosen]


def training_data(
    examples: Sequence[Example], labels: Sequence[Label], config: Mapping[str, Any]
) -> tuple[list[str], list[tuple[str, ...]]]:
    """Texts and label tuples: the labelled rows, plus each label's definition when configured."""
    texts = [row_text(e.fields, config) for e in examples]
    targets = [e.themes for e in examples]
    if config.get("include_definitions"):
        texts += [f"{lab.name}. {lab.definition}" for lab in labels]
        targets += [(lab.id,) for lab in labels]
    return texts, targets


def fit(
    examples: Sequence[Example], labels: Sequence[Label], config: Mapping[str, Any]
) -> ThemeModel:
    """Train a ThemeModel (deterministic for a given config and data)."""
    texts, targets = training_data(examples, labels, config)
    ids = [lab.id for lab in labels]
    binarizer = MultiLabelBinarizer(classes=ids)
    estimator = make_estimator(config)
    estimator.fit(texts, binarizer.fit_transform(targets))
    return ThemeModel(estimator, ids, config)
