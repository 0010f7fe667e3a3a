"""Mapping a table's columns to the schema's fields, from their headers and their content.

Each column has two kinds of evidence: what its header says (the header classifier's
probability for each field, `header_model.py`; read from the column's own name, "Status" in
"Progress › Status", else its group heading) and what its cells hold (`column_content.py`).
They are combined per field:

    score = 0.6 × header probability + 0.4 × content share

where the content share is the share of the cells typed as that field (rag, timescale, ref,
lead, status; prose counts half for the prose fields). A column whose cells are ratings (words,
letters or fills) is `rag` whatever its header. Where the table has no header, content alone
decides, and only firmly (most of a column's cells of one type); prose columns then take outcome,
actions and progress in the order printed, when two columns at least are typed as a plan's.

Fields are then given out best score first, each field to one column; a column left without a
field keeps its header as a slug (prefixed with the field it read as when that field went to a
better column: "lead_lead_officer"). An override (`header_overrides` in the settings: printed
header -> field or "none") decides a column outright. Every column keeps its evidence and
confidence (`ColumnMapping`), for `export tables` and `--explain`.
"""

from __future__ import annotations

from collections.abc import Sequence

from councilpapers.extract.column_content import Content
from councilpapers.extract.header_cache import header_model
from councilpapers.extract.header_model import CANONICAL
from councilpapers.extract.header_search import GROUP
from councilpapers.extract.headers import normalise_header, slug
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import ColumnMapping

HEADER_WEIGHT = 0.6
CONTENT_OF = {"rag": "rag", "timescale": "timescale", "ref": "ref", "lead": "lead"}
CONTENT_OF["status"] = "status"
PROSE = ("outcome", "actions", "impact", "measures", "progress")
ASSIGN = 0.45  # a field is given to a column scoring at least this (content alone: never)
HEADERLESS = 0.8  # without a header, a column is typed only when this share of it agrees
PLAN_TYPES = ("rag", "timescale", "lead", "status")
RATED = 0.8  # a column with this share of rating cells is rag whatever its header


def map_columns(
    headers: Sequence[str],
    contents: Sequence[Content],
    known: bool,
    settings: ExtractSettings,
) -> tuple[ColumnMapping, ...]:
    """Each column's field, confidence and evidence (`known`: the table printed a header)."""
    overrides = {normalise_header(k): v for k, v in settings.header_overrides}
    asked = [overrides.get(normalise_header(h)) if h else None for h in headers]
    scored = [
        _scores(header, content, known, override)
        for header, content, override in zip(headers, contents, asked, strict=True)
    ]
    if not known and sum(_typed(c) for c in contents) >= 2:
        _prose_by_position(scored, contents)
    taken: dict[str, int] = {}
    for score, col, field in sorted(
        ((s, col, f) for col, table in enumerate(scored) for f, (s, _) in table.items()),
        key=lambda item: (-item[0], item[1]),
    ):
        if field in taken or col in taken.values() or score < ASSIGN:
            continue
        taken[field] = col
    by_column = {col: field for field, col in taken.items()}
    names: list[str] = []
    out = []
    for col, header in enumerate(headers):
        chosen = by_column.get(col)
        name = chosen or _own_name(header, scored[col], names, col)
        names.append(name)
        confidence = scored[col][chosen][0] if chosen else _none_confidence(scored[col])
        evidence = _evidence(scored[col], chosen)
        if chosen is None and asked[col] == "none":
            evidence = f"override {header!r} -> none"
        out.append(ColumnMapping(col, header, name, round(confidence, 3), evidence))
    return tuple(out)


Scores = dict[str, tuple[float, str]]


def _scores(header: str, content: Content, known: bool, override: str | None) -> Scores:
    """Per field: the combined score and its evidence in words (`override`: the field a user's
    overrides give this header, or "none")."""
    if override is not None:
        return (
            {override: (1.0, f"override {header!r} -> {override}")} if override in CANONICAL else {}
        )
    leaf, _, group = _parts(header)
    probs = header_model().probabilities(leaf or group) if known and (leaf or group) else {}
    out: Scores = {}
    for field in CANONICAL:
        h = probs.get(field, 0.0)
        kind = CONTENT_OF.get(field)
        c = content.share(kind) if kind else 0.5 * content.prose
        if probs:
            score = HEADER_WEIGHT * h + (1 - HEADER_WEIGHT) * c
        else:
            score = c if kind and c >= HEADERLESS and content.cells >= 3 else 0.0
        if field == "rag" and content.rag >= RATED:
            score = max(score, 0.85)
        words = []
        if h >= 0.05:
            words.append(f"header {leaf or group!r} {h:.2f}")
        if c >= 0.05:
            words.append(f"content {kind or 'prose'} {c:.2f}")
        out[field] = (score, "; ".join(words))
    return out


def _typed(content: Content) -> bool:
    """Does a column's content alone say it is a plan's column (rating, date, lead, status)?"""
    return content.cells >= 3 and any(content.share(k) >= HEADERLESS for k in PLAN_TYPES)


def _parts(header: str) -> tuple[str, str, str]:
    """(column name, separator, group heading) of a "Group › Column" header."""
    group, separator, leaf = header.rpartition(GROUP)
    return leaf.strip(), separator, group.strip()


def _prose_by_position(scored: list[Scores], contents: Sequence[Content]) -> None:
    """Without a header, prose columns read as outcome, actions and progress in print order."""
    prose = [col for col, content in enumerate(contents) if content.prose >= 0.5]
    order = {1: ["actions"], 2: ["actions", "progress"]}.get(
        len(prose), ["outcome", "actions", "progress"]
    )
    for col, field in zip(prose, order, strict=False):
        scored[col][field] = (
            0.5,
            f"long text, prose column {prose.index(col) + 1} of {len(prose)}",
        )


def _own_name(header: str, scores: Scores, names: Sequence[str], col: int) -> str:
    """A column without a field: its header as a slug, prefixed with the field it read as when
    that went to another column; made distinct from the names before it."""
    base = slug(header) if header else f"column_{col + 1}"
    best = max(scores.items(), key=lambda item: item[1][0], default=None)
    if best is not None and best[1][0] >= ASSIGN:
        base = f"{best[0]}_{base}"
    name, suffix = base, 2
    while name in names or name in CANONICAL:
        name, suffix = f"{base}_{suffix}", suffix + 1
    return name


def _none_confidence(scores: Scores) -> float:
    best = max((s for s, _ in scores.values()), default=0.0)
    return 1.0 - best


def _evidence(scores: Scores, field: str | None) -> str:
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    if field is None:
        top = ranked[0] if ranked else None
        if top is None or top[1][0] < ASSIGN:
            return "no field: " + (f"best {top[0]} {top[1][0]:.2f}" if top else "no evidence")
        return f"{top[0]} went to a better column ({top[1][0]:.2f}: {top[1][1]})"
    runner = next((item for item in ranked if item[0] != field), None)
    text = f"{field} {scores[field][0]:.2f}: {scores[field][1]}"
    return text + (f"; runner-up {runner[0]} {runner[1][0]:.2f}" if runner else "")
