"""The header classifier's accuracy: grouped cross-validation on the training thesaurus, and
(with --heldout) accuracy on the held-out wordings no training run has seen.

    python benchmarks/header_model.py             # 5-fold CV grouped by wording, per field
    python benchmarks/header_model.py --heldout   # the lead's evaluation: held-out wordings

The held-out list (benchmarks/gensuite/heldout/) is read only with --heldout, through the
generator's own loader; developers of the classifier never run that.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from councilpapers.extract.header_model import LABELS
from councilpapers.extract.header_training import cross_validate, train_model


def cv() -> None:
    report = cross_validate()
    print(f"grouped {report.folds}-fold CV on {report.examples} training wordings")
    for label, (right, total) in report.per_label.items():
        print(f"  {label:<10} {right:>4}/{total:<4} {right / total:.3f}")
    print(f"accuracy {report.accuracy:.3f}")


def heldout() -> None:
    from gensuite.seeded.wordings import FIELDS, load

    model = train_model()
    wordings = load("heldout").headers
    right = total = 0
    for field in FIELDS:
        label = field if field in LABELS else "none"
        hits = sum(model.classify(w)[0] == label for w in wordings[field])
        right, total = right + hits, total + len(wordings[field])
        print(f"  {field:<10} {hits:>4}/{len(wordings[field]):<4}")
    print(f"held-out accuracy {right / total:.3f} ({right}/{total})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out wordings")
    args = parser.parse_args()
    heldout() if args.heldout else cv()


if __name__ == "__main__":
    main()
