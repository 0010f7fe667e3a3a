"""Words cut where a ruling line crosses them.

pdfplumber joins letters into a word when the gap between them is under its tolerance. In a
spreadsheet printed with gridlines, a date right-aligned in its cell can end a hair before the
rule while the next cell's text starts a hair after it: "31/12/2024" and "On track" come out as
one word "31/12/2024On". A vertical rule between two letters is a cell's edge, so the word is cut
there. Works on pdfplumber's word dicts (with their letters, `return_chars=True`) and the page's
rules, before words become records. The pdfium engine cuts its own character runs the same way
(`cut_run`, on any characters with a box), so both engines part such words alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

from councilpapers.records import Rule


class Boxed(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...


C = TypeVar("C", bound=Boxed)


def uprights(rules: Sequence[Rule]) -> list[Rule]:
    """The vertical rules, the only ones that can part a word."""
    return [r for r in rules if not r.horizontal]


def cut_run(chars: Sequence[C], rules: Sequence[Rule]) -> list[list[C]]:
    """A word's characters (left to right), cut at every vertical rule between two of them."""
    if len(chars) < 2 or not rules:
        return [list(chars)]
    x0, x1 = min(c.x0 for c in chars), max(c.x1 for c in chars)
    middle = (min(c.top for c in chars) + max(c.bottom for c in chars)) / 2
    edges = sorted(
        r.x0 for r in rules if r.top <= middle <= r.bottom and x0 + 0.5 < r.x0 < x1 - 0.5
    )
    if not edges:
        return [list(chars)]
    groups: list[list[C]] = [[] for _ in range(len(edges) + 1)]
    for char in chars:
        groups[sum((char.x0 + char.x1) / 2 > edge for edge in edges)].append(char)
    return [group for group in groups if group]


def split_at_rules(words: Sequence[dict[str, Any]], rules: Sequence[Rule]) -> list[dict[str, Any]]:
    """The words, each cut at every vertical rule that runs between two of its letters."""
    upright = [r for r in rules if not r.horizontal]
    return [part for word in words for part in _cut(word, upright)]


def _cut(word: dict[str, Any], rules: Sequence[Rule]) -> Iterator[dict[str, Any]]:
    chars = word.get("chars") or []
    middle = (word["top"] + word["bottom"]) / 2
    edges = sorted(
        r.x0
        for r in rules
        if r.top <= middle <= r.bottom and word["x0"] + 0.5 < r.x0 < word["x1"] - 0.5
    )
    if not edges or len(chars) < 2:
        yield word
        return
    groups: list[list[dict[str, Any]]] = [[] for _ in range(len(edges) + 1)]
    for char in chars:
        centre = (char["x0"] + char["x1"]) / 2
        groups[sum(centre > edge for edge in edges)].append(char)
    for group in groups:
        if group:
            yield _word(group, word)


def _word(chars: list[dict[str, Any]], like: dict[str, Any]) -> dict[str, Any]:
    return {
        **like,
        "text": "".join(c["text"] for c in chars),
        "x0": min(c["x0"] for c in chars),
        "x1": max(c["x1"] for c in chars),
        "top": min(c["top"] for c in chars),
        "bottom": max(c["bottom"] for c in chars),
        "chars": chars,
    }
