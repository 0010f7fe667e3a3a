"""Ruled tables: turn a page's ruling lines into grids of cells.

Edge snapping, joining and intersection finding reuse pdfplumber's geometry functions on our Rule
records (so OCR'd or synthetic pages work the same way); on top of that each grid gets explicit
column boundaries, so a merged (spanning) cell knows which columns it covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber import table as geometry

from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import BBox, Page, Rule


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell of a ruled grid, the columns it spans (start inclusive, end exclusive) and how many
    grid rows it spans (a vertically merged cell: no rule across it where the other columns have
    one)."""

    bbox: BBox
    col_start: int
    col_end: int
    row_span: int = 1


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table on one page: column boundaries and rows of cells, top to bottom."""

    bbox: BBox
    columns: tuple[float, ...]
    rows: tuple[tuple[GridCell, ...], ...]

    @property
    def ncols(self) -> int:
        return len(self.columns) - 1


def find_grids(page: Page, settings: ExtractSettings) -> list[Grid]:
    """Every ruled table on the page, top to bottom."""
    edges = _edges(page.rules)
    if len(edges) < 4:
        return []
    snap, join = settings.snap, settings.join
    merged = geometry.merge_edges(edges, snap, snap, join, join)
    merged = [e for e in merged if _length(e) >= settings.min_edge]
    merged += _closing_edges(merged, snap)
    points = geometry.edges_to_intersections(merged, 1, 1)
    cells = geometry.intersections_to_cells(points)
    grids = [
        _grid(group, snap)
        for group in geometry.cells_to_tables(cells)
        if len(group) >= settings.min_cells
    ]
    return sorted((g for g in grids if g is not None), key=lambda g: (g.bbox[1], g.bbox[0]))


def _edges(rules: tuple[Rule, ...]) -> list[dict[str, Any]]:
    edges = []
    for rule in rules:
        orientation = "h" if rule.horizontal else "v"
        if orientation == "h":
            y = (rule.top + rule.bottom) / 2
            box = (rule.x0, y, rule.x1, y)
        else:
            x = (rule.x0 + rule.x1) / 2
            box = (x, rule.top, x, rule.bottom)
        edges.append(_edge(box, orientation))
    return edges


def _closing_edges(edges: list[dict[str, Any]], snap: float) -> list[dict[str, Any]]:
    """Horizontal edges where a page break cut a table open.

    Some writers leave a row that breaks across pages without a rule at the cut; several
    vertical rules ending (or starting) at the same height with no horizontal rule there mark
    the cut, and are closed with a synthetic edge so the cells exist."""
    horizontal = [e for e in edges if e["orientation"] == "h"]
    vertical = [e for e in edges if e["orientation"] == "v"]
    added = []
    for key in ("top", "bottom"):
        for y, group in _groups(vertical, key, snap):
            if len(group) < 2:
                continue
            x0, x1 = min(e["x0"] for e in group), max(e["x0"] for e in group)
            covered = any(
                abs(h["top"] - y) <= snap and h["x0"] <= x0 + snap and h["x1"] >= x1 - snap
                for h in horizontal
            )
            if not covered:
                added.append(_edge((x0, y, x1, y), "h"))
    return added


def _groups(
    edges: list[dict[str, Any]], key: str, snap: float
) -> list[tuple[float, list[dict[str, Any]]]]:
    out: list[tuple[float, list[dict[str, Any]]]] = []
    for edge in sorted(edges, key=lambda e: float(e[key])):
        if out and edge[key] - out[-1][0] <= snap:
            out[-1][1].append(edge)
        else:
            out.append((float(edge[key]), [edge]))
    return out


def _edge(box: tuple[float, float, float, float], orientation: str) -> dict[str, Any]:
    return {
        "x0": box[0],
        "top": box[1],
        "x1": box[2],
        "bottom": box[3],
        "width": box[2] - box[0],
        "height": box[3] - box[1],
        "orientation": orientation,
        "object_type": "line",
    }


def _length(edge: dict[str, Any]) -> float:
    return float(edge["x1"] - edge["x0"] + edge["bottom"] - edge["top"])


def _cluster(values: list[float], tolerance: float) -> list[float]:
    """Collapse coordinates within `tolerance` of each other to their mean."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _index(columns: list[float], x: float) -> int:
    return min(range(len(columns)), key=lambda i: abs(columns[i] - x))


def _grid(cells: list[tuple[float, float, float, float]], snap: float) -> Grid | None:
    columns = _cluster([c[0] for c in cells] + [c[2] for c in cells], snap)
    if len(columns) < 2:
        return None
    by_row: dict[float, list[GridCell]] = {}
    tops = _cluster([c[1] for c in cells], snap)
    for x0, top, x1, bottom in cells:
        row_top = tops[_index(tops, top)]
        start, end = _index(columns, x0), _index(columns, x1)
        if end <= start:
            continue
        box = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
        span = sum(top - snap <= t < bottom - snap for t in tops)
        by_row.setdefault(row_top, []).append(GridCell(box, start, end, max(1, span)))
    rows = tuple(tuple(sorted(r, key=lambda c: c.col_start)) for _, r in sorted(by_row.items()))
    columns, rows = _align_offsets(columns, rows)
    bbox = (
        round(min(c[0] for c in cells), 2),
        round(min(c[1] for c in cells), 2),
        round(max(c[2] for c in cells), 2),
        round(max(c[3] for c in cells), 2),
    )
    return Grid(bbox=bbox, columns=tuple(round(c, 2) for c in columns), rows=rows)


def _align_offsets(
    columns: list[float], rows: tuple[tuple[GridCell, ...], ...]
) -> tuple[list[float], tuple[tuple[GridCell, ...], ...]]:
    """Join two column boundaries that are one boundary drawn a little apart in different rows.

    Slide tables and hand-made grids sometimes rule the header a few points off the body: the
    header's cell ends at one boundary, the body's at another close by, so every row spans the
    sliver between them. When no row has cell edges at both boundaries and the sliver is
    narrower than the columns beside it, it is no column: the second boundary is dropped."""
    for j in range(1, len(columns) - 2):
        sliver = columns[j + 1] - columns[j]
        neighbours = (columns[j] - columns[j - 1], columns[j + 2] - columns[j + 1])
        if sliver >= min(neighbours):
            continue
        edges = [{c.col_start for c in row} | {c.col_end for c in row} for row in rows]
        if any(j in e and j + 1 in e for e in edges):
            continue

        def shift(i: int, at: int = j) -> int:
            return i if i <= at else i - 1

        rows = tuple(
            tuple(GridCell(c.bbox, shift(c.col_start), shift(c.col_end), c.row_span) for c in row)
            for row in rows
        )
        return _align_offsets(columns[: j + 1] + columns[j + 2 :], rows)
    return columns, rows
