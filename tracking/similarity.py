"""Text similarity for alignment: TF-IDF cosine (words and character n-grams) and fuzzy matching.

Headings are reworded between plan versions ("children's social care services" becomes "children's
social services", "multiagency" becomes "multi-agency"), so two views are combined: word TF-IDF
catches shared vocabulary, character n-grams survive hyphenation and spelling changes, and a
difflib ratio rewards the same words in the same order. TF-IDF is computed by `tfidf.py` (scikit-
learn's arithmetic, without its cost per call); `best_similarity` gives each text's best match
without computing every word-order ratio.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from councilpapers.tracking.tfidf import cosine

PARAGRAPHS = re.compile(r"\(\s*para(?:graph)?s?\b[^)]*\)", re.IGNORECASE)
LEADING_NUMBER = re.compile(r"^\s*(?:recommendation\s+)?\d{1,3}[.)]?\s+(?=\S)", re.IGNORECASE)
WEIGHTS = {"words": 0.4, "chars": 0.35, "fuzzy": 0.25}


@lru_cache(maxsize=1 << 16)
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
    a, b = [normalise(t) for t in left], [normalise(t) for t in right]
    total = _weighted_tfidf(a, b)
    fuzz = np.zeros((len(a), len(b)))
    for j, other in enumerate(b):
        matcher = _matcher(other)
        for i, text in enumerate(a):
            fuzz[i, j] = _ratio(matcher, text, other)
    return np.clip(total + WEIGHTS["fuzzy"] * fuzz, 0.0, 1.0)


def best_similarity(left: Sequence[str], right: Sequence[str]) -> NDArray[np.float64]:
    """Each left text's greatest `similarity_matrix` value over the right texts, computing the
    word-order ratio (the costly part) only for pairs whose bound could beat the best so far:
    a ratio is at most twice the words the two share over their lengths (difflib's
    `quick_ratio`), here bounded again by the product of their word counts."""
    if not left or not right:
        return np.zeros(len(left))
    a, b = [normalise(t) for t in left], [normalise(t) for t in right]
    total = _weighted_tfidf(a, b)
    bound = np.clip(total + WEIGHTS["fuzzy"] * _ratio_bounds(a, b), 0.0, 1.0)
    best = np.zeros(len(a))
    for i, text in enumerate(a):
        for j in np.argsort(-bound[i], kind="stable"):
            if bound[i, j] <= best[i]:
                break
            ratio = _ratio(_matcher(b[j]), text, b[j])
            best[i] = max(best[i], min(1.0, max(0.0, total[i, j] + WEIGHTS["fuzzy"] * ratio)))
    return best


def _weighted_tfidf(a: list[str], b: list[str]) -> NDArray[np.float64]:
    total = np.zeros((len(a), len(b)))
    if any(a) or any(b):
        total += WEIGHTS["words"] * cosine(a, b, "words")
        total += WEIGHTS["chars"] * cosine(a, b, "chars")
    return total


def _ratio_bounds(a: list[str], b: list[str]) -> NDArray[np.float64]:
    """An upper bound of every pair's word-order ratio: 2 × (word counts' dot product) over
    the sum of their lengths, at most 1."""
    vocabulary: dict[str, int] = {}
    counts = [Counter(text.split()) for text in (*a, *b)]
    matrix = np.zeros((len(counts), sum(len(c) for c in counts) or 1))
    for row, found in enumerate(counts):
        for word, n in found.items():
            matrix[row, vocabulary.setdefault(word, len(vocabulary))] = n
    matrix = matrix[:, : max(1, len(vocabulary))]
    shared = matrix[: len(a)] @ matrix[len(a) :].T
    lengths = matrix.sum(axis=1)
    sums = lengths[: len(a), None] + lengths[None, len(a) :]
    sums[sums == 0] = 1.0
    bounds: NDArray[np.float64] = np.minimum(1.0, 2.0 * shared / sums)
    return bounds


@lru_cache(maxsize=4096)
def _matcher(text: str) -> SequenceMatcher[str]:
    """A matcher with `text`'s words as its second sequence (difflib caches what it learns of
    that sequence: one matcher serves every text compared with it)."""
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text.split())
    return matcher


def _ratio(matcher: SequenceMatcher[str], text: str, other: str) -> float:
    """`fuzzy(text, other)` through `other`'s matcher."""
    if not text or not other:
        return 0.0
    matcher.set_seq1(text.split())
    return matcher.ratio()


def clean_recommendation(text: str) -> str:
    """A recommendation's wording without its number and paragraph references.

    Lines are joined, except the bulleted actions under a lead-in, each kept on its own line."""
    text = PARAGRAPHS.sub(" ", text)
    text = LEADING_NUMBER.sub("", text.strip())
    text = re.sub(r"\s*\n\s*(?=[•▪◼■●\-–] )", "\n", text)
    text = re.sub(r"\s*\n\s*(?![•▪◼■●\-–] )", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip().rstrip(".").strip()
