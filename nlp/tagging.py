"""Tag action rows: the API the rest of councilpapers calls to tag action rows.

``load_tagger()`` builds the spaCy pipeline (blank English + the project's components) and the
theme model trained from ``models/`` (deterministic; cached on disk by ``nlp.cache``).
``Tagger.tag`` / ``tag_many`` take rows as canonical field name -> text and return
``RowTags`` (deadlines as ISO dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from spacy.language import Language

from councilpapers.nlp.dates import Due, find_dates, parse_due
from councilpapers.nlp.pipeline import build_pipeline
from councilpapers.nlp.status import RagKey, normalise_status
from councilpapers.nlp.themes import ThemeModel, fit, load_config, load_labels, training_examples
from councilpapers.records import RowTags


def due_of(fields: Mapping[str, str], plan_date: dt.date | None) -> Due:
    """The deadline from the timescale, or from the status text when the timescale has none."""
    due = parse_due(fields.get("timescale", ""), plan_date)
    if due.due_date is None and due.due_kind == "unknown":
        status = fields.get("status", "")
        if find_dates(status, plan_date):
            due = parse_due(status, plan_date)
    return due


def is_overdue(due: Due, status: str, plan_date: dt.date | None) -> bool | None:
    """True when the deadline is before the plan date and the status is not completed."""
    if plan_date is None or due.due_date is None:
        return None
    return due.due_date < plan_date and status != "completed"


class Tagger:
    """The spaCy pipeline for leads plus the rules for dates and status and the theme model."""

    def __init__(self, nlp: Language, themes: ThemeModel):
        self.nlp = nlp
        self.themes = themes

    def tag(self, fields: Mapping[str, str], plan_date: dt.date | None) -> RowTags:
        """Tag one row."""
        return self.tag_many([fields], plan_date)[0]

    def tag_many(
        self,
        rows: Sequence[Mapping[str, str]],
        plan_date: dt.date | None,
        rag_key: RagKey = (),
    ) -> list[RowTags]:
        """Tag many rows of one plan: leads through ``nlp.pipe``, themes in one batch; a RAG
        colour is read through the plan's own key (`rag_key`, (colour, meaning) pairs)."""
        docs = self.nlp.pipe(r.get("lead", "") for r in rows)
        themes = self.themes.predict(rows)
        out = []
        for row, doc, row_themes in zip(rows, docs, themes, strict=True):
            status = normalise_status(row.get("status", ""), row.get("rag", ""), rag_key)
            due = due_of(row, plan_date)
            overdue = is_overdue(due, status.norm, plan_date)
            out.append(
                RowTags(
                    leads=doc._.leads,
                    due_date=due.due_date.isoformat() if due.due_date else None,
                    due_kind=due.due_kind,
                    overdue=overdue,
                    status_norm=status.norm,
                    status_lines=status.lines,
                    themes=row_themes,
                )
            )
        return out


def load_tagger(use_cache: bool = True) -> Tagger:
    """Build the pipeline and the theme model trained from the data in ``models/`` (loaded from
    the disk cache when it was trained before on the same data)."""
    from councilpapers.nlp.cache import cached_model

    def train() -> ThemeModel:
        config = load_config()
        return fit(training_examples(config), load_labels(), config)

    model = cached_model(train) if use_cache else train()
    return Tagger(build_pipeline(), model)
