"""Which recommendation heading a plan row sits under, whatever way the plan names it.

Plans name the recommendation a row answers in one of three ways: a heading or banner row over
the rows (the row's section, as extract found it), a banner that says so ("Recommendation 3:
Ensure that…", "Area for improvement 2"), or a column of its own, usually a cell merged down over
the rows of one recommendation (a column headed "Recommendation", "Ofsted recommendation",
"Area for improvement": after extract, every row of the group carries the text). A column or a
banner that names a recommendation outranks a plain heading, and tells that the plan answers an
inspection (`named`); so does a column merged down over its rows whatever its header says (extract
made it the rows' section), and a numbered heading that states something ("Finding 2: Improve the
timeliness of …"), not a one-word theme.
"""

from __future__ import annotations

import itertools
import re

from councilpapers.records import Row, Table

RECOMMENDATION_HEADER = re.compile(
    r"recommend|areas? for (improvement|development|priority action)|what needs to improve"
    r"|improvement (area|priorit)|inspection (finding|feedback)",
    re.IGNORECASE,
)
BANNER = re.compile(
    r"^\s*(?:ofsted\s+)?(?:recommendation|area for (?:improvement|priority action)|rec\.)"
    r"\s*(?:no\.?\s*)?(\d{1,3})\b[\s:.)\-–—]*",
    re.IGNORECASE,
)
RATING_HEADER = re.compile(r"\b(rag|brag|rating|rated|status)\b", re.IGNORECASE)
LEADING = re.compile(r"^\s*(\d{1,3})[.):]?\s+(?=\S)")
REF_HEAD = re.compile(r"^\s*(?:[A-Za-z]{1,3}\.?\s?)?(\d{1,3})\.\d")  # "2.3", "R2.3", "Rec 2.3"

REF = re.compile(r"^\s*[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\s*$")
STATEMENT_WORDS = 5  # a numbered heading this long states what the plan answers
GROUPED = 0.7  # an outcome column with at most this many runs per row groups the rows

Heading = tuple[str | None, str, str | None]  # number as printed, wording, group


def row_ref(row: Row) -> str:
    """The row's reference: its `ref` cell, else the first cell that reads as one ("2.3"), as
    plans print refs first under headers the schema may not know ("Action ID")."""
    ref = row.text("ref")
    if ref or not row.fields:
        return ref
    first = next(iter(row.fields.values())).text
    return first.strip() if REF.match(first) else ""


def heading_of(
    row: Row, previous: Heading | None = None, grouped: bool = False
) -> tuple[Heading, bool]:
    """The row's recommendation heading, and whether the plan names it as a recommendation.

    `previous` is the heading of the row before in the same document: a recommendation cell
    left empty is the merged cell above it continuing (when extract did not copy it down).
    `grouped`: the table's outcome column repeats one wording over runs of rows (`groups_rows`),
    so it heads them whatever its header says."""
    section = row.section
    cell = row.fields.get("outcome")
    title = " ".join((section.title or "").split())
    named_column = grouped or _heads(cell.text, title) if cell is not None else False
    if cell is not None and (RECOMMENDATION_HEADER.search(cell.header) or named_column):
        text = cell.text.strip()
        if previous is not None and (not text or text[0].islower() or _cut(text, previous[1])):
            return previous, True  # the merged cell above, its tail or its head at a page break
        if text:
            ref = row_ref(row)
            # a banner's number over the recommendation ("Priority 2") is not its number
            heads = _heads(text, title) or not REF_HEAD.match(ref)
            return _from_text(text, section.number if heads else None, ref, section.group), True
    banner = BANNER.match(title)
    if banner:
        rest = title[banner.end() :].strip()
        return (section.number or banner.group(1), rest or title, section.group), True
    group = BANNER.match(section.group or "")
    if group and title:
        return (section.number or group.group(1), title, section.group), True
    numbered = bool(section.number) and len(title.split()) >= STATEMENT_WORDS
    return (section.number, title, section.group), numbered


def _cut(text: str, before: str) -> bool:
    """Is the cell the start of the heading above, cut at a page break ("Improve the quality
    and timeliness of")?"""
    words, above = text.split(), before.split()
    return 3 <= len(words) < len(above) and above[: len(words)] == words


def groups_rows(table: Table) -> bool:
    """Does the table's outcome column print one wording over runs of rows (the recommendation
    repeated beside each of its actions, or printed once in a cell merged down over them and
    left empty below), rather than a wording per row?"""
    texts: list[str] = []
    for row in table.rows:  # an empty cell carries on the one above
        texts.append(" ".join(row.text("outcome").split()) or (texts[-1] if texts else ""))
    if "outcome" not in table.columns or len(texts) < 3 or not texts[-1]:
        return False
    runs = 1 + sum(a != b for a, b in itertools.pairwise(texts))
    return runs <= GROUPED * len(texts)


def _heads(text: str, title: str) -> bool:
    """Is the outcome cell the row's section heading? Extract makes a column merged down over
    its rows the rows' section, so the cell's wording (less a leading number) is the title."""
    words = " ".join(text.split())
    leading = LEADING.match(words)
    return bool(title) and title in (words, words[leading.end() :] if leading else words)


def _from_text(text: str, number: str | None, ref: str, group: str | None) -> Heading:
    """A heading from a recommendation cell: its own number, else the section's or the ref's."""
    words = " ".join(text.split())
    banner = BANNER.match(words)
    if banner:
        return (banner.group(1), words[banner.end() :].strip() or words, group)
    leading = LEADING.match(words)
    if leading:
        return (leading.group(1), words[leading.end() :], group)
    from_ref = REF_HEAD.match(ref or "")
    return (number or (from_ref.group(1) if from_ref else None), words, group)


def summary_rating(table: Table) -> str | None:
    """The field that rates each recommendation, when the table is a snapshot: typed so by
    extract, or a table extract left as `other` that has a recommendation column and a rating
    column and no actions ("No. | Recommendation | Overall rating | Summary of progress")."""
    if table.kind == "rag_snapshot":
        return "rag"
    if table.kind != "other" or "actions" in table.columns or "outcome" not in table.columns:
        return None
    if not any(RECOMMENDATION_HEADER.search(h) for h in table.headers):
        return None
    for name, header in zip(table.columns, table.headers, strict=False):
        if name == "rag" or RATING_HEADER.search(header):
            return name
    return None
