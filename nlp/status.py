"""Normalise a status cell (and a RAG rating) to one of six statuses, line by line.

A cell that holds several actions prints one status per line ("COMPLETED\\nIN PROGRESS"); each line
keeps
its own status and the row's status summarises them: all the same -> that status, some completed and
some not -> ``part_completed``, otherwise the least advanced line's status.
RAG ratings, used when there is no status text: Green -> completed, Amber -> part_completed,
Red -> not_started.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STATUSES = ("completed", "part_completed", "ongoing", "review", "not_started", "unknown")
RAG_STATUS = {"green": "completed", "amber": "part_completed", "red": "not_started"}
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "not_started",
        re.compile(r"\bnot\s+(?:yet\s+)?(?:started|begun|commenced)\b|\bnot\s+met\b", re.I),
    ),
    ("part_completed", re.compile(r"\bpart(?:ly|ially)?[\s-]*complete|\bdraft\s+complete", re.I)),
    ("ongoing", re.compile(r"\bto\s+be\s+complete|\bnot\s+(?:yet\s+)?complete", re.I)),
    ("completed", re.compile(r"\bcomplete[d]?\b|\bachieved\b|\bdone\b|\bcomplted\b", re.I)),
    ("review", re.compile(r"\breview", re.I)),
    (
        "ongoing",
        re.compile(
            r"\bin\s+(?:progress|process|hand)\b|on\s?-?\s?going|\bunderway\b|\bcontinu"
            r"|\bstarted\b|\bprogressing\b|\bon\s+track\b",
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


def normalise_line(text: str) -> str:
    """One status line -> one of STATUSES."""
    for name, pattern in _RULES:
        if pattern.search(text):
            return name
    rag = RAG_STATUS.get(text.strip().lower())
    return rag or "unknown"


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


def normalise_status(status: str, rag: str = "") -> Status:
    """Normalise a status cell; fall back to the RAG rating when the cell says nothing."""
    parts = [p for p in (line.strip() for line in status.splitlines()) if p]
    lines = tuple(normalise_line(p) for p in parts)
    norm = summarise(lines)
    if norm == "unknown" and rag.strip():
        norm = normalise_line(rag)
    return Status(norm, lines if len(lines) > 1 else ())
