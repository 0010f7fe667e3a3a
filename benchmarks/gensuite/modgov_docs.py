"""The documents a generated ModernGov pack is made of, each a list of printed pages.

`modgov_packs.py` assembles a pack from these: the front sheet (a covering letter listing items
with "(Pages a - b)", the same as a table, or an agenda in "Part 1 / Part 2"), a report with its
numbered "Appendices" list, and appendices that start without an "Appendix" heading: an EqIA
form, a letter on letterhead, a record of decision, a landscape plan, a fill-in form, a slide
deck printed in landscape, a spreadsheet print. Every layout with a choice of wording or shape
has its choices split: even positions for the dev split, odd ones held out for test.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4, landscape

TEXT = (
    "the council will continue to review the service with partners and report progress to members "
    "each quarter so that outcomes for children young people and families improve across the "
    "county while budgets remain under pressure and demand for statutory services keeps rising"
)
WORDS = TEXT.split()
APPENDIX_KINDS = (
    "impact_assessment",
    "letter",
    "decision_record",
    "plan",
    "form",
    "presentation",
    "spreadsheet",
)
FORM_LABELS = (
    ("Name of organisation:", "Contact name:", "Amount requested:", "Signed:"),
    ("Applicant:", "Address:", "Date received:", "Officer comments:"),
)
SLIDE_TITLES = (
    ("Where we are now", "What families told us", "Our priorities", "Next steps"),
    ("Context", "Performance this year", "Risks and issues", "Timeline"),
)
SHEET_HEADS = (
    "Cost centre  Budget  Forecast  Variance  Variance %",
    "Line  Description  2025-26  2026-27  2027-28  Total",
)


@dataclass
class Doc:
    """One document to print: its pages (lines each), page size, font, type and title."""

    kind: str
    title: str
    pages: list[list[str]]
    size: tuple[float, float] = A4
    font: tuple[str, float] = ("Helvetica", 11.0)
    left: float = 72.0
    own_numbers: bool = False
    agenda_item: str | None = None
    padded: bool = True  # padded to an even number of pages with a blank page
    item_stamp: bool = True  # the first page carries "Agenda Item N"


def pick(values: tuple[object, ...], split: str, rng: random.Random) -> object:
    """A choice from the split's share: even positions dev, odd positions test."""
    share = values[0::2] if split == "dev" else values[1::2]
    return rng.choice(share)


def sentences(rng: random.Random, count: int) -> list[str]:
    """`count` lines of body text (about 80 characters each)."""
    out = []
    for _ in range(count):
        start = rng.randrange(len(WORDS))
        out.append(" ".join(WORDS[(start + i) % len(WORDS)] for i in range(13)))
    return out


def report(rng: random.Random, item: str, title: str, meeting: str, listed: list[str]) -> Doc:
    body = rng.randint(1, 3)
    pages = [
        [
            "From: Cabinet Member for Integrated Services",
            f"To: {meeting}",
            f"Subject: {title}",
            "Classification: Unrestricted",
            "1. Introduction",
            *sentences(rng, 38),
        ]
    ]
    for n in range(body):
        pages.append([f"{n + 2}. Considerations", *sentences(rng, 44)])
    tail = [f"{body + 2}. Appendices", *listed]
    if rng.random() < 0.5:  # sections go on after the list, over the page
        tail += [f"{body + 3}. Contact details", *sentences(rng, 40)]
        pages.append(tail[:44])
        pages.append(["and " + line for line in tail[44:]] or ["and Director of Services"])
    else:
        pages.append([*sentences(rng, 10), *tail])
    return Doc("report", title, pages, agenda_item=item)


def appendix(rng: random.Random, kind: str, title: str, split: str) -> Doc:
    makers = {
        "impact_assessment": _eqia,
        "letter": _letter,
        "decision_record": _decision,
        "plan": _plan,
        "form": _form,
        "presentation": _slides,
        "spreadsheet": _sheet,
    }
    return makers[kind](rng, title, split)


def _eqia(rng: random.Random, title: str, split: str) -> Doc:
    pages = [["EQIA Submission Form", "Section A", f"EQIA Title: {title}", *sentences(rng, 40)]]
    pages += [["Section B - Evidence", *sentences(rng, 44)] for _ in range(rng.randint(0, 2))]
    return Doc("impact_assessment", "EQIA Submission Form", pages, font=("Helvetica", 9.0), left=40)


def _letter(rng: random.Random, title: str, split: str) -> Doc:
    head = [
        "Minister of State for Local Government",
        "2 Marsham Street",
        "London",
        "16 December 2024",
        "Dear Leaders",
    ]
    pages = [[*head, *sentences(rng, 30)], [*sentences(rng, 20), "Yours sincerely", "The Minister"]]
    font = ("Times-Roman", 11.0) if rng.random() < 0.5 else ("Helvetica", 11.0)
    size = (595.32, 841.92)
    return Doc("letter", "Letter from the Minister", pages, size=size, font=font, left=90)


def _decision(rng: random.Random, title: str, split: str) -> Doc:
    head = ["PROPOSED RECORD OF DECISION", "DECISION TO BE TAKEN BY: Cabinet", f"Subject: {title}"]
    pages = [[*head, *sentences(rng, 36)]]
    return Doc("decision_record", "Proposed record of decision", pages, own_numbers=True)


def _plan(rng: random.Random, title: str, split: str) -> Doc:
    pages = [
        ["What we have committed to  Led by  Timescale  Measure", *sentences(rng, 28)]
        for _ in range(rng.randint(1, 3))
    ]
    size = landscape(A3) if rng.random() < 0.5 else landscape(A4)
    return Doc("plan", "Action plan", pages, size=size, own_numbers=True)


def _form(rng: random.Random, title: str, split: str) -> Doc:
    """A fill-in form with no title: labelled fields and answers, in a narrower type."""
    labels: tuple[str, ...] = pick(FORM_LABELS, split, rng)  # type: ignore[assignment]
    lines = []
    for label in labels * rng.randint(3, 5):
        lines += [f"{label}  {' '.join(sentences(rng, 1)[0].split()[:6])}", *sentences(rng, 3)]
    pages = [lines[i : i + 40] for i in range(0, len(lines), 40)]
    return Doc("form", "Form", pages, font=("Courier", 10.0), left=50)


def _slides(rng: random.Random, title: str, split: str) -> Doc:
    """A slide deck printed one slide a landscape page: a big title, a few short points."""
    titles: tuple[str, ...] = pick(SLIDE_TITLES, split, rng)  # type: ignore[assignment]
    pages = [[t, *(s[:50] for s in sentences(rng, 5))] for t in titles[: rng.randint(2, 4)]]
    return Doc("presentation", "Presentation", pages, size=landscape(A4), font=("Helvetica", 20))


def _sheet(rng: random.Random, title: str, split: str) -> Doc:
    """A spreadsheet print: landscape, small type, a header row then rows of figures."""
    head: str = pick(SHEET_HEADS, split, rng)  # type: ignore[assignment]
    count = rng.randint(30, 100)
    figures = [" ".join(f"{rng.randint(1, 99999):>6}" for _ in range(5)) for _ in range(count)]
    rows = [f"{n:04d}  {line}" for n, line in enumerate(figures)]
    pages = [[head, *rows[i : i + 40]] for i in range(0, count, 40)]
    return Doc("spreadsheet", "Spreadsheet", pages, size=landscape(A4), font=("Helvetica", 7.0))
