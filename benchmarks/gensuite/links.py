"""Score recommendation tracking against the suite's ``recommendations.jsonl``.

Gold recommendations are paired with register entries by text (an optimal one-to-one
assignment), never by id. Per (recommendation, version): Jaccard of the linked rows' refs with
the gold refs, RAG as the summary table rates it, whether a renumbered recommendation was followed
(one history holds most of its rows under the old number and under the new, and any
section number it reports is the printed one), whether each pushed-back
deadline is reported (ref found; whether the explanation flag is right counted apart), and
whether the history lists every version under the gold's name, in the gold's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class LinkTally:
    jaccards: list[float] = field(default_factory=list)
    rag_right: int = 0
    rag_total: int = 0
    renumbered: int = 0
    renumbered_total: int = 0
    pushed_found: int = 0
    pushed_explained: int = 0
    pushed_total: int = 0
    pushed_extra: int = 0  # reported pushed back where the gold has no such push
    ordered: int = 0  # recommendations whose history lists every gold version, in order
    ordered_total: int = 0
    note: str = ""

    @property
    def jaccard(self) -> float:
        return sum(self.jaccards) / len(self.jaccards) if self.jaccards else 0.0

    def line(self) -> str:
        if self.note and not self.jaccards:
            return f"[{self.note}]"
        return (
            f"links {self.jaccard:.3f}  RAG {self.rag_right}/{self.rag_total}  renumbering "
            f"{self.renumbered}/{self.renumbered_total}  pushed back {self.pushed_found}/"
            f"{self.pushed_total} (explained right {self.pushed_explained}, "
            f"{self.pushed_extra} not in gold)  versions in order {self.ordered}/"
            f"{self.ordered_total}" + (f"  [{self.note}]" if self.note else "")
        )


def score_links(db_url: str, gold: list[dict[str, Any]]) -> LinkTally:
    """Run the tracking library on the store and score it against the gold recommendations."""
    from councilpapers.errors import CouncilPapersError
    from councilpapers.tracking.tracker import track

    try:
        histories = track(db_url, save=False).histories  # read only: nothing saved
    except CouncilPapersError as error:
        tally = _empty(gold)
        tally.note = f"no history: {error}"
        return tally
    pairs = _pair(gold, [h.recommendation.text for h in histories])
    tally = LinkTally()
    for g_index, item in enumerate(gold):
        history = histories[pairs[g_index]] if g_index in pairs else None
        ours = {v.plan_version: v for v in history.versions} if history else {}
        _score_item(item, ours, tally)
    return tally


def _pair(gold: list[dict[str, Any]], texts: list[str]) -> dict[int, int]:
    """Gold index -> history index, an optimal one-to-one assignment on token similarity (the
    benchmark's own, so the score does not lean on the library's matcher)."""
    if not texts:
        return {}
    import numpy as np
    from matching import dice, tokens
    from scipy.optimize import linear_sum_assignment

    ours = [tokens(text) for text in texts]
    scores = np.array([[dice(tokens(g["text"]), bag) for bag in ours] for g in gold])
    rows, cols = linear_sum_assignment(-scores)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True) if scores[r, c] >= 0.3}


def _score_item(item: dict[str, Any], ours: dict[str, Any], tally: LinkTally) -> None:
    tally.ordered_total += 1
    tally.ordered += [v for v in ours if v in item["versions"]] == list(item["versions"])
    previous: tuple[int, Any, float] | None = None
    for version, expected in item["versions"].items():
        entry = ours.get(version)
        want = {r["ref"] for r in expected["rows"]}
        got = {r.ref for r in entry.rows} if entry else set()
        jaccard = len(want & got) / len(want | got) if want | got else 1.0
        tally.jaccards.append(jaccard)
        if expected.get("rag"):
            tally.rag_total += 1
            tally.rag_right += bool(entry and (entry.rag or "").lower() == expected["rag"].lower())
        current = (expected["number"], entry, jaccard)
        if previous is not None and previous[0] != expected["number"]:
            tally.renumbered_total += 1
            tally.renumbered += _followed(previous, current)
        previous = current
        _score_pushed(expected["pushed_back"], entry, tally)


def _followed(before: tuple[int, Any, float], after: tuple[int, Any, float]) -> bool:
    """One history holds most of the old-numbered rows and most of the new-numbered ones, and
    any section number it reports is the one printed in that version."""
    for number, entry, jaccard in (before, after):
        if entry is None or jaccard < 0.5:
            return False
        if entry.section_number is not None and str(entry.section_number) != str(number):
            return False
    return True


def _score_pushed(expected: list[dict[str, Any]], entry: Any, tally: LinkTally) -> None:
    found = {}
    if entry is not None and entry.diff is not None:
        found = {ref: explained for ref, _, _, explained in entry.diff.deadlines_pushed_back}
    tally.pushed_extra += len(set(found) - {push["ref"] for push in expected})
    for push in expected:
        tally.pushed_total += 1
        if push["ref"] in found:
            tally.pushed_found += 1
            tally.pushed_explained += found[push["ref"]] == push["explained"]


def _empty(gold: list[dict[str, Any]]) -> LinkTally:
    tally = LinkTally()
    for item in gold:
        _score_item(item, {}, tally)
    return tally
