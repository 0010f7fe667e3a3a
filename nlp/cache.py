"""A disk cache for the trained theme model, so each worker process loads it instead of training.

The key is a hash of everything training reads (labelled rows, label set, held-out split, config)
and the scikit-learn version; a changed input or library trains afresh. The cache lives in
$COUNCILPAPERS_CACHE or ~/.cache/councilpapers and holds only files this module wrote.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import sklearn

from councilpapers.nlp.resources import read_text
from councilpapers.nlp.themes import ThemeModel

INPUTS = (
    "themes_labelled.jsonl",
    "themes_auxiliary.jsonl",
    "themes.yaml",
    "themes_heldout.yaml",
    "training.yaml",
)
MODEL_FORMAT = "2"  # bump when ThemeModel's pickled attributes change


def cache_dir() -> Path:
    root = os.environ.get("COUNCILPAPERS_CACHE") or Path.home() / ".cache" / "councilpapers"
    return Path(root)


def model_key() -> str:
    digest = hashlib.sha256(f"{MODEL_FORMAT}:{sklearn.__version__}".encode())
    for name in INPUTS:
        digest.update(read_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def cached_model(train: Callable[[], ThemeModel]) -> ThemeModel:
    """The cached model for the current inputs, training (and caching) it when missing."""
    path = cache_dir() / f"themes-{model_key()}.pkl"
    if path.exists():
        try:
            with path.open("rb") as handle:
                model = pickle.load(handle)
            if isinstance(model, ThemeModel):
                return model
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    model = train()
    _write(path, model)
    return model


def _write(path: Path, model: ThemeModel) -> None:
    """Write atomically; a cache that cannot be written is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump(model, handle)
        os.replace(handle.name, path)
    except OSError:
        return
