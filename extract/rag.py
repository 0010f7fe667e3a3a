"""RAG ratings in every common encoding: Red / Amber / Green, and BRAG's Blue (complete).

A rating is read from what the cell prints, else from its fill:

- the colour word ("Red", "AMBER - at risk", "Green (on track)", "Blue");
- a single letter standing alone in the cell ("R", "A", "G", "B"; "G/A" reads its first);
- a rating column holding status words instead ("On track" Green, "At risk" Amber, "Off track"
  Red, "Complete" Blue): read only where the caller knows the cell is a rating (`rating=True`);
- the fill colour, by hue in HSV space, so any shade counts: Office's saturated fills anywhere,
  and, inside a column known to hold ratings (`pale=True`), the pale conditional-formatting
  shades spreadsheets use (pink-red, pale yellow, pale green, pale blue). Outside such a column
  a pale fill is a banner's or a header's styling and is not a rating.
"""

from __future__ import annotations

import colorsys
import re

from councilpapers.extract.settings import ExtractSettings

RGB = tuple[float, float, float]
WORD = re.compile(r"^\W*(red|amber|green|blue)\b", re.IGNORECASE)
LETTER = re.compile(r"^\W*([RAGB])\W*(?:[/\\,-]\W*[RAGB]\W*)?$", re.IGNORECASE)
NAMES = {"r": "Red", "a": "Amber", "g": "Green", "b": "Blue"}
# status wording in a rating column, tried in order (so "not on track" is Red before "on track")
STATUS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rating, re.compile(pattern, re.IGNORECASE))
    for rating, pattern in (
        ("Red", r"\b(off|not on)[\s-]+(track|target)\b|\bsignificant(ly)? (concern|delay|risk)"
         r"|\bbehind\b|\bserious|\bcritical|\bnot (yet )?(started|begun)\b|\boverdue\b"),
        ("Amber", r"\bat[\s-]+risk\b|\b(some|minor) (concern|slippage|delay|risk)|\bslipp"
         r"|\bdelayed\b|\bpartial|\bpart[\s-]+(complete|achieved|met)"),
        ("Blue", r"\b(complete[d]?|achieved|done|closed|delivered|met)\b"),
        ("Green", r"\bon[\s-]+(track|target|schedule)\b|\bgood progress\b"),
    )
)  # fmt: skip
# hue bands in degrees (red wraps round 0)
HUES = (("Red", 0.0, 14.0), ("Amber", 14.0, 66.0), ("Green", 66.0, 170.0), ("Blue", 185.0, 255.0))


def rag_from_text(text: str, rating: bool = False) -> str | None:
    """The rating a cell's text prints: a colour word or a lone letter; with `rating`, also
    the status words of a rating column."""
    match = WORD.match(text)
    if match:
        return match.group(1).capitalize()
    letter = LETTER.match(text.strip())
    if letter:
        return NAMES[letter.group(1).lower()]
    if rating:
        return next((name for name, pattern in STATUS_WORDS if pattern.search(text)), None)
    return None


def rag_from_fill(rgb: RGB | None, settings: ExtractSettings, pale: bool = False) -> str | None:
    """Classify a fill colour as a rating by its hue; greys, whites, dark and off-band colours
    (purple, teal) give None, and so do pale shades unless `pale` (a rating column)."""
    if rgb is None:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(*rgb)
    floor = settings.rag_pale_saturation if pale else settings.rag_saturation
    if value < settings.rag_min_value or saturation < floor:
        return None
    degrees = hue * 360.0
    for name, low, high in HUES:
        if low <= degrees < high or (name == "Red" and degrees >= 330.0):
            if name == "Blue" and not pale and saturation < settings.rag_blue_saturation:
                return None  # Word's mid blues ("Blue, Accent 1") are header styling
            return name
    return None


def rag_rating(
    text: str, rgb: RGB | None, settings: ExtractSettings, rating: bool = False
) -> str | None:
    """The rating of a cell: a colour word or letter it prints, else its fill, else (`rating`:
    a known rating column, where pale fills count too) the status words it prints: a status
    word on a rating fill is rated by the fill, as the plan's key maps its words to colours."""
    return (
        rag_from_text(text)
        or rag_from_fill(rgb, settings, pale=rating)
        or (rag_from_text(text, rating) if rating else None)
    )
