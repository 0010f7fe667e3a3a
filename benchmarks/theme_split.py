"""Write the theme model's reproducible inputs: the held-out split and the tuned thresholds.

``python benchmarks/theme_split.py`` rewrites models/themes_heldout.yaml (grouped by
near-duplicates, stratified by source, seeded); run it once after adding labelled rows.
``--thresholds`` rewrites the ``thresholds:`` line of models/training.yaml with the per-label
thresholds tuned by grouped cross-validation on the training split (``councilpapers.nlp.train``).
Both are deterministic; tests check the committed files match what this produces.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from councilpapers.nlp.theme_split import split_yaml
from councilpapers.nlp.train import train

MODELS = Path(__file__).resolve().parents[1] / "models"


def write_thresholds() -> None:
    path = MODELS / "training.yaml"
    line = "thresholds: " + json.dumps(train().thresholds)
    text = re.sub(r"^thresholds:.*$", line, path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {line}")


if __name__ == "__main__":
    if "--thresholds" in sys.argv:
        write_thresholds()
    else:
        (MODELS / "themes_heldout.yaml").write_text(split_yaml(), encoding="utf-8")
        print(f"wrote {MODELS / 'themes_heldout.yaml'}")
