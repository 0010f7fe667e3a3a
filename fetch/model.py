"""What a ModernGov site lists, as both routes (web service and pages) give it.

`Committee` -> `Meeting` -> `Paper`: a paper is one downloadable file of a meeting, of a kind:
the public reports pack, a supplement to it (a supplementary agenda pack, an item's supplement),
the agenda frontsheet, the printed minutes (meeting-level, linked only from the meeting's page or
the pack page it links), or an item document (an agenda item's report or appendix).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

PaperKind = Literal["pack", "supplement", "frontsheet", "minutes", "item", "other"]


@dataclass(frozen=True, slots=True)
class Committee:
    """A committee as the site names it. `current` is False for one the site marks expired or
    deleted (the web service says so; the pages do not, so there every committee is current)."""

    id: int
    title: str
    current: bool = True


@dataclass(frozen=True, slots=True)
class Meeting:
    """One meeting of a committee. `published` is None when the route cannot tell before the
    meeting's own page is read (the pages route)."""

    id: int
    committee: Committee
    date: date
    time: str | None = None  # 24-hour "18:00", when the site gives one
    status: str = ""
    cancelled: bool = False
    published: bool | None = None


@dataclass(frozen=True, slots=True)
class Paper:
    """A file a meeting gives: its kind, title, absolute URL, and the agenda item it belongs to."""

    kind: PaperKind
    title: str
    url: str
    item: str | None = None  # the agenda item's number as printed ("5", "51.")
    item_title: str | None = None
    restricted: bool = False


@dataclass(frozen=True, slots=True)
class MeetingPapers:
    """Everything a meeting's page and the web service say about its files. `pack_pages` are the
    page's links to `mgChooseDocPack.aspx`, where a site lists the meeting's packs instead of
    linking them (followed when the page links no pack itself)."""

    papers: tuple[Paper, ...]
    cancelled: bool = False
    published: bool = True
    note: str = ""  # what could not be read ("its page could not be read: …")
    pack_pages: tuple[str, ...] = ()
