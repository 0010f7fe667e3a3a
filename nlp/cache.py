"""A disk cache for the trained theme model and lead segmenter, so each worker process loads them
instead of training.

The key is a hash of everything training reads (labelled rows, label set, held-out split, config;
for the segmenter the gazetteer, lead parts, labelled lead cells and its own code) and the
scikit-learn version; a changed input or library trains afresh. The cache lives in
$COUNCILPAPERS_CACHE or ~/.cache/councilpapers and holds only files this module wrote.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import sklearn

from councilpapers.model_cache import cache_dir, write_atomically
from councilpapers.nlp.resources import read_text
from councilpapers.nlp.themes import ThemeModel

if TYPE_CHECKING:
    from councilpapers.nlp.lead_split import LeadSplitter

INPUTS = (
    "themes_labelled.jsonl",
    "themes_auxiliary.jsonl",
    "themes.yaml",
    "themes_heldout.yaml",
    "training.yaml",
)
LEAD_INPUTS = ("gazetteer.yaml", "lead_patterns.jsonl", "lead_parts.yaml", "leads_labelled.jsonl")
LEAD_CODE = ("lead_split.py", "lead_cells.py", "lead_train.py", "leads.py", "blank_pipeline.py")
T = TypeVar("T")
MODEL_FORMAT = "2"  # bump when ThemeModel's pickled attributes change


def model_key() -> str:
    digest = hashlib.sha256(f"{MODEL_FORMAT}:{sklearn.__version__}".encode())
    for name in INPUTS:
        digest.update(read_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def cached_model(train: Callable[[], ThemeModel]) -> ThemeModel:
    """The cached model for the current inputs, training (and caching) it when missing."""
    return _cached(cache_dir() / f"themes-{model_key()}.pkl", ThemeModel, train)


def splitter_key() -> str:
    digest = hashlib.sha256(f"{sklearn.__version__}".encode())
    for name in LEAD_INPUTS:
        digest.update(read_text(name).encode("utf-8"))
    for module in LEAD_CODE:
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:16]


def cached_splitter() -> LeadSplitter:
    """The lead segmenter for the current inputs, trained (and cached) when missing."""
    from councilpapers.nlp.lead_split import LeadSplitter

    def train() -> LeadSplitter:
        from councilpapers.nlp.blank_pipeline import blank_pipeline
        from councilpapers.nlp.lead_train import fit_splitter

        return fit_splitter(blank_pipeline(None))

    return _cached(cache_dir() / f"leads-{splitter_key()}.pkl", LeadSplitter, train)


def _cached(path: Path, kind: type[T], train: Callable[[], T]) -> T:
    if path.exists():
        try:
            with path.open("rb") as handle:
                model = pickle.load(handle)
            if isinstance(model, kind):
                return model
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    model = train()
    write_atomically(path, pickle.dumps(model))
    return model
