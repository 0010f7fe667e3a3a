"""How a plan names itself and its versions: the council, the title lines, the version phrase (by
number, "Version 3 – September 2024", or by date only, "Position at 30 September 2024"), and the
version name the library should give (the gold ``plan_version``).

Gold version names: a numbered version is its number ("3"), prefixed by the year when the phrase
prints a month and year with it ("2024-v3"); a version named only by a date is that date in ISO
form ("2024-09-30"), a month or quarter standing for its last day ("Q2 2024/25 update" ->
"2024-09-30"). Versions are ordered by number or date, which is also the order they were made in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from . import texts
from .design import Design
from .printing import quarter_label
from .wordings import Wordings


@dataclass(frozen=True, slots=True)
class Titles:
    council: str
    plan: str
    template: str  # the version phrase, with placeholders
    layout: str  # lines | one_line
    when_form: str  # day | month | quarter: how dated headers name the version

    @property
    def granularity(self) -> str:
        """What the version dates must be for the phrase to name them exactly."""
        if "{quarter}" in self.template:
            return "quarter"
        if "{month}" in self.template and "{n}" not in self.template:
            return "month"
        return "day"


def draw_titles(design: Design, words: Wordings) -> Titles:
    rng = random.Random(f"titles-{design.seed}")
    council = (
        f"{rng.choice(texts.PREFIXES)}{rng.choice(texts.PLACES)} {rng.choice(texts.COUNCIL_KINDS)}"
    )
    pool = "version_numbers" if design.version_naming == "number" else "version_dates"
    template = str(rng.choice(words.pools[pool]))
    when_form = "quarter" if "{quarter}" in template else rng.choice(("day", "month", "quarter"))
    return Titles(
        council,
        str(rng.choice(words.pools["plan_titles"])),
        template,
        rng.choice(("lines", "one_line")),
        when_form,
    )


def phrase(titles: Titles, index: int, when: date) -> str:
    return titles.template.format(
        n=index,
        month=f"{when:%B}" if "{n}" in titles.template else f"{when:%B %Y}",
        year=when.year,
        date=f"{when.day} {when:%B %Y}",
        numeric=f"{when:%d/%m/%Y}",
        dotted=f"{when:%d.%m.%Y}",
        quarter=quarter_label(when),
    )


def version_name(titles: Titles, index: int, when: date) -> str:
    if "{n}" not in titles.template:
        return when.isoformat()
    return f"{when.year}-v{index}" if "{month}" in titles.template else str(index)


def title_lines(titles: Titles, index: int, when: date) -> tuple[str, ...]:
    version = phrase(titles, index, when)
    if titles.layout == "one_line":
        return (titles.council, f"{titles.plan} – {version}")
    return (titles.council, titles.plan, version)


def when_label(titles: Titles, when: date) -> str:
    """The version's date as dated headers print it ("30 September 2024", "Sept 2024", "Q2 …")."""
    if titles.when_form == "quarter":
        return quarter_label(when)
    if titles.when_form == "month":
        return f"{when:%B %Y}"
    return f"{when.day} {when:%B %Y}"
