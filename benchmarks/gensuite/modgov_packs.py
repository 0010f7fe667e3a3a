"""Generated ModernGov supplementary packs with known parts, for scoring pack splitting.

A pack is built the way ModernGov assembles one: a front sheet (a covering letter, "Dear Member",
the meeting in capitals, each agenda item with its "(Pages a - b)"; or the same as a table; or an
agenda in "Part 1 / Part 2"), documents padded to an even number of pages with "This page is
intentionally left blank", "Page N" stamps from the first document after the front sheet,
"Agenda Item N" on each item's first page. An item is a report and appendices that start without
an "Appendix" heading (`modgov_docs.py`). The hard variants real packs show, each drawn at random:
a document not padded (the next starts mid-sequence), a pack without any stamps, a report whose
first page has no "Agenda Item" stamp, a supplementary pack whose stamps start at Page 34 (or any
page), an appendix listed by the report but missing from the pack. The gold row has the shape of
`benchmarks/gold/packs_real.jsonl`.

Wordings and layouts are split: even positions of every choice list are dev, odd positions test,
so a test pack never uses a name or layout choice seen while developing.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from benchmarks.gensuite.modgov_docs import APPENDIX_KINDS, Doc, appendix, pick, report

COMMITTEES = (
    "Cabinet",
    "County Council",
    "Children's Services Scrutiny Committee",
    "Health Overview and Scrutiny Committee",
    "Corporate Parenting Panel",
    "Adult Social Care Cabinet Committee",
    "Policy and Resources Committee",
    "Governance and Audit Committee",
)
TITLES = (
    "Transfer of the transitions service to adult social care",
    "Commissioning plan for education provision",
    "Home to school transport policy review",
    "Family hubs recommissioning",
    "Highway asset maintenance programme",
    "Youth justice annual plan",
    "Special educational needs sufficiency strategy",
    "Library service modernisation",
)
FRONTS = ("letter", "letter_table", "agenda_parts")
TABLE_HEADS = ("Item  Title  Pages", "No.  Subject  Page numbers")
PARTS = (
    ("Part 1 - Items to be considered in public", "Part 2 - Items to be considered in private"),
    ("PART I - OPEN BUSINESS", "PART II - EXEMPT INFORMATION"),
)
PADDING = "This page is intentionally left blank"
LINE = 14.0


@dataclass(frozen=True, slots=True)
class GeneratedPack:
    path: Path
    gold: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Variant:
    """The hard variants drawn for one pack."""

    stamps: bool  # the pack is stamped "Page N" / "Agenda Item N" at all
    first_stamp: int  # the stamp of the first page after the front sheet
    front: str  # letter, letter_table or agenda_parts
    table_head: str
    parts: tuple[str, str]


def _variant(rng: random.Random, split: str) -> Variant:
    return Variant(
        stamps=rng.random() >= 0.35,
        first_stamp=1 if rng.random() >= 0.3 else rng.randint(5, 60),
        front=rng.choice(FRONTS),
        table_head=str(pick(TABLE_HEADS, split, rng)),
        parts=pick(PARTS, split, rng),  # type: ignore[arg-type]
    )


def _item_docs(rng: random.Random, split: str, item: str, meeting: str) -> list[Doc]:
    """One agenda item: a report, then its appendices (one listed may be missing)."""
    title = str(pick(TITLES, split, rng))
    kinds = rng.sample(APPENDIX_KINDS, rng.randint(1, 3))
    listed = [f"Appendix {chr(65 + i)} - {k.replace('_', ' ')}" for i, k in enumerate(kinds)]
    if rng.random() < 0.25:  # listed but not in the pack
        listed.append(f"Appendix {chr(65 + len(kinds))} - background note (to follow)")
    parts = [report(rng, item, title, meeting, listed)]
    parts += [appendix(rng, kind, title, split) for kind in kinds]
    parts[0].item_stamp = rng.random() >= 0.25
    for part in parts:
        part.padded = rng.random() >= 0.3
    return parts


def build_pack(seed: int, split: str, folder: Path | None = None) -> GeneratedPack:
    """One generated pack of the given split, written to `folder` (a temporary one by default)."""
    rng = random.Random(f"{split}-{seed}")
    committee = str(pick(COMMITTEES, split, rng))
    day = date(2025, 1, 6) + timedelta(days=rng.randrange(300))
    meeting = f"{committee} - {day:%A}, {day.day} {day:%B %Y}"
    variant = _variant(rng, split)
    docs: list[Doc] = []
    entries = []
    for number in range(rng.randint(1, 2)):
        item = str(rng.randint(3, 12) + number * 13)
        parts = _item_docs(rng, split, item, meeting)
        entries.append((item, parts[0].title, sum(_padded(p) for p in parts)))
        docs.extend(parts)
    front = _front(variant, meeting, entries)
    folder = folder or Path(tempfile.mkdtemp(prefix="modgov-"))
    path = folder / f"modgov-{split}-{seed}.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _draw(canvas, front, None)
    stamp: int | None = variant.first_stamp if variant.stamps else None
    page, items = 1 + _padded(front), [_gold(front, 1, None)]
    for doc in docs:
        items.append(_gold(doc, page, doc.agenda_item))
        if not variant.stamps:
            doc.item_stamp = False
        stamp = _draw(canvas, doc, stamp)
        page += _padded(doc)
    canvas.save()
    gold = {
        "doc": path.name,
        "split": split,
        "items": items,
        "meeting": {"committee": committee, "date": day.isoformat()},
        "variant": {"stamps": variant.stamps, "first_stamp": variant.first_stamp},
    }
    return GeneratedPack(path, gold)


def _padded(doc: Doc) -> int:
    return len(doc.pages) + (len(doc.pages) % 2 if doc.padded else 0)


def _draw(canvas: Canvas, doc: Doc, stamp: int | None) -> int | None:
    """Print one document with its padding; returns the next stamp number."""
    width, height = doc.size
    total = len(doc.pages)
    padding = [[PADDING]] * (_padded(doc) - total)
    for index, lines in enumerate([*doc.pages, *padding]):
        canvas.setPageSize(doc.size)
        blank = index >= total
        canvas.setFont("Helvetica" if blank else doc.font[0], 12 if blank else doc.font[1])
        top = height / 2 if blank else height - 60
        step = min(max(LINE, doc.font[1] * 1.3), (height - 120) / max(len(lines), 1))
        for number, line in enumerate(lines):
            x = (width / 2 - 100) if blank else doc.left
            canvas.drawString(x, top - number * step, line)
        canvas.setFont("Helvetica", 9)
        if doc.own_numbers and not blank:
            canvas.drawString(doc.left, 40, f"Page {index + 1} of {total}")
        if stamp is not None:
            canvas.drawCentredString(width / 2, 18, f"Page {stamp}")
            stamp += 1
        if index == 0 and doc.agenda_item and doc.item_stamp:
            canvas.drawRightString(width - 36, height - 30, f"Agenda Item {doc.agenda_item}")
        canvas.showPage()
    return stamp


def _front(variant: Variant, meeting: str, entries: list[tuple[str, str, int]]) -> Doc:
    """The front sheet: its item lines give each item's stamped pages."""
    first, lines = variant.first_stamp, []
    for item, title, count in entries:
        last = first + count - 1
        if variant.front == "letter_table":
            lines.append(f"{item}   {title}   {first} - {last}")
        else:
            lines.append(f"{item}   {title} (Pages {first} - {last})")
        first += count
    if variant.front == "agenda_parts":
        head = [meeting.split(" - ")[0].upper(), meeting.split(" - ")[1], "AGENDA"]
        body = [*head, variant.parts[0], *lines, variant.parts[1], "None"]
        return Doc("agenda", "Agenda", [body])
    table = [variant.table_head] if variant.front == "letter_table" else ["Agenda Item No"]
    body = [
        "Direct Dial/Ext: 03000 414043",
        "Ask for: Democratic Services",
        "Dear Member",
        meeting.upper(),
        "I am now able to enclose the following reports.",
        *table,
        *lines,
        "Yours sincerely",
        "General Counsel",
    ]
    return Doc("covering_letter", "Covering letter", [body])


def _gold(doc: Doc, first: int, item: str | None) -> dict[str, Any]:
    return {
        "first_page": first,
        "last_page": first + len(doc.pages) - 1,
        "padding": _padded(doc) - len(doc.pages),
        "doc_type": doc.kind,
        "title": doc.title,
        "agenda_item": item,
    }
