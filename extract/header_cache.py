"""Where the trained header model lives: loaded from its JSON cache, else trained now and cached.

The classifier itself is `header_model.py` (features, the weight table, classifying; no
scikit-learn); training is `header_training.py` (scikit-learn). This module sits above both, so
the classifier never imports its trainer: reading a table loads the cached weights, and only a
missing cache (a fresh install, a changed thesaurus) pays for training, once.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import version
from pathlib import Path

from councilpapers.extract.header_model import MODEL_FORMAT, HeaderModel, thesaurus_text
from councilpapers.model_cache import cache_dir, write_atomically


def model_path() -> Path:
    digest = hashlib.sha256(f"{MODEL_FORMAT}:{version('scikit-learn')}".encode())
    digest.update(thesaurus_text().encode("utf-8"))
    return cache_dir() / f"headers-{digest.hexdigest()[:16]}.json"


@cache
def header_model() -> HeaderModel:
    """The trained header model for the current thesaurus: from the cache, else trained now
    (and cached)."""
    path = model_path()
    try:
        return HeaderModel.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        pass
    from councilpapers.extract.header_training import train_model  # scikit-learn: only on a miss

    model = train_model()
    save_model(model, path)
    return model


def save_model(model: HeaderModel, path: Path) -> None:
    """Write atomically; a cache that cannot be written is not an error."""
    write_atomically(path, model.to_json().encode("utf-8"))
