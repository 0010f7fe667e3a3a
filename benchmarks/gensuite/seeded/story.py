"""What a randomised plan says, version by version: findings, their actions, each action's true
state, deadline, leads and progress, and how the plan moves on between versions (statuses move,
actions are added and completed, deadlines are pushed back with or without a reason,
recommendations are renumbered).

Nothing here says how the plan is printed (``printing.py``, ``compose.py`` do): the story is the
truth the gold is written from.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, replace
from datetime import date

from . import texts
from .design import Design
from .wordings import Wordings

STATES = ("not_started", "on_track", "at_risk", "off_track", "part_complete", "complete", "review")
FIRST_STATES = {
    "not_started": 0.2,
    "on_track": 0.35,
    "at_risk": 0.15,
    "off_track": 0.05,
    "part_complete": 0.07,
    "review": 0.05,
    "complete": 0.13,
}
PUSHABLE = ("day", "month", "quarter")
MOVES = ("on_track", "at_risk", "off_track", "part_complete", "review")  # where an open action goes


@dataclass(frozen=True, slots=True)
class Due:
    kind: str  # day | month | quarter | ongoing | recurring
    end: date | None  # the last day of the period named (None: ongoing, recurring)
    word: str = ""  # how an ongoing or recurring timescale is worded ("Ongoing", "Quarterly")


@dataclass(frozen=True, slots=True)
class Item:
    """One action as one version states it."""

    key: str  # stable across versions
    serial: int  # its number within its recommendation
    text: str
    leads: tuple[str, ...]  # each lead as printed
    joiner: str  # how the leads are joined in the cell
    due: Due
    state: str  # one of STATES
    progress: str
    reason: str  # why the deadline moved ({to}: the new deadline as printed), or ""
    impact: str
    measures: str
    notes: tuple[str, ...]  # what the extra columns say


@dataclass(frozen=True, slots=True)
class Finding:
    """One recommendation in one version: its printed number, wording, area and actions."""

    key: str
    number: int
    text: str
    area: str
    summary: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Pushed:
    rec: str
    item: str
    before: Due
    after: Due
    explained: bool


@dataclass(frozen=True, slots=True)
class Version:
    index: int  # 1-based
    when: date  # the position the version reports
    findings: tuple[Finding, ...]  # in printed order (by number)
    pushed: tuple[Pushed, ...] = ()


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def quarter_end(day: date) -> date:
    return month_end(day.year, (day.month - 1) // 3 * 3 + 3)


def story(design: Design, words: Wordings, granularity: str = "day") -> list[Version]:
    """Every version of the seed's plan; ``granularity`` (day | month | quarter) is what the
    version names print, so that each name stands for exactly its date."""
    rng = random.Random(f"story-{design.seed}")
    dates = _dates(rng, design, granularity)
    versions = [_first(rng, design, words, dates[0])]
    for when in dates[1:]:
        versions.append(_next(rng, design, words, versions[-1], when))
    return versions


def _dates(rng: random.Random, design: Design, granularity: str) -> list[date]:
    """Position dates two to four months apart (quarter ends a quarter or two apart)."""
    start = month_end(2024, rng.randint(3, 9))
    if granularity == "quarter":
        start = quarter_end(start)
    dates = [start]
    for _ in range(design.versions - 1):
        step = 3 * rng.randint(1, 2) if granularity == "quarter" else rng.choice((2, 3, 3, 4))
        dates.append(add_months(dates[-1], step))
    if granularity == "day" and rng.random() < 0.6:  # a day within the month
        dates = [d.replace(day=rng.randint(5, 28)) for d in dates]
    return dates


def _first(rng: random.Random, design: Design, words: Wordings, when: date) -> Version:
    texts_ = rng.sample(texts.ALL_RECOMMENDATIONS, design.recs)
    areas = sorted(rng.sample(texts.AREAS, min(design.recs, rng.randint(2, 4))))
    used: set[str] = set()
    findings = []
    for i, text in enumerate(texts_, start=1):
        area = areas[min((i - 1) * len(areas) // design.recs, len(areas) - 1)]
        size = design.sizes[(i - 1) % len(design.sizes)]
        items = tuple(
            _item(rng, design, words, f"r{i}a{j}", j, used, when) for j in range(1, size + 1)
        )
        findings.append(Finding(f"r{i}", i, text, area, _summary(rng, when), items))
    return Version(1, when, tuple(findings))


def _item(
    rng: random.Random,
    design: Design,
    words: Wordings,
    key: str,
    serial: int,
    used: set[str],
    when: date,
) -> Item:
    text = ""
    while not text or text.split("\n")[0] in used:
        text = _action_text(rng)
    used.add(text.split("\n")[0])
    if rng.random() < 0.3:
        text += "\n• " + _action_text(rng)
    state = rng.choices(list(FIRST_STATES), weights=list(FIRST_STATES.values()))[0]
    leads, joiner = _leads(rng, words)
    notes = tuple(_fill(rng, rng.choice(texts.NOTES), when) for _ in range(design.extras))
    return Item(
        key=key,
        serial=serial,
        text=text,
        leads=leads,
        joiner=joiner,
        due=_due(rng, design, when),
        state=state,
        progress=_progress(rng, state, when),
        reason="",
        impact=rng.choice(texts.IMPACT),
        measures=_fill(rng, rng.choice(texts.MEASURES), when),
        notes=notes,
    )


def _action_text(rng: random.Random) -> str:
    verb, thing = rng.choice(texts.ALL_VERBS), rng.choice(texts.ALL_OBJECTS)
    return f"{verb} {thing.format(topic=rng.choice(texts.ALL_TOPICS))}"


def _fill(rng: random.Random, template: str, when: date) -> str:
    p = rng.randint(40, 95)
    return template.format(
        k=rng.randint(2, 40),
        n=rng.randint(1, 6),
        p=p,
        q=min(99, p + rng.randint(2, 12)),
        month=f"{when:%B}",
    )


def _progress(rng: random.Random, state: str, when: date) -> str:
    if state == "complete":
        return _fill(rng, rng.choice(texts.DONE), when)
    if state == "not_started":
        return rng.choice(("", "Work to begin next quarter.", "Scoping meeting booked."))
    return _fill(rng, rng.choice(texts.ALL_PROGRESS), when)


def _summary(rng: random.Random, when: date) -> str:
    return " ".join(_fill(rng, rng.choice(texts.ALL_PROGRESS), when) for _ in range(2))


def _leads(rng: random.Random, words: Wordings) -> tuple[tuple[str, ...], str]:
    """One to three leads, each a role alone, an abbreviation or a role with its team, and the
    joiner the cell prints between them (never one that a lead itself contains)."""
    count = rng.choices((1, 2, 3), weights=(0.68, 0.26, 0.06))[0]
    leads = tuple(_lead(rng, words) for _ in range(count))
    joiner = rng.choice((" / ", "/", "\n", " and ", ", ", "; ", " & "))
    if any(joiner.strip() and joiner.strip() in lead for lead in leads):
        joiner = "\n"
    if joiner in (" and ", " & ") and any(" and " in lead or "&" in lead for lead in leads):
        joiner = "\n"
    return leads, joiner


def _lead(rng: random.Random, words: Wordings) -> str:
    pools = words.pools
    roll = rng.random()
    if roll < 0.25:
        return str(rng.choice(pools["abbreviations"]))
    role = str(rng.choice(pools["roles"]))
    if roll < 0.5:
        return role
    team = rng.choice(pools["teams"])
    form = rng.choice(("{r}, {t}", "{r} – {t}", "{r} ({t})", "{r} for {t}"))
    return form.format(r=role, t=team)


def _due(rng: random.Random, design: Design, when: date) -> Due:
    weights = {"day": 0.5, "month": 0.5}
    if design.due_mix == "mixed":
        weights = {"day": 0.28, "month": 0.28, "quarter": 0.2, "ongoing": 0.12, "recurring": 0.12}
    kind = rng.choices(list(weights), weights=list(weights.values()))[0]
    later = add_months(when, rng.randint(1, 10))
    if kind == "day":
        return Due(kind, later.replace(day=rng.choice((1, 14, 15, 28, later.day))))
    if kind == "month":
        return Due(kind, later)
    if kind == "quarter":
        return Due(kind, quarter_end(later))
    if kind == "ongoing":
        return Due(kind, None, rng.choice(("Ongoing", "On-going", "Ongoing – reviewed monthly")))
    return Due(kind, None, rng.choice(("Quarterly", "Monthly", "Termly", "Every six weeks")))


def _next(
    rng: random.Random, design: Design, words: Wordings, last: Version, when: date
) -> Version:
    numbers = _renumbered(rng, design, last)
    used = {i.text.split("\n")[0] for f in last.findings for i in f.items}
    findings, pushed = [], []
    for index, finding in enumerate(last.findings):
        items = []
        for item in finding.items:
            if item.state == "complete" and design.completed == "drop":
                continue
            force = len(pushed) < (1 if index < len(last.findings) - 1 else 2)
            moved, push = _move_on(rng, item, when, force)
            items.append(moved)
            if push:
                pushed.append(replace(push, rec=finding.key))
        if rng.random() < 0.5:
            serial = max((i.serial for i in finding.items), default=0) + 1
            key = f"{finding.key}a{serial}"
            items.append(_item(rng, design, words, key, serial, used, when))
        number = numbers[finding.key]
        summary = _summary(rng, when)
        findings.append(replace(finding, number=number, items=tuple(items), summary=summary))
    findings.sort(key=lambda f: f.number)
    return Version(last.index + 1, when, tuple(findings), tuple(pushed))


def _renumbered(rng: random.Random, design: Design, last: Version) -> dict[str, int]:
    numbers = {f.key: f.number for f in last.findings}
    if design.renumbering and len(last.findings) >= 2:
        a, b = rng.sample([f.key for f in last.findings], 2)
        numbers[a], numbers[b] = numbers[b], numbers[a]
    return numbers


def _move_on(rng: random.Random, item: Item, when: date, force: bool) -> tuple[Item, Pushed | None]:
    if item.state == "complete":
        return replace(item, reason=""), None
    roll = rng.random()
    if item.due.kind in PUSHABLE and (force or roll < 0.25):
        after = _later(rng, item.due)
        explained = rng.random() < 0.5
        reason = rng.choice(texts.REASONS) if explained else ""
        state = rng.choice(("on_track", "at_risk", "at_risk"))
        moved = replace(
            item, due=after, state=state, progress=_progress(rng, state, when), reason=reason
        )
        return moved, Pushed("", item.key, item.due, after, explained)
    state = "complete" if roll < 0.55 else rng.choice(MOVES)
    return replace(item, state=state, progress=_progress(rng, state, when), reason=""), None


def _later(rng: random.Random, due: Due) -> Due:
    assert due.end is not None
    if due.kind == "quarter":
        return Due("quarter", quarter_end(add_months(due.end, 3 * rng.randint(1, 2))))
    end = add_months(due.end, rng.randint(1, 3))
    if due.kind == "day":
        end = end.replace(day=min(due.end.day, end.day))
    return Due(due.kind, end)
