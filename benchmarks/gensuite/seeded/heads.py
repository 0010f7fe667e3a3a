"""A plan's columns and its header rows: which fields it prints in which order, how each column is
headed (a wording from the seed's split), extra columns that are none of the fields, and group
headings stacked above the column names (one to three header rows, merged across and down).

The gold keys a stacked column as ``Group › Column`` (``STACK``), top heading first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .design import Design
from .model import Cell, Row
from .wordings import STACK, Wordings, normal

WIDTHS = {
    "number": 0.8,
    "ref": 1.0,
    "outcome": 3.6,
    "actions": 4.6,
    "lead": 2.3,
    "timescale": 1.7,
    "impact": 3.0,
    "measures": 2.8,
    "status": 1.7,
    "progress": 4.6,
    "rag": 1.2,
}
HEADER_FILLS = ("D9D9D9", "DDEBF7", "FCE4D6", "E2EFDA", "1F3864", "")
MONITORING = ("status", "progress", "rag", "measures", "impact")


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # a schema field, "number" (the recommendation's number) or "none1", "none2"
    name: str  # the printed column name ({when}: the version's date)
    path: tuple[str, ...] = ()  # group headings above it, top first ({when} as above)

    @property
    def field(self) -> str | None:
        return None if self.key == "number" or self.key.startswith("none") else self.key


@dataclass(frozen=True, slots=True)
class Heads:
    columns: tuple[Column, ...]
    rows: int  # header rows
    fill: str  # header fill ("" none)

    def key(self, column: Column, when: str) -> str:
        """The gold's name for a column: its headings and name joined by STACK."""
        return STACK.join((*column.path, column.name)).format(when=when)

    def widths(self) -> tuple[float, ...]:
        return tuple(WIDTHS.get(c.key, 1.8) for c in self.columns)

    def header_rows(self, when: str) -> list[Row]:
        """Header rows: group headings merged across the columns they head, each column name
        merged down over the levels where no heading stands above it."""
        out = []
        columns = self.columns
        for level in range(self.rows):
            cells: list[Cell | None] = []
            for index in range(len(columns)):
                cells.append(self._cell(columns, index, level, when))
            out.append(Row("header", tuple(cells)))
        return out

    def _cell(self, columns: tuple[Column, ...], index: int, level: int, when: str) -> Cell | None:
        column = columns[index]
        light = self.fill != "1F3864"
        fill = self.fill or None
        if level < len(column.path):
            prefix = column.path[: level + 1]
            if index > 0 and columns[index - 1].path[: level + 1] == prefix:
                return None  # merged from the left
            span = 1
            while index + span < len(columns) and columns[index + span].path[: level + 1] == prefix:
                span += 1
            text = column.path[level].format(when=when)
            return Cell(text, fill, True, "center", span=span, light=light)
        if level == len(column.path):
            text = column.name.format(when=when)
            return Cell(text, fill, True, down=self.rows - level, light=light)
        return None  # merged from above


def draw_heads(design: Design, words: Wordings, fields: tuple[str, ...]) -> Heads:
    rng = random.Random(f"heads-{design.seed}")
    keys = list(fields)
    if design.number_column:
        keys.insert(0, "number")
    for extra in range(1, design.extras + 1):
        keys.insert(rng.randint(1, len(keys)), f"none{extra}")
    used: set[str] = set()
    columns = [Column(key, _name(rng, design, words, key, used)) for key in keys]
    columns = _stack(rng, words, columns, design.header_rows)
    return Heads(tuple(columns), design.header_rows, rng.choice(HEADER_FILLS))


def _name(rng: random.Random, design: Design, words: Wordings, key: str, used: set[str]) -> str:
    if key == "number":
        pool = words.section_number
    elif key == "progress" and design.dated_progress:
        pool = words.dated
    else:
        pool = words.headers["none" if key.startswith("none") else key]
    choices = [w for w in pool if normal(w) not in used]
    name = rng.choice(choices)
    used.add(normal(name))
    return name


def _stack(rng: random.Random, words: Wordings, columns: list[Column], rows: int) -> list[Column]:
    """Group headings over runs of columns: at two rows one heading over the monitoring columns
    (status, progress, RAG …), or the plan's columns and its monitoring ones under one heading
    each; at three rows the latter plus a heading over a run inside the monitoring columns."""
    if rows == 1:
        return columns
    plan = rng.choice(words.group_headings["plan"])
    monitoring = rng.sample(words.group_headings["monitoring"], 2)
    cut = _monitoring_start(columns)
    if not 1 <= cut <= len(columns) - 2:
        cut = max(1, len(columns) - 3)
    if rows == 2 and rng.random() < 0.6:
        return [c if i < cut else _under(c, monitoring[0]) for i, c in enumerate(columns)]
    split = [_under(c, plan if i < cut else monitoring[0]) for i, c in enumerate(columns)]
    if rows == 2:
        return split
    inner = min(len(split), cut + rng.randint(2, 3))
    return [_under(c, monitoring[1]) if cut <= i < inner else c for i, c in enumerate(split)]


def _under(column: Column, heading: str) -> Column:
    return Column(column.key, column.name, (*column.path, heading))


def _monitoring_start(columns: list[Column]) -> int:
    """The first column of the trailing run of monitoring columns (status, progress, RAG …)."""
    cut = len(columns)
    while cut > 0 and (
        columns[cut - 1].key in MONITORING or columns[cut - 1].key.startswith("none")
    ):
        cut -= 1
    return cut
