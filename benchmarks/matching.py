"""Row matching and cell similarity for the scorer.

Within one (doc, table_kind), predicted rows are aligned to gold rows one-to-one and in order by a
weighted dynamic-programming alignment (like Needleman-Wunsch without gap costs): a pair's weight is
its text similarity plus a bonus for the same ``ref`` and for the same section number, and a
pair may only be matched when its text is similar enough. Order preservation keeps Version 14's
two rows ``5.1`` (under two different headings 5) apart even when their section numbers are missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from gold import compact, normalise

REF_BONUS = 0.5
SECTION_BONUS = 0.25
MIN_TEXT = 0.35  # least token similarity for a pair without the same ref
MIN_TEXT_SAME_REF = 0.15  # least token similarity for a pair with the same ref

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """Bag of lower-cased word tokens."""
    return Counter(_TOKEN.findall(normalise(text).lower()))


def dice(left: Counter[str], right: Counter[str]) -> float:
    """Dice coefficient of two token bags (1.0 when both are empty)."""
    total = sum(left.values()) + sum(right.values())
    if total == 0:
        return 1.0
    return 2 * sum((left & right).values()) / total


def cell_similarity(predicted: object, gold: object) -> float:
    """1.0 when equal ignoring white space, else difflib's ratio on normalised text."""
    if compact(predicted) == compact(gold):
        return 1.0
    matcher = SequenceMatcher(None, normalise(predicted), normalise(gold), autojunk=False)
    return matcher.ratio()


def pair_weight(text_sim: float, same_ref: bool, same_section: bool) -> float | None:
    """The weight of matching two rows, or None when they may not be matched."""
    floor = MIN_TEXT_SAME_REF if same_ref else MIN_TEXT
    if text_sim < floor:
        return None
    return text_sim + REF_BONUS * same_ref + SECTION_BONUS * same_section


def align(weights: Sequence[Sequence[float | None]]) -> list[tuple[int, int]]:
    """Order-preserving one-to-one alignment maximising the summed weight.

    ``weights[i][j]`` is the weight of predicted row i with gold row j (None: not allowed).
    Returns the matched (i, j) pairs in order.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            score = max(best[i - 1][j], best[i][j - 1])
            weight = weights[i - 1][j - 1]
            if weight is not None:
                score = max(score, best[i - 1][j - 1] + weight)
            best[i][j] = score
    return _trace(best, weights)


def _trace(
    best: list[list[float]], weights: Sequence[Sequence[float | None]]
) -> list[tuple[int, int]]:
    pairs = []
    i, j = len(best) - 1, len(best[0]) - 1
    while i > 0 and j > 0:
        weight = weights[i - 1][j - 1]
        if weight is not None and abs(best[i][j] - (best[i - 1][j - 1] + weight)) < 1e-9:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]
