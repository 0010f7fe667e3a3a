"""The record model that flows through every stage of the pipeline.

ingest  -> Document(Page(Word, Rule, Fill))
extract -> Table(Row(Cell(Span)), Section, PlanIdentity)
Every value keeps its provenance: the document's SHA-256, the 1-based page and the bounding box
(x0, top, x1, bottom) in PDF points with the origin at the page's top-left corner, rounded to 2 dp.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from councilpapers.vocabularies import (
    DOC_TYPES,
    REC_KINDS,
    SOURCE_KINDS,
    TABLE_KINDS,
    DocType,
    RecKind,
    SourceKind,
    TableKind,
)

BBox = tuple[float, float, float, float]
TextSource = Literal["pdf", "ocr", "none"]


def round_bbox(x0: float, top: float, x1: float, bottom: float) -> BBox:
    """Round a box to 2 dp so golden files survive library upgrades."""
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def printable(value: str | os.PathLike[str]) -> str:
    """A path or text as valid UTF-8, as records and the store hold it: bytes of a file name
    that are not UTF-8 (Python's surrogate escapes) become \\xNN escapes."""
    text = os.fspath(value)
    if text.isascii():
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


@dataclass(frozen=True, slots=True)
class Word:
    """One word as printed: its text, box, font size, weight and font name.

    `font` is the font's base name without a subset prefix ("Arial-BoldMT"), "" when the reading
    layer has none (OCR); every reading layer (pdfplumber, pdfium) fills it when it can."""

    text: str
    bbox: BBox
    size: float = 0.0
    bold: bool = False
    font: str = ""

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def bottom(self) -> float:
        return self.bbox[3]


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line segment: horizontal (top == bottom) or vertical (x0 == x1)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled rectangle and its fill colour as RGB in 0..1 (None when not RGB or grey)."""

    bbox: BBox
    rgb: tuple[float, float, float] | None


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its body words, ruling lines, fills, and the page furniture set aside."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...] = ()
    fills: tuple[Fill, ...] = ()
    furniture: tuple[Word, ...] = ()
    stamp: str | None = None
    text_source: TextSource = "pdf"
    ocr_confidence: float | None = None

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True, slots=True)
class Document:
    """A PDF as read: identity (hash, size, name) and its pages."""

    path: str
    name: str
    sha256: str
    size: int
    pages: tuple[Page, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Where part of a cell's text is printed: page and box."""

    page: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Cell:
    """A logical cell's text (paragraphs joined by newlines) and every place it is printed."""

    text: str
    spans: tuple[Span, ...] = ()
    header: str = ""

    @property
    def page(self) -> int | None:
        return self.spans[0].page if self.spans else None

    @property
    def bbox(self) -> BBox | None:
        return self.spans[0].bbox if self.spans else None


@dataclass(frozen=True, slots=True)
class Section:
    """The heading a row sits under: number and title, the group above it, and the plan part."""

    number: str | None = None
    title: str | None = None
    group: str | None = None
    part: str | None = None


@dataclass(frozen=True, slots=True)
class PlanIdentity:
    """Which plan a table belongs to, as the document prints it."""

    version: str | None = None
    date: str | None = None
    title: str | None = None
    # the plan's own RAG key: (colour, meaning as printed), e.g. ("Green", "On track")
    rag_key: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """One logical row: canonical field name -> Cell; unknown headers kept under their own name."""

    index: int
    fields: Mapping[str, Cell]
    section: Section = field(default_factory=Section)
    page_first: int = 0
    page_last: int = 0

    def text(self, name: str) -> str:
        cell = self.fields.get(name)
        return cell.text if cell else ""


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which field one printed column was mapped to, how sure, and why.

    `name` is the column's name in the table: a schema field, or (for a column the schema has
    no field for, or a second column reading as a field already taken) a slug of its header.
    `evidence` says what decided it, in words ("header 'Owner' -> lead 0.94; content roles
    0.80")."""

    position: int
    header: str
    name: str
    confidence: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Table:
    """A logical table (possibly over many pages) with its canonical columns."""

    index: int
    kind: TableKind
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    plan: PlanIdentity = field(default_factory=PlanIdentity)
    title: str | None = None
    page_first: int = 0
    page_last: int = 0
    bbox: BBox | None = None
    mapping: tuple[ColumnMapping, ...] = ()  # per column: field, confidence, evidence
    header_note: str = ""  # how the header was found (rows, score, runner-up)

    def __post_init__(self) -> None:
        TABLE_KINDS.check(self.kind)


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """A document and everything extract found in it: what the store writes in one transaction."""

    document: Document
    tables: tuple[Table, ...]
    items: tuple[PackItem, ...] = ()
    meeting: MeetingFacts = field(default_factory=lambda: MeetingFacts())
    tags: tuple[TaggedRow, ...] = ()
    inspection: tuple[InspectionPoint, ...] = ()
    facts: InspectionFacts | None = None


@dataclass(frozen=True, slots=True)
class InspectionPoint:
    """One point of a recommendations list printed in a document ("What needs to improve"), as
    printed: its number (or position in the list), wording and the physical page it starts on.

    `heading` is the list's heading; `source_kind` is "inspection" when the list is an
    inspection's (an inspection heading, or a document that reads as an inspection report),
    else "decision" (a committee report's recommendations to members). `kind` is what the
    inspection called it (`vocabularies.REC_KINDS`: a recommendation, a priority action or an
    area for improvement); `sub_items` the bullets printed under it; `responsible_body` the
    body a table of priority actions names beside it; `group` a sub-heading it sits under
    inside its list ("Within three months:"); `spans` where its text is printed (one box per
    page)."""

    number: int
    text: str
    page: int
    heading: str = ""
    source_kind: SourceKind = "inspection"
    kind: RecKind = "recommendation"
    sub_items: tuple[str, ...] = ()
    responsible_body: str | None = None
    group: str | None = None
    spans: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        SOURCE_KINDS.check(self.source_kind)
        REC_KINDS.check(self.kind)

    @property
    def full_text(self) -> str:
        """The wording with its sub-items, one "• " line each."""
        return "".join([self.text, *(f"\n• {sub}" for sub in self.sub_items)])


@dataclass(frozen=True, slots=True)
class InspectionFacts:
    """What an inspection report says about itself: the overall judgement (normalised, and as
    printed) and the first and last day of the inspection (ISO yyyy-mm-dd).

    Judgements: "outstanding", "good", "requires_improvement", "adequate", "inadequate"; an area
    SEND inspection's outcome: "positive", "inconsistent", "systemic_failings"."""

    judgement: str | None = None
    judgement_text: str | None = None
    date_first: str | None = None
    date_last: str | None = None


@dataclass(frozen=True, slots=True)
class Inspection:
    """Who inspected and when, as an inspection letter prints it (date as ISO yyyy-mm-dd)."""

    body: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class PackItem:
    """One component of a PDF: a covering letter, agenda, report, appendix, plan …

    Pages are 1-based physical pages; `page_stamps` the first and last printed "Page N" stamp;
    `evidence` what started the item ("agenda item stamp", "after a blank page", "layout (…)")."""

    index: int
    agenda_item: str | None
    title: str
    doc_type: DocType
    first_page: int
    last_page: int
    page_stamps: tuple[str, str] | None = None
    plan: PlanIdentity | None = None
    inspection: Inspection | None = None
    evidence: str = ""

    def __post_init__(self) -> None:
        DOC_TYPES.check(self.doc_type)


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """The meeting a pack was published for: committee name and date (ISO yyyy-mm-dd)."""

    committee: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class FetchedFile:
    """What a file fetched from a council's site is, as its sidecar (`<file>.json`) records it:
    the site's own committee and meeting date (ISO), which the batch prefers to page parsing.

    `kind` is pack, supplement, frontsheet, minutes, item or other; `item` the agenda item's
    number."""

    site: str
    committee: str
    committee_id: int
    meeting_id: int
    date: str
    url: str
    sha256: str
    size: int
    fetched_at: str
    time: str | None = None
    kind: str = "pack"
    title: str = ""
    item: str | None = None
    item_title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


# -- recommendation tracking (tracking.register, tracking.align, tracking.history) --------------


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One register entry: something an inspection asked for, or a heading a plan answers.

    `scope` names the plan family (one register per council plan); `number` is the inspection's
    own numbering when known (snapshot or report), None for a heading found only in plans.
    `source_kind`: "inspection" (from an inspection: snapshot, report list, or a plan's heading
    that names a recommendation), "plan" (a plan heading of a plan answering no inspection),
    "decision" (a committee report's recommendations). `kind` is what the inspection called it
    (a recommendation, priority action or area for improvement) when its report is stored, and
    `responsible_body` the body its report names for it."""

    id: str
    scope: str
    number: int | None
    text: str
    sources: tuple[str, ...] = ()
    source_kind: SourceKind = "inspection"
    kind: RecKind | None = None
    responsible_body: str | None = None

    def __post_init__(self) -> None:
        SOURCE_KINDS.check(self.source_kind)
        if self.kind is not None:
            REC_KINDS.check(self.kind)


@dataclass(frozen=True, slots=True)
class PlanSection:
    """A recommendation heading as one plan version prints it, with the rows under it."""

    scope: str
    plan_version: str
    plan_date: str | None
    doc: str
    number: str | None
    title: str
    group: str | None
    order: int  # position of the heading in its version, from 0
    rows: tuple[PlanRow, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanRow:
    """A row of a plan table under a heading, with where it is stored and printed."""

    doc: str
    table_index: int
    table_position: int  # 0 for the plan's first table, 1 for the next ("completed") part, …
    row: Row
    tags: RowTags | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """Which register entry a plan section (row_ref None) or row answers, and how sure we are."""

    scope: str
    plan_version: str
    section_number: str | None
    section_title: str
    recommendation: str | None
    confidence: float
    method: str  # "text", "override", "new heading", "section"
    evidence: Mapping[str, float] = field(default_factory=dict)
    row_ref: str | None = None
    row_page: int | None = None
    runner_up: str | None = None


DiffOps = tuple[tuple[str, str], ...]  # word-level diff: ("=", kept) ("-", removed) ("+", added)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """A plan row as one version reports it against a recommendation."""

    ref: str
    part: str | None
    completed: bool
    status: str
    progress: str
    timescale: str
    actions: str
    pages: tuple[int, int]
    deadline: str | None = None  # latest date in the timescale, ISO
    due_kind: str = "unknown"  # date | range | ongoing | immediate | unknown
    status_norm: str = "unknown"
    overdue: bool | None = None  # deadline before the version's reference date; None: unknown


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row followed from the previous version to this one."""

    ref: str
    previous_ref: str
    changes: tuple[str, ...]
    status: DiffOps
    progress: DiffOps
    part: str | None = None


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """What changed for a recommendation since the previous plan version."""

    from_version: str
    summary: tuple[str, ...]
    rag_from: str | None
    rag_to: str | None
    rag_change: str | None  # "up", "down", "same", "not reported" or None
    status_text: DiffOps
    rows: tuple[RowChange, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved_to_completed: tuple[str, ...]
    deadlines_pushed_back: tuple[tuple[str, str, str, bool], ...]  # ref, from, to, explained
    repeated_unchanged: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VersionEntry:
    """A recommendation in one plan version: where, which heading, rating and rows."""

    plan_version: str
    plan_date: str | None
    doc: str
    section_number: str | None
    section_title: str | None
    rag: str | None
    rag_comments: str
    status_text: str
    rows: tuple[HistoryRow, ...]
    pages: tuple[int, ...]
    confidence: float | None
    diff: VersionDiff | None = None
    reference_date: str | None = None  # the date overdue was judged against (ISO)
    reference_kind: str | None = None  # "plan date" or "meeting date"


@dataclass(frozen=True, slots=True)
class RecHistory:
    """A register entry followed through every plan version that reports on it."""

    recommendation: Recommendation
    versions: tuple[VersionEntry, ...]


@dataclass(frozen=True, slots=True)
class RowTags:
    """What the NLP stage read in one action row: accountable leads, deadline, status, themes."""

    leads: tuple[str, ...] = ()
    due_date: str | None = None  # ISO date: the end of the latest period named
    due_kind: str = "unknown"  # date | range | ongoing | immediate | unknown
    overdue: bool | None = None
    status_norm: str = "unknown"
    status_lines: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaggedRow:
    """Tags for the row at (table index, row index) of a document."""

    table: int
    row: int
    tags: RowTags
