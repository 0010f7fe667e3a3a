"""How one council prints what its plan says: status words, RAG in its encoding and shades, the RAG
key, deadlines in its date formats, refs, leads; and the tag gold that follows from what is
printed (``status_norm``, ``due_date``, ``due_kind``, ``leads``).

A ``Printer`` is drawn once per seed, so every version of a plan prints the same way.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from .design import Design
from .story import Due, Finding, Item
from .wordings import Wordings

NORM = {
    "not_started": "not_started",
    "on_track": "ongoing",
    "at_risk": "ongoing",
    "off_track": "ongoing",
    "part_complete": "part_completed",
    "complete": "completed",
    "review": "review",
}
COLOURS = {  # key scheme -> state -> colour
    "brag": {"complete": "Blue", "on_track": "Green", "at_risk": "Amber",
             "part_complete": "Amber", "review": "Amber", "off_track": "Red",
             "not_started": "Red"},
    "green_complete": {"complete": "Green", "on_track": "Amber", "at_risk": "Amber",
                       "part_complete": "Amber", "review": "Amber", "off_track": "Red",
                       "not_started": "Red"},
    "delivery": {"complete": "Green", "on_track": "Green", "at_risk": "Amber",
                 "part_complete": "Amber", "review": "Amber", "off_track": "Red",
                 "not_started": "Red"},
}  # fmt: skip
KEYS = {  # key scheme -> colour -> the state whose meaning the key prints beside it
    "brag": {"Blue": "complete", "Green": "on_track", "Amber": "at_risk", "Red": "off_track"},
    "green_complete": {"Green": "complete", "Amber": "on_track", "Red": "not_started"},
    "delivery": {"Green": "on_track", "Amber": "at_risk", "Red": "off_track"},
}
SHADES = {
    "standard": {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050", "Blue": "0070C0"},
    "pastel": {"Red": "FFC7CE", "Amber": "FFEB9C", "Green": "C6EFCE", "Blue": "BDD7EE"},
    "deep": {"Red": "C00000", "Amber": "ED7D31", "Green": "70AD47", "Blue": "2E75B6"},
    "govuk": {"Red": "D4351C", "Amber": "F47738", "Green": "00703C", "Blue": "1D70B8"},
}
ORDER = ("Blue", "Green", "Amber", "Red")


@dataclass(frozen=True, slots=True)
class Printed:
    """A value as a cell prints it."""

    text: str
    value: date | None = None  # spreadsheet date cell
    number_format: str | None = None
    align: str = "left"


class Printer:
    def __init__(self, design: Design, words: Wordings) -> None:
        rng = random.Random(f"printer-{design.seed}")
        self.design = design
        self.statuses = {s: str(rng.choice(w)) for s, w in words.pools["statuses"].items()}
        self.month_pattern = rng.choice(("%B %Y", "%b %Y", "sept"))
        self.words_pattern = rng.choice(("End of {m}", "By end of {m}", "End {m}"))
        self.rag_case = rng.choice(("title", "upper"))
        self.ref_prefix = rng.choice(("R", "A", "Rec "))
        self.key_label = str(rng.choice(words.pools["legend_labels"]))
        self.key_dash = rng.choice((" – ", " = ", ": ", " - "))
        phrases = words.pools["key_phrases"]
        self.key_meaning = {
            state: str(rng.choice((*phrases.get(state, ()), self.statuses[state].lower())))
            for state in NORM
        }

    # -- RAG -------------------------------------------------------------------------------
    def colour(self, state: str) -> str:
        return COLOURS[self.design.key_scheme][state]

    def rating(self, items: tuple[Item, ...]) -> str:
        """A finding's overall rating: its actions' colours summed up."""
        colours = [self.colour(i.state) for i in items] or ["Green"]
        if all(c in ("Blue", "Green") for c in colours):
            return "Blue" if all(c == "Blue" for c in colours) else "Green"
        return "Red" if colours.count("Red") * 2 >= len(colours) else "Amber"

    def rag_text(self, colour: str) -> str:
        encoding = self.design.rag_encoding
        if encoding == "fill_only":
            return ""
        if encoding == "status_words":
            return self.statuses[KEYS[self.design.key_scheme].get(colour, "on_track")]
        word = colour if self.rag_case == "title" else colour.upper()
        return word[0] if encoding.endswith("letter") else word

    def rag_fill(self, colour: str) -> str | None:
        return SHADES[self.design.shades][colour] if self.design.rag_fill else None

    def light(self, colour: str) -> bool:
        return self.design.shades == "pastel" or (
            colour == "Amber" and self.design.shades != "govuk"
        )

    def legend(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The key line and its entries (fill, text), or ("", ()) when none is printed."""
        if not self.design.key_printed or self.design.rag_encoding == "none":
            return "", ()
        entries = [
            (c, f"{c}{self.key_dash}{self.key_meaning[s]}")
            for c, s in KEYS[self.design.key_scheme].items()
        ]
        entries.sort(key=lambda e: ORDER.index(e[0]))
        line = f"{self.key_label} " + "; ".join(text for _, text in entries)
        return line, tuple((SHADES[self.design.shades][c], t) for c, t in entries)

    # -- status ----------------------------------------------------------------------------
    def status(self, item: Item) -> str:
        return self.statuses[item.state]

    def status_norm(self, item: Item) -> str:
        """What the printed plan says: the status column, else the RAG through the plan's key
        when it prints one, else Blue is completed and any other colour ongoing."""
        fields = self.design.fields
        if "status" in fields:
            return NORM[item.state]
        if "rag" not in fields:
            return "unknown"
        colour = self.colour(item.state)
        if self.design.key_printed or self.design.rag_encoding == "status_words":
            return NORM[KEYS[self.design.key_scheme][colour]]
        return "completed" if colour == "Blue" else "ongoing"

    # -- dates -----------------------------------------------------------------------------
    def due(self, due: Due) -> Printed:
        end, design = due.end, self.design
        if end is None:
            return Printed(due.word)
        xlsx = design.producer == "xlsx"
        if due.kind == "day":
            if design.day_format == "numeric":
                return Printed(f"{end:%d/%m/%Y}", end if xlsx else None, "dd/mm/yyyy", "right")
            return Printed(f"{end.day} {end:%B %Y}", end if xlsx else None, "d mmmm yyyy")
        if due.kind == "quarter":
            return Printed(quarter_label(end))
        return self._month(end, xlsx)

    def _month(self, end: date, xlsx: bool) -> Printed:
        style = self.design.month_format
        if style == "short_months":
            first = end.replace(day=1)
            return Printed(f"{end:%b-%y}", first if xlsx else None, "mmm-yy", "right")
        text = month_text(end, self.month_pattern)
        if style == "words":
            return Printed(self.words_pattern.format(m=text))
        return Printed(text)

    # -- refs and leads --------------------------------------------------------------------
    def ref(self, number: int, item: Item, running: int) -> str:
        style = self.design.ref_style
        if style == "prefixed":
            return f"{self.ref_prefix}{number}.{item.serial}"
        if style == "lettered":
            return f"{number}{chr(ord('a') + item.serial - 1)}"
        if style == "running":
            return str(running)
        return f"{number}.{item.serial}"

    def numbers_printed(self) -> bool:
        """Whether a row's context prints its recommendation's number."""
        design = self.design
        return (
            design.number_column
            or design.rec_placement in ("banner", "heading")
            or design.ref_style != "running"
        )

    @staticmethod
    def leads(item: Item) -> str:
        return item.joiner.join(item.leads)

    def progress(self, item: Item) -> str:
        if not item.reason:
            return item.progress
        to = self.due(item.due).text
        return f"{item.progress} {item.reason.format(to=to)}".strip()

    def summary_rag(self, finding: Finding) -> str:
        return self.rating(finding.items)


def month_text(end: date, pattern: str) -> str:
    if pattern == "sept":  # "Sept 2024", "Oct 2024"
        name = "Sept" if end.month == 9 else f"{end:%b}"
        return f"{name} {end.year}"
    return f"{end:{pattern}}"


def quarter_label(end: date) -> str:
    """The financial-year quarter ending on ``end``: Q1 is April to June."""
    first = end.year if end.month >= 4 else end.year - 1
    quarter = (end.month - 4) % 12 // 3 + 1
    return f"Q{quarter} {first}/{(first + 1) % 100:02d}"


_SPACE = re.compile(r"\s+")


def spaced(text: str) -> str:
    """White space normalised, as the tag gold gives leads."""
    return _SPACE.sub(" ", text).strip()
