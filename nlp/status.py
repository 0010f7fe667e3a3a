"""Normalise a status cell (and a RAG rating) to one of six statuses, line by line.

A cell that holds several actions prints one status per line ("COMPLETED\\nIN PROGRESS"); each line
keeps
its own status and the row's status summarises them: all the same -> that status, some completed and
some not -> ``part_completed``, otherwise the least advanced line's status.
A RAG colour, used when there is no status text, means what the plan's own key says it means
("Green – on track" -> ongoing, "Blue – complete" -> completed); a plan that prints no key gets
Red/Amber/Green -> ongoing and Blue -> completed (a colour alone says how an action is going, not
that it is done).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STATUSES = ("completed", "part_completed", "ongoing", "review", "not_started", "unknown")
RAG_STATUS = {"green": "ongoing", "amber": "ongoing", "red": "ongoing", "blue": "completed"}
RagKey = tuple[tuple[str, str], ...]
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "not_started",
        re.compile(
            r"\bnot\s+(?:yet\s+)?(?:started|begun|commenced|due)\b|\bnot\s+met\b"
            r"|\byet\s+to\s+(?:start|begin|commence)\b|\bpending\b",
            re.I,
        ),
    ),
    ("part_completed", re.compile(r"\bpart(?:ly|ially)?[\s-]*complete|\bdraft\s+complete", re.I)),
    (
        "ongoing",
        re.compile(
            r"\bto\s+be\s+(?:complete|delivered|finished)|\bnot\s+(?:yet\s+)?complete", re.I
        ),
    ),
    (
        "completed",
        re.compile(
            r"\bcomplete[d]?\b|\bachieved\b|\bdone\b|\bcomplted\b|\bclosed\b|\bfinished\b",
            re.I,
        ),
    ),
    ("review", re.compile(r"\breview", re.I)),
    (
        "ongoing",
        re.compile(
            r"\bin\s+(?:progress|process|hand)\b|on\s?-?\s?going|\bunderway\b|\bcontinu"
            r"|\bstarted\b|\bprogressing\b|\b(?:on|off)\s+track\b|\bat\s+risk\b|\bslipp"
            r"|\bdelay|\boverdue\b|\bbehind\b",
            re.I,
        ),
    ),
)
_ORDER = {name: i for i, name in enumerate(("not_started", "review", "ongoing", "part_completed"))}


@dataclass(frozen=True, slots=True)
class Status:
    """A row's normalised status and, when the cell has parallel lines, each line's status."""

    norm: str
    lines: tuple[str, ...] = ()


def normalise_line(text: str, key: RagKey = ()) -> str:
    """One status line -> one of STATUSES; a bare colour through the plan's key (see above)."""
    for name, pattern in _RULES:
        if pattern.search(text):
            return name
    colour = text.strip().lower()
    meaning = next((m for c, m in key if c.lower() == colour), "")
    if meaning and (found := normalise_line(meaning)) != "unknown":
        return found
    return RAG_STATUS.get(colour, "unknown")


def summarise(lines: tuple[str, ...]) -> str:
    """The row's status from its lines' statuses (see module docstring)."""
    known = [s for s in lines if s != "unknown"]
    if not known:
        return "unknown"
    if len(set(known)) == 1:
        return known[0]
    if "completed" in known or "part_completed" in known:
        return "part_completed"
    return min(known, key=lambda s: _ORDER.get(s, len(_ORDER)))


def normalise_status(status: str, rag: str = "", key: RagKey = ()) -> Status:
    """Normalise a status cell; fall back to the RAG rating, read through the plan's key, when
    the cell says nothing."""
    parts = [p for p in (line.strip() for line in status.splitlines()) if p]
    lines = tuple(normalise_line(p, key) for p in parts)
    norm = summarise(lines)
    if norm == "unknown" and rag.strip():
        norm = normalise_line(rag, key)
    return Status(norm, lines if len(lines) > 1 else ())
