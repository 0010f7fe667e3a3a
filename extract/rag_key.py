"""A plan's own RAG key: what each colour means, in the plan's words ("Green – on track",
"Blue – complete"), so that a status read from a colour is the plan's status, not ours.

A key is printed in one of three ways, each read here:

- a legend line or list: a colour word, a dash, colon, equals sign or bracket, then a few words
  ("Key: Red – off track; Amber – at risk; Green – on track; Blue – complete"), two entries or
  more on a line, or one a line on consecutive lines;
- a key table: a small grid (at most three columns) whose rows pair a colour (its word, or the
  cell's fill) with a meaning, or whose coloured cells hold the meaning themselves (badges);
- swatches: small coloured shapes outside any grid, each followed on its line by a few words.

`attach_rag_keys` looks on the pages of every table with a RAG or status column, then on the pages
before it (nearest first) and just after it, and stores the first key found on the table's
`PlanIdentity.rag_key` as (colour, meaning as printed) pairs. The NLP stage reads a status from
a colour through it (`nlp.status`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from councilpapers.extract.fragments import read_page
from councilpapers.extract.layout import Line, to_lines
from councilpapers.extract.rag import rag_from_fill
from councilpapers.extract.raw import Fragment, RawCell
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Document, Fill, Page, Table, Word

RagKey = tuple[tuple[str, str], ...]
RATED = {"rag", "status"}  # columns that may print a colour the key explains
LOOK_BACK = 6  # pages before a table searched for its key
LOOK_AHEAD = 2  # pages after it
MAX_WORDS = 8  # a meaning is a few words
MAX_KEY_ROWS = 8  # a key table is small
SWATCH = 24.0  # a swatch is at most this wide and tall (points)
_COLOUR = r"(?P<colour>red|amber|green|blue|r|a|g|b)"
ENTRY = re.compile(
    r"(?:^|(?<=[\s:;,|(]))" + _COLOUR + r"\s*(?:[-–—=:]|\(|is\b|means\b)\s*"
    r"(?P<meaning>[^;,|()\n]+?)\s*(?=[;,|)]|$|\s(?:red|amber|green|blue|[rgab])\s*[-–—=:(])",
    re.IGNORECASE,
)
KEY_WORD = re.compile(r"^\s*(?:b?rag\s+)?(?:key|legend)\s*:?\s*", re.IGNORECASE)
NAMES = {"r": "Red", "a": "Amber", "g": "Green", "b": "Blue"}


def colour_name(word: str) -> str | None:
    """'green', 'G' -> 'Green'; anything else None."""
    word = word.strip().lower()
    if word in NAMES:
        return NAMES[word]
    return word.capitalize() if word in ("red", "amber", "green", "blue") else None


def line_entries(text: str) -> RagKey:
    """The (colour, meaning) entries of one printed line; single letters count only when the line
    holds three entries or more (a lone "A - ..." is a list item, not a key)."""
    found = []
    for match in ENTRY.finditer(text):
        meaning = match.group("meaning").strip(" .–-")
        colour = colour_name(match.group("colour"))
        if colour and meaning and len(meaning.split()) <= MAX_WORDS:
            found.append((colour, meaning, len(match.group("colour")) == 1))
    if sum(single for *_, single in found) and len(found) < 3:
        found = [f for f in found if not f[2]]
    return tuple((c, m) for c, m, _ in found)


def legend_key(lines: Sequence[str]) -> RagKey:
    """A key printed as text: a line with two entries or more, or a run of consecutive lines
    that each start with one."""
    runs: list[list[tuple[str, str]]] = [[]]
    for text in lines:
        entries = line_entries(text)
        if len(entries) >= 2:
            return _distinct(entries)
        if entries and ENTRY.match(KEY_WORD.sub("", text)):
            runs[-1].extend(entries)
        elif runs[-1]:
            runs.append([])
    best = max(runs, key=len)
    return _distinct(best) if len({c for c, _ in best}) >= 2 else ()


def _distinct(entries: Iterable[tuple[str, str]]) -> RagKey:
    seen: dict[str, str] = {}
    for colour, meaning in entries:
        seen.setdefault(colour, meaning)
    return tuple(seen.items())


def _cell_colour(cell: RawCell, settings: ExtractSettings) -> str | None:
    return colour_name(cell.text) or rag_from_fill(cell.fill, settings)


def _meaning(text: str) -> str | None:
    text = " ".join(text.split())
    words = text.split()
    if not words or len(words) > MAX_WORDS or colour_name(text):
        return None
    return text


def table_key(fragment: Fragment, settings: ExtractSettings) -> RagKey:
    """A small grid pairing colours with meanings: (colour cell, text cell) side by side, or a
    coloured cell holding its meaning."""
    rows = [[c for c in row.cells if c.text.strip() or c.fill] for row in fragment.rows]
    if len(rows) > MAX_KEY_ROWS + 1 or any(len(row.cells) > 3 for row in fragment.rows):
        return ()
    entries: list[tuple[str, str]] = []
    for cells in rows:
        entries.extend(_row_entries(cells, settings))
    return _distinct(entries) if len({c for c, _ in entries}) >= 2 else ()


def _row_entries(cells: Sequence[RawCell], settings: ExtractSettings) -> list[tuple[str, str]]:
    out = []
    for i, cell in enumerate(cells):
        colour = _cell_colour(cell, settings)
        if colour is None:
            continue
        inside = _meaning(cell.text) if rag_from_fill(cell.fill, settings) else None
        beside = _meaning(cells[i + 1].text) if i + 1 < len(cells) else None
        if inside or beside:
            out.append((colour, inside or beside or ""))
    return out


def swatch_key(page: Page, grids: Sequence[Fragment], settings: ExtractSettings) -> RagKey:
    """Small coloured shapes outside any grid, each followed on its line by a few words."""
    entries = []
    for fill in page.fills:
        colour = rag_from_fill(fill.rgb, settings)
        if colour and _small(fill) and not any(_inside(fill, g) for g in grids):
            words = _words_after(fill, page.words, page.fills)
            meaning = _meaning(" ".join(w.text for w in words))
            if meaning:
                entries.append((colour, meaning))
    return _distinct(entries) if len({c for c, _ in entries}) >= 2 else ()


def _small(fill: Fill) -> bool:
    x0, top, x1, bottom = fill.bbox
    return x1 - x0 <= SWATCH and bottom - top <= SWATCH


def _inside(fill: Fill, fragment: Fragment) -> bool:
    x0, top, x1, bottom = fragment.grid.bbox
    cx, cy = (fill.bbox[0] + fill.bbox[2]) / 2, (fill.bbox[1] + fill.bbox[3]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _words_after(fill: Fill, words: Sequence[Word], fills: Sequence[Fill]) -> list[Word]:
    """The words right of the swatch on its line, up to the next swatch or a wide gap."""
    x0, top, x1, bottom = fill.bbox
    mid = (top + bottom) / 2
    beside = sorted(
        (w for w in words if w.top <= mid <= w.bottom and w.x0 >= x0), key=lambda w: w.x0
    )
    stops = sorted(f.bbox[0] for f in fills if f.bbox[0] > x1 and f.bbox[1] <= mid <= f.bbox[3])
    out: list[Word] = []
    edge = x1
    for word in beside:
        if (stops and word.x0 >= stops[0]) or word.x0 - edge > 2.5 * max(word.size, 6.0):
            break
        out.append(word)
        edge = word.x1
    return out


def page_key(page: Page, settings: ExtractSettings) -> RagKey:
    """The key printed on one page, if any: a key table, swatches, or legend text. A page with
    neither two colour words (or three colour letters) nor a coloured shape holds none (and is
    not read again)."""
    words = {w.text.strip(".,;:()").lower() for w in (*page.words, *page.furniture)}
    named = len(words & {"red", "amber", "green", "blue"})
    letters = len(words & {"r", "a", "g", "b"})
    if named < 2 and letters < 3 and not any(rag_from_fill(f.rgb, settings) for f in page.fills):
        return ()
    grids = [item for item in read_page(page, settings) if isinstance(item, Fragment)]
    for grid in grids:
        found = table_key(grid, settings)
        if found:
            return found
    lines: list[Line] = to_lines([*page.words, *page.furniture], settings)
    return swatch_key(page, grids, settings) or legend_key([line.text for line in lines])


def attach_rag_keys(
    document: Document, tables: Sequence[Table], settings: ExtractSettings
) -> list[Table]:
    """The tables, each one with a RAG or status column carrying the key printed nearest to it."""
    keyed = lru_cache(maxsize=None)(lambda number: page_key(document.pages[number - 1], settings))
    out = []
    for table in tables:
        if not RATED & set(table.columns) or table.plan.rag_key:
            out.append(table)
            continue
        key = next((k for n in _search_order(table, len(document.pages)) if (k := keyed(n))), ())
        out.append(replace(table, plan=replace(table.plan, rag_key=key)) if key else table)
    return out


def _search_order(table: Table, pages: int) -> list[int]:
    first, last = max(1, table.page_first), min(pages, table.page_last or table.page_first)
    own = list(range(first, last + 1))
    before = list(range(first - 1, max(0, first - 1 - LOOK_BACK), -1))
    after = list(range(last + 1, min(pages, last + LOOK_AHEAD) + 1))
    return own + before + after
