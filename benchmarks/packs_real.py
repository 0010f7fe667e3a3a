"""Pack items and meeting facts on real packs: hand-read gold beside the generated ModernGov packs.

Usage: python -m benchmarks.packs_real [--split dev|test|all] [--generated N] [--quiet]

Real gold is `benchmarks/gold/packs_real.jsonl` (format in benchmarks/README.md), read by hand
from ../shared/real. An item counts when a predicted item has the same first page and the same
last page, or the gold's last page plus its trailing blank padding (a trailing blank page may go
either way). A meeting counts when both committee (case and spacing folded) and ISO date agree.
The generated column builds ModernGov-style packs (`gensuite/modgov_packs.py`) of the same split
and scores them the same way. Per-item lines are printed only for the dev split.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from councilpapers.extract.extraction import extract_document
from councilpapers.ingest.pdf import read_document
from councilpapers.records import MeetingFacts, PackItem

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "packs_real.jsonl"
REAL = ROOT.parent / "shared" / "real"


@dataclass(frozen=True, slots=True)
class Tally:
    """Items with exact pages, typed right, of how many; meetings right of how many."""

    items: int = 0
    exact: int = 0
    typed: int = 0
    meetings: int = 0
    meetings_right: int = 0

    def add(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, int, int, int, int]:
        return (self.items, self.exact, self.typed, self.meetings, self.meetings_right)


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace("&", "and").split())


def meeting_right(gold: dict[str, str], found: MeetingFacts) -> bool:
    return _norm(gold["committee"]) == _norm(found.committee) and gold["date"] == found.date


def score_pack(
    gold: dict[str, object], items: Sequence[PackItem], meeting: MeetingFacts, show: bool
) -> Tally:
    """Score one pack's predicted items and meeting against its gold row."""
    by_first = {i.first_page: i for i in items}
    exact = typed = 0
    golds: list[dict[str, object]] = gold["items"]  # type: ignore[assignment]
    for want in golds:
        first, last = int(want["first_page"]), int(want["last_page"])  # type: ignore[call-overload]
        ends = {last, last + int(want.get("padding", 0))}  # type: ignore[call-overload]
        got = by_first.get(first)
        hit = got is not None and got.last_page in ends
        exact += hit
        typed += hit and got is not None and got.doc_type == want["doc_type"]
        if show and hit and got is not None and got.doc_type != want["doc_type"]:
            print(f"    TYPED {first}-{last} {want['doc_type']} as {got.doc_type}")
        if show and not hit:
            seen = f"{got.first_page}-{got.last_page}" if got else "none"
            print(f"    MISSED {first}-{last} {str(want['title'])[:50]} (predicted {seen})")
    right = meeting_right(gold["meeting"], meeting)  # type: ignore[arg-type]
    if show and not right:
        print(f"    MEETING {gold['meeting']} predicted {meeting.committee!r} {meeting.date}")
    return Tally(len(golds), exact, typed, 1, int(right))


def real_rows(split: str) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


def score_real(rows: Iterable[dict[str, object]], show: bool) -> Tally:
    total = Tally()
    for row in rows:
        extracted = extract_document(read_document(REAL / str(row["doc"])))
        tally = score_pack(row, extracted.items, extracted.meeting, show)
        if show:
            print(f"  {str(row['doc'])[:70]:<70} exact {tally.exact}/{tally.items}")
        total = total.add(tally)
    return total


def score_generated(split: str, count: int, show: bool) -> Tally:
    from benchmarks.gensuite.modgov_packs import build_pack  # heavy: only when asked

    total = Tally()
    splits = ("dev", "test") if split == "all" else (split,)
    for name in splits:
        for seed in range(count):
            pack = build_pack(seed, name)
            extracted = extract_document(read_document(pack.path))
            seen = show and name == "dev"  # never per-item lines for the held-out split
            tally = score_pack(pack.gold, extracted.items, extracted.meeting, seen)
            if seen:
                variant = pack.gold["variant"]
                print(f"  generated dev {seed} {variant} exact {tally.exact}/{tally.items}")
            total = total.add(tally)
    return total


def _line(label: str, t: Tally) -> str:
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.1%}" if b else "-"

    return (
        f"{label:<10} items exact {pct(t.exact, t.items):<18} typed {pct(t.typed, t.exact):<18} "
        f"meetings {pct(t.meetings_right, t.meetings)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--generated", type=int, default=0, help="generated packs per split")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    show = args.split == "dev" and not args.quiet
    real = score_real(real_rows(args.split), show)
    print(_line("real", real))
    if args.generated:
        print(_line("generated", score_generated(args.split, args.generated, show)))
    return 0 if real.exact >= 0.9 * real.items and real.meetings_right == real.meetings else 1


if __name__ == "__main__":
    sys.exit(main())
