"""Assemble the spaCy pipeline from ``spacy.blank("en")`` and the project's components."""

from __future__ import annotations

import spacy
from spacy.language import Language

from councilpapers.nlp import leads


def build_pipeline() -> Language:
    """blank English + an EntityRuler over the gazetteer + the lead finder."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    )
    ruler.add_patterns(leads.ruler_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("lead_finder")
    return nlp
