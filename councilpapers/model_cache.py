"""Where trained models are cached on disk, and how a cached model is written.

Both trained models of the pipeline (the header classifier, `extract/header_cache.py`; the theme
classifier and lead segmenter, `nlp/cache.py`) keep their files in one folder,
$COUNCILPAPERS_CACHE or ~/.cache/councilpapers, written atomically (a reader never sees half a
file), and a cache that cannot be written is not an error: the model is trained again next time.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """$COUNCILPAPERS_CACHE, else ~/.cache/councilpapers."""
    root = os.environ.get("COUNCILPAPERS_CACHE") or Path.home() / ".cache" / "councilpapers"
    return Path(root)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in its folder; an OSError is ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        return
