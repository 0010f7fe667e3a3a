"""Theme tagging: the documented label set and a multi-label classifier trained from labelled rows.

TF-IDF words and a keyword prior feed one logistic regression per label (scikit-learn, liblinear,
fixed seed), so training is deterministic. When configured, its probabilities are blended with a
neighbour vote: the labels of the most similar training rows, weighted by cosine similarity. A
row gets every label whose probability reaches the label's threshold, and at least its most likely
label.

Training rows are the action rows of ``themes_labelled.jsonl`` outside the held-out split, plus the
training-only rows of ``themes_auxiliary.jsonl`` (report paragraphs and rows of other tables,
none near a held-out row; some have no theme at all and serve as negatives).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

from councilpapers.nlp.resources import read_jsonl, read_yaml


@dataclass(frozen=True, slots=True)
class Label:
    """One theme: id, display name and the definition annotators follow."""

    id: str
    name: str
    definition: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled row: its id, canonical fields and themes."""

    id: str
    fields: Mapping[str, str]
    themes: tuple[str, ...]
    source: str = ""
    batch: int = 1  # labelling round; the held-out split was drawn from round 1 and stays fixed


def load_labels() -> tuple[Label, ...]:
    """The label set from ``models/themes.yaml``."""
    return tuple(
        Label(item["id"], item["name"], item["definition"], tuple(item.get("keywords", ())))
        for item in read_yaml("themes.yaml")["labels"]
    )


def load_config() -> dict[str, Any]:
    """Training settings from ``models/training.yaml``."""
    config: dict[str, Any] = read_yaml("training.yaml")
    return config


def load_heldout() -> frozenset[str]:
    """Ids of the held-out rows (``models/themes_heldout.yaml``): never trained or tuned on."""
    return frozenset(read_yaml("themes_heldout.yaml")["heldout"])


def load_examples(split: str = "train") -> tuple[Example, ...]:
    """Labelled rows from ``models/themes_labelled.jsonl``: ``train``, ``heldout`` or ``all``."""
    if split not in ("train", "heldout", "all"):
        raise ValueError(f"unknown split {split!r}")
    rows = [
        Example(r["id"], r["fields"], tuple(r["themes"]), r.get("source", ""), r.get("batch", 1))
        for r in read_jsonl("themes_labelled.jsonl")
    ]
    if split == "all":
        return tuple(rows)
    heldout = load_heldout()
    return tuple(e for e in rows if (e.id in heldout) == (split == "heldout"))


def load_auxiliary() -> tuple[Example, ...]:
    """Training-only rows (``models/themes_auxiliary.jsonl``): never held out, may have no theme."""
    return tuple(
        Example(r["id"], r["fields"], tuple(r["themes"]), r.get("source", ""), r.get("batch", 1))
        for r in read_jsonl("themes_auxiliary.jsonl")
    )


def auxiliary_examples(config: Mapping[str, Any]) -> tuple[Example, ...]:
    """The auxiliary rows when the config says to train on them, else none."""
    return load_auxiliary() if config.get("auxiliary") else ()


def training_examples(config: Mapping[str, Any]) -> tuple[Example, ...]:
    """What the shipped model trains on: the training split, plus auxiliary rows if configured."""
    return (*load_examples("train"), *auxiliary_examples(config))


def row_text(fields: Mapping[str, str], config: Mapping[str, Any]) -> str:
    """The text the classifier reads: the configured fields, each cut to a maximum length.

    Fields listed under ``emphasis_fields`` are read twice, so their words weigh more.
    """
    limit = int(config["max_chars_per_field"])
    names = [*config["text_fields"], *config.get("emphasis_fields", ())]
    parts = [fields.get(name, "")[:limit] for name in names]
    return "\n".join(p for p in parts if p)


