"""Tables inside an inspection report: the inspectorate's grades, never a council's ratings.

An inspection report prints its judgements as a table ("Judgement | Grade", "The impact of
leaders on social work practice … | Requires improvement to be good"), which content typing
rightly reads as a rating column beside a column of statements: the shape of a council's RAG
summary. A council's summary rates the recommendations of its own plan; inside a part whose
type is an inspection's own (flagged `inspectorate`: its report or letter), the same shape is
the inspection's verdict, which `inspection_facts` reads from the text. Such a table is kept, as
`other`, so it never enters the recommendation register as a plan's recommendations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from councilpapers.records import PackItem, Table
from councilpapers.vocabularies import DOC_TYPES


def inspection_grades_unrated(tables: Iterable[Table], parts: Sequence[PackItem]) -> list[Table]:
    """`tables`, a RAG-summary-shaped table printed wholly inside an inspection's report or
    letter retyped as `other`."""
    inspectorate = DOC_TYPES.flagged("inspectorate")
    inspected = {
        page
        for part in parts
        if part.doc_type in inspectorate
        for page in range(part.first_page, part.last_page + 1)
    }
    return [
        replace(table, kind="other")
        if table.kind == "rag_snapshot"
        and table.page_first in inspected
        and table.page_last in inspected
        else table
        for table in tables
    ]
