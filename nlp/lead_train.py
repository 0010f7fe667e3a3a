"""Train and measure the lead segmenter (`lead_split`).

Training rows: generated cells of every construction made from the training wordings
(`lead_cells`, seeded), and the hand-labelled lead cells of real plans in
``models/leads_labelled.jsonl`` (the corpus's Torbay plans and Kent's ICS delivery plan; each
cell's true boundaries are found by trying the decisions until the rendered leads equal the
labels). Figures: cell accuracy (every lead of the cell right, in order) per construction on cells
made only of held-out wordings, read by a pipeline whose gazetteer does not list the held-out
roles; and on the real cells, by a model trained without the cell's own document.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from councilpapers.nlp.lead_cells import CONSTRUCTIONS, LeadCell, held_out, lead_cells
from councilpapers.nlp.lead_split import (
    Candidate,
    LeadSplitter,
    always_cut,
    candidates,
    features,
    labelled,
    rule_starts,
    train_splitter,
)
from councilpapers.nlp.resources import read_jsonl

PER_CONSTRUCTION = 300
TRAIN_SEED, HELDOUT_SEED = 1, 2
MAX_OPEN = 10  # a real cell with more open candidates is not aligned


@dataclass(frozen=True, slots=True)
class RealCell:
    source: str
    text: str
    leads: tuple[str, ...]


def real_cells() -> list[RealCell]:
    return [
        RealCell(r["source"], r["text"], tuple(r["leads"]))
        for r in read_jsonl("leads_labelled.jsonl")
    ]


def leads_of(doc: Doc, cuts: Sequence[Candidate]) -> tuple[str, ...]:
    """The rendered leads of a cell cut at these boundaries (the lead finder's own rendering)."""
    from councilpapers.nlp.leads import leads_from_pieces

    pieces, start = [], 0
    for cut in sorted(cuts, key=lambda c: c.start):
        pieces.append(doc[start : cut.start])
        start = cut.end
    pieces.append(doc[start:])
    return leads_from_pieces(pieces)


def aligned(doc: Doc, leads: Sequence[str]) -> list[tuple[dict[str, float], int]] | None:
    """Features and decisions of the real cell's open candidates that give its labelled leads."""
    found = candidates(doc)
    fixed = [c for i, c in enumerate(found) if always_cut(doc, found, i)]
    open_ = [i for i, c in enumerate(found) if not always_cut(doc, found, i)]
    if len(open_) > MAX_OPEN:
        return None
    rules = rule_starts(doc)
    for choice in itertools.product((0, 1), repeat=len(open_)):
        cuts = fixed + [found[i] for i, on in zip(open_, choice, strict=True) if on]
        if leads_of(doc, cuts) == tuple(leads):
            return [
                (features(doc, found, i, rules), on) for i, on in zip(open_, choice, strict=True)
            ]
    return None


def generated_examples(
    nlp: Language, cells: Iterable[LeadCell]
) -> list[tuple[dict[str, float], int]]:
    return [ex for cell in cells for ex in labelled(nlp(cell.text), cell.spans)]


def real_examples(nlp: Language, cells: Iterable[RealCell]) -> list[tuple[dict[str, float], int]]:
    out: list[tuple[dict[str, float], int]] = []
    for cell in cells:
        found = aligned(nlp(cell.text), cell.leads)
        out.extend(found or ())
    return out


def fit_splitter(nlp: Language, real: Sequence[RealCell] | None = None) -> LeadSplitter:
    """The segmenter trained on generated training cells and the real cells given."""
    cells = lead_cells("train", PER_CONSTRUCTION, TRAIN_SEED)
    examples = generated_examples(nlp, cells)
    examples += real_examples(nlp, real_cells() if real is None else real)
    return train_splitter(examples)


def cell_right(nlp: Language, splitter: LeadSplitter, cell: LeadCell) -> bool:
    doc = nlp(cell.text)
    gold = leads_of(doc, _true_cuts(doc, cell))
    return leads_of(doc, splitter.cuts(doc)) == gold


def _true_cuts(doc: Doc, cell: LeadCell) -> list[Candidate]:
    found = candidates(doc)
    out = []
    for cand in found:
        char = doc[cand.start].idx
        if cand.start == cand.end:
            if any(a == char for a, _ in cell.spans):
                out.append(cand)
        elif not any(a < char < b for a, b in cell.spans):
            out.append(cand)
    return out


@cache
def heldout_pipeline() -> Language:
    """A pipeline whose gazetteer lists no held-out role wording."""
    from councilpapers.nlp.blank_pipeline import blank_pipeline

    return blank_pipeline(None, keep_role=lambda name: not held_out(name))


def per_construction(splitter: LeadSplitter) -> dict[str, tuple[int, int]]:
    """Right / total cells per construction, on held-out wordings."""
    nlp = heldout_pipeline()
    cells = lead_cells("heldout", 100, HELDOUT_SEED)
    out: dict[str, tuple[int, int]] = {}
    for name in CONSTRUCTIONS:
        mine = [c for c in cells if c.construction == name]
        out[name] = (sum(cell_right(nlp, splitter, c) for c in mine), len(mine))
    return out


def real_by_document(nlp: Language) -> dict[str, tuple[int, int]]:
    """Right / total real cells per document, each by a model trained without its document."""
    cells = real_cells()
    out: dict[str, tuple[int, int]] = {}
    for source in sorted({c.source for c in cells}):
        splitter = fit_splitter(nlp, [c for c in cells if c.source != source])
        mine = [c for c in cells if c.source == source]
        right = sum(leads_of(d, splitter.cuts(d)) == c.leads for c in mine if (d := nlp(c.text)))
        out[source] = (right, len(mine))
    return out
