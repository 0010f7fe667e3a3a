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
    box = (
        min(c.x0 for c in chars),
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
    )
    groups = _groups(box, [(c.x0 + c.x1) / 2 for c in chars], rules)
    return [[chars[i] for i in group] for group in groups] if groups else [list(chars)]


def split_at_rules(words: Sequence[dict[str, Any]], rules: Sequence[Rule]) -> list[dict[str, Any]]:
    """The words, each cut at every vertical rule that runs between two of its letters."""
    upright = uprights(rules)
    return [part for word in words for part in _cut(word, upright)]


def _cut(word: dict[str, Any], rules: Sequence[Rule]) -> Iterator[dict[str, Any]]:
    chars = word.get("chars") or []
    box = (word["x0"], word["top"], word["x1"], word["bottom"])
    centres = [(c["x0"] + c["x1"]) / 2 for c in chars]
    groups = _groups(box, centres, rules) if len(chars) >= 2 else None
    if not groups:
        yield word
        return
    for group in groups:
        yield _word([chars[i] for i in group], word)


def _groups(
    box: tuple[float, float, float, float], centres: Sequence[float], rules: Sequence[Rule]
) -> list[list[int]] | None:
    """The letters (by index, from their centres) on each side of every vertical rule crossing
    the word's box at its middle, non-empty groups only; None when no rule crosses it."""
    x0, top, x1, bottom = box
    middle = (top + bottom) / 2
    edges = sorted(
        r.x0 for r in rules if r.top <= middle <= r.bottom and x0 + 0.5 < r.x0 < x1 - 0.5
    )
    if not edges:
        return None
    groups: list[list[int]] = [[] for _ in range(len(edges) + 1)]
    for index, centre in enumerate(centres):
        groups[sum(centre > edge for edge in edges)].append(index)
    return [group for group in groups if group]


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
