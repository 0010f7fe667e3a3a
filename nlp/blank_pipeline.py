"""The spaCy pipeline before any trained component: `spacy.blank("en")`, an EntityRuler over the
roles gazetteer, and the lead finder with the lead segmenter it is given (or none: punctuation
rules).

The lead segmenter is itself trained on cells read by this pipeline, so training
(`lead_train`, `cache.cached_splitter`) builds it from here, and `pipeline.build_pipeline` adds
the trained segmenter on top: the pipeline depends on its trainer, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language

from councilpapers.nlp import leads

if TYPE_CHECKING:
    from councilpapers.nlp.lead_split import LeadSplitter


def blank_pipeline(
    splitter: LeadSplitter | None = None, keep_role: Callable[[str], bool] | None = None
) -> Language:
    """blank English + an EntityRuler over the gazetteer + the lead finder cutting cells with
    `splitter` (None: the punctuation rules). `keep_role` leaves gazetteer roles out (an
    evaluation with held-out wordings)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    )
    ruler.add_patterns(leads.ruler_patterns(keep_role))  # type: ignore[attr-defined]
    finder = nlp.add_pipe("lead_finder")
    finder.splitter = splitter  # type: ignore[attr-defined]
    return nlp
