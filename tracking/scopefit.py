"""Which register scope an inspection report's list belongs to, at the scale of a large store.

A report's list joins the plan family (scope) whose known texts (its entries' wordings and its
plans' headings) it fits best, if it fits well enough (`register.SCOPE_FIT`); the fit of a scope
is the mean over the list's items of their best combined similarity (`similarity.best_similarity`:
TF-IDF fitted on the two sides, character n-grams, word order). Fitting every scope for every report
costs a TF-IDF fit per scope per report: quadratic in the reports a store holds. So the index
finds candidates first, with hashed character n-grams (no fitting, one sparse product over every
scope's texts), and fits exactly only the few scopes that could fit (`TOP` at most, and only those
whose hashed fit reaches `GATE`); a scope of more than `NEAREST` texts is fitted on each item's
`NEAREST` nearest. With as few scopes and texts as these limits, every scope is fitted whole, as
before. Exact fits are remembered by what they were computed from (`Memo`), in the store, so a
refresh after one new document recomputes only what that document changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from councilpapers.tracking.similarity import best_similarity, normalise

GATE = 0.2  # a scope whose hashed-word fit is below this is not fitted exactly ...
TOP = 5  # ... nor one beyond the best this many; with this many scopes or fewer, all are
NEAREST = 20  # a scope of more texts is fitted on about this many, those nearest the items
SAME_NEAREST = 20  # an item is matched to the entry it is among about this many nearest

VECTORS = HashingVectorizer(  # character n-grams within words: they survive rewording
    preprocessor=normalise,
    analyzer="char_wb",
    ngram_range=(3, 5),
    alternate_sign=False,
    n_features=2**16,
)


@dataclass
class Memo:
    """Results computed before (`known`, by the key of what they were computed from), and those
    this build used or computed (`used`: what is worth keeping for the next)."""

    known: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.used:
            self.used[key] = self.known[key] if key in self.known else compute()
        return self.used[key]

    def knows(self, key: str) -> bool:
        return key in self.known or key in self.used


def key(*parts: Sequence[str]) -> str:
    """A digest of lists of texts (and labels), the memo's key."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update("\x1e".join(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1d")
    return digest.hexdigest()


@lru_cache(maxsize=256)
def scope_vectors(texts: tuple[str, ...]) -> Any:
    """`vectors` of a scope's texts, kept while they are unchanged."""
    return vectors(texts)


@dataclass
class ScopeIndex:
    """Every scope's known texts and their hashed vectors; `best` says which a list fits."""

    memo: Memo
    fit_at_least: float
    texts: dict[str, list[str]] = field(default_factory=dict)
    _vectors: dict[str, Any] = field(default_factory=dict)
    _stack: tuple[list[str], Any, list[int]] | None = None

    def update(self, scope: str, texts: list[str]) -> None:
        """A scope's known texts, as they are now."""
        self.texts[scope] = texts
        self._vectors[scope] = scope_vectors(tuple(texts)) if texts else None
        self._stack = None

    def best(self, items: list[str]) -> str | None:
        """The scope these items fit best, if any fits at least `fit_at_least`; ties go to the
        scope last in name order, as when every scope was fitted in turn."""
        scopes, matrix, starts = self._stacked()
        if not scopes or not items:
            return None
        near = (vectors(items) @ matrix.T).toarray()
        cheap = np.maximum.reduceat(near, starts, axis=1).mean(axis=0)
        order = np.argsort(-cheap, kind="stable")
        chosen = order if len(scopes) <= TOP else [i for i in order[:TOP] if cheap[i] >= GATE]
        best, best_fit = None, self.fit_at_least
        for i in sorted(int(i) for i in chosen):
            end = starts[i + 1] if i + 1 < len(starts) else matrix.shape[0]
            fit = self.fit(scopes[i], items, near[:, starts[i] : end])
            if fit >= best_fit:
                best, best_fit = scopes[i], fit
        return best

    def fit(self, scope: str, items: list[str], near: Any) -> float:
        """The exact fit of the items to the scope (its nearest texts, if it has many)."""
        known = nearest(self.texts[scope], near)
        found = self.memo.get(
            key(["fit"], items, known),
            lambda: float(best_similarity(items, known).mean()),
        )
        return float(found)

    def _stacked(self) -> tuple[list[str], Any, list[int]]:
        if self._stack is None:
            scopes = sorted(s for s, v in self._vectors.items() if v is not None)
            blocks = [self._vectors[s] for s in scopes]
            starts = list(np.cumsum([0] + [b.shape[0] for b in blocks[:-1]])) if blocks else []
            matrix = sparse.vstack(blocks).tocsr() if blocks else None
            self._stack = (scopes, matrix, [int(s) for s in starts])
        return self._stack


def vectors(texts: Sequence[str]) -> Any:
    """The texts' hashed n-gram vectors (rows of a sparse matrix), each text hashed once."""
    rows = [_vector(text) for text in texts]
    indptr = np.cumsum([0] + [len(indices) for indices, _ in rows])
    indices = np.concatenate([indices for indices, _ in rows]) if rows else np.zeros(0, int)
    data = np.concatenate([data for _, data in rows]) if rows else np.zeros(0)
    shape = (len(rows), VECTORS.n_features)
    return sparse.csr_matrix((data, indices, indptr), shape=shape)


@lru_cache(maxsize=1 << 16)
def _vector(text: str) -> tuple[Any, Any]:
    row = VECTORS.transform([text])
    return row.indices, row.data


def nearest(texts: list[str], near: Any) -> list[str]:
    """The texts nearest any item, in their order: see `nearest_indices`."""
    return [texts[i] for i in nearest_indices(near, len(texts))]


def nearest_indices(near: Any, count: int, most: int = NEAREST) -> list[int]:
    """Of `count` texts, at most about `most` nearest the items (`near`: items × texts hashed
    similarity): each item's best share of them (two at least); all of them when there are no
    more than `most`; in order."""
    if count <= most:
        return list(range(count))
    share = max(2, most // max(1, len(near)))
    keep: set[int] = set()
    for row in near:
        keep.update(int(i) for i in np.argsort(-row, kind="stable")[:share])
    return sorted(keep)
