"""Recommendation lists printed in a document: an inspection's "What needs to improve" and the like.

Inspection reports and letters print their recommendations as a list under a heading such as
"What needs to improve", "Areas for improvement" or "Recommendations". The finder reads a
document's lines in order, starts at such a heading, and collects the list's items: numbered or
bulleted, or plain paragraphs when the list has no markers. An item whose text ends with a colon
is a lead-in, and the bulleted actions under it belong to it (kept as "• " lines). The list ends
at a line that is neither an item, nor the continuation of an unfinished one, nor (for plain
paragraphs) a line as wide as the items' first lines: a heading or the page furniture after it.

Each item says whose list it is (`source_kind`): an inspection heading ("What needs to improve",
"Areas for improvement / priority action") is an inspection's; a bare "Recommendations" heading
is an inspection's only in a document that reads as an inspection report and when its items do
not address a committee ("Cabinet is asked to note…"): otherwise it is a committee decision.
This runs at ingest (`extract_file`), so read commands never re-open a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Document, InspectionPoint, PackItem, Page, SourceKind

HEADING = re.compile(
    r"^(?-i:(?=[A-Z]))(?:what needs to improve|areas? for (improvement|priority action)"
    r"|recommendations?)\b[^.]{0,60}(?<!\s\d)(?<!\s\d\d)$",
    re.IGNORECASE,
)
INSPECTION_HEADING = re.compile(
    r"^(what needs to improve|areas? for (improvement|priority action))", re.IGNORECASE
)
BULLETS = "•◼▪■●○◦‣⁃*\u2013\u2014-" + "".join(chr(c) for c in range(0xF0A0, 0xF0FF))
MARKER = re.compile(rf"^\s*(?:(?P<n>\d{{1,3}})[.)]|(?P<b>[{re.escape(BULLETS)}]|o))\s+(?P<t>\S.*)$")
INSPECTION_DOC = re.compile(r"\b(ofsted|inspection|inspectors?|care quality commission)\b", re.I)
COMMITTEE_DOC = re.compile(r"\b(cabinet|committee|agenda|decision no|key decision)\b", re.I)
DECISION_ITEM = re.compile(
    r"^(that\s+)?(the\s+)?(cabinet|council|committee|board|members?|panel)\b"
    r"|^(note|agree|approve|endorse|delegate|consider|comment|adopt|recommend)s?\b"
    r"|\bis (asked|recommended) to\b",
    re.IGNORECASE,
)
IMPERATIVES = frozenset(
    {
        "ensure",
        "improve",
        "review",
        "strengthen",
        "develop",
        "increase",
        "reduce",
        "establish",
        "implement",
        "provide",
        "embed",
        "continue",
        "evaluate",
        "monitor",
        "work",
        "hold",
        "put",
        "launch",
        "further",
        "take",
        "make",
        "secure",
        "undertake",
        "consider",
        "address",
        "extend",
        "promote",
        "raise",
        "sustain",
    }
)
SENTENCE_END = (".", "?", "!")
MAX_ITEMS = 30
MIN_WORDS = 4
LEAD_IN_SKIP = 3  # non-item lines (sub-headings) allowed between the heading and the first item


@dataclass(frozen=True, slots=True)
class Line:
    """A line of body text: page, left and right edge, and its words joined."""

    page: int
    x0: float
    x1: float
    text: str


def page_lines(page: Page, tolerance: float) -> list[Line]:
    """The page's body words as lines, top to bottom: words whose rounded bottoms are within
    `tolerance` points of a line's first word stand on it."""
    groups: list[list[tuple[float, float, str]]] = []
    last = None
    for word in sorted(page.words, key=lambda w: (round(w.bottom), w.x0)):
        key = round(word.bottom)
        if last is None or abs(key - last) > tolerance:
            groups.append([])
            last = key
        groups[-1].append((word.x0, word.x1, word.text))
    out = []
    for group in groups:
        group.sort()
        out.append(Line(page.number, group[0][0], group[-1][1], " ".join(t for *_, t in group)))
    return out


def find_improvement_lists(
    document: Document,
    parts: Sequence[PackItem] = (),
    settings: ExtractSettings | Mapping[str, object] | None = None,
) -> list[InspectionPoint]:
    """Every item of every recommendations list in the document, in order.

    `parts` (the pack's items, when known) tells which pages are an inspection letter's."""
    resolved = ExtractSettings.resolve(settings)
    tolerance = resolved.page_line_tolerance
    lines = [line for page in document.pages for line in page_lines(page, tolerance)]
    first = " ".join(line.text for line in lines if line.page == 1)
    inspection_doc = bool(INSPECTION_DOC.search(first)) and not COMMITTEE_DOC.search(first)
    inspected = {
        page
        for part in parts
        if part.doc_type == "inspection_letter" or part.inspection is not None
        for page in range(part.first_page, part.last_page + 1)
    }
    items: list[InspectionPoint] = []
    index = 0
    while index < len(lines):
        heading = lines[index].text.strip()
        if not HEADING.match(heading):
            index += 1
            continue
        page = lines[index].page
        found, index = _List(lines, index + 1, resolved).collect()
        kind = _kind(heading, inspection_doc or page in inspected, found)
        items.extend(
            InspectionPoint(number or position, text, page, heading, kind)
            for position, (number, text, page) in enumerate(found, start=1)
        )
    return items


