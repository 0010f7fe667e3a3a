"""Sections: the headings a row sits under.

Two sources: banner rows inside a table (a cell spanning the table: "1 CHILDREN IN NEED …" then
"1 Ensure that assessments …") and headings printed between tables ("Theme 2 – …", "Objective 2.1"
and its statements). The first of two stacked headings is the group, the last the section; a
heading style once seen as a group stays a group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from councilpapers.extract.layout import Line, paragraphs, starts_with_marker
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Section

HEADING = re.compile(
    r"^(?P<kw>theme|area|priority|objective|outcome|recommendation|section|strand|workstream"
    r"|aim|goal|ambition|pillar|domain|part|key line of enquiry|kloe)\s+(?P<num>\d+(?:\.\d+)*)"
    r"\b\s*[:.–—-]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
# a row reference as printed in a table's first column: "1.1", "17.3", "A2", "3b", "12."
REF = re.compile(r"^\s*[A-Z]{0,3}\d{1,3}(?:\.\d+)*[a-z]?[.)]?(\s|$)")
NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d+)*)[.)]?\s+(?P<title>\S.*)$", re.DOTALL)


@dataclass
class SectionState:
    """The running group and section while a document is read in order."""

    current: Section = field(default_factory=Section)
    group_styles: set[str] = field(default_factory=set)

    def apply_banners(self, banners: Sequence[tuple[str, str, str]]) -> None:
        """Banners as (number, title, style key), stacked with no data row between them.

        Of two stacked banners in different styles, the first style is a group heading's; a
        banner in a group style starts a new group, any other banner a new section."""
        if len(banners) >= 2 and banners[0][2] != banners[-1][2]:
            self.group_styles.add(banners[0][2])
            self.group_styles.discard(banners[-1][2])
        for number, title, style in banners:
            if style in self.group_styles:
                text = f"{number} {title}".strip()
                self.current = Section(group=text, part=self.current.part)
            else:
                self.current = replace(self.current, number=number or None, title=title or None)

    def apply_caption(self, lines: Sequence[Line], settings: ExtractSettings) -> None:
        """Headings printed between tables."""
        headings = _headings(lines, settings)
        if not headings:
            return
        if len(headings) >= 2:
            self.group_styles.add(headings[0][0])
        for index, (kind, number, text, body) in enumerate(headings):
            last = index == len(headings) - 1
            if kind in self.group_styles and not (last and len(headings) >= 2):
                self.current = Section(group=text, part=self.current.part)
            else:
                title = "\n".join(p for p in [_title_of(text), *body] if p)
                self.current = replace(self.current, number=number, title=title or None)


def _title_of(text: str) -> str:
    match = HEADING.match(text)
    return match.group("title").strip() if match else text


def _headings(
    lines: Sequence[Line], settings: ExtractSettings
) -> list[tuple[str, str, str, list[str]]]:
    """(keyword, number, heading text, body paragraphs) for each heading in a caption."""
    out: list[tuple[str, str, str, list[str]]] = []
    block: list[Line] = []
    for line in lines:
        match = HEADING.match(line.text)
        if match:
            if out:
                out[-1][3].extend(_body(block, settings))
            block = []
            out.append((match.group("kw").lower(), match.group("num"), line.text, []))
        elif out:
            block.append(line)
    if out:
        out[-1][3].extend(_body(block, settings))
    return out


def _body(lines: Sequence[Line], settings: ExtractSettings) -> list[str]:
    if not lines:
        return []
    return [strip_marker(p) for p in paragraphs(lines, settings)]


def strip_marker(text: str) -> str:
    if starts_with_marker(text):
        return text.split(" ", 1)[1].strip()
    return text


def banner_parts(texts: Sequence[str]) -> tuple[str, str]:
    """Number and title of a banner row from its non-empty cell texts."""
    texts = [t.strip() for t in texts if t.strip()]
    if not texts:
        return ("", "")
    if len(texts) >= 2 and re.fullmatch(r"\d+(\.\d+)*[.)]?", texts[0]):
        return (texts[0].rstrip(".)"), " ".join(texts[1:]).replace("\n", " "))
    match = NUMBERED.match(texts[0])
    if match:
        return (match.group("num"), match.group("title").replace("\n", " "))
    heading = HEADING.match(" ".join(texts).replace("\n", " "))
    if heading and heading.group("kw").lower() == "recommendation":  # "Recommendation 3: …"
        # the number, and the banner as printed: "Recommendation" says what the heading is
        return (heading.group("num"), " ".join(texts).replace("\n", " "))
    return ("", " ".join(texts).replace("\n", " "))