class KeywordPrior(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """Per-label keyword evidence: log(1 + matches) of each label's keywords, times a weight."""

    def __init__(self, keywords: Sequence[Sequence[str]] = (), weight: float = 1.0):
        self.keywords = keywords
        self.weight = weight

    def fit(self, texts: Sequence[str], y: Any = None) -> KeywordPrior:
        self.patterns_ = [
            re.compile(r"\b(?:" + "|".join(re.escape(k) for k in words) + ")", re.IGNORECASE)
            for words in self.keywords
        ]
        return self

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        counts = [[len(p.findall(t)) for p in self.patterns_] for t in texts]
        return csr_matrix(np.log1p(np.array(counts, dtype=float)) * self.weight)


def make_estimator(config: Mapping[str, Any], labels: Sequence[Label] = ()) -> Pipeline:
    """The untrained features (word and character TF-IDF, keyword prior) + one-vs-rest LR."""
    words = TfidfVectorizer(ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True, min_df=1)
    parts: list[tuple[str, Any]] = [("words", words)]
    if config.get("keyword_weight"):
        prior = KeywordPrior([lab.keywords for lab in labels], float(config["keyword_weight"]))
        parts.append(("keywords", prior))
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
        class_weight=config.get("class_weight", "balanced"),
        solver="liblinear",
        random_state=config["seed"],
    )
    return Pipeline(
        [("features", FeatureUnion(parts)),
         ("classify", OneVsRestClassifier(model))]
    )  # fmt: skip


def decide(probabilities: np.ndarray, threshold: float | np.ndarray) -> np.ndarray:
    """Labels at or above their threshold, and always each row's most likely label."""
    chosen = probabilities >= threshold
    chosen[np.arange(len(probabilities)), probabilities.argmax(axis=1)] = True
    return chosen


class NeighbourVote:
    """Label shares among the k training rows most similar to a row (TF-IDF cosine), each
    neighbour weighted by its similarity."""

    def __init__(self, k: int):
        self.k = k
        self.vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")

    def fit(self, texts: Sequence[str], targets: np.ndarray) -> NeighbourVote:
        self.matrix_ = self.vectorizer.fit_transform(texts)
        self.targets_ = np.asarray(targets, dtype=float)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        similarity = (self.vectorizer.transform(texts) @ self.matrix_.T).toarray()
        k = min(self.k, similarity.shape[1])
        nearest = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
        weights = np.take_along_axis(similarity, nearest, axis=1) + 1e-9
        votes = np.einsum("rk,rkl->rl", weights, self.targets_[nearest])
        shares: np.ndarray = votes / weights.sum(axis=1, keepdims=True)
        return shares


class ThemeModel:
    """A trained classifier (and neighbour vote) with the label ids in its column order."""

    def __init__(
        self,
        estimator: Pipeline,
        labels: Sequence[str],
        config: Mapping[str, Any],
        neighbours: NeighbourVote | None = None,
    ):
        self.estimator = estimator
        self.labels = tuple(labels)
        self.config = dict(config)
        self.neighbours = neighbours

    def predict(self, rows: Sequence[Mapping[str, str]]) -> list[tuple[str, ...]]:
        """Themes for each row, in label-set order."""
        if not rows:
            return []
        chosen = decide(self.probabilities(rows), thresholds(self.labels, self.config))
        return [tuple(self.labels[j] for j in np.flatnonzero(row)) for row in chosen]

    def probabilities(self, rows: Sequence[Mapping[str, str]]) -> np.ndarray:
        """Each row's probability for each label, in label-set order."""
        texts = [row_text(r, self.config) for r in rows]
        probabilities: np.ndarray = self.estimator.predict_proba(texts)
        if self.neighbours is not None:
            weight = float(self.config["neighbour_weight"])
            votes = self.neighbours.predict_proba(texts)
            probabilities = (1 - weight) * probabilities + weight * votes
        return probabilities


def thresholds(labels: Sequence[str], config: Mapping[str, Any]) -> np.ndarray:
    """Per-label decision thresholds: tuned values from the config, else the global threshold."""
    tuned = config.get("thresholds") or {}
    return np.array([float(tuned.get(label, config["threshold"])) for label in labels])


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
    gold = MultiLabelBinarizer(classes=ids).fit_transform(targets)
    estimator = make_estimator(config, labels)
    estimator.fit(texts, gold)
    neighbours = None
    if config.get("neighbour_weight"):
        # the labelled rows only: training_data puts them first, before any label definitions
        rows = len(examples)
        neighbours = NeighbourVote(int(config["neighbours"])).fit(texts[:rows], gold[:rows])
    return ThemeModel(estimator, ids, config, neighbours)
