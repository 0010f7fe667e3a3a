"""Assemble the spaCy pipeline from ``spacy.blank("en")`` and the project's components."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import spacy
from spacy.language import Language

from councilpapers.nlp import leads

if TYPE_CHECKING:
    from councilpapers.nlp.lead_split import LeadSplitter

COMPONENTS = ("entity_ruler", "lead_finder")


def build_pipeline(
    splitter: LeadSplitter | Literal["trained"] | None = "trained",
    keep_role: Callable[[str], bool] | None = None,
) -> Language:
    """blank English + an EntityRuler over the gazetteer + the lead finder, which cuts cells with
    the trained lead segmenter (loaded from the disk cache, trained when missing); `None` keeps
    the punctuation rules (the segmenter's own training reads cells that way). `keep_role`
    leaves gazetteer roles out (an evaluation with held-out wordings)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    )
    ruler.add_patterns(leads.ruler_patterns(keep_role))  # type: ignore[attr-defined]
    finder = nlp.add_pipe("lead_finder")
    if splitter == "trained":
        from councilpapers.nlp.cache import cached_splitter

        splitter = cached_splitter()
    finder.splitter = splitter  # type: ignore[attr-defined]
    return nlp
