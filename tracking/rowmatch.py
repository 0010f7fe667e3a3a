"""Follow rows from one plan version to the next within a recommendation.

Rows are renumbered with their section ("14.1" becomes "15.1"), reordered, split between the
outstanding and completed parts of a plan, or dropped. A row is followed by what it says it will
do (its outcome and action text), helped by its number within the section. The outstanding and
completed parts are matched separately, so one earlier row can continue in both.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from councilpapers.records import HistoryRow
from councilpapers.tracking.similarity import similarity_matrix

SAME_ROW = 0.45  # combined score above which two rows are the same action
SUFFIX_BONUS = 0.15


def _suffix(ref: str) -> str:
    return ref.split(".", 1)[1] if "." in ref else ref


def _match(before: Sequence[HistoryRow], after: Sequence[HistoryRow]) -> list[tuple[int, int]]:
    if not before or not after:
        return []
    scores = similarity_matrix(
        [r.actions or r.ref for r in before], [r.actions or r.ref for r in after]
    )
    bonus = np.array(
        [[SUFFIX_BONUS if _suffix(a.ref) == _suffix(b.ref) else 0.0 for b in after] for a in before]
    )
    total = scores + bonus
    rows, cols = linear_sum_assignment(-total)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if total[r, c] >= SAME_ROW]


def follow_rows(
    before: Sequence[HistoryRow], after: Sequence[HistoryRow]
) -> tuple[list[tuple[HistoryRow, HistoryRow]], list[HistoryRow], list[HistoryRow]]:
    """(matched pairs, rows added in `after`, rows removed from `before`)."""
    pairs: list[tuple[HistoryRow, HistoryRow]] = []
    used_before: set[int] = set()
    used_after: set[int] = set()
    for completed in (False, True):
        part = [i for i, r in enumerate(after) if r.completed == completed]
        for b_index, a_index in _match(before, [after[i] for i in part]):
            pairs.append((before[b_index], after[part[a_index]]))
            used_before.add(b_index)
            used_after.add(part[a_index])
    added = [r for i, r in enumerate(after) if i not in used_after]
    removed = [r for i, r in enumerate(before) if i not in used_before]
    return pairs, added, removed
