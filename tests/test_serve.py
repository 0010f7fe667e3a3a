"""`councilpapers serve` without a browser: tables, search, canned queries, pages, refusals.

Runs Datasette in process (its ASGI test client) on the small synthetic tracking store, whose
documents have no file on disk, so the source page's "file has moved" path is exercised too.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.outputs import dictionary
from councilpapers.outputs.rag_chart import rag_chart
from councilpapers.outputs.serve import make_datasette
from councilpapers.outputs.site_meta import QUERIES

try:
    from _recs_data import synthetic_store
except ImportError:  # pragma: no cover - run as a package
    from tests._recs_data import synthetic_store


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = synthetic_store(tmp_path_factory.mktemp("serve") / "plans.sqlite")
    return make_datasette(db)


def get(site: Any, path: str) -> Any:
    return asyncio.run(site.client.get(path))


def test_actions_table_has_the_export_columns_and_descriptions(site: Any) -> None:
    rows = get(site, "/council/actions.json?_shape=array&_size=max").json()
    assert rows and set(dictionary.ACTIONS) <= set(rows[0])
    page = get(site, "/council/actions").text
    assert dictionary.ACTIONS["due_kind"].split("`")[1] in page  # column description given


def test_column_descriptions_wait_behind_a_closed_block(site: Any) -> None:
    """The results come first: the descriptions are in a <details> that starts closed, and
    Datasette's own open list of them is hidden by the site's style sheet."""
    page = get(site, "/council/actions").text
    block = page.index('<details class="column-help">')
    assert "<summary>What the columns mean" in page[block:] and "<details open" not in page
    assert page.index("What the columns mean") < page.index('class="rows-and-columns')
    assert "/-/councilpapers.css" in page
    style = get(site, "/-/councilpapers.css")
    assert style.status_code == 200 and "dl.column-descriptions{display:none}" in style.text


def test_full_text_search_finds_an_action_by_a_word(site: Any) -> None:
    rows = get(site, "/council/actions.json?_shape=array&_search=interview").json()
    assert rows and all("interview" in " ".join(str(v) for v in r.values()).lower() for r in rows)


def test_every_canned_query_runs(site: Any) -> None:
    for name in QUERIES:
        response = get(site, f"/council/{name}.json?_shape=array")
        assert response.status_code == 200, name


def test_recommendation_page_shows_each_version_and_a_chart(site: Any) -> None:
    recs = get(site, "/council/recommendations.json?_shape=array").json()
    rec = next(r for r in recs if r["versions"] >= 2)
    page = get(site, rec["page"]).text
    assert "<svg" in page and "RAG and rows completed across versions" in page
    versions = get(
        site, f"/council/recommendation_versions.json?_shape=array&recommendation={rec['id']}"
    ).json()
    assert len(versions) == rec["versions"]
    for version in versions:
        assert f"Version {version['plan_version']}" in page


def test_recommendation_page_is_one_page_in_the_site_design(site: Any) -> None:
    """One document (one <html>, one <title>, one <h1>) with the site's header; the chart
    comes before the timeline; no second report stacked under it."""
    rec = get(site, "/council/recommendations.json?_shape=array").json()[0]
    page = get(site, rec["page"]).text
    for tag in ("<html", "<head>", "<h1", "<body"):
        assert page.count(tag) == 1, tag
    assert page.split("</head>")[0].count("<title>") == 1  # (the chart's dots have titles too)
    assert "read only" in page and "what the plan reported against each" not in page
    assert page.index('class="rag-chart"') < page.index('class="version"')


def test_source_page_says_when_the_file_has_moved(site: Any) -> None:
    row = get(site, "/council/actions.json?_shape=array&_size=1").json()[0]
    page = get(site, row["source"])
    assert page.status_code == 200 and "no longer at" in page.text
    assert get(site, row["source"].replace("?", ".png?", 1)).status_code == 404


def test_home_page_counts_what_the_store_holds(site: Any) -> None:
    page = get(site, "/").text
    assert "recommendations" in page and "Plans and versions held" in page


def test_document_text_is_escaped_in_pages(site: Any) -> None:
    page = get(site, "/").text
    assert "<script" not in page.lower().replace("<script type", "")


def test_rag_chart_shows_every_version_an_unrated_one_as_not_rated() -> None:
    svg = rag_chart(
        [
            {"plan_version": "3", "rag": "Red", "completed": 0, "rows": 2},
            {"plan_version": "4", "rag": None, "completed": 1, "rows": 2},
            {"plan_version": "5", "rag": "Green", "completed": 2, "rows": 2},
        ]
    )
    assert svg.count("<circle") == 3 and "<polyline" in svg and "2/2 done" in svg
    assert svg.count('class="not-rated"') == 1 and "Version 4: not rated" in svg
    assert ">Not rated</text>" in svg  # the lane is labelled


def test_serve_refuses_an_unreachable_or_missing_store(tmp_path: Path) -> None:
    """Served like any store (tests/test_store_urls.py), refused like any: one line each."""
    runner = CliRunner()
    pg = runner.invoke(app, ["serve", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert pg.exit_code == 1 and pg.output.startswith("Error: cannot connect to postgresql://")
    missing = runner.invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'nope.sqlite'}"])
    assert missing.exit_code == 2 and "no store at" in missing.output
    assert not (tmp_path / "nope.sqlite").exists()


def test_export_store_copies_every_table(tmp_path: Path) -> None:
    import sqlite3

    db = synthetic_store(tmp_path / "plans.sqlite")
    out = tmp_path / "copy.sqlite"
    result = CliRunner().invoke(app, ["export", "store", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    for table in ("documents", "table_rows", "row_cells"):
        query = f"SELECT COUNT(*) FROM {table}"
        with sqlite3.connect(db) as a, sqlite3.connect(out) as b:
            assert a.execute(query).fetchone() == b.execute(query).fetchone()
    again = CliRunner().invoke(app, ["export", "store", "--db", db, "--out", str(out)])
    assert again.exit_code == 1 and "exists" in again.output


def test_themes_and_leads_are_served_as_arrays_and_faceted_as_arrays(site: Any) -> None:
    rows = get(site, "/council/actions.json?_shape=array&_size=max").json()
    assert all(isinstance(json.loads(r[c]), list) for r in rows for c in ("themes", "leads"))
    data = get(site, "/council/actions.json?_size=0").json()
    assert {"themes", "leads"} <= set(data["facet_results"])
