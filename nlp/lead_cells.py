"""Generated lead cells with their true leads: the lead segmenter's training and evaluation data.

A cell is built from role wordings (the gazetteer's roles and abbreviations and the extra roles of
``models/lead_parts.yaml``), services, organisations and people, in the constructions councils
print: a title with a dash or a comma before the service it heads ("Service Manager – Fostering",
"Head of Service, Children in Care": one lead), two leads on two lines, leads joined by "and" or
"&", abbreviations ("AD/HoS", "PSW, IRO"), lists ("A, B and C"), a role with a service holding
"and" ("Head of Service Children and Families": one lead), and two leads run together on one line
(the layout joined their lines). Each cell keeps the character span of every lead.

Wordings are split once, by a hash of the wording, into training (3 in 4) and held-out ones; a
held-out cell uses held-out wordings only (abbreviations, a closed list, are shared).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from councilpapers.nlp.resources import read_yaml

CONSTRUCTIONS = (
    "dash title",
    "comma title",
    "bracket title",
    "titles joined",
    "two lines",
    "joined by and",
    "abbreviations",
    "list",
    "run on",
    "single",
)
DASHES = (" – ", " - ", " — ", "- ", " –")
HELD_OUT_SHARE = 4  # one wording in four is held out


@dataclass(frozen=True, slots=True)
class LeadCell:
    """A cell's text, the (start, end) character span of each lead, and how it was built."""

    text: str
    spans: tuple[tuple[int, int], ...]
    construction: str


@dataclass(frozen=True, slots=True)
class Parts:
    """The wordings a cell is drawn from."""

    roles: tuple[str, ...]
    abbreviations: tuple[str, ...]
    services: tuple[str, ...]
    organisations: tuple[str, ...]
    people: tuple[str, ...]
    qualifiers: tuple[str, ...]
    teams: tuple[str, ...]  # the services of lead_parts.yaml alone (no gazetteer body)


def held_out(wording: str) -> bool:
    """The fixed split: a wording is held out when its hash says so (one in HELD_OUT_SHARE)."""
    digest = hashlib.sha1(wording.lower().encode("utf-8")).hexdigest()
    return int(digest, 16) % HELD_OUT_SHARE == 0


@cache
def parts(split: str) -> Parts:
    """The wordings of one split: ``train`` or ``heldout``."""
    gazetteer: dict[str, Any] = read_yaml("gazetteer.yaml")
    extra: dict[str, Any] = read_yaml("lead_parts.yaml")

    def pick(items: Sequence[str]) -> tuple[str, ...]:
        return tuple(w for w in items if held_out(w) == (split == "heldout"))

    heads = extra["role_heads"]
    bodies = [r for r in gazetteer["roles"] if not _names_job(r.lower().split(), heads)]
    return Parts(
        roles=pick([*gazetteer["roles"], *extra["roles"]]),
        abbreviations=tuple(gazetteer["abbreviations"]),
        services=pick([*extra["services"], *(b for b in bodies if "partner" not in b.lower())]),
        organisations=pick(extra["organisations"]),
        people=pick(extra["people"]),
        qualifiers=tuple(gazetteer["qualifiers"]),
        teams=pick(extra["services"]),
    )


def _role(rng: random.Random, p: Parts) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(p.abbreviations)
    return _job(rng, p) if roll < 0.55 else rng.choice(p.roles)


def _lead(rng: random.Random, p: Parts) -> str:
    """One lead without punctuation of its own: a role, a role and its service, a body, a
    person."""
    roll = rng.random()
    if roll < 0.35:
        return _role(rng, p)
    if roll < 0.6:
        joint = rng.choice((" ", " ", " for ", " of "))
        return f"{_role(rng, p)}{joint}{rng.choice(p.services)}"
    if roll < 0.7:
        a, b = rng.sample(p.qualifiers, 2)
        return f"{_role(rng, p)} {a}/{b}"
    if roll < 0.85:
        return rng.choice(p.organisations)
    return rng.choice(p.people) if rng.random() < 0.5 else _role(rng, p)


def _words(rng: random.Random, p: Parts, count: int) -> list[str]:
    """Distinct capitalised words of the split's services ("Fostering", "Adoption")."""
    words = {w for s in p.teams for w in s.split() if w[:1].isupper() and len(w) > 3}
    return rng.sample(sorted(words), count)


