"""The column model shared by the unruled-table readers: column edges, and text runs (words at
ordinary spacing) whose breaks are where one column ends and the next begins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from councilpapers.extract.layout import Line
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Word


@dataclass(frozen=True, slots=True)
class Columns:
    """Column left edges, the right edge of the table's text, how far left of an edge a word
    may start and still be in that column (`ExtractSettings.column_edge`), and the gap between
    runs of text measured on the page."""

    lefts: tuple[float, ...]
    right: float
    edge: float
    gap: float = 0.0  # words further apart than this are in different runs

    def index(self, x: float) -> int:
        found = 0
        for i, left in enumerate(self.lefts):
            if x >= left - self.edge:
                found = i
        return found


def word_gap(lines: Sequence[Line]) -> float:
    """The widest gap that is still ordinary word spacing on this page (fonts differ)."""
    gaps = sorted(
        b.x0 - a.x1
        for line in lines
        for a, b in zip(line.words, line.words[1:], strict=False)
        if 0 < b.x0 - a.x1 < 2 * max(a.size, 1.0)
    )
    if not gaps:
        return 0.0
    return 1.3 * gaps[len(gaps) // 2]


def runs(line: Line, settings: ExtractSettings, gap: float = 0.0) -> list[list[Word]]:
    """Split a line into runs of text: words separated by ordinary word spacing."""
    out: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        previous = out[-1][-1]
        if word.x0 - previous.x1 > max(gap, settings.run_gap * max(word.size, 1.0)):
            out.append([word])
        else:
            out[-1].append(word)
    return out


def run_text(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)
