"""Generated ModernGov supplementary packs with known parts, for scoring pack splitting.

A pack is built the way ModernGov assembles one: a covering letter ("Dear Member", the meeting in
capitals, each agenda item with its "(Pages a - b)"), every document padded to an even number of
pages with "This page is intentionally left blank", "Page N" stamps from the first document after
the letter, "Agenda Item N" on each item's first page. An item is a report (front sheet fields,
numbered sections, a numbered "Appendices" list, sometimes sections after it) and appendices that
start without an "Appendix" heading: an EqIA form, a letter on letterhead, a record of decision,
a landscape plan; some change page size, orientation, font or margins, some print their own
"Page 1 of N". The gold row has the same shape as `benchmarks/gold/packs_real.jsonl`.

Wordings (committees, titles) are split: even positions are dev, odd positions test, so a test
pack never uses a name seen while developing.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen.canvas import Canvas

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
TEXT = (
    "the council will continue to review the service with partners and report progress to members "
    "each quarter so that outcomes for children young people and families improve across the "
    "county while budgets remain under pressure and demand for statutory services keeps rising"
)
WORDS = TEXT.split()
PADDING = "This page is intentionally left blank"
APPENDIX_KINDS = ("impact_assessment", "letter", "decision_record", "plan")
LINE = 14.0


@dataclass(frozen=True, slots=True)
class GeneratedPack:
    path: Path
    gold: dict[str, Any]


@dataclass
class _Doc:
    """One document to print: its pages (lines each), page size, font, type and title."""

    kind: str
    title: str
    pages: list[list[str]]
    size: tuple[float, float] = A4
    font: tuple[str, float] = ("Helvetica", 11.0)
    left: float = 72.0
    own_numbers: bool = False
    agenda_item: str | None = None


def _pick(values: tuple[str, ...], split: str, rng: random.Random) -> str:
    share = values[0::2] if split == "dev" else values[1::2]
    return rng.choice(share)


def _sentences(rng: random.Random, count: int) -> list[str]:
    """`count` lines of body text (about 80 characters each)."""
    out = []
    for _ in range(count):
        start = rng.randrange(len(WORDS))
        words = [WORDS[(start + i) % len(WORDS)] for i in range(13)]
        out.append(" ".join(words))
    return out


def _report(rng: random.Random, item: str, title: str, meeting: str, listed: list[str]) -> _Doc:
    body = rng.randint(1, 3)
    pages = [
        [
            "From: Cabinet Member for Integrated Services",
            f"To: {meeting}",
            f"Subject: {title}",
            "Classification: Unrestricted",
            "1. Introduction",
            *_sentences(rng, 38),
        ]
    ]
    for n in range(body):
        pages.append([f"{n + 2}. Considerations", *_sentences(rng, 44)])
    tail = [f"{body + 2}. Appendices", *listed]
    if rng.random() < 0.5:  # sections go on after the list, over the page
        tail += [f"{body + 3}. Contact details", *_sentences(rng, 40)]
        pages.append(tail[:44])
        pages.append(["and " + line for line in tail[44:]] or ["and Director of Services"])
    else:
        pages.append([*_sentences(rng, 10), *tail])
    return _Doc("report", title, pages, agenda_item=item)


def _appendix(rng: random.Random, kind: str, title: str) -> _Doc:
    if kind == "impact_assessment":
        pages = [
            ["EQIA Submission Form", "Section A", f"EQIA Title: {title}", *_sentences(rng, 40)]
        ]
        pages += [["Section B - Evidence", *_sentences(rng, 44)] for _ in range(rng.randint(0, 2))]
        return _Doc(kind, "EQIA Submission Form", pages, font=("Helvetica", 9.0), left=40.0)
    if kind == "letter":
        pages = [
            [
                "Minister of State for Local Government",
                "2 Marsham Street",
                "London",
                "16 December 2024",
                "Dear Leaders",
                *_sentences(rng, 30),
            ]
        ]
        pages.append([*_sentences(rng, 20), "Yours sincerely", "The Minister"])
        return _Doc(kind, "Letter from the Minister", pages, size=(595.32, 841.92), left=90.0)
    if kind == "decision_record":
        pages = [
            [
                "PROPOSED RECORD OF DECISION",
                "DECISION TO BE TAKEN BY: Cabinet",
                f"Subject: {title}",
                *_sentences(rng, 36),
            ]
        ]
        return _Doc(kind, "Proposed record of decision", pages, own_numbers=True)
    pages = [
        ["What we have committed to  Led by  Timescale  Measure", *_sentences(rng, 28)]
        for _ in range(rng.randint(1, 3))
    ]
    size = landscape(A3) if rng.random() < 0.5 else landscape(A4)
    return _Doc("plan", "Action plan", pages, size=size, own_numbers=True)


def _padded(doc: _Doc) -> int:
    return len(doc.pages) + len(doc.pages) % 2


def _draw(canvas: Canvas, doc: _Doc, stamp: int | None, first: bool) -> int:
    """Print one document with its padding; returns the next stamp number."""
    width, height = doc.size
    total = len(doc.pages)
    for index, lines in enumerate([*doc.pages, *([[PADDING]] * (len(doc.pages) % 2))]):
        canvas.setPageSize(doc.size)
        blank = index >= total
        canvas.setFont("Helvetica" if blank else doc.font[0], 12 if blank else doc.font[1])
        top = height / 2 if blank else height - 60
        step = min(LINE, (height - 120) / max(len(lines), 1))
        for number, line in enumerate(lines):
            x = (width / 2 - 100) if blank else doc.left
            canvas.drawString(x, top - number * step, line)
        canvas.setFont("Helvetica", 9)
        if doc.own_numbers and not blank:
            canvas.drawString(doc.left, 40, f"Page {index + 1} of {total}")
        if stamp is not None:
            canvas.drawCentredString(width / 2, 18, f"Page {stamp}")
            stamp += 1
        if first and index == 0 and doc.agenda_item:
            canvas.drawRightString(width - 36, height - 30, f"Agenda Item {doc.agenda_item}")
        canvas.showPage()
    return stamp if stamp is not None else 0


def build_pack(seed: int, split: str, folder: Path | None = None) -> GeneratedPack:
    """One generated pack of the given split, written to `folder` (a temporary one by default)."""
    rng = random.Random(f"{split}-{seed}")
    committee = _pick(COMMITTEES, split, rng)
    day = date(2025, 1, 6) + timedelta(days=rng.randrange(300))
    meeting = f"{committee} - {day:%A}, {day.day} {day:%B %Y}"
    docs: list[_Doc] = []
    entries = []
    for number in range(rng.randint(1, 2)):
        item = str(rng.randint(3, 12) + number * 13)
        title = _pick(TITLES, split, rng)
        kinds = rng.sample(APPENDIX_KINDS, rng.randint(1, 3))
        listed = [f"Appendix {chr(65 + i)} - {k.replace('_', ' ')}" for i, k in enumerate(kinds)]
        parts = [_report(rng, item, title, meeting, listed)]
        parts += [_appendix(rng, kind, title) for kind in kinds]
        entries.append((item, title, sum(_padded(p) for p in parts)))
        docs.extend(parts)
    letter = _covering(meeting.upper(), entries)
    folder = folder or Path(tempfile.mkdtemp(prefix="modgov-"))
    path = folder / f"modgov-{split}-{seed}.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _draw(canvas, letter, None, False)
    stamp, page, items = 1, 1, [_gold(letter, 1, None)]
    page += _padded(letter)
    for doc in docs:
        items.append(_gold(doc, page, doc.agenda_item))
        stamp = _draw(canvas, doc, stamp, doc.kind == "report")
        page += _padded(doc)
    canvas.save()
    gold = {
        "doc": path.name,
        "split": split,
        "items": items,
        "meeting": {"committee": committee, "date": day.isoformat()},
    }
    return GeneratedPack(path, gold)


def _covering(subject: str, entries: list[tuple[str, str, int]]) -> _Doc:
    lines = [
        "Direct Dial/Ext: 03000 414043",
        "Ask for: Democratic Services",
        "Dear Member",
        subject,
        "I am now able to enclose the following reports.",
        "Agenda Item No",
    ]
    first = 1
    for item, title, count in entries:
        lines.append(f"{item}   {title} (Pages {first} - {first + count - 1})")
        first += count
    return _Doc(
        "covering_letter", "Covering letter", [[*lines, "Yours sincerely", "General Counsel"]]
    )


def _gold(doc: _Doc, first: int, item: str | None) -> dict[str, Any]:
    return {
        "first_page": first,
        "last_page": first + len(doc.pages) - 1,
        "padding": len(doc.pages) % 2,
        "doc_type": doc.kind,
        "title": doc.title,
        "agenda_item": item,
    }
