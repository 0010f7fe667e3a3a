"""TF-IDF cosine between two lists of texts, computed as scikit-learn's TfidfVectorizer computes
it, without its cost per call.

`similarity.py` compares short texts (recommendation wordings, headings) hundreds of times a
refresh, each time with TF-IDF fitted on just the two lists being compared. Fitting a
`TfidfVectorizer` costs milliseconds of parameter checks and tokenising for a handful of texts;
here each text is tokenised once per process (`_terms`, cached: its term ids and their
sublinear counts), and a comparison only gathers those into a matrix (dense when small), weighs
them by the inverse document frequency over the two lists and takes the cosine. The arithmetic is
scikit-learn's with the settings `similarity.py` used: lower-cased, words (`\\w+`, one and two
words) or characters within word boundaries (3 to 5), `1 + log(count)`, smoothed idf
`1 + log((1 + n) / (1 + df))`, rows scaled to unit length. `tests/test_tfidf.py` holds the two
to 1e-9.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

Analyzer = Literal["words", "chars"]
TOKEN = re.compile(r"\w+")
SPACES = re.compile(r"\s\s+")
_VOCABULARY: dict[str, int] = {}  # every term seen in this process -> its column
DENSE = 50_000  # texts × terms up to which a dense matrix is quicker than a sparse one


def cosine(left: Sequence[str], right: Sequence[str], analyzer: Analyzer) -> NDArray[np.float64]:
    """TF-IDF cosine of every left text with every right text, fitted on both lists."""
    docs = [_terms(text, analyzer) for text in (*left, *right)]
    rows = np.repeat(np.arange(len(docs)), [len(ids) for ids, _ in docs])
    if rows.size == 0:
        return np.zeros((len(left), len(right)))
    ids = np.concatenate([ids for ids, _ in docs])
    tf = np.concatenate([weights for _, weights in docs])
    columns, compact = np.unique(ids, return_inverse=True)
    df = np.bincount(compact, minlength=len(columns))
    idf = np.log((len(docs) + 1) / (df + 1)) + 1.0
    values = tf * idf[compact]
    if len(docs) * len(columns) > DENSE:
        sparse_matrix = sparse.csr_matrix((values, (rows, compact)), (len(docs), len(columns)))
        norms = np.sqrt(np.asarray(sparse_matrix.multiply(sparse_matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        scaled = sparse.diags(1.0 / norms) @ sparse_matrix
        return np.asarray((scaled[: len(left)] @ scaled[len(left) :].T).toarray())
    matrix = np.zeros((len(docs), len(columns)))
    matrix[rows, compact] = values
    norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
    norms[norms == 0] = 1.0
    matrix /= norms[:, None]
    result: NDArray[np.float64] = matrix[: len(left)] @ matrix[len(left) :].T
    return result


@lru_cache(maxsize=1 << 16)
def _terms(text: str, analyzer: Analyzer) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """A text's term columns and their sublinear counts (`1 + log(count)`)."""
    terms = _words(text) if analyzer == "words" else _chars(text)
    counts = Counter(terms)
    ids = np.fromiter(
        (_VOCABULARY.setdefault(term, len(_VOCABULARY)) for term in counts), np.int64, len(counts)
    )
    weights = np.log(np.fromiter(counts.values(), np.float64, len(counts))) + 1.0
    return ids, weights


def _words(text: str) -> list[str]:
    """Words and pairs of words, as scikit-learn's word analyzer with ngram_range (1, 2)."""
    tokens = TOKEN.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


def _chars(text: str) -> list[str]:
    """Character 3- to 5-grams within word boundaries, as scikit-learn's 'char_wb' analyzer."""
    grams: list[str] = []
    for word in SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(3, 6):
            if len(padded) <= n:  # a word this short counts once, whole
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
