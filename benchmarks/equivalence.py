"""Do the pdfium and pdfplumber engines read the same pages? Words, rules and fills compared.

    python benchmarks/equivalence.py [--sample N] [--source NAME ...] [--cases K]

For every page of every source (the corpus, ../shared/real's tables, Kent and Ofsted papers, and
the generalisation suite in benchmarks/out/gensuite, built by `generalise.py --no-scans`), both
engines read the page (`PageRead`, before OCR) and their records are matched one to one: a word
agrees when its text is equal and every side of its box is within 1 pt; a ruling line when its
ends are within 1 pt; a fill when its box is within 1 pt and its colour within 1/100 per channel.
Prints per source the share of pdfplumber's records pdfium reproduces (recall), the share of
pdfium's that pdfplumber has (precision), and each disagreement named by its case (`CASES`).
`--sample N` reads every Nth page only (each source keeps at least one page per file).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from councilpapers.ingest import pdfium_engine, plumber_engine
from councilpapers.ingest.limits import Limits, capped_streams
from councilpapers.ingest.ocr_render import OcrSettings
from councilpapers.ingest.reading import PageRead, Reading
from councilpapers.ingest.settings import ReadSettings
from councilpapers.records import Fill, Rule, Word

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES: dict[str, tuple[Path, str]] = {
    "corpus": (SHARED / "corpus", "*.pdf"),
    "tables": (SHARED / "real" / "tables" / "pdfs", "*.pdf"),
    "kent": (SHARED / "real" / "kent", "*.pdf"),
    "ofsted": (SHARED / "real" / "ofsted", "*/*.pdf"),
    "gensuite": (ROOT / "benchmarks" / "out" / "gensuite", "*/*.pdf"),
}
SLACK = 1.0  # points
COLOUR_SLACK = 0.01
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
HYPHENS = "-\u00ad\u2010\u2011\u2012\u2013\ufffe\x02"
CASES = {
    "box": "same text, a side of the box more than 1 pt away (font metrics: descent, advance)",
    "split": "the same characters cut into words differently (one side's word is several)",
    "ligature": "a ligature spelled differently",
    "hyphen": "a line-end hyphen given as another character",
    "unicode": "the same place, other characters (a font's unicode mapping read differently)",
    "rotated": "read upright by one engine and as margin text by the other",
    "only": "printed by one engine only (overprinted duplicates, hidden or clipped text)",
}


@dataclass
class Tally:
    """Records of one kind: the reference's count, pdfium's count, how many agree, the cases."""

    reference: int = 0
    pdfium: int = 0
    agreed: int = 0
    cases: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        self.reference += other.reference
        self.pdfium += other.pdfium
        self.agreed += other.agreed
        self.cases.update(other.cases)
        for case, found in other.examples.items():
            self.examples.setdefault(case, []).extend(found)

    @property
    def recall(self) -> float:
        return self.agreed / self.reference if self.reference else 1.0

    @property
    def precision(self) -> float:
        return self.agreed / self.pdfium if self.pdfium else 1.0


@dataclass
class Agreement:
    words: Tally = field(default_factory=Tally)
    rules: Tally = field(default_factory=Tally)
    fills: Tally = field(default_factory=Tally)
    pages: int = 0

    def add(self, other: Agreement) -> None:
        self.words.add(other.words)
        self.rules.add(other.rules)
        self.fills.add(other.fills)
        self.pages += other.pages


def near(a: Sequence[float], b: Sequence[float], slack: float = SLACK) -> bool:
    return all(abs(x - y) <= slack for x, y in zip(a, b, strict=True))


def _match(ours: list[Any], theirs: list[Any], same: Any) -> tuple[list[Any], list[Any], int]:
    """Greedy one-to-one matching; returns the unmatched of each side and the matched count."""
    left = list(theirs)
    unmatched, agreed = [], 0
    for item in ours:
        for index, other in enumerate(left):
            if same(item, other):
                del left[index]
                agreed += 1
                break
        else:
            unmatched.append(item)
    return unmatched, left, agreed


def _same_word(a: Word, b: Word) -> bool:
    return a.text == b.text and near(a.bbox, b.bbox)


def _same_rule(a: Rule, b: Rule) -> bool:
    return near((a.x0, a.top, a.x1, a.bottom), (b.x0, b.top, b.x1, b.bottom))


def _same_fill(a: Fill, b: Fill) -> bool:
    if not near(a.bbox, b.bbox):
        return False
    if a.rgb is None or b.rgb is None:
        return a.rgb == b.rgb
    return near(a.rgb, b.rgb, COLOUR_SLACK)


def compare_words(
    ours: Sequence[Word],
    theirs: Sequence[Word],
    rotated_ours: Sequence[Word] = (),
    rotated_theirs: Sequence[Word] = (),
) -> Tally:
    """pdfium's words (`ours`) against pdfplumber's (`theirs`), each disagreement named."""
    tally = Tally(reference=len(theirs) + len(rotated_theirs), pdfium=len(ours) + len(rotated_ours))
    by_text: dict[str, list[Word]] = {}
    for word in theirs:
        by_text.setdefault(word.text, []).append(word)
    mine, left = [], []
    for word in ours:
        bucket = by_text.get(word.text, [])
        hit = next((i for i, other in enumerate(bucket) if near(word.bbox, other.bbox)), None)
        if hit is None:
            mine.append(word)
        else:
            del bucket[hit]
            tally.agreed += 1
    left = [w for bucket in by_text.values() for w in bucket]
    a, b, agreed = _match(list(rotated_ours), list(rotated_theirs), _same_word)
    tally.agreed += agreed
    _name_cases(tally, mine + a, left + b, rotated_ours, rotated_theirs)
    return tally


def _name_cases(
    tally: Tally,
    mine: list[Word],
    theirs: list[Word],
    rot_mine: Sequence[Word],
    rot_theirs: Sequence[Word],
) -> None:
    """Pair each unmatched word with the unmatched words it overlaps and name the case."""
    used: set[int] = set()
    for word in mine:
        partners = [i for i, other in enumerate(theirs) if i not in used and _overlap(word, other)]
        if not partners:
            _count(tally, "rotated" if word in rot_mine or _has(theirs, word) else "only", word)
            continue
        used.update(partners)
        case = _case(word, [theirs[i] for i in partners])
        _count(tally, case, word, [theirs[i] for i in partners])
    for index, other in enumerate(theirs):
        if index not in used:
            _count(tally, "rotated" if other in rot_theirs else "only", other)


def _has(words: Iterable[Word], word: Word) -> bool:
    return any(w.text == word.text for w in words)


def _overlap(a: Word, b: Word) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _case(word: Word, others: list[Word]) -> str:
    text = "".join(o.text for o in others)
    several = len(others) > 1 or any(
        len(o.text) < len(word.text) and o.text in word.text for o in others
    )
    if several and _plain(text) == _plain(word.text):
        return "split"
    if word.text == text:
        return "box"
    if _fold(word.text, LIGATURES) == _fold(text, LIGATURES):
        return "ligature"
    if _strip(word.text, HYPHENS) == _strip(text, HYPHENS):
        return "hyphen"
    if len(others) > 1:
        return "split"
    return "unicode"


def _plain(text: str) -> str:
    return _strip(_fold(unicodedata.normalize("NFKC", text), LIGATURES), HYPHENS)


def _fold(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in text)


def _strip(text: str, chars: str) -> str:
    return "".join(ch for ch in text if ch not in chars)


def _count(tally: Tally, case: str, word: Word, others: Sequence[Word] = ()) -> None:
    tally.cases[case] += 1
    found = tally.examples.setdefault(case, [])
    if len(found) < 50:
        theirs = " | ".join(f"{o.text!r} {o.bbox}" for o in others)
        found.append(
            f"{word.text!r} {word.bbox} ~ {theirs}" if others else f"{word.text!r} {word.bbox}"
        )


def compare_shapes(ours: Sequence[Any], theirs: Sequence[Any], same: Any) -> Tally:
    mine, left, agreed = _match(list(ours), list(theirs), same)
    tally = Tally(reference=len(theirs), pdfium=len(ours), agreed=agreed)
    for item in mine + left:
        tally.cases["only" if item in mine else "missing"] += 1
        tally.examples.setdefault("pdfium only" if item in mine else "pdfplumber only", []).append(
            repr(item)
        )
    return tally


def compare_fills(ours: Sequence[Fill], theirs: Sequence[Fill], spaces: Any) -> Tally:
    """Fills matched by box and colour; a pair at one box whose colours differ is the case
    "colour", named after the colour space the PDF gives it (`spaces(bbox)`: pdfplumber's raw
    components): pdfium converts CMYK and spot colours through its colour management, the
    pdfplumber layer took CMYK by a formula and a spot colour's tint as grey."""
    mine, left, agreed = _match(list(ours), list(theirs), _same_fill)
    tally = Tally(reference=len(theirs), pdfium=len(ours), agreed=agreed)
    for fill in mine:
        other = next((o for o in left if near(o.bbox, fill.bbox)), None)
        if other is None:
            tally.cases["only"] += 1
            tally.examples.setdefault("pdfium only", []).append(repr(fill))
            continue
        left.remove(other)
        case = f"colour ({spaces(other.bbox)})"
        tally.cases[case] += 1
        tally.examples.setdefault(case, []).append(f"{fill.rgb} ~ {other.rgb} at {fill.bbox}")
    for fill in left:
        tally.cases["missing"] += 1
        tally.examples.setdefault("pdfplumber only", []).append(repr(fill))
    return tally


