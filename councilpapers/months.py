"""Month names: the one table of English month abbreviations and their numbers, for every stage."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def month_number(name: str) -> int:
    """The number (1-12) of a month written in full or abbreviated ("Sept", "march", "Dec.")."""
    return MONTHS[name[:3].lower()]
