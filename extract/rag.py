"""RAG ratings: Red / Amber / Green (and BRAG's Blue, complete) from the printed word or, failing
that, the cell's fill."""

from __future__ import annotations

import re

WORD = re.compile(r"^\s*(red|amber|green|blue|r|a|g)\b", re.IGNORECASE)
NAMES = {"r": "Red", "a": "Amber", "g": "Green"}


def rag_from_text(text: str) -> str | None:
    match = WORD.match(text)
    if not match:
        return None
    word = match.group(1).lower()
    return NAMES.get(word, word.capitalize())


def rag_from_fill(rgb: tuple[float, float, float] | None) -> str | None:
    """Classify a fill colour as a RAG rating; greys, whites and other colours give None."""
    if rgb is None:
        return None
    r, g, b = rgb
    if max(rgb) - min(rgb) < 0.15:
        return None
    if r > 0.75 and g < 0.45 and b < 0.45:
        return "Red"
    if r > 0.8 and 0.45 <= g <= 0.9 and b < 0.45:
        return "Amber"
    if g > 0.45 and g > r + 0.1 and g > b + 0.1:
        return "Green"
    if b > 0.6 and r < 0.25 and b > g + 0.05:
        return "Blue"  # a saturated blue: BRAG's complete (pale header blues stay unrated)
    return None


def rag_rating(text: str, rgb: tuple[float, float, float] | None) -> str | None:
    return rag_from_text(text) or rag_from_fill(rgb)