def _job(rng: random.Random, p: Parts) -> str:
    """A role whose wording names a person's job; now and then one made up from two service
    words and a job noun ("Fostering and Adoption Manager")."""
    heads = read_yaml("lead_parts.yaml")["role_heads"]
    if rng.random() < 0.25:
        a, b = _words(rng, p, 2)
        return f"{a} and {b} {rng.choice(heads).capitalize()}"
    return rng.choice([r for r in p.roles if _names_job(r.lower().split(), heads)])


def _names_job(words: list[str], heads: list[str]) -> bool:
    """A job's wording: it holds a job noun, singular or plural ("Service Manager", "Head of
    Service", "Educational Psychologists"); "Early Help" or "Youth Justice Service" name a body."""
    return any(w in heads or w.removesuffix("s") in heads for w in words)


def _titled_role(rng: random.Random, p: Parts) -> str:
    """An abbreviation or a job: the kind of role that starts a second lead run on after the
    first."""
    return rng.choice(p.abbreviations) if rng.random() < 0.5 else _job(rng, p)


def _titled(rng: random.Random, p: Parts, construction: str) -> str:
    role = _job(rng, p) if rng.random() < 0.8 else rng.choice(p.abbreviations)
    service = rng.choice(p.services) if rng.random() < 0.7 else " and ".join(_words(rng, p, 2))
    if construction == "dash title":
        return f"{role}{rng.choice(DASHES)}{service}"
    if construction == "bracket title":
        return f"{role} ({service})"
    return f"{role}, {service}"


def _cell(leads: Sequence[str], joints: Sequence[str], construction: str) -> LeadCell:
    text, spans = "", []
    for index, lead in enumerate(leads):
        if index:
            text += joints[index - 1]
        spans.append((len(text), len(text) + len(lead)))
        text += lead
    return LeadCell(text, tuple(spans), construction)


def make_cell(rng: random.Random, p: Parts, construction: str) -> LeadCell:
    """One cell of the given construction."""

    def lead() -> str:
        return _lead(rng, p)

    if construction == "comma title" and rng.random() < 0.25:
        pair = [rng.choice(p.people), _role(rng, p)]  # a person and a role: two leads
        return _cell(pair if rng.random() < 0.5 else pair[::-1], [", "], construction)
    if construction == "titles joined":
        kinds = ("dash title", "comma title", "bracket title")
        leads = [_titled(rng, p, rng.choice(kinds)), _titled(rng, p, rng.choice(kinds))]
        if rng.random() < 0.4:
            leads[rng.randrange(2)] = _lead(rng, p)
        joints = [j for j in (" / ", "/", "; ", " and ", " & ") if j.strip() not in "".join(leads)]
        return _cell(leads, [rng.choice(joints or ["\n"])], construction)
    if construction in ("dash title", "comma title", "bracket title"):
        leads = [_titled(rng, p, construction)]
        if rng.random() < 0.5:
            leads.append(_titled(rng, p, construction) if rng.random() < 0.5 else lead())
            return _cell(leads, [rng.choice(("\n", "; ", "\n"))], construction)
        return _cell(leads, [], construction)
    if construction == "two lines":
        leads = [lead() for _ in range(rng.choice((2, 2, 3)))]
        if rng.random() < 0.3:
            leads[0] = _titled(rng, p, rng.choice(("dash title", "comma title")))
        return _cell(leads, ["\n"] * (len(leads) - 1), construction)
    if construction == "joined by and":
        joint = rng.choice((" and ", " & ", " – ", " - "))
        second = _titled_role(rng, p) if "-" in joint or "–" in joint else lead()
        return _cell([_role(rng, p), second], [joint], construction)
    if construction == "abbreviations":
        count = rng.choice((2, 2, 3))
        leads = [rng.choice(p.abbreviations) for _ in range(count)]
        if rng.random() < 0.3:
            leads[-1] = _job(rng, p)
        joint = rng.choice(("/", "/", " / ", ", ", " and "))
        return _cell(leads, [joint] * (count - 1), construction)
    if construction == "list":
        count = rng.choice((3, 3, 4))
        leads = [lead() for _ in range(count)]
        last = rng.choice((" and ", ", and ", ", ", " & "))
        return _cell(leads, [", "] * (count - 2) + [last], construction)
    if construction == "run on":
        first = _titled(rng, p, "comma title") if rng.random() < 0.3 else lead()
        return _cell([first, _titled_role(rng, p)], [" "], construction)
    return _cell([lead()], [], construction)


def lead_cells(split: str, per_construction: int, seed: int) -> list[LeadCell]:
    """Cells of every construction, drawn deterministically from the split's wordings."""
    rng = random.Random(seed)
    p = parts(split)
    return [make_cell(rng, p, c) for c in CONSTRUCTIONS for _ in range(per_construction)]
