"""The vocabularies every stage shares: table kinds, document types and recommendation kinds
(whose list a recommendation comes from) and what an inspection called each item of its lists.
Each is one registry here: a new kind is one entry,
and a new vocabulary one `Vocabulary(...)`.

An entry (`Term`) has a name, a sentence saying what it is, and flags that say what the rest of
the code does with it: a table kind flagged `actions` carries action rows (tagged, exported by
`export actions`), one flagged `tracked` is read by recommendation tracking, a document type
flagged `front` may open with a front sheet naming the meeting, one flagged `inspectorate` is an
inspection's own (its lists are the inspection's; a table shaped like a RAG summary in it is no
council's rating), a source kind flagged `default`
is shown by `recs` unless `--kind` says otherwise. Code asks the registry
(`TABLE_KINDS.flagged("actions")`) instead of writing the names out; the data dictionary, the
CLI's help and the README's lists are made from the descriptions, and
`tests/test_registries.py` checks each entry is documented.

Records hold the names as plain strings (`TableKind`, `DocType`, …) and check them on creation
(`Vocabulary.check`), so a misspelt kind fails where it is made.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a vocabulary."""

    name: str
    description: str
    flags: frozenset[str] = field(default_factory=frozenset)


class Vocabulary:
    """A named, ordered registry of terms."""

    def __init__(self, what: str, *terms: Term) -> None:
        self.what = what
        self.terms = {term.name: term for term in terms}
        if len(self.terms) != len(terms):
            raise ValueError(f"{what}: a name is registered twice")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def __contains__(self, name: object) -> bool:
        return name in self.terms

    def flagged(self, flag: str) -> tuple[str, ...]:
        """The names carrying `flag`, in registry order."""
        return tuple(name for name, term in self.terms.items() if flag in term.flags)

    def check(self, name: str) -> str:
        """`name` if it is registered; a ValueError listing the valid names if not."""
        if name not in self.terms:
            raise ValueError(f"unknown {self.what} {name!r}: one of {', '.join(self.names)}")
        return name

    def markdown(self) -> str:
        """`name` (description); … — the list the README and the data dictionary print."""
        return "; ".join(f"`{t.name}` ({t.description})" for t in self)


TableKind = str
DocType = str
SourceKind = str
RecKind = str
TRACKED, FRONT = frozenset({"tracked"}), frozenset({"front"})
INSPECTORATE = frozenset({"inspectorate"})

TABLE_KINDS = Vocabulary(
    "table kind",
    Term(
        "action_plan",
        "an action plan: actions, leads, timescales",
        frozenset({"actions", "tracked"}),
    ),
    Term(
        "rag_snapshot",
        "any table rating each recommendation: number, wording, rating, progress",
        frozenset({"actions", "tracked"}),
    ),
    Term("indicators", "KPI, logframe and measure/target/actual tables"),
    Term("risk_register", "risk, likelihood, impact, score, mitigation"),
    Term("other", "any other table; its headings may still name recommendations", TRACKED),
)

DOC_TYPES = Vocabulary(
    "document type",
    Term("covering_letter", "the letter sending a pack out, listing its items", FRONT),
    Term("agenda", "a meeting's agenda", FRONT),
    Term("minutes", "minutes of a meeting", FRONT),
    Term("report", "a report to the committee", FRONT),
    Term("appendix", "an appendix to a report"),
    Term("plan", "an improvement or action plan (its tables are plans or snapshots)"),
    Term("inspection_letter", "an inspection's letter", INSPECTORATE),
    Term(
        "inspection_report",
        'an inspection report: its first page prints "Inspection date(s):"; its judgement, '
        "dates and lists of what must improve are kept",
        INSPECTORATE,
    ),
    Term("impact_assessment", "an equality or other impact assessment (EqIA, DPIA forms)"),
    Term("letter", "a letter enclosed in a pack (a minister's, a partner's)"),
    Term("decision_record", "a record of decision or proposed record of decision"),
    Term("policy", "a policy or strategy"),
    Term("form", "a form filled in or to fill in (an application, a return)"),
    Term("presentation", "a slide deck printed one slide a page"),
    Term("spreadsheet", "a spreadsheet printed as pages of figures"),
    Term("questions", "questions put to the meeting and the answers given"),
    Term("amendment", "an amendment to a motion or budget, on its form"),
    Term("other", "anything else", FRONT),
)

SOURCE_KINDS = Vocabulary(
    "recommendation source",
    Term("inspection", "what an inspection asked for", frozenset({"default"})),
    Term("plan", "a plan's own heading, answering no inspection"),
    Term("decision", "a committee report's recommendation to members"),
)

REC_KINDS = Vocabulary(
    "inspection item kind",
    Term(
        "recommendation",
        'under "What needs to improve?" or "Recommendations" (ILACS, the single inspection)',
    ),
    Term(
        "priority_action",
        'under "Priority and immediate action", "Priority actions" or "Areas for priority '
        'action" (an area SEND table of them names the responsible body)',
        frozenset({"priority"}),
    ),
    Term("area_for_improvement", 'under "Areas for improvement"'),
)
