"""Document types told from what a document's pages hold, not from where it sits in the pack.

`packs.py` decides a pack item's type from its place (front sheet, an agenda item's first
document, what follows it) and its opening words; this room adds the types whose evidence is the
content itself, each from layout and wording together:
- an amendment: its opening lines name an amendment ("Budget Amendment Form", "Amendment to …");
- questions: its opening lines head it "Question N" or "Questions", and it holds answers;
- a presentation: landscape pages in large type with few lines each (one slide a page);
- a spreadsheet print: lines mostly figures;
- a form: many of its lines open with a field label ("Name of organisation:").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from councilpapers.ingest.pageview import PageView
from councilpapers.vocabularies import DocType

AMENDMENT = re.compile(r"\bamendment\b", re.IGNORECASE)
QUESTION = re.compile(r"^(?:questions?\b(?:\s+\d{1,3})?|q\d{1,3}\b)", re.IGNORECASE)
ANSWER = re.compile(r"^(?:answer|response|reply)\b", re.IGNORECASE)
FIELD_LABEL = re.compile(r"^[A-Z][A-Za-z /()'&-]{1,40}:(?:\s|$)")
NUMBER = re.compile(r"^[-(£$]?\d[\d,.%)]*$")
SLIDE_SIZE = 16.0  # points: body type this large is read from a screen
SLIDE_LINES = 16  # a slide holds no more lines than this
FIGURES = 0.5  # share of tokens that are numbers in a spreadsheet print
LABELLED = 0.2  # share of lines opening with a field label in a form
HEAD_LINES = 4


def content_type(views: Sequence[PageView], first: int, last: int) -> DocType | None:
    """The type the pages `first`..`last` show by their content, or None."""
    pages = [v for v in views[first - 1 : last] if v.lines and not v.padding]
    if not pages:
        return None
    head = [line.strip() for line in pages[0].lines[:HEAD_LINES]]
    if any(AMENDMENT.search(line) for line in head[:2]):
        return "amendment"
    if any(QUESTION.match(line) for line in head) and _answers(pages):
        return "questions"
    if all(_slide(v) for v in pages):
        return "presentation"
    lines = [line for v in pages for line in v.lines]
    if _share(lines, _figures) >= FIGURES and len(lines) >= 10:
        return "spreadsheet"
    if _share(lines, lambda line: bool(FIELD_LABEL.match(line.strip()))) >= LABELLED:
        return "form" if sum(bool(FIELD_LABEL.match(x.strip())) for x in lines) >= 4 else None
    return None


def _slide(view: PageView) -> bool:
    return view.landscape and view.body_size >= SLIDE_SIZE and len(view.lines) <= SLIDE_LINES


def _answers(pages: Sequence[PageView]) -> bool:
    return any(ANSWER.match(line.strip()) for v in pages for line in v.lines)


def _figures(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and sum(bool(NUMBER.match(t)) for t in tokens) >= FIGURES * len(tokens)


def _share(lines: Sequence[str], test: Callable[[str], bool]) -> float:
    if not lines:
        return 0.0
    return sum(test(line) for line in lines) / len(lines)
