"""Which files a meeting gives, and where each goes: `DIR/<committee>/<yyyy-mm-dd>/<title>.pdf`.

By default a meeting gives its public reports pack and its supplements (supplementary agenda packs,
an item's supplement), or, when it has no pack, its item documents;
`frontsheet`, `minutes` and `items` add those. Restricted documents are never asked for. Names
come from the site's own file names (or titles), made safe for every file system; two files of a
meeting that would share a name are told apart by a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from councilpapers.fetch.model import Meeting, MeetingPapers, Paper, PaperKind

UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
NAME_LIMIT = 120


@dataclass(frozen=True, slots=True)
class Wanted:
    """What kinds to fetch besides the pack."""

    frontsheet: bool = False
    minutes: bool = False
    items: bool = False


@dataclass(frozen=True, slots=True)
class Planned:
    """One file to fetch: the paper, its meeting, and where it goes."""

    paper: Paper
    meeting: Meeting
    path: Path


def choose(found: MeetingPapers, wanted: Wanted) -> tuple[list[Paper], list[str]]:
    """The papers to fetch, and a note for each kind asked for that the meeting lacks."""
    public = [p for p in found.papers if not p.restricted]
    kinds = {kind: [p for p in public if p.kind == kind] for kind in ("pack", "supplement", "item")}
    chosen, notes = list(kinds["pack"]), []
    chosen.extend(kinds["supplement"] if chosen else [])  # a supplement goes with its pack
    if not chosen and kinds["item"]:
        notes.append(f"no reports pack published: its {len(kinds['item'])} item documents instead")
    if kinds["item"] and (wanted.items or not chosen):
        chosen.extend(kinds["item"])
    extra: list[tuple[bool, PaperKind, str]] = [
        (wanted.frontsheet, "frontsheet", "agenda frontsheet"),
        (wanted.minutes, "minutes", "printed minutes"),
    ]
    for asked, kind, label in extra:
        more = [p for p in public if p.kind == kind]
        if asked and not more:
            notes.append(f"no {label} published")
        chosen.extend(more if asked else [])
    return chosen, notes


def place(out: Path, meeting: Meeting, papers: list[Paper], same_day: bool) -> list[Planned]:
    """Target paths; `same_day` when the committee met twice that day (the meeting id is added)."""
    day = meeting.date.isoformat() + (f"-{meeting.id}" if same_day else "")
    folder = out / safe_name(meeting.committee.title, f"committee {meeting.committee.id}") / day
    planned: list[Planned] = []
    used: set[str] = set()
    for paper in papers:
        stem = safe_name(file_title(paper), f"document {len(planned) + 1}")
        name, number = f"{stem}.pdf", 2
        while name.lower() in used:
            name, number = f"{stem} ({number}).pdf", number + 1
        used.add(name.lower())
        planned.append(Planned(paper, meeting, folder / name))
    return planned


def file_title(paper: Paper) -> str:
    """The site's file name when its URL ends in one ("Public reports pack 17th-Jul-2024 …"),
    else the paper's title."""
    last = unquote(urlsplit(paper.url).path.rsplit("/", 1)[-1])
    if last.lower().endswith(".pdf") and len(last) > 4:
        return last[:-4]
    return paper.title


def safe_name(text: str, fallback: str) -> str:
    cleaned = " ".join(UNSAFE.sub(" ", text).split()).strip(" .")
    return cleaned[:NAME_LIMIT].rstrip(" .") or fallback
