"""A recommendation's RAG rating and row status across plan versions, drawn as inline SVG.

Drawn on the server (no scripts, no fonts fetched): one column per version, every version,
the rating as a coloured dot on a Red–Amber–Green–Blue scale joined by a line; a version that
gives no rating is a hollow grey dot on a "not rated" lane below the scale. Under each column,
how many of the rows reporting on the recommendation were completed in that version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

LEVELS = {"not rated": -1, "red": 0, "amber": 1, "green": 2, "blue": 3}
COLOURS = {
    "not rated": "#888",
    "red": "#c0392b",
    "amber": "#e08e0b",
    "green": "#27ae60",
    "blue": "#2e6fd8",
}
LANE, LEFT, TOP, STEP = 26, 90, 16, 110


def rag_chart(versions: Sequence[Mapping[str, Any]]) -> Markup:
    """SVG of the versions' `rag` and `completed`/`rows` counts (keys of each mapping)."""
    width = LEFT + STEP * max(len(versions), 1) + 20
    height = TOP + LANE * len(LEVELS) + 52
    parts = [_axes(width)]
    points = []
    for i, version in enumerate(versions):
        x = LEFT + STEP * i + STEP // 2
        rating = str(version.get("rag") or "").lower()
        parts.append(_version_label(x, height, version))
        if rating in LEVELS and rating != "not rated":
            y = _y(LEVELS[rating])
            points.append((x, y))
            parts.append(_dot(x, y, f'fill="{COLOURS[rating]}"', version, str(version["rag"])))
        else:  # no rating (or one off the scale): shown, as not rated
            y = _y(LEVELS["not rated"])
            hollow = 'fill="#fff" stroke="#888" stroke-width="2" class="not-rated"'
            parts.append(_dot(x, y, hollow, version, "not rated"))
    if len(points) > 1:
        path = " ".join(f"{x},{y}" for x, y in points)
        parts.insert(1, f'<polyline points="{path}" fill="none" stroke="#888" stroke-width="2"/>')
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rag-chart" width="{width}" '
        f'height="{height}" role="img" aria-label="RAG rating across versions">'
        + "".join(parts)
        + "</svg>"
    )


def _dot(x: int, y: int, paint: str, version: Mapping[str, Any], said: str) -> str:
    title = f"Version {escape(version['plan_version'])}: {escape(said)}"
    return f'<circle cx="{x}" cy="{y}" r="8" {paint}><title>{title}</title></circle>'


def _y(level: int) -> int:
    return TOP + LANE * (max(LEVELS.values()) - level) + LANE // 2


def _axes(width: int) -> str:
    lines = []
    for name, level in LEVELS.items():
        y = _y(level)
        lines.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#eee"/>'
            f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" font-size="12" '
            f'font-family="sans-serif" fill="{COLOURS[name]}">{name.capitalize()}</text>'
        )
    return "".join(lines)


def _version_label(x: int, height: int, version: Mapping[str, Any]) -> str:
    done, rows = int(version.get("completed", 0)), int(version.get("rows", 0))
    return (
        f'<text x="{x}" y="{height - 30}" text-anchor="middle" font-size="12" '
        f'font-family="sans-serif">v{escape(version["plan_version"])}</text>'
        f'<text x="{x}" y="{height - 12}" text-anchor="middle" font-size="11" '
        f'font-family="sans-serif" fill="#555">{done}/{rows} done</text>'
    )
