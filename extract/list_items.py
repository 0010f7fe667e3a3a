"""Reading one list, line by line, from just under its heading: items, sub-items and groups.

A list is either marked (each item opens with a number, a letter or a bullet: `list_markers`) or
plain (each item is a paragraph, as in an area SEND report's table of areas for improvement).
The reader keeps the column where the items' text starts; a line there, or on the next page
there, carries the item on (page furniture is already set aside); a marker further right, or of
another kind after a lead-in ending with a colon, opens a sub-item kept with its item. A plain
item ends at a ruling line (a table row's border), a wider gap than the lines' own pitch, or a
sentence ended on a line that stopped short.

A short line that is no sentence, set less prominently than the list's heading, and followed by
a marker opens a group ("The quality of social work practice", "Within three months:"). When a
lead-in's sub-items come in such groups, the sub-items are the list's items and the lead-in is
the list's preamble ("the local authority should take the following action."). The list ends at
any other line: a heading as prominent as its own, another list's heading, a paragraph outside
its columns, or numbering that starts again.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass, field

from councilpapers.extract.list_headings import as_prominent, heading_kind, same_wording
from councilpapers.extract.list_markers import Marker, marker_of
from councilpapers.extract.report_lines import TextLine, join_words
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import BBox, Span

SENTENCE_END = (".", "?", "!", ";", ":")


@dataclass(slots=True)
class Draft:
    """An item being read: its number, lines, sub-items (lines each), and groups."""

    number: int | None
    lines: list[TextLine]
    marked: bool
    group: str | None = None
    subs: list[list[TextLine]] = field(default_factory=list)
    sub_groups: list[str | None] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ListItem:
    """A read item: number as printed, text, sub-items, group and where it is printed."""

    number: int | None
    text: str
    sub_items: tuple[str, ...]
    group: str | None
    spans: tuple[Span, ...]


class ListReader:
    """One list, read from `lines[start]` on; `read()` gives its items and where it ended."""

    def __init__(
        self,
        lines: list[TextLine],
        start: int,
        heading: TextLine | None,
        settings: ExtractSettings,
    ) -> None:
        self.lines, self.index, self.heading, self.s = lines, start, heading, settings
        self.drafts: list[Draft] = []
        self.top: Marker | None = None  # the items' marker (None: a plain list)
        self.left = 0.0  # a plain list's left edge
        self.sub: Marker | None = None  # the current item's sub-item marker
        self.in_sub = False
        self.group: str | None = None  # the group the next item (or sub-item) opens
        self.right = 0.0
        self.ruled = False  # a line of the list so far had a rule above it: the list is a table
        self.last: TextLine | None = None  # the last line read into the list
        self.pitch = _pitch(lines[start : start + 60])

    def read(self) -> tuple[list[ListItem], int]:
        skipped = 0
        while self.index < len(self.lines) and len(self.drafts) <= self.s.list_max_items:
            line = self.lines[self.index]
            if self._repeated_header(line):
                self.index += 1
                continue
            if self.heading is not None and heading_kind(line):
                break
            if not self.drafts:
                skipped += not self._first(line)
                if skipped > self.s.list_lead_in:
                    break
            elif not self._next(line):
                break
            self.right = max(self.right, line.x1)
            self.ruled = self.ruled or line.rule_above
            self.last = line
            self.index += 1
        items = [item for d in _explode(self.drafts) if (item := _item(d, self.s))]
        return [i for i in items if len(i.text.split()) >= self.s.list_min_words], self.index

    def _repeated_header(self, line: TextLine) -> bool:
        """A table's header row repeating the list's heading at the top of a new page, inside
        the list: passed over (the item above it may carry on under it)."""
        if self.heading is None or not self.drafts or not same_wording(line, self.heading):
            return False
        return self.index > 0 and self.lines[self.index - 1].page != line.page

    # -- the first item --------------------------------------------------------------------

    def _first(self, line: TextLine) -> bool:
        marker = marker_of(line, self.s)
        if marker:
            self.top = marker
            self._open(line, marker.number, True)
            return True
        if self.heading is not None and same_wording(line, self.heading):
            return False  # a table's header row repeating the heading
        if self._group_line(line):
            self.group = line.text.strip()
            return True
        if not self._paragraph_start(line):
            return False
        self.left = line.x0
        self._open(line, None, False)
        return True

    def _paragraph_start(self, line: TextLine) -> bool:
        """A plain list's first item: a sentence's opening (a table cell's text: anything)."""
        if self.heading is None:
            return bool(line.text.strip())
        return line.text[:1].isupper() and len(line.words) >= 4 and not line.bold

    def _open(self, line: TextLine, number: int | None, marked: bool) -> None:
        self.drafts.append(Draft(number, [line], marked, self.group))
        self.sub, self.in_sub = None, False

    # -- the lines after -------------------------------------------------------------------

    def _next(self, line: TextLine) -> bool:
        marker = marker_of(line, self.s)
        if marker:
            return self._marked(line, marker)
        if self._group_line(line):
            self.group = line.text.strip()
            return True
        if self._prominent(line):
            return False
        return self._unmarked(line)

    def _prominent(self, line: TextLine) -> bool:
        """Set as prominently as the list's heading, when the heading stands out from the
        items' text at all (a heading set like body text tells nothing)."""
        if self.heading is None or not self.drafts:
            return False
        body = self.drafts[0].lines[0]
        stands_out = (self.heading.bold and not body.bold) or self.heading.size > body.size + 0.5
        return stands_out and as_prominent(line, self.heading)

    def _marked(self, line: TextLine, marker: Marker) -> bool:
        draft, tol = self.drafts[-1], self._tol(line)
        top = self.top
        if top is None:
            return self._plain_marker(line, marker)
        if marker.like(top) and abs(marker.x0 - top.x0) <= tol:
            if top.number is not None and not _follows(self.drafts, marker):
                return False
            self._open(line, marker.number, True)
            return True
        lead_in = _text(draft.subs[-1] if self.in_sub else draft.lines).endswith(":")
        if marker.x0 > top.x0 + tol or (lead_in and not marker.like(top)):
            return self._add_sub(line, marker)
        return False

    def _plain_marker(self, line: TextLine, marker: Marker) -> bool:
        """A marker in a plain list: a sub-item when indented, or flush under a lead-in ending
        with a colon; but under the list's only paragraph, outside any table, that paragraph
        was the list's preamble ("The local authority should:") and the markers are the items."""
        draft = self.drafts[-1]
        if marker.x0 > self.left + self._tol(line):
            return self._add_sub(line, marker)
        if not _text(draft.lines).endswith(":"):
            return False
        if len(self.drafts) == 1 and not draft.subs and not self.ruled:
            self.drafts.clear()
            self.top, self.group = marker, None
            self._open(line, marker.number, True)
            return True
        return self._add_sub(line, marker)

    def _add_sub(self, line: TextLine, marker: Marker) -> bool:
        draft = self.drafts[-1]
        if self.sub is not None and marker.x0 > self.sub.x0 + self._tol(line) and draft.subs:
            draft.subs[-1].append(line)  # a third level: kept inside its sub-item
            return True
        if self.sub is None:
            self.sub = marker
        draft.subs.append([line])
        draft.sub_groups.append(self.group if self.top is not None else None)
        self.in_sub = True
        return True

    def _unmarked(self, line: TextLine) -> bool:
        draft, tol = self.drafts[-1], self._tol(line)
        if self.in_sub and self.sub is not None and line.x0 >= self.sub.text_x - tol:
            draft.subs[-1].append(line)
            return True
        if self.top is not None:
            if line.x0 < self.top.text_x - tol:
                return False
            (draft.subs[-1] if self.in_sub else draft.lines).append(line)
            return True
        if abs(line.x0 - self.left) > tol:
            return False
        if self._new_paragraph(line):
            if not self._opens_item(line):
                return False
            self._open(line, None, False)
            return True
        draft.lines.append(line)
        self.in_sub = False
        return True

    def _new_paragraph(self, line: TextLine) -> bool:
        """A plain item ends at a table row's border, a gap wider than the pitch, or a sentence
        ended on a line that stopped short; over a page break, an unfinished sentence goes on."""
        before = self.last or self.lines[self.index - 1]
        ended = before.text.rstrip().endswith(SENTENCE_END)
        if before.page != line.page:
            return ended
        if line.rule_above:
            return True
        if self.pitch and line.bottom - before.bottom > self.s.list_paragraph_gap * self.pitch:
            return True
        short = before.x1 < self.left + self.s.list_wide * (self.right - self.left)
        return ended and short

    def _opens_item(self, line: TextLine) -> bool:
        """A new paragraph is the list's next item when it reads as one: a capital, and a line
        as wide as the items' (or a sentence ended on it); else it is what follows the list."""
        wide = line.x1 - line.x0 >= self.s.list_wide * (self.right - self.left)
        return line.text[:1].isupper() and (wide or line.text.rstrip().endswith(SENTENCE_END))

    def _group_line(self, line: TextLine) -> bool:
        """A sub-heading inside the list: a short line, no sentence, less prominent than the
        list's heading, set apart from the item text, and followed by a marker."""
        text = line.text.strip()
        if len(text.split()) > 10 or text.endswith((".", ";", ",")) or self.heading is None:
            return False
        if self._prominent(line) or (not self.drafts and as_prominent(line, self.heading)):
            return False
        after = self.lines[self.index + 1] if self.index + 1 < len(self.lines) else None
        if after is None or marker_of(after, self.s) is None or marker_of(line, self.s):
            return False
        if not self.drafts:
            return True
        column = self.top.text_x if self.top is not None else self.left
        outdented = line.x0 < column - self._tol(line)
        styled = line.bold and not any(item.bold for item in self.drafts[-1].lines)
        return outdented or styled

    def _tol(self, line: TextLine) -> float:
        return self.s.list_indent * line.size


def _follows(drafts: list[Draft], marker: Marker) -> bool:
    """A numbered list goes on counting: "1." after "14." starts something else."""
    last = next((d.number for d in reversed(drafts) if d.number is not None), None)
    return last is None or marker.number == last + 1


def _explode(drafts: list[Draft]) -> list[Draft]:
    """An item whose sub-items come in groups is a preamble: its sub-items are the items."""
    out: list[Draft] = []
    for draft in drafts:
        if not any(draft.sub_groups):
            out.append(draft)
            continue
        pairs = zip(draft.subs, draft.sub_groups, strict=True)
        out.extend(Draft(None, sub, True, group) for sub, group in pairs)
    return out


def _item(draft: Draft, settings: ExtractSettings) -> ListItem | None:
    text = _text(draft.lines, settings if draft.marked else None)
    if not text:
        return None
    subs = tuple(t for sub in draft.subs if (t := _text(sub, settings)))
    lines = [*draft.lines, *(line for sub in draft.subs for line in sub)]
    return ListItem(draft.number, text, subs, draft.group, _spans(lines))


def _text(lines: list[TextLine], marked: ExtractSettings | None = None) -> str:
    """The lines' text joined as printed; with `marked` (the settings to join words by), the
    first line's marker left off."""
    text = ""
    for index, line in enumerate(lines):
        more = join_words(line.words[1:], marked) if marked and index == 0 else line.text
        if text.endswith(("-", "/")) and not text.endswith((" -", " /")):
            text += more
        else:
            text = f"{text} {more}" if text else more
    return text.strip()


def _spans(lines: list[TextLine]) -> tuple[Span, ...]:
    pages: dict[int, BBox] = {}
    for line in lines:
        box = pages.get(line.page)
        edges = (line.x0, line.top, line.x1, line.bottom)
        if box is not None:
            edges = (min(box[0], edges[0]), min(box[1], edges[1]), max(box[2], edges[2]),
                     max(box[3], edges[3]))  # fmt: skip
        pages[line.page] = tuple(round(v, 2) for v in edges)  # type: ignore[assignment]
    return tuple(Span(page, box) for page, box in pages.items())


def _pitch(lines: list[TextLine]) -> float:
    """The step between consecutive lines of one paragraph: the low end of the steps between
    lines on a page (paragraph spacing makes the others larger), and never more than a line
    set solid with the usual leading (1.25 times the text size) would take."""
    steps = sorted(
        b.bottom - a.bottom
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and b.bottom - a.bottom > 1
    )
    if not steps:
        return 0.0
    size = statistics.median(line.size for line in lines)
    return min(steps[len(steps) // 10], 1.25 * size)