def _kind(heading: str, inspection_doc: bool, found: list[Item]) -> SourceKind:
    if INSPECTION_HEADING.match(heading):
        return "inspection"
    if inspection_doc and not any(DECISION_ITEM.search(text) for _, text, _ in found):
        return "inspection"
    return "decision"


Item = tuple[int | None, str, int]  # number as printed (None: unnumbered), text, page


def _follows(previous: int | None, printed: str | None) -> bool:
    """A numbered list goes on counting: "1." after "2." starts something else."""
    return previous is None or printed is None or int(printed) == previous + 1


def _ended(text: str) -> bool:
    return text.rstrip().endswith((*SENTENCE_END, ":"))


class _List:
    """One list being read, line by line, from just after its heading."""

    def __init__(self, lines: list[Line], start: int, settings: ExtractSettings) -> None:
        self.indent = settings.list_indent  # points right of the markers: inside an item
        self.wide = settings.list_wide  # share of the widest line a new paragraph item fills
        self.lines = lines
        self.index = start
        self.items: list[Item] = []
        self.kind = ""  # "n" numbered, "b" bulleted, "p" plain paragraphs
        self.glyph: str | None = None
        self.x0 = 0.0
        self.sub = False  # inside the bullets under a lead-in
        self.width = 0.0

    def collect(self) -> tuple[list[Item], int]:
        skipped = 0
        while self.index < len(self.lines) and len(self.items) < MAX_ITEMS:
            line = self.lines[self.index]
            if not self.items:
                skipped += not self._start(line)
                if skipped > LEAD_IN_SKIP:
                    break
            elif not self._next(line):
                break
            self.index += 1
        kept = [(n, t.strip(), p) for n, t, p in self.items if len(t.split()) >= MIN_WORDS]
        return kept, self.index

    def _start(self, line: Line) -> bool:
        match = MARKER.match(line.text)
        if match:
            self.kind = "n" if match.group("n") else "b"
            self.glyph, self.x0 = match.group("b"), line.x0
            self._add(match, line)
            return True
        if HEADING.match(line.text.strip()) or len(line.text.split()) < 6:
            return False
        if not line.text[:1].isupper():
            return False
        self.kind, self.x0, self.width = "p", line.x0, line.x1 - line.x0
        self.items.append((None, line.text, line.page))
        return True

    def _add(self, match: re.Match[str], line: Line) -> None:
        number = int(match.group("n")) if match.group("n") else None
        self.items.append((number, match.group("t"), line.page))
        self.width = max(self.width, line.x1 - line.x0)

    def _next(self, line: Line) -> bool:
        match = MARKER.match(line.text)
        number, text, page = self.items[-1]
        if match and self.kind == "p" and len(self.items) == 1 and not (self.sub or _ended(text)):
            self.items = []  # the "paragraph" was a sub-heading over a marked list
            return self._start(line)
        if match:
            kind = "n" if match.group("n") else "b"
            lead_in = self.sub or text.rstrip().endswith(":")
            other = kind != self.kind or match.group("b") != self.glyph
            if lead_in and (other or line.x0 > self.x0 + self.indent):
                self.sub = True
                self.items[-1] = (number, f"{text}\n• {match.group('t')}", page)
                return True
            if kind != self.kind or not _follows(number, match.group("n")):
                return False
            self.sub = False
            self._add(match, line)
            return True
        if self._continues(line, text):
            self.items[-1] = (number, f"{text} {line.text.strip()}", page)
            return True
        return self._paragraph(line) or self._subheading()

    def _subheading(self) -> bool:
        """A heading between two groups of one marked list: the next line is a like item (same
        marker, and its first word opens an item already read, or is an imperative that opens
        recommendations, as "Ensure" or "Improve" do; a report's numbered paragraphs after the
        list open otherwise: "The board is…")."""
        after = self.lines[self.index + 1] if self.index + 1 < len(self.lines) else None
        match = MARKER.match(after.text) if after else None
        if not match or self.kind == "p" or self.sub:
            return False
        openers = IMPERATIVES | {text.split()[0].lower() for _, text, _ in self.items if text}
        same_kind = ("n" if match.group("n") else "b") == self.kind
        return same_kind and match.group("t").split()[0].lower() in openers

    def _continues(self, line: Line, text: str) -> bool:
        """A wrapped line of the last item: indented under it, or its sentence unfinished."""
        ended = _ended(text)
        if self.kind != "p" and line.x0 > self.x0 + self.indent:
            return True
        return not ended and (self.kind == "p" or not line.text[:1].isupper())

    def _paragraph(self, line: Line) -> bool:
        """A new plain-paragraph item, or the end of the list."""
        wide = line.x1 - line.x0 >= self.wide * self.width
        wide = wide or line.text.rstrip().endswith((".", ":"))
        if self.kind != "p" or not line.text[:1].isupper() or not wide:
            return False
        self.sub = False
        self.width = max(self.width, line.x1 - line.x0)
        self.items.append((None, line.text, line.page))
        return True
