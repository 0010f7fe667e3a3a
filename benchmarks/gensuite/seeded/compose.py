"""One version of a randomised plan as a printed document (``model.Doc``) and its gold rows, built
side by side from the same story so that what is printed and what the gold says cannot drift.

Gold rows follow the suite's format (``../README.md``): ``cells`` keyed by the printed header
(stacked: ``Group › Column``), ``fields`` under canonical names (``rag`` is the colour word
whatever the encoding), ``section``, ``rec``, ``part``, plus the tag gold ``leads``,
``status_norm``, ``due_date``, ``due_kind`` and ``anchors`` (texts used to find the row's pages,
dropped once they are found).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from .design import Design
from .heads import Column, Heads, draw_heads
from .model import Cell, Doc, Grid, Row
from .printing import Printer, spaced
from .story import Finding, Item, Version
from .tables import Summary, kpi_grid, summary_columns, summary_grid, with_title
from .titles import Titles, draw_titles, title_lines, version_name, when_label
from .wordings import Wordings

Record = dict[str, Any]


@dataclass
class Built:
    doc: Doc
    records: list[Record]
    kpis: list[Record]  # gold rows of the KPI table (``indicators``), apart from the plan's
    plan_version: str


class Composer:
    """Everything a seed prints the same way in every version."""

    def __init__(self, design: Design, words: Wordings) -> None:
        rng = random.Random(f"compose-{design.seed}")
        self.design, self.words = design, words
        self.titles: Titles = draw_titles(design, words)
        self.printer = Printer(design, words)
        self.heads: Heads = draw_heads(design, words, design.fields)
        pools = words.pools
        self.area_banner = str(rng.choice(pools["area_banners"]))
        self.rec_banner = str(rng.choice(pools["rec_banners"]))
        self.completed_title = str(rng.choice(pools["completed_titles"]))
        self.summary = Summary(
            str(rng.choice(pools["summary_titles"])),
            rng.random() < 0.6,
            summary_columns(rng, words),
            self.printer,
        )
        self.intro = rng.random() < 0.7
        self.kpi_seed = rng.randrange(1 << 30)

    def compose(self, version: Version, doc: str) -> Built:
        when = when_label(self.titles, version.when)
        plan_version = version_name(self.titles, version.index, version.when)
        records: list[Record] = []
        grids = self._action_grids(version, (doc, plan_version, when), records)
        if self.design.summary:
            rows: list[Record] = []
            summary = summary_grid(self.summary, version, (doc, plan_version), rows)
            first = self.summary.first
            grids = [summary, *grids] if first else [*grids, summary]
            records = [*rows, *records] if first else [*records, *rows]
        kpis: list[Record] = []
        if self.design.kpi:
            grid, kpis = kpi_grid(self.design, version, self.kpi_seed, (doc, plan_version))
            grids.append(grid)
        lines = title_lines(self.titles, version.index, version.when)
        legend, cells = self.printer.legend()
        if self.design.title_block == "in_grid":
            grids = with_title(grids, lines, legend, self.design.producer == "xlsx")
        for record in records:
            record.pop("_text", None)
        intro = self.intro_text() if self.intro else ""
        return Built(self._doc(lines, intro, legend, cells, grids), records, kpis, plan_version)

    def intro_text(self) -> str:
        return (
            f"This plan sets out how {self.titles.council} will respond to the recommendations "
            "made by Ofsted. It is reviewed by the Improvement Board each quarter."
        )

    def _doc(
        self,
        lines: tuple[str, ...],
        intro: str,
        legend: str,
        cells: tuple[tuple[str, str], ...],
        grids: list[Grid],
    ) -> Doc:
        d = self.design
        return Doc(
            title=lines,
            title_place=d.title_block,
            intro=intro,
            legend=legend,
            grids=tuple(grids),
            font=d.font,
            size=d.size,
            landscape=d.landscape,
            paper=d.paper,
            repeat_header=d.repeat_header,
            row_split=d.row_split,
            borders=d.borders,
            narrow=d.narrow,
            legend_cells=cells,
        )

    # -- the action table(s) ----------------------------------------------------------------
    def _action_grids(
        self, version: Version, context: tuple[str, str, str], records: list[Record]
    ) -> list[Grid]:
        moved = self.design.completed == "table"
        main = [(f, tuple(i for i in f.items if not (moved and i.state == "complete")))
                for f in version.findings]  # fmt: skip
        areas = sorted({f.area for f in version.findings})
        grids: list[Grid] = []
        running = [0]
        if self.design.rec_placement == "heading":
            for finding, items in main:
                if items:
                    heading = self._rec_banner(finding)
                    grid = self._grid(context, [(finding, items)], areas, records, running, None)
                    grids.append(replace(grid, heading=heading))
        else:
            grids.append(self._grid(context, main, areas, records, running, None))
        done = [(f, tuple(i for i in f.items if i.state == "complete")) for f in version.findings]
        if moved and any(items for _, items in done):
            title = self.completed_title
            grid = self._grid(context, done, areas, records, running, title)
            grids.append(replace(grid, heading=title))
        return grids

    def _grid(
        self,
        context: tuple[str, str, str],
        groups: list[tuple[Finding, tuple[Item, ...]]],
        areas: list[str],
        records: list[Record],
        running: list[int],
        part: str | None,
    ) -> Grid:
        rows: list[Row] = list(self.heads.header_rows(context[2]))
        area = None
        for finding, items in groups:
            if not items:
                continue
            group_text = None
            if self.design.area_banners:
                group_text = self.area_banner.format(
                    n=areas.index(finding.area) + 1, area=finding.area, AREA=finding.area.upper()
                )
                if finding.area != area:
                    rows.append(self._banner(group_text, "DDEBF7"))
            area = finding.area
            if self.design.rec_placement == "banner":
                rows.append(self._banner(self._rec_banner(finding), "F2F2F2"))
            for offset, item in enumerate(items):
                running[0] += 1
                record = self._record(context, finding, item, running[0], part, group_text)
                cells = self._cells(finding, item, offset, len(items), record)
                rows.append(Row("data", cells, len(records), finding.number))
                records.append(record)
        return Grid(tuple(rows), self.heads.widths(), "action_plan")

    def _banner(self, text: str, fill: str) -> Row:
        count = len(self.heads.columns)
        cells = (Cell(text, fill, True, span=count, light=True),) + (None,) * (count - 1)
        return Row("banner", cells)

    def _due_gold(self, item: Item) -> dict[str, str | None]:
        """The deadline the printed timescale names (none when the plan prints no timescale)."""
        if "timescale" not in self.design.fields:
            return {"due_date": None, "due_kind": "unknown"}
        end = item.due.end
        return {"due_date": end.isoformat() if end else None,
                "due_kind": "date" if end else "ongoing"}  # fmt: skip

    def _rec_banner(self, finding: Finding) -> str:
        return self.rec_banner.format(n=finding.number, text=finding.text)

    def _cells(
        self, finding: Finding, item: Item, offset: int, size: int, record: Record
    ) -> tuple[Cell | None, ...]:
        merged = self.design.rec_placement == "merged"
        cells: list[Cell | None] = []
        for column in self.heads.columns:
            if merged and column.key in ("outcome", "number"):
                text = finding.text if column.key == "outcome" else str(finding.number)
                cells.append(Cell(text, down=size) if offset == 0 else None)
                continue
            cells.append(self._cell(column, finding, item, record))
        return tuple(cells)

    def _cell(self, column: Column, finding: Finding, item: Item, record: Record) -> Cell:
        key = column.key
        if key == "timescale":
            due = self.printer.due(item.due)
            return Cell(due.text, align=due.align, value=due.value,
                        number_format=due.number_format)  # fmt: skip
        if key == "rag":
            colour = self.printer.colour(item.state)
            return Cell(
                self.printer.rag_text(colour),
                self.printer.rag_fill(colour),
                align="center",
                badge=self.design.producer == "html",
                light=self.printer.light(colour),
            )
        return Cell(record["_text"][key])

    def _record(
        self,
        context: tuple[str, str, str],
        finding: Finding,
        item: Item,
        running: int,
        part: str | None,
        group: str | None,
    ) -> Record:
        doc, plan_version, when = context
        p = self.printer
        ref = p.ref(finding.number, item, running)
        texts = {
            "number": str(finding.number),
            "ref": ref,
            "outcome": finding.text,
            "actions": item.text,
            "lead": p.leads(item),
            "timescale": p.due(item.due).text,
            "impact": item.impact,
            "measures": item.measures,
            "status": p.status(item),
            "progress": p.progress(item),
            "rag": p.colour(item.state),
        }
        for index, note in enumerate(item.notes, start=1):
            texts[f"none{index}"] = note
        columns = self.heads.columns
        own = [c.key for c in columns if c.key not in ("outcome", "number", "rag")]
        return {
            "doc": doc,
            "table_kind": "action_plan",
            "plan_version": plan_version,
            "section": {
                "number": str(finding.number) if p.numbers_printed() else None,
                "title": finding.text,
                "group": group,
            },
            "ref": ref,
            "part": part,
            "rec": finding.key,
            "item": item.key,
            "cells": {self.heads.key(c, when): texts[c.key] for c in columns},
            "fields": {c.key: texts[c.key] for c in columns if c.field},
            "leads": [spaced(lead) for lead in item.leads] if "lead" in self.design.fields else [],
            "status_norm": p.status_norm(item),
            **self._due_gold(item),
            "anchors": [texts[k] for k in own if len(texts[k].split()) >= 3],
            "pages": None,
            "_text": texts,
        }
