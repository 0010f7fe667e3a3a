"""Assemble the spaCy pipeline: `blank_pipeline` (``spacy.blank("en")``, the roles ruler, the lead
finder) with the trained lead segmenter from the disk cache (`cache.cached_splitter`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from spacy.language import Language

from councilpapers.nlp.blank_pipeline import blank_pipeline

if TYPE_CHECKING:
    from councilpapers.nlp.lead_split import LeadSplitter


def build_pipeline(
    splitter: LeadSplitter | Literal["trained"] | None = "trained",
    keep_role: Callable[[str], bool] | None = None,
) -> Language:
    """blank English + an EntityRuler over the gazetteer + the lead finder, which cuts cells with
    the trained lead segmenter (loaded from the disk cache, trained when missing); `None` keeps
    the punctuation rules (the segmenter's own training reads cells that way). `keep_role`
    leaves gazetteer roles out (an evaluation with held-out wordings)."""
    if splitter == "trained":
        from councilpapers.nlp.cache import cached_splitter

        splitter = cached_splitter()
    return blank_pipeline(splitter, keep_role)
