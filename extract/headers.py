"""Header recognition: printed column headers -> one canonical schema, whatever the wording.

Canonical fields: ref, outcome, actions, lead, timescale, impact, measures, status, progress, rag.
Patterns are tried in order, so "Outcome – (report for Q1 …)" is progress before it can be outcome.
Headers that match nothing are kept under a slug of their own text, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CANONICAL = (
    "ref",
    "outcome",
    "actions",
    "lead",
    "timescale",
    "impact",
    "measures",
    "status",
    "progress",
    "rag",
)

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "rag",
            r"^b?(rag|r\s*/\s*a\s*/\s*g)\b|^b\s*/\s*r\s*/\s*a\s*/\s*g\b|red,? amber,? (and )?green"
            r"|\brag (rating|status)\b|^rating\b|^(\w+ )?rating$",
        ),
        (
            "progress",
            r"^outcome\W+\(?report|evidence of progress|^progress|progress update"
            r"|^update|^comments?\b|commentary|^position (at|as)|^latest (update|position)"
            r"|^(q[1-4]|quarter \d) (update|progress)|what has been achieved"
            r"|^summary( of progress)?$|^(latest|overall) progress",
        ),
        ("impact", r"\bimpact\b|what difference"),
        (
            "measures",
            r"measure|success criteria|^kpis?\b|\bkpis?$|^indicators?\b|^(\w+ ){0,3}indicators?$"
            r"|how will we know"
            r"|^targets?$|evidence of (success|impact)",
        ),
        ("status", r"^(current )?status\b|^(progress )?status$|^complete[d]?\??$"),
        (
            "ref",
            r"^(nos?|no\.?|ref(erence)?(\s*(no\.?|number|#))?|#|id|item( no\.?)?"
            r"|action ?(no|ref|id|number)\.?)$",
        ),
        ("lead", r"^who\b|\blead\b|responsib|^owner|led by|accountab|^officer"),
        (
            "timescale",
            r"^when\b|timescale|time ?frame|^dates?\b|deadline|target date|by when"
            r"|^due\b|completion date|^timing",
        ),
        (
            "actions",
            r"^how\b|\bactions?\b|what we (will|have|are going to) (do|commit)|activit"
            r"|^tasks?\b|^steps\b|what will we do|committed to",
        ),
        (
            "outcome",
            r"^what\b|outcome|objective|recommendation|^aims?\b|^goals?\b|^priorit"
            r"|^issue|^area for|^finding",
        ),
    )
)


def normalise_header(text: str) -> str:
    """Lower-case, hyphenation and line breaks closed up, whitespace collapsed."""
    text = re.sub(r"(\w)[-/]\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.replace("’", "'").replace("–", "-")


def canonical_name(text: str) -> str | None:
    """The canonical field a printed header means, or None."""
    norm = normalise_header(text)
    if not norm:
        return None
    for text_form in (norm, norm.replace(" ", "")):  # also "Timescal e/ Date", broken
        for name, pattern in PATTERNS:
            if pattern.search(text_form):
                return name
    return None


def header_key(texts: Sequence[str]) -> tuple[str, ...]:
    """A header row in comparable form: two printings of one header give the same key."""
    return tuple(normalise_header(t) for t in texts)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_header(text)).strip("_") or "column"


def map_headers(texts: Sequence[str]) -> tuple[str, ...]:
    """Canonical column names for a header row; unknown or repeated ones keep their own slug."""
    names: list[str] = []
    for index, text in enumerate(texts):
        base = canonical_name(text) or slug(text) or f"column_{index + 1}"
        name = base if base not in names else f"{base}_{slug(text)}"
        suffix = index + 1
        while name in names:  # "5", "5_5", then the third "5" at index 4 needs "5_5_2"
            name = f"{base}_{suffix}" if suffix == index + 1 else f"{base}_{index + 1}_{suffix}"
            suffix += 1
        names.append(name)
    return tuple(names)


def header_score(texts: Sequence[str]) -> float:
    """Share of non-empty cells that read as known headers (0 when fewer than two match)."""
    filled = [t for t in texts if t.strip()]
    if not filled:
        return 0.0
    known = [t for t in filled if canonical_name(t) and len(t) < 80]
    return len(known) / len(filled) if len(known) >= 2 else 0.0
