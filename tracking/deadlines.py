"""Due dates in a plan's timescale cells, for telling whether a row's deadline moved later.

Delegates to `councilpapers.nlp.dates.parse_due` (month names, "Sept 17", "13/12/16", ranges,
financial quarters; a date naming a month stands for its last day). Text naming no date
("Ongoing", "Half termly") has none.
"""

from __future__ import annotations

from datetime import date

from councilpapers.nlp.dates import parse_due


def latest_deadline(text: str) -> date | None:
    """The latest deadline a timescale cell sets, or None."""
    return parse_due(text).due_date if text.strip() else None
