"""Scores per dimension of the randomised plans: every value of every dimension a seed draws, with
the rows, cells, links and RAG of the seeds that drew it pooled, so that a failure names its
cause ("header rows=2: rows F1 0.61"). Scoring only: changing this module rebuilds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from score import Tally

from ..links import LinkTally

Manifest = dict[str, Any]
LEVEL = 0.90  # the least a dimension value may score (issue 17's acceptance)


def _d(name: str) -> Callable[[Manifest], Any]:
    return lambda m: m["design"][name]


def _only(producers: tuple[str, ...], name: str) -> Callable[[Manifest], Any]:
    return lambda m: m["design"][name] if m["design"]["producer"] in producers else None


def _column(name: str) -> Callable[[Manifest], Any]:
    return lambda m: "yes" if name in m["design"]["fields"] else "no"


def _rag(m: Manifest) -> bool:
    return bool(m["design"]["rag_encoding"] != "none")


def _fill(m: Manifest) -> Any:
    return m["design"]["shades"] if m["design"]["rag_fill"] and _rag(m) else None


DIMENSIONS: tuple[tuple[str, Callable[[Manifest], Any]], ...] = (
    ("producer", _d("producer")),
    ("header rows", _d("header_rows")),
    ("title block", _d("title_block")),
    ("recommendation", _d("rec_placement")),
    ("number column", _d("number_column")),
    ("area banners", _d("area_banners")),
    ("columns", lambda m: len(m["design"]["fields"]) + m["design"]["extras"]),
    ("extra columns", _d("extras")),
    ("status column", _column("status")),
    ("RAG column", _column("rag")),
    ("lead column", _column("lead")),
    ("timescale column", _column("timescale")),
    ("progress column", _column("progress")),
    ("impact column", _column("impact")),
    ("measures column", _column("measures")),
    ("dated progress header", _d("dated_progress")),
    ("RAG encoding", _d("rag_encoding")),
    ("RAG fill", lambda m: m["design"]["rag_fill"] if _rag(m) else None),
    ("RAG shades", _fill),
    ("RAG key printed", _d("key_printed")),
    ("RAG key scheme", _d("key_scheme")),
    ("day format", _d("day_format")),
    ("month format", _d("month_format")),
    ("deadline mix", _d("due_mix")),
    ("font", _d("font")),
    ("size", _d("size")),
    ("orientation", lambda m: "landscape" if m["design"]["landscape"] else "portrait"),
    ("paper", _only(("xlsx",), "paper")),
    ("versions", _d("versions")),
    ("version naming", _d("version_naming")),
    ("version phrase", lambda m: m["titles"]["version"]),
    ("renumbering", _d("renumbering")),
    ("refs", _d("ref_style")),
    ("completed actions", _d("completed")),
    ("summary table", _d("summary")),
    ("committee pack", _d("pack")),
    ("KPI table", _d("kpi")),
    ("header repeated", _d("repeat_header")),
    ("rows may split", _only(("docx", "html"), "row_split")),
    ("rules", _only(("html", "xlsx"), "borders")),
    ("CMS sidebar", _only(("html",), "narrow")),
)
SCAN_DIMENSIONS: tuple[tuple[str, Callable[[Manifest], Any]], ...] = (
    ("producer", _d("producer")),
    ("dpi", lambda m: m["design"]["scan"]["dpi"]),
    ("colour", lambda m: "colour" if m["design"]["scan"]["colour"] else "grey"),
    ("header rows", _d("header_rows")),
    ("RAG encoding", _d("rag_encoding")),
)


@dataclass
class Pool:
    """Rows and links of the seeds sharing one dimension value."""

    seeds: int = 0
    rows: Tally = field(default_factory=Tally)
    links: LinkTally = field(default_factory=LinkTally)

    def add(self, rows: Tally, links: LinkTally) -> None:
        self.seeds += 1
        self.rows.add(rows)
        self.links.jaccards.extend(links.jaccards)
        self.links.rag_right += links.rag_right
        self.links.rag_total += links.rag_total

    def low(self) -> float:
        """The lowest of rows F1 and cell similarity (nan-safe), what LEVEL is checked on."""
        values = [self.rows.f1, self.rows.similarity]
        return min(v if v == v else 0.0 for v in values)


Scored = tuple[Manifest, Tally, LinkTally]


def pools(
    scored: Iterable[Scored], dimensions: tuple[tuple[str, Callable[[Manifest], Any]], ...]
) -> dict[tuple[str, str], Pool]:
    out: dict[tuple[str, str], Pool] = {}
    for manifest, rows, links in scored:
        for name, value_of in dimensions:
            value = value_of(manifest)
            if value is not None:
                out.setdefault((name, str(value)), Pool()).add(rows, links)
    order = [name for name, _ in dimensions]
    return dict(sorted(out.items(), key=lambda item: (order.index(item[0][0]), item[0][1])))


def table(pooled: dict[tuple[str, str], Pool]) -> str:
    head = f"{'dimension':<22}{'value':<34}{'seeds':>6}{'rows':>6}{'rowF1':>8}{'cells':>8}"
    head += f"{'links':>8}{'RAG':>9}"
    lines = [head, "-" * len(head)]
    for (name, value), pool in pooled.items():
        t, links = pool.rows, pool.links
        rag = f"{links.rag_right}/{links.rag_total}" if links.rag_total else "–"
        jaccard = f"{links.jaccard:.3f}" if links.jaccards else "–"
        mark = "  <" if pool.low() < LEVEL else ""
        lines.append(
            f"{name:<22}{value[:33]:<34}{pool.seeds:>6}{t.gold:>6}{t.f1:>8.3f}"
            f"{t.similarity:>8.3f}{jaccard:>8}{rag:>9}{mark}"
        )
    return "\n".join(lines)


def below(pooled: dict[tuple[str, str], Pool], count: int = 12) -> str:
    """The dimension values under LEVEL, worst first: what names a failure's cause."""
    low = sorted((p.low(), k) for k, p in pooled.items() if p.low() < LEVEL)
    if not low:
        return f"every dimension value scores at least {LEVEL:.2f}"
    shown = "; ".join(f"{name}={value}: {score:.2f}" for score, (name, value) in low[:count])
    more = f" (and {len(low) - count} more)" if len(low) > count else ""
    return f"below {LEVEL:.2f} (rows F1 or cells, worst first): {shown}{more}"
