"""How one council makes its plan: every dimension a seed draws, recorded in its manifest.

``draw_design(seed)`` is deterministic. The split (training or held-out wordings) follows the
seed (``wordings.split_of``); every other dimension is drawn the same way for both splits, so the
evaluation differs from development only in wordings and in the random draws themselves.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, TypeVar

from .wordings import split_of

T = TypeVar("T")
PRODUCERS = {"docx": 0.24, "xlsx": 0.26, "html": 0.2, "reportlab": 0.15, "pptx": 0.15}
FONTS = (
    "Liberation Sans",
    "Liberation Serif",
    "Liberation Sans Narrow",
    "DejaVu Sans",
    "DejaVu Sans Condensed",
    "DejaVu Serif",
)
OPTIONAL = ("outcome", "lead", "timescale", "impact", "measures", "status", "progress", "rag")
KEEP = {  # chance a plan prints the column
    "lead": 0.92,
    "timescale": 0.92,
    "impact": 0.3,
    "measures": 0.3,
    "status": 0.6,
    "progress": 0.88,
    "rag": 0.8,
}


@dataclass(frozen=True, slots=True)
class ScanSpec:
    dpi: int
    colour: bool
    tilt: float
    noise: float
    quality: int


@dataclass(frozen=True, slots=True)
class Design:
    seed: int
    split: str  # training | heldout
    producer: str  # docx | xlsx | pptx | reportlab | html
    header_rows: int  # 1-3: group headings stacked above the column names
    title_block: str  # above | in_grid | page_header
    rec_placement: str  # merged | repeated | banner | heading
    number_column: bool  # the recommendation's number in its own column
    area_banners: bool  # a banner row per area / priority
    fields: tuple[str, ...]  # the schema fields printed, in column order
    extras: int  # columns that are none of the fields ("Notes", "Budget" …)
    dated_progress: bool  # the progress header names the version's date
    rag_encoding: str  # word | letter | brag_word | brag_letter | status_words | fill_only
    rag_fill: bool  # the RAG cell is filled with its colour
    shades: str  # standard | pastel | deep | govuk
    key_scheme: str  # brag | green_complete | delivery: what each colour means
    key_printed: bool  # the plan prints its RAG key
    day_format: str  # numeric (31/08/2024) | long (31 August 2024)
    month_format: str  # months (August 2024) | short_months (Aug-24) | words (End of …)
    due_mix: str  # dated | mixed (quarters, Ongoing, recurring beside dates)
    font: str
    size: float
    landscape: bool
    paper: str  # A4 | A3
    versions: int  # 2 or 3
    version_naming: str  # number | date
    renumbering: bool  # recommendations swap numbers between versions
    ref_style: str  # dotted | prefixed | lettered | running
    completed: str  # keep | table | drop
    summary: bool  # a RAG-rated summary table beside the action table
    pack: bool  # published inside a ModernGov committee pack
    kpi: bool  # a KPI table (xlsx: a second sheet; otherwise an appendix)
    repeat_header: bool
    row_split: bool  # rows may break across pages (Word, HTML)
    borders: str  # full | rows | none (HTML; a spreadsheet: borders or gridlines only)
    narrow: bool  # HTML: a CMS page with a sidebar
    scan: ScanSpec | None
    recs: int
    sizes: tuple[int, ...]

    def manifest(self) -> dict[str, Any]:
        return asdict(self)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _choice(rng: random.Random, values: Sequence[T]) -> T:
    return values[rng.randrange(len(values))]


def draw_design(seed: int) -> Design:
    rng = random.Random(f"design-{seed}")
    producer = _pick(rng, PRODUCERS)
    placement = _placement(rng, producer)
    encoding = _pick(
        rng,
        {"word": 2, "letter": 1.5, "brag_word": 1, "brag_letter": 1.5, "status_words": 1,
         "fill_only": 1.5},
    )  # fmt: skip
    fields = _fields(rng, placement)
    return _printable(
        Design(
            seed=seed,
            split=split_of(seed),
            producer=producer,
            header_rows=int(_pick(rng, {"1": 0.45, "2": 0.35, "3": 0.2})),
            title_block=_title_block(rng, producer),
            rec_placement=placement,
            number_column=placement in ("merged", "repeated") and rng.random() < 0.45,
            area_banners=placement != "heading" and rng.random() < 0.45,
            fields=fields,
            extras=int(_pick(rng, {"0": 0.55, "1": 0.3, "2": 0.15})),
            dated_progress="progress" in fields and rng.random() < 0.3,
            rag_encoding=encoding if "rag" in fields else "none",
            rag_fill=encoding == "fill_only" or rng.random() < 0.6,
            shades=_pick(rng, {"standard": 2, "pastel": 1, "deep": 1, "govuk": 1}),
            key_scheme=_key_scheme(rng, encoding),
            key_printed=encoding == "status_words" or rng.random() < 0.45,
            day_format=_choice(rng, ("numeric", "long")),
            month_format=_choice(rng, ("months", "short_months", "words")),
            due_mix=_choice(rng, ("dated", "mixed")),
            font=_choice(rng, FONTS),
            size=_choice(rng, (7.5, 8.0, 9.0, 10.0, 11.0)),
            landscape=rng.random() < 0.7,
            paper="A3" if producer == "xlsx" and rng.random() < 0.3 else "A4",
            versions=_choice(rng, (2, 3)),
            version_naming=_choice(rng, ("number", "date")),
            renumbering=rng.random() < 0.6,
            ref_style=_pick(rng, {"dotted": 3, "prefixed": 1, "lettered": 1, "running": 1}),
            completed=_pick(rng, {"keep": 2, "table": 1, "drop": 1}),
            summary=rng.random() < 0.4,
            pack=rng.random() < 0.2,
            kpi=rng.random() < (0.5 if producer == "xlsx" else 0.15),
            repeat_header=rng.random() < 0.75,
            row_split=rng.random() < 0.5,
            borders=_borders(rng, producer),
            narrow=producer == "html" and rng.random() < 0.6,
            scan=_scan(rng),
            recs=rng.randint(3, 6),
            sizes=tuple(rng.randint(1, 5) for _ in range(6)),
        )
    )


def _printable(design: Design) -> Design:
    """A wide spreadsheet is printed landscape, and on A3 from ten columns, as a council would
    print it (fit to one page wide on portrait A4 would shrink it past reading)."""
    if design.producer != "xlsx":
        return design
    columns = len(design.fields) + design.extras + design.number_column
    paper = "A3" if columns >= 10 else design.paper
    return replace(design, landscape=design.landscape or columns >= 7, paper=paper)


def _placement(rng: random.Random, producer: str) -> str:
    weights = {"merged": 3.0, "repeated": 1.5, "banner": 1.5, "heading": 1.0}
    if producer == "xlsx":
        weights["heading"] = 0.0
    return _pick(rng, weights)


def _title_block(rng: random.Random, producer: str) -> str:
    if producer in ("pptx", "html"):
        return "above"
    if producer == "xlsx":
        return _pick(rng, {"in_grid": 4, "page_header": 1})
    if producer == "reportlab":
        return _pick(rng, {"above": 2, "in_grid": 1})
    return _pick(rng, {"above": 3, "in_grid": 1, "page_header": 1})


def _fields(rng: random.Random, placement: str) -> tuple[str, ...]:
    """The printed fields in column order: a usual order with local swaps; at least one of
    status and rag."""
    keep = {f for f, p in KEEP.items() if rng.random() < p}
    if not keep & {"status", "rag"}:
        keep.add(_choice(rng, ("status", "rag")))
    if placement in ("merged", "repeated"):
        keep.add("outcome")
    order = ["outcome", "ref", "actions", "impact", "lead", "timescale", "measures", "status",
             "progress", "rag"]  # fmt: skip
    if rng.random() < 0.4:
        order.remove("ref")
        order.insert(0, "ref")
    for _ in range(rng.randint(0, 2)):
        i = rng.randrange(2, len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
    return tuple(f for f in order if f in keep or f in ("ref", "actions"))


def _key_scheme(rng: random.Random, encoding: str) -> str:
    if encoding.startswith("brag"):
        return "brag"
    if encoding in ("word", "letter"):
        return _choice(rng, ("green_complete", "delivery"))
    return _choice(rng, ("brag", "green_complete", "delivery"))


def _borders(rng: random.Random, producer: str) -> str:
    """HTML: ruled cells, rules between rows only, or none; a spreadsheet: cell borders or only
    its printed gridlines; the others rule every cell."""
    if producer == "html":
        return _choice(rng, ("full", "rows", "none"))
    return _choice(rng, ("full", "none")) if producer == "xlsx" else "full"


def _scan(rng: random.Random) -> ScanSpec | None:
    if rng.random() >= 0.25:
        return None
    return ScanSpec(
        dpi=_choice(rng, (200, 300)),
        colour=rng.random() < 0.5,
        tilt=round(rng.uniform(-1.0, 1.0), 2),
        noise=round(rng.uniform(3.0, 8.0), 1),
        quality=rng.randint(50, 80),
    )
