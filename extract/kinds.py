"""Table kinds: what a table is for, decided from its header alone by a small rule table.

A header row gives features: the canonical fields its columns map to (headers.py) plus a few
more read from the printed wording (risk, likelihood, score, mitigation, target, actual,
baseline). The rules below are tried in order; the first that holds names the kind:

- `risk_register`: a risk column and two of likelihood, impact, score, mitigation;
- `indicators`: measures (indicator, KPI, measure) and one of target, actual, baseline, and no
  actions column; or measures and one of timescale, progress, rating, with no actions or lead;
- `rag_snapshot`: a rating (RAG, BRAG, rating) and the recommendation (outcome) or its number
  (ref), with no actions or measures column;
- `action_plan`: three of the plan fields (ref, outcome, actions, lead, timescale, measures,
  status, progress), one of them actions, lead or timescale;
- `other`: anything else.

So "Recommendation | Overall rating | Summary of progress" is a RAG snapshot, "Objectively
Verifiable Indicators | Timescale | Progress" and "Measure | Target | Actual | RAG" are
indicators, and "Risk | Likelihood | Impact | Score | Mitigation | Owner" is a risk register,
whatever the document is called.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.extract.headers import CANONICAL, normalise_header
from councilpapers.vocabularies import TableKind

WORDING: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("risk", r"\brisks?\b(?! rating| score)"),
        ("likelihood", r"likelihood|probability"),
        ("impact", r"\bimpact\b|consequence"),
        ("score", r"\bscore\b|risk rating|severity"),
        ("mitigation", r"mitigat|\bcontrols?\b"),
        ("target", r"^targets?\b(?! date)|\btarget (value|level|figure|\d)|\btrajectory\b"),
        ("actual", r"\bactual\b|\boutturn\b|^performance\b|\bcurrent (value|performance)"),
        ("baseline", r"\bbaseline\b"),
    )
)
PLAN_FIELDS = frozenset(
    {"ref", "outcome", "actions", "lead", "timescale", "measures", "status", "progress"}
)


@dataclass(frozen=True, slots=True)
class KindRule:
    """A kind holds when, for each (fields, n) of `needs`, the header has n of the fields, and
    it has none of `none`."""

    kind: TableKind
    needs: tuple[tuple[frozenset[str], int], ...]
    none: frozenset[str] = frozenset()

    def holds(self, features: frozenset[str]) -> bool:
        return not self.none & features and all(
            len(fields & features) >= n for fields, n in self.needs
        )


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


RULES: tuple[KindRule, ...] = (
    KindRule(
        "risk_register", ((_f("risk"), 1), (_f("likelihood", "impact", "score", "mitigation"), 2))
    ),
    KindRule(
        "indicators", ((_f("measures"), 1), (_f("target", "actual", "baseline"), 1)), _f("actions")
    ),
    KindRule(
        "indicators",
        ((_f("measures"), 1), (_f("timescale", "progress", "rag"), 1)),
        _f("actions", "lead"),
    ),
    KindRule(
        "rag_snapshot", ((_f("rag"), 1), (_f("outcome", "ref"), 1)), _f("actions", "measures")
    ),
    KindRule("action_plan", ((PLAN_FIELDS, 3), (_f("actions", "lead", "timescale"), 1))),
)


def header_features(columns: Sequence[str], headers: Sequence[str] = ()) -> frozenset[str]:
    """The canonical fields of the columns, plus what the printed wording says."""
    found = {
        name.split("_", 1)[0] if name.split("_", 1)[0] in CANONICAL else name for name in columns
    }
    for text in headers:
        norm = normalise_header(text)
        found.update(name for name, pattern in WORDING if pattern.search(norm))
    return frozenset(found)


def table_kind(columns: Sequence[str], headers: Sequence[str] = ()) -> TableKind:
    """The kind of a table from its canonical columns and printed headers (rules above)."""
    features = header_features(columns, headers)
    return next((rule.kind for rule in RULES if rule.holds(features)), "other")
