"""Headings of recommendation lists, and what each calls its items: a small rule table.

A line is a list heading when its wording opens with one of the phrases below and the line is
a heading in shape: it starts with a capital, holds no sentence (no full stop) and ends without
a page number (a contents line "What does the local authority need to improve?   7" is not the
list). The first rule that matches names the kind of every item in the list:

- "Areas for priority action", "Priority and immediate action", "Priority actions":
  `priority_action`;
- "Areas for improvement", "Areas for improvement:", "Areas for development":
  `area_for_improvement`;
- "What needs to improve?", "What needs to improve in this local authority?", "What needs to
  improve in this area of social work practice", "Recommendations", "What does the local
  authority need to improve?": `recommendation`.

A heading over headings ("What does the local authority need to improve?" over "Priority and
immediate action") yields no list of its own: the list reader stops at the next heading.
`INSPECTION_HEADING` says which headings only an inspection prints: "Recommendations" may be a
committee report's recommendations to members (`inspection_lists` decides).
"""

from __future__ import annotations

import re

from councilpapers.extract.report_lines import TextLine
from councilpapers.vocabularies import RecKind


def _rule(kind: RecKind, pattern: str) -> tuple[RecKind, re.Pattern[str]]:
    return kind, re.compile(pattern, re.IGNORECASE)


RULES: tuple[tuple[RecKind, re.Pattern[str]], ...] = (
    _rule("priority_action", r"^areas? (for|of) priority action|^priority (and immediate )?action"),
    _rule("area_for_improvement", r"^areas? for (improvement|development)"),
    _rule("recommendation", r"^what needs to improve|^recommendations?\b"),
    _rule("recommendation", r"^what (does|do) (the )?[\w ]{2,40} need to improve"),
)
INSPECTION_HEADING = re.compile(
    r"^(what needs to improve|what does|areas? (for|of)|priority)", re.IGNORECASE
)
SHAPE = re.compile(r"^(?-i:[A-Z])[^.]{0,100}(?<!\s\d)(?<!\s\d\d)$")


def heading_kind(line: TextLine) -> RecKind | None:
    """The kind of the items under this line when it is a list heading, else None."""
    text = line.text.strip()
    if not SHAPE.match(text) or len(text.split()) > 14:
        return None
    for kind, pattern in RULES:
        if pattern.match(text):
            return kind
    return None


def inspection_heading(line: TextLine) -> bool:
    """A heading only an inspection prints (not a bare "Recommendations")."""
    return bool(INSPECTION_HEADING.match(line.text.strip()))


def as_prominent(line: TextLine, heading: TextLine) -> bool:
    """The line is set at least as prominently as the list's heading: as large, and bold if the
    heading is bold."""
    return line.size >= heading.size - 0.5 and (line.bold or not heading.bold)


def same_wording(line: TextLine, heading: TextLine) -> bool:
    """The line repeats the heading (a table's header row under the heading), ignoring case and
    closing punctuation."""
    return _plain(line.text) == _plain(heading.text)


def _plain(text: str) -> str:
    return re.sub(r"[\s?:.\d]+$", "", text).strip().lower()