def compare_page(ours: PageRead, theirs: PageRead, spaces: Any = None) -> Agreement:
    return Agreement(
        words=compare_words(ours.words, theirs.words, ours.rotated, theirs.rotated),
        rules=compare_shapes(ours.rules, theirs.rules, _same_rule),
        fills=compare_fills(ours.fills, theirs.fills, spaces or (lambda _: "unknown space")),
        pages=1,
    )


class ColourSpaces:
    """The colour space a filled rectangle of a page is painted in, as pdfplumber reads it (the
    file opened only when a fill's colours disagree)."""

    def __init__(self, path: Path) -> None:
        self.path, self._pdf, self._page = path, None, 0
        self._open = ExitStack()

    def of(self, number: int) -> Any:
        return lambda bbox: self.space(number, bbox)

    def space(self, number: int, bbox: Sequence[float]) -> str:
        if self._pdf is None:
            self._pdf = self._open.enter_context(plumber_engine.opened(self.path))
        page = self._pdf.pages[number - 1]
        for rect in page.rects:
            if near((rect["x0"], rect["top"], rect["x1"], rect["bottom"]), bbox):
                colour = rect.get("non_stroking_color")
                parts = len(colour) if isinstance(colour, (tuple, list)) else 1
                return {1: "grey or a spot colour's tint", 3: "RGB", 4: "CMYK"}.get(
                    parts, f"{parts} components"
                )
        return "unknown space"

    def close(self) -> None:
        self._open.close()
        self._pdf = None


