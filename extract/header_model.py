"""The header classifier: a printed column header -> the schema field it names, with a probability.

Councils word their headers in endless ways ("Accountable lead", "By whom", "Delivery date",
"What we will do", "Overall RAG", "Update at 30 September 2024"), so the wording is mapped by a
model trained from a thesaurus of wordings (`models/header_thesaurus.yaml`), not by a list of
phrases. Features: character n-grams (2 to 5, inside word boundaries), words and word pairs,
and the first and last word, of the header lower-cased with dates, months and quarters replaced
by one token (so "Update at Q2 2024/25" reads like "Update at 30 June 2024") and words run
together in camel case parted ("ActionID").

The model is a multinomial logistic regression trained by scikit-learn (`header_training.py`),
kept as a plain table of weights: feature -> one weight per label. Classifying is a sum over
the header's features and a softmax in plain Python, so reading a table costs microseconds and
imports no scikit-learn. The table is cached as JSON (`header_cache.py`: keyed by a hash of the
thesaurus and the training code's format) and trained when missing (about a second);
`councilpapers models train` retrains it and prints its cross-validated accuracy.

Labels: the ten schema fields and `none` (a column the schema has no field for: kept under
its own name).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

CANONICAL = (
    "ref",
    "outcome",
    "actions",
    "lead",
    "timescale",
    "impact",
    "measures",
    "status",
    "progress",
    "rag",
)
LABELS = (*CANONICAL, "none")
THESAURUS = "header_thesaurus.yaml"
MODEL_FORMAT = "1"  # bump when features() or the stored form change
MONTH = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
DATE_FORMS = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:" + MONTH + r")[a-z]*\.?,?\s+(?:19|20)\d\d\b"
    r"|\b(?:" + MONTH + r")[a-z]*\.?[\s-]+(?:19|20)?\d\d\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    r"|\b(?:q|quarter\s*)[1-4](?:\s*(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?)?\b"
    r"|\b(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?\b"
    r"|\b(?:" + MONTH + r")[a-z]*\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z@]+|\?|#")


def model_text(header: str) -> str:
    """The header as the model reads it: lower case, one kind of quote and dash, dates as
    `@date`, white space collapsed."""
    text = header.replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)  # "ActionID" is "Action ID"
    text = DATE_FORMS.sub(" @date ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def features(header: str) -> dict[str, float]:
    """The header's features, each block (characters, words) scaled to unit length."""
    text = model_text(header)
    grams: dict[str, float] = {}
    for word in text.split():
        padded = f" {word} "
        for n in range(2, 6):
            for i in range(max(1, len(padded) - n + 1)):
                key = "c:" + padded[i : i + n]
                grams[key] = grams.get(key, 0.0) + 1.0
    words = WORD.findall(text)
    tokens: dict[str, float] = {}
    for i, word in enumerate(words):
        tokens["w:" + word] = tokens.get("w:" + word, 0.0) + 1.0
        if i + 1 < len(words):
            key = f"b:{word} {words[i + 1]}"
            tokens[key] = tokens.get(key, 0.0) + 1.0
    if words:
        tokens["first:" + words[0]] = 1.0
        tokens["last:" + words[-1]] = 1.0
    else:
        tokens["empty"] = 1.0
    return {**_unit(grams), **_unit(tokens)}


def _unit(block: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in block.values())) or 1.0
    return {k: v / norm for k, v in block.items()}


@dataclass(frozen=True, slots=True)
class HeaderModel:
    """A trained linear model: per feature one weight per label, and a bias per label."""

    labels: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    bias: tuple[float, ...]

    def probabilities(self, header: str) -> dict[str, float]:
        """Each label's probability for a printed header."""
        scores = list(self.bias)
        for name, value in features(self.parted(header)).items():
            row = self.weights.get(name)
            if row is not None:
                for j, weight in enumerate(row):
                    scores[j] += weight * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def parted(self, header: str) -> str:
        """The header with each word the model never saw that is two words it knows run
        together parted ("Recommendationnumber", "Colourcode"): a narrow column's header
        wrapped between words can be closed up as if a word had been broken."""
        return re.sub(r"[A-Za-z]{5,}", lambda m: self._part(m.group(0)), header)

    def _part(self, word: str) -> str:
        if self._known(word):
            return word
        splits = [
            (min(i, len(word) - i), i)
            for i in range(2, len(word) - 1)
            if self._known(word[:i]) and self._known(word[i:])
        ]
        if not splits:
            return word
        _, cut = max(splits)
        return f"{word[:cut]} {word[cut:]}"

    def _known(self, word: str) -> bool:
        return "w:" + word.lower() in self.weights

    def classify(self, header: str) -> tuple[str, float]:
        """The most probable label and its probability."""
        probs = self.probabilities(header)
        best = max(probs, key=lambda label: probs[label])
        return best, probs[best]

    def to_json(self) -> str:
        return json.dumps(
            {"labels": self.labels, "bias": self.bias, "weights": self.weights}, sort_keys=True
        )

    @staticmethod
    def from_json(text: str) -> HeaderModel:
        data = json.loads(text)
        weights = {k: tuple(v) for k, v in data["weights"].items()}
        return HeaderModel(tuple(data["labels"]), weights, tuple(data["bias"]))


def thesaurus_text() -> str:
    return resources.files("councilpapers.models").joinpath(THESAURUS).read_text(encoding="utf-8")
