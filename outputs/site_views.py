"""The pages of `councilpapers serve` that Datasette has no page for.

Each view reads the served tables (never the store's own tables, never writes) and renders one of
the templates in `outputs/templates/site_*.html`; the PDF page image is rendered on request from
the file the store says the document came from.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from datasette.database import Database
from datasette.utils.asgi import Response

from councilpapers.outputs import pages
from councilpapers.outputs.history_html import history_item
from councilpapers.outputs.history_text import latest_status
from councilpapers.outputs.rag_chart import rag_chart
from councilpapers.outputs.site_meta import DATABASE, QUERIES
from councilpapers.outputs.source_page import boxes_on_page, find_pdf, render_png

if TYPE_CHECKING:
    from councilpapers.outputs.site_plugin import SitePlugin


def _render(name: str, **values: Any) -> str:
    return pages.render(name, db=DATABASE, **values)


async def _rows(database: Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    result = await database.execute(sql, params)
    return [dict(row) for row in result.rows]


async def home(plugin: SitePlugin, database: Database, request: Any) -> Response:
    """Documents, plans and versions held, recommendations by RAG, what was ingested last."""
    values = {
        "title": plugin.title,
        "counts": (await _rows(database, _COUNTS))[0],
        "plans": await _rows(database, _PLANS),
        "by_rag": await _rows(database, _BY_RAG),
        "recent": await _rows(database, _RECENT),
        "recs": await _rows(database, "SELECT * FROM recommendations ORDER BY rowid"),
        "queries": QUERIES,
    }
    return Response.html(_render("site_home.html", **values))


_COUNTS = (
    "SELECT (SELECT COUNT(*) FROM documents) AS documents, "
    "(SELECT COUNT(*) FROM actions) AS rows, "
    "(SELECT COUNT(*) FROM recommendations) AS recommendations"
)
_PLANS = (
    "SELECT doc, plan_version, MAX(plan_date) AS plan_date, COUNT(*) AS rows FROM actions "
    "GROUP BY doc, plan_version ORDER BY MAX(plan_date), plan_version, doc"
)
_BY_RAG = (
    "SELECT coalesce(latest_rag, 'not rated') AS rag, COUNT(*) AS n FROM recommendations "
    "GROUP BY 1 ORDER BY n DESC"
)
_RECENT = "SELECT doc, pages, imported_at FROM documents ORDER BY imported_at DESC LIMIT 8"


async def recommendation(plugin: SitePlugin, database: Database, request: Any) -> Response:
    """One page in the site's design: the recommendation, a chart of its RAG and rows across
    every version, then its timeline, each row's ref linking to the page it is printed on."""
    key = unquote(request.url_vars["rec"])
    found = [h for h in plugin.histories if h.recommendation.id == key]
    if not found:
        missing = _render("site_missing.html", what=f"recommendation {key}", title=plugin.title)
        return Response.html(missing, 404)
    history = found[0]
    item = history_item(history)
    for entry in item["versions"]:
        for row in entry["rows"]:
            sql = "SELECT source FROM actions WHERE doc = ? AND ref = ?"
            hits = await _rows(database, sql, (entry["v"].doc, row["ref"]))
            row["url"] = hits[0]["source"] if hits else None
    chart = rag_chart(
        [
            {"plan_version": v.plan_version, "rag": v.rag, "rows": len(v.rows)}
            | {"completed": sum(1 for r in v.rows if r.completed)}
            for v in history.versions
        ]
    )
    values = {"rec": history.recommendation, "latest": latest_status(history), "item": item}
    return Response.html(_render("site_rec.html", title=plugin.title, chart=chart, **values))


async def _located(database: Database, request: Any) -> tuple[dict[str, Any] | None, Any]:
    sha, page = request.url_vars["sha"], int(request.url_vars["page"])
    docs = await _rows(database, "SELECT * FROM documents WHERE doc_sha256 = ?", (sha,))
    if not docs:
        return None, None
    doc = docs[0] | {"page": page}
    boxes: list[tuple[float, float, float, float]] = []
    row_key = request.args.get("row")
    if row_key and "." in row_key:
        table, row = row_key.split(".", 1)
        hits = await _rows(
            database,
            "SELECT * FROM actions WHERE doc_sha256 = ? AND table_index = ? AND row_index = ?",
            (sha, table, row),
        )
        if hits:
            doc["row"] = hits[0]
            boxes = boxes_on_page(hits[0]["provenance"], page, request.args.get("field"))
    return doc, boxes


async def source(plugin: SitePlugin, database: Database, request: Any) -> Response:
    doc, boxes = await _located(database, request)
    if doc is None:
        missing = _render("site_missing.html", what="that document", title=plugin.title)
        return Response.html(missing, 404)
    located = find_pdf(doc["path"], doc["doc_sha256"])
    size = await _rows(
        database,
        "SELECT width, height FROM page_sizes WHERE doc_sha256 = ? AND number = ?",
        (doc["doc_sha256"], doc["page"]),
    )
    html = _render(
        "site_source.html",
        doc=doc,
        problem=located.problem,
        boxes=boxes,
        marks=_marks(boxes, size[0] if size else None),
        query=request.query_string,
        title=plugin.title,
    )
    return Response.html(html)


def _marks(
    boxes: list[tuple[float, float, float, float]], size: dict[str, Any] | None
) -> list[dict[str, float]]:
    """The boxes as percentages of the page, for outlines laid over the image."""
    if not size:
        return []
    w, h = float(size["width"]), float(size["height"])
    return [
        {"left": 100 * x0 / w, "top": 100 * top / h}
        | {"width": 100 * (x1 - x0) / w, "height": 100 * (bottom - top) / h}
        for x0, top, x1, bottom in boxes
    ]


async def png(plugin: SitePlugin, database: Database, request: Any) -> Response:
    doc, boxes = await _located(database, request)
    located = find_pdf(doc["path"], doc["doc_sha256"]) if doc else None
    if doc is None or located is None or located.path is None:
        return Response.text(located.problem if located else "no such document", status=404)
    path = located.path
    try:
        body = await asyncio.get_running_loop().run_in_executor(
            None, render_png, path, doc["page"], boxes
        )
    except ValueError as exc:
        return Response.text(str(exc), status=404)
    return Response(body, content_type="image/png")


async def pdf(plugin: SitePlugin, database: Database, request: Any) -> Response:
    sha = request.url_vars["sha"]
    docs = await _rows(database, "SELECT doc, path FROM documents WHERE doc_sha256 = ?", (sha,))
    located = find_pdf(docs[0]["path"], sha) if docs else None
    if located is None or located.path is None:
        return Response.text(located.problem if located else "no such document", status=404)
    headers = {"content-disposition": f'inline; filename="{located.path.name}"'}
    return Response(located.path.read_bytes(), content_type="application/pdf", headers=headers)
