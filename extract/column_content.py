"""What a column's cells hold, read from the cells themselves: the content half of the evidence
that maps a column to a field (the header is the other half, `column_map.py`).

For each column, the share of its non-empty cells (or, for ratings, of cells with text or a
fill) that read as each content type:

- `rag`: a colour word, a lone R/A/G/B letter, or an empty cell whose fill reads as a rating by
  its hue (`rag.py`);
- `timescale`: a date, month, quarter, financial year, "Ongoing", "Immediate", a recurrence
  ("Quarterly") or an "end of …" period, in a short cell;
- `ref`: a hierarchical number ("1", "2.3", "A1", "3.2.1b", "Rec 3.1");
- `lead`: a role or team of the gazetteer (`models/gazetteer.yaml`: "AD", "Head of Service") or
  a role word ("Manager", "Director", "Officer", "Lead"), in a short cell;
- `status`: the vocabulary of progress ("Complete", "On track", "Not started", "At risk"), in a
  short cell, the column holding few distinct values;
- `prose`: long text (the mean cell runs to many words): an outcome, action or update, which
  only the header and the column's position can tell apart.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from councilpapers.extract.rag import RGB, rag_from_fill, rag_from_text
from councilpapers.extract.settings import ExtractSettings

MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
TIME = re.compile(
    r"\b(?:" + MONTHS + r")[a-z]*\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\bq[1-4]\b|\bquarter"
    r"|\b(?:19|20)\d\d\b|\bon-?going\b|\bimmediate(?:ly)?\b|\b(?:annual|quarter|month|week"
    r"|term|year)ly\b|\bend of\b|\bby end\b|\bcontinuous\b|\bdate\b",
    re.IGNORECASE,
)
REF = re.compile(r"^\s*(?:[A-Z]{0,3}|[A-Z][a-z]{1,5}\.? ?)\d{1,3}(?:\.\d{1,3})*[a-z]?[.)]?\s*$")
ROLE_WORDS = re.compile(
    r"\b(?:manager|director|officer|lead|head of|coordinator|co-ordinator|advisor|adviser)s?\b",
    re.IGNORECASE,
)
STATUS = re.compile(
    r"\b(?:complete[d]?|in progress|on track|off track|not started|not yet started|started"
    r"|on-?going|at risk|delayed|overdue|open|closed|achieved|partially|underway|on hold"
    r"|progressing|behind|ahead|done|not met|met|in hand|planned|slipped|embedded)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ColumnCell:
    """What content typing needs of one cell: its text and fill."""

    text: str
    fill: RGB | None = None


@dataclass(frozen=True, slots=True)
class Content:
    """Shares (0..1) of a column's cells of each content type, and the cells counted."""

    rag: float = 0.0
    timescale: float = 0.0
    ref: float = 0.0
    lead: float = 0.0
    status: float = 0.0
    prose: float = 0.0
    cells: int = 0

    def share(self, kind: str) -> float:
        return float(getattr(self, kind, 0.0))

    def strongest(self) -> tuple[str, float]:
        kinds = ("rag", "timescale", "ref", "lead", "status", "prose")
        best = max(kinds, key=self.share)
        return best, self.share(best)


def column_content(cells: Sequence[ColumnCell], settings: ExtractSettings) -> Content:
    """The content shares of one column's body cells."""
    texts = [re.sub(r"\s+", " ", c.text).strip() for c in cells]
    filled = [t for t in texts if t]
    rated = [c for c, t in zip(cells, texts, strict=True) if t or c.fill is not None]
    if not filled and not rated:
        return Content()
    n = max(1, len(filled))
    words = [len(t.split()) for t in filled]
    mean_words = sum(words) / n if filled else 0.0
    distinct = len({t.lower() for t in filled}) / n if filled else 1.0
    return Content(
        rag=_share(rated, lambda c: _rated(c, settings)),
        timescale=sum(len(t.split()) <= 8 and bool(TIME.search(t)) for t in filled) / n,
        ref=_refs(filled),
        lead=sum(len(t.split()) <= 12 and _role(t) for t in filled) / n,
        status=sum(len(t.split()) <= 6 and bool(STATUS.search(t)) for t in filled)
        / n
        * (1.0 if distinct <= 0.6 or n < 4 else 0.7),
        prose=min(1.0, max(0.0, (mean_words - 4) / 8)),
        cells=len(filled),
    )


def _refs(texts: Sequence[str]) -> float:
    """Share of cells holding a reference, counted only when the references run in order (a
    column of amounts such as 96.3, 8.6 or of counts matches the shape but not the order)."""
    keys = [_ref_key(t) for t in texts]
    found = [k for k in keys if k is not None]
    if not found:
        return 0.0
    ordered = sum(a < b for a, b in itertools.pairwise(found))
    if len(found) > 2 and ordered < 0.7 * (len(found) - 1):
        return 0.0  # references run in order, each once
    return len(found) / len(texts)


def _ref_key(text: str) -> tuple[int, ...] | None:
    if not REF.match(text):
        return None
    return tuple(int(part) for part in re.findall(r"\d+", text))


def _share(cells: Sequence[ColumnCell], test: Callable[[ColumnCell], bool]) -> float:
    if not cells:
        return 0.0
    return sum(test(c) for c in cells) / len(cells)


def _rated(cell: ColumnCell, settings: ExtractSettings) -> bool:
    """A rating cell: a colour word or letter (a few words at most), or a rating fill with no
    text or with a status word ("Started" on green); a coloured cell holding a label, "ASCH",
    colours a category, not a rating."""
    text = cell.text.strip()
    if text and len(text.split()) > 4:
        return False
    if text and rag_from_text(text) is not None:
        return True
    if text and not STATUS.search(text):
        return False
    return rag_from_fill(cell.fill, settings, pale=True) is not None


def _role(text: str) -> bool:
    abbreviations, roles = gazetteer()
    tokens = set(re.findall(r"[A-Za-z]+", text))
    if tokens & abbreviations:
        return True
    lower = text.lower()
    return any(role in lower for role in roles) or bool(ROLE_WORDS.search(text))


@cache
def gazetteer() -> tuple[frozenset[str], tuple[str, ...]]:
    """The gazetteer's role abbreviations (case as printed) and role names (lower case)."""
    path = resources.files("councilpapers.models").joinpath("gazetteer.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    abbreviations = frozenset(str(a) for a in data.get("abbreviations", {}))
    roles = tuple(str(r).lower() for r in data.get("roles", []))
    return abbreviations, roles
