"""Ofsted "What needs to improve" lists: the numbered or bulleted recommendations of a report.

Inspection reports and letters print their recommendations as a list under a heading such as
"What needs to improve", "Areas for improvement" or "Recommendations". The finder reads a document's
lines in order, starts at such a heading, and collects list items (a number or bullet, then text
that may wrap over several lines) until the list ends: a line that is neither an item nor the
continuation of an unfinished one. Found items are cached in the store (migration 4), so each
document's PDF is re-read at most once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from councilpapers.corpus.store import Store
from councilpapers.errors import CouncilPapersError
from councilpapers.records import Document, Page

HEADING = re.compile(
    r"^(what needs to improve|areas? for (improvement|priority action)"
    r"|recommendations?)\b[^.]{0,60}$",
    re.IGNORECASE,
)
ITEM = re.compile(r"^\s*(?:(?P<n>\d{1,2})[.)]|[•◼▪■●○◦\-–*o])\s+(?P<text>\S.*)$")
MAX_ITEMS = 30


@dataclass(frozen=True, slots=True)
class ReportItem:
    """One recommendation of an inspection report: its number (or position) and page."""

    doc: str
    number: int
    text: str
    page: int


def page_lines(page: Page) -> list[str]:
    """The page's body words as lines, top to bottom."""
    lines: list[list[tuple[float, str]]] = []
    last = None
    for word in sorted(page.words, key=lambda w: (round(w.bottom), w.x0)):
        key = round(word.bottom)
        if last is None or abs(key - last) > 2:
            lines.append([])
            last = key
        lines[-1].append((word.x0, word.text))
    return [" ".join(t for _, t in sorted(line)) for line in lines]


def find_improvement_lists(document: Document) -> list[ReportItem]:
    """Every item of every "what needs to improve" list in the document, in order."""
    lines = [(page.number, line) for page in document.pages for line in page_lines(page)]
    items: list[ReportItem] = []
    index = 0
    while index < len(lines):
        if HEADING.match(lines[index][1].strip()):
            found, index = _collect(document.name, lines, index + 1)
            items.extend(found)
        else:
            index += 1
    return items


def _collect(doc: str, lines: list[tuple[int, str]], start: int) -> tuple[list[ReportItem], int]:
    items: list[ReportItem] = []
    index = start
    while index < len(lines) and len(items) < MAX_ITEMS:
        page, line = lines[index]
        match = ITEM.match(line)
        if match:
            number = int(match.group("n")) if match.group("n") else len(items) + 1
            items.append(ReportItem(doc, number, match.group("text").strip(), page))
        elif items and not items[-1].text.rstrip().endswith((".", "?", "!")):
            last = items[-1]
            items[-1] = ReportItem(doc, last.number, f"{last.text} {line.strip()}", last.page)
        elif items or index - start > 3:
            break
        index += 1
    return [i for i in items if len(i.text.split()) >= 4], index


def stored_items(store: Store, read: bool = True) -> list[ReportItem]:
    """Report items of every stored document, reading (once) the PDFs not yet scanned."""
    if read:
        _scan_new(store)
    return [
        ReportItem(doc, number, text, page)
        for doc, number, text, page in store.rows(
            "SELECT d.name, i.number, i.text, i.page FROM report_items i "
            "JOIN documents d ON d.id = i.document_id ORDER BY d.name, i.idx"
        )
    ]


def _scan_new(store: Store) -> None:
    from councilpapers.ingest.pdf import read_document

    for doc_id, path in store.rows(
        "SELECT id, path FROM documents WHERE id NOT IN (SELECT document_id FROM report_scans)"
    ):
        items: list[ReportItem] = []
        status = "missing"
        if Path(path).is_file():
            try:
                items = find_improvement_lists(read_document(path))
                status = "scanned"
            except CouncilPapersError as exc:
                status = f"unreadable: {exc}"
        with store.transaction():
            store.execute(
                "INSERT INTO report_scans (document_id, status) VALUES (?, ?)", (doc_id, status)
            )
            for idx, item in enumerate(items):
                store.execute(
                    "INSERT INTO report_items (document_id, idx, number, text, page) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (doc_id, idx, item.number, item.text, item.page),
                )