def compare_file(path: Path, every: int = 1) -> Agreement:
    """Both engines on every `every`th page of one file (its first page always)."""
    reading = Reading(ReadSettings(engine="pdfium"), OcrSettings(), Limits())
    total = Agreement()
    reference, spaces = plumber_engine.Pages(path), ColourSpaces(path)
    try:
        with capped_streams(reading.limits):
            for index, ours in enumerate(pdfium_engine.read_pages(path, reading)):
                if index % every == 0:
                    theirs = reference.read(ours.number, reading.settings)
                    total.add(compare_page(ours, theirs, spaces.of(ours.number)))
    except Exception as exc:  # a file either engine refuses: not a reading to compare
        print(f"  {path.name}: not compared ({type(exc).__name__}: {exc})", file=sys.stderr)
    finally:
        reference.close()
        spaces.close()
    return total


def source_files(name: str) -> list[Path]:
    folder, pattern = SOURCES[name]
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def compare_source(name: str, every: int = 1) -> Agreement:
    total = Agreement()
    for path in source_files(name):
        total.add(compare_file(path, every))
    return total


def report(name: str, agreement: Agreement, examples: int = 0) -> Iterator[str]:
    for kind in ("words", "rules", "fills"):
        tally: Tally = getattr(agreement, kind)
        cases = ", ".join(f"{case} {n}" for case, n in tally.cases.most_common()) or "none"
        yield (
            f"{name:10} {kind:6} {agreement.pages:5} pages {tally.reference:8} {tally.pdfium:8} "
            f"{tally.agreed:8}  recall {tally.recall:.4f}  precision {tally.precision:.4f}  "
            f"disagreements: {cases}"
        )
        for case, found in tally.examples.items():
            for line in found[:examples]:
                yield f"    {kind} {case}: {line}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", nargs="*", choices=sorted(SOURCES), default=list(SOURCES))
    parser.add_argument("--sample", type=int, default=1, help="read every Nth page")
    parser.add_argument("--cases", type=int, default=0, help="examples to print per case")
    args = parser.parse_args()
    print(f"{'source':10} {'kind':6} {'':11} {'pdfplumber':>8} {'pdfium':>8} {'agreed':>8}")
    overall = Agreement()
    for name in args.source:
        agreement = compare_source(name, args.sample)
        overall.add(agreement)
        for line in report(name, agreement, args.cases):
            print(line, flush=True)
    for line in report("all", overall):
        print(line)


if __name__ == "__main__":
    main()
