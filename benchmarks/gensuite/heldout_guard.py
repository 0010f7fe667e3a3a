"""The guard between the training wordings and the held-out ones (issue 17): it finds where they
meet and NEVER prints a held-out wording, nor a training wording that equals one (that would
print the held-out wording too). A clash is named by a count and a short hash of its normalised
form only.

    python benchmarks/gensuite/heldout_guard.py                       # check; exit 1 on a clash
    python benchmarks/gensuite/heldout_guard.py --against layout      # also that branch's thesaurus
    python benchmarks/gensuite/heldout_guard.py --drop-from-training  # remove clashing training
                                                                      # wordings from models/

A wording's forms are its normalised text (``wordings.normal``: case, punctuation and spacing
ignored), each part of a stacked ``Group › Column`` form, and a ``{when}`` template rendered with
the dates, months and quarters a plan prints. Training and held-out wordings clash when a form
of one is a form of the other. Also checked: no held-out header equals a wording of a RETIRED
held-out list (``heldout/retired.sha256``: hashes only), which developers have seen.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gensuite.seeded import pools
from gensuite.seeded.wordings import HELDOUT, ROOT, STACK, THESAURUS, digest, every_string, normal

RETIRED = HELDOUT / "retired.sha256"
WHENS = (
    "30 September 2024",
    "30 June 2024",
    "31/03/2025",
    "Sept 2024",
    "September 2024",
    "Oct-24",
    "Q2 2024/25",
    "Q4 2024/25",
)
FIX = "python benchmarks/gensuite/heldout_guard.py --drop-from-training"
_ITEM = re.compile(r"^\s*- (.+)$")


def forms(text: str) -> set[str]:
    """The normalised forms a wording can print as (whole, stacked parts, {when} rendered)."""
    texts = {text, *text.split(STACK.strip())}
    rendered = {t.replace("{when}", when) for t in texts if "{when}" in t for when in WHENS}
    return {f for t in texts | rendered if (f := normal(t))}


def all_forms(wordings: Iterable[str]) -> set[str]:
    return {f for w in wordings for f in forms(w)}


def clashing(training: Iterable[str], heldout: Iterable[str]) -> list[str]:
    """The training wordings with a form in common with the held-out ones. Never print them."""
    held = all_forms(heldout)
    return [w for w in training if forms(w) & held]


def clash_digests(training: Iterable[str], heldout: Iterable[str]) -> list[str]:
    """Hashes of the normalised forms training and held-out wordings share (safe to print)."""
    return sorted({digest(f) for f in all_forms(training) & all_forms(heldout)})


def heldout_headers() -> list[str]:
    return list(every_string(_yaml(HELDOUT / "headers.yaml")))


def heldout_content() -> list[str]:
    return list(every_string(_yaml(HELDOUT / "pools.yaml")))


def training_headers(ref: str | None = None) -> list[str]:
    """The thesaurus of this tree, or of a git branch / commit (``ref``)."""
    if ref is None:
        return list(every_string(_yaml(THESAURUS)))
    text = subprocess.run(
        ["git", "show", f"{ref}:models/header_thesaurus.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return list(every_string(yaml.safe_load(text)))


def training_content() -> list[str]:
    return list(every_string(pools.TRAINING))


def retired_digests() -> set[str]:
    if not RETIRED.exists():
        return set()
    lines = RETIRED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def reused_retired() -> list[str]:
    """Hashes of held-out header forms that a retired held-out list also had."""
    return sorted({digest(f) for f in all_forms(heldout_headers())} & retired_digests())


def problems(against: Iterable[str] = ()) -> list[str]:
    """One line per problem: counts and hashes only."""
    out = []
    checks = [("models/header_thesaurus.yaml", training_headers(), heldout_headers())]
    checks += [(f"{ref}:models/header_thesaurus.yaml", training_headers(ref), heldout_headers())
               for ref in against]  # fmt: skip
    checks.append(("seeded/pools.py (content)", training_content(), heldout_content()))
    for where, training, heldout in checks:
        count, hashes = len(clashing(training, heldout)), clash_digests(training, heldout)
        if count:
            out.append(
                f"{where}: {count} training wordings equal held-out ones "
                f"(normalised forms {', '.join(hashes)}); fix: {FIX}"
            )
    reused = reused_retired()
    if reused:
        out.append(
            f"heldout/headers.yaml reuses {len(reused)} retired wordings ({', '.join(reused)})"
        )
    return out


def drop_from_training(path: Path = THESAURUS) -> list[str]:
    """Remove the thesaurus lines whose wording clashes with a held-out one (comments and layout
    kept); returns the hashes of the forms removed."""
    held = all_forms([*heldout_headers()])
    kept, dropped = [], set()
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        match = _ITEM.match(line)
        value = yaml.safe_load(match.group(1)) if match else None
        shared = forms(value) & held if isinstance(value, str) else set()
        if shared:
            dropped |= {digest(f) for f in shared}
            continue
        kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")
    return sorted(dropped)


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--against", nargs="*", default=[], help="git refs whose thesaurus to check"
    )
    parser.add_argument(
        "--drop-from-training",
        action="store_true",
        help="remove clashing wordings from models/header_thesaurus.yaml",
    )
    args = parser.parse_args()
    if args.drop_from_training:
        before = len(clashing(training_headers(), heldout_headers()))
        hashes = drop_from_training()
        print(f"dropped {before} training wordings from {THESAURUS.relative_to(ROOT)}"
              f"{' (' + ', '.join(hashes) + ')' if hashes else ''}")  # fmt: skip
    found = problems(args.against)
    for line in found:
        print(line)
    if not found:
        print("held-out wordings: no clash with training, none reused from a retired list")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
