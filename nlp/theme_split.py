"""The held-out split of the labelled theme rows: grouped and stratified by source.

Near-duplicate rows (the same action carried from one plan version to the next, the same commitment
repeated under several directorates, sub-items that share a stem) must never straddle the split, or
the held-out figure measures memory. Rows are joined into groups when their TF-IDF cosine exceeds
0.8, when they share an outcome statement, or when their actions open with the same words. Within
each source document, whole groups are drawn in a seeded random order until a quarter of that
document's rows are held out. The result is written once, as an explicit list of row ids, to
``models/themes_heldout.yaml``; training and tuning read that list and never touch those rows.
The split is drawn from the first labelling round only: rows labelled later (``batch`` 2 and on)
are training rows, added only when no near-duplicate group or sentence joins them to a held-out row.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from councilpapers.nlp.themes import Example, load_config, load_examples

NEAR_DUPLICATE = 0.8
HELDOUT_SHARE = 0.25
STEM_CHARS = 60


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _text(example: Example) -> str:
    return " ".join(example.fields.get(k, "") for k in ("outcome", "actions", "measures"))


def _keys(example: Example) -> list[str]:
    """Exact-match keys that put two rows in one group: outcome, or the opening of the actions."""
    keys = []
    outcome = _norm(example.fields.get("outcome", ""))
    if len(outcome) >= 15:
        keys.append("o:" + outcome)
    actions = _norm(example.fields.get("actions", ""))
    if len(actions) >= STEM_CHARS:
        keys.append("a:" + actions[:STEM_CHARS])
    return keys


class _Groups:
    """Union-find over row indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def group_rows(examples: Sequence[Example]) -> list[int]:
    """A group number per row: near-duplicates and rows sharing a key get the same number.

    The TF-IDF weights are fitted on the first-round rows among `examples` (all of them when
    none are), so adding later rounds never regroups rows already checked."""
    groups = _Groups(len(examples))
    # word weights from the first labelling round's rows when there are any: a pair's similarity
    # must not move when rows labelled later join the set (a pair at 0.79998 crossed 0.8 so)
    basis = [_text(e) for e in examples if e.batch == 1] or [_text(e) for e in examples]
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit(basis)
    matrix = vectorizer.transform([_text(e) for e in examples])
    similar = cosine_similarity(matrix) > NEAR_DUPLICATE
    for i, j in zip(*similar.nonzero(), strict=True):
        groups.join(int(i), int(j))
    first: dict[str, int] = {}
    for i, example in enumerate(examples):
        for key in _keys(example):
            groups.join(i, first.setdefault(key, i))
    return [groups.find(i) for i in range(len(examples))]


QUOTE_CHARS = 50


def _sentences(example: Example) -> set[str]:
    """The example's sentences and lines of at least QUOTE_CHARS characters, normalised."""
    pieces = (re.split(r"(?<=[.;\n])\s*", value) for value in example.fields.values())
    return {s for piece in pieces for s in map(_norm, piece) if len(s) >= QUOTE_CHARS}


def sharing_sentences(examples: Sequence[Example], others: Sequence[Example]) -> list[str]:
    """Ids of the `others` that share a whole sentence with one of the `examples`, either way
    round (a paragraph quoting a recommendation, a recommendation quoting a priority): looser than
    near-duplicate grouping, for checking training-only text against the held-out rows."""
    sentences = {s for e in examples for s in _sentences(e)}
    texts = [_norm(" ".join(e.fields.values())) for e in examples]
    shared = []
    for other in others:
        text = _norm(" ".join(other.fields.values()))
        if any(s in text for s in sentences) or any(
            s in t for s in _sentences(other) for t in texts
        ):
            shared.append(other.id)
    return shared


def heldout_ids(examples: Sequence[Example], sources: Sequence[str], seed: int) -> list[str]:
    """Row ids held out: whole groups, about a quarter of each source document's rows."""
    group_of = group_rows(examples)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(group_of):
        members[g].append(i)
    by_source: dict[str, list[int]] = defaultdict(list)
    for g, rows in sorted(members.items()):
        by_source[sources[rows[0]]].append(g)
    rng = random.Random(seed)
    chosen: list[int] = []
    for source in sorted(by_source):
        groups = by_source[source]
        rng.shuffle(groups)
        size = sum(len(members[g]) for g in groups)
        taken = 0
        for g in groups:
            if taken >= round(HELDOUT_SHARE * size):
                break
            chosen += members[g]
            taken += len(members[g])
    return sorted(examples[i].id for i in chosen)


def split_yaml() -> str:
    """The text of ``models/themes_heldout.yaml`` for the current labelled rows and seed."""
    examples = [e for e in load_examples("all") if e.batch == 1]
    ids = heldout_ids(examples, [e.source for e in examples], int(load_config()["seed"]))
    header = (
        "# Held-out theme rows: never used for training or tuning. Written by\n"
        "# benchmarks/theme_split.py (grouped by near-duplicates, stratified by source, seeded).\n"
    )
    return header + "heldout:\n" + "".join(f"  - {i}\n" for i in ids)
