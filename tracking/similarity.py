"""Text similarity for alignment: TF-IDF cosine (words and character n-grams) and fuzzy matching.

Headings are reworded between plan versions ("children's social care services" becomes "children's
social services", "multiagency" becomes "multi-agency"), so two views are combined: word TF-IDF
catches shared vocabulary, character n-grams survive hyphenation and spelling changes, and a
difflib ratio rewards the same words in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

PARAGRAPHS = re.compile(r"\(\s*para(?:graph)?s?\b[^)]*\)", re.IGNORECASE)
LEADING_NUMBER = re.compile(r"^\s*(?:recommendation\s+)?\d{1,3}[.)]?\s+(?=\S)", re.IGNORECASE)
WEIGHTS = {"words": 0.4, "chars": 0.35, "fuzzy": 0.25}


def normalise(text: str) -> str:
    """Lower-case, quotes and dashes unified, numbering and paragraph references removed."""
    text = PARAGRAPHS.sub(" ", text)
    text = LEADING_NUMBER.sub("", text)
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"(\w)-\s+(\w)", r"\1-\2", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def fuzzy(a: str, b: str) -> float:
    """difflib's ratio over words (0..1)."""
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def similarity_matrix(left: Sequence[str], right: Sequence[str]) -> NDArray[np.float64]:
    """Combined similarity of every left text with every right text, each in 0..1."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    a = [normalise(t) for t in left]
    b = [normalise(t) for t in right]
    corpus = a + b
    total = np.zeros((len(a), len(b)))
    for name, vectorizer in (
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\w+")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
    ):
        if not any(corpus):
            continue
        matrix = vectorizer.fit_transform(corpus)
        total += WEIGHTS[name] * cosine_similarity(matrix[: len(a)], matrix[len(a) :])
    fuzz = np.array([[fuzzy(x, y) for y in b] for x in a])
    return np.clip(total + WEIGHTS["fuzzy"] * fuzz, 0.0, 1.0)


def clean_recommendation(text: str) -> str:
    """A recommendation's wording without its number and paragraph references.

    Lines are joined, except the bulleted actions under a lead-in, each kept on its own line."""
    text = PARAGRAPHS.sub(" ", text)
    text = LEADING_NUMBER.sub("", text.strip())
    text = re.sub(r"\s*\n\s*(?=[•▪◼■●\-–] )", "\n", text)
    text = re.sub(r"\s*\n\s*(?![•▪◼■●\-–] )", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip().rstrip(".").strip()
