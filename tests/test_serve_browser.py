"""`councilpapers serve` in a real browser, on the corpus: what a scrutiny member clicks.

Starts the server as a user would (a subprocess on a free port) on a store of ../shared/corpus,
and drives the Chromium that .ci/run installs through Playwright. Screenshots go to tests/out/.
Slow (it ingests the corpus), so it runs where the accuracy floors run: in CI.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, needs_floors

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUT = Path(__file__).resolve().parent / "out"
CLI = [sys.executable, "-c", "from councilpapers.cli import app; app()"]

pytestmark = [
    needs_floors,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("browser") / "corpus.sqlite")
    subprocess.run([*CLI, "ingest", str(CORPUS), "--db", db, "--jobs", "2"], check=True)
    return db


@pytest.fixture(scope="module")
def server(store: str) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--db", store, "--port", str(port)])
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    yield context.new_page()
    context.close()


def _shot(page: Any, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / f"serve-{name}.png"), full_page=False)


def _on_first_screen(page: Any) -> None:
    """The results start on the first screen: the table's header and the top of its first row
    are inside the viewport as the page opens, and the column descriptions wait, closed."""
    table = page.locator("table.rows-and-columns").bounding_box()
    assert table is not None and table["y"] + 80 < page.viewport_size["height"], table
    assert not page.locator("details.column-help dl").is_visible()
    assert not page.locator("dl.column-descriptions").is_visible()
    page.locator("details.column-help summary").click()
    assert page.locator("details.column-help dl").is_visible()  # one click away
    page.locator("details.column-help summary").click()


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_home_page_loads_in_under_a_second(server: str, page: Any) -> None:
    started = time.perf_counter()
    page.goto(server + "/")
    elapsed = time.perf_counter() - started
    assert page.locator("text=Recommendations by latest RAG").is_visible()
    _shot(page, "home")
    assert elapsed < 1.0, f"first page load took {elapsed:.2f} s"


def test_search_finds_an_action_by_a_word_of_its_text(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("input[type=search]", "tracker")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "_search=tracker" in page.url
    cells = page.locator("td.col-actions, td.col-progress, td.col-outcome").all_inner_texts()
    assert any("tracker" in c.lower() for c in cells)
    _on_first_screen(page)
    _shot(page, "search")


def test_a_facet_narrows_the_table(server: str, page: Any) -> None:
    page.goto(server + "/council/actions")
    before = _json(server + "/council/actions.json?_size=0")["filtered_table_rows_count"]
    page.locator(".facet-info[data-column=plan_version] a").first.click()
    page.wait_for_load_state()
    assert "plan_version=" in page.url
    after = _json(page.url.replace("/council/actions?", "/council/actions.json?_size=0&"))
    assert 0 < after["filtered_table_rows_count"] < before
    _on_first_screen(page)
    _shot(page, "facet")


def test_lead_facet_counts_each_lead_once(server: str) -> None:
    data = _json(server + "/council/actions.json?_size=0")
    values = [v["value"] for v in data["facet_results"]["leads"]["results"]]
    assert values and all(";" not in str(v) for v in values)
    lead = urllib.request.quote(str(values[0]))
    rows = _json(f"{server}/council/actions.json?_shape=array&leads__arraycontains={lead}")
    assert rows and all(values[0] in json.loads(r["leads"]) for r in rows)


def test_recommendation_page_shows_every_version_with_its_rag(server: str, page: Any) -> None:
    """One page in the site's design: the chart (a dot for every version, a version with no
    rating on the "not rated" lane), then the timeline; no second document under it."""
    recs = _json(server + "/council/recommendations.json?_shape=array&_size=max")
    rec = max(recs, key=lambda r: (r["versions"], r["latest_rag"] is not None))
    versions = _json(
        server
        + "/council/recommendation_versions.json?_shape=array&recommendation="
        + urllib.request.quote(rec["id"])
    )
    assert any(not v["rag"] for v in versions), "pick a recommendation with an unrated version"
    page.goto(server + rec["page"])
    text = page.inner_text("body")
    for version in versions:
        assert f"Version {version['plan_version']}" in text
        if version["rag"]:
            assert version["rag"] in text
    chart = page.locator("svg.rag-chart")
    assert chart.count() == 1 and chart.locator("circle").count() == len(versions)
    assert chart.locator("circle.not-rated").count() == sum(not v["rag"] for v in versions)
    assert page.locator("h1").count() == 1 and page.locator("header").count() == 1
    timeline = page.locator(".version").first.bounding_box()
    assert timeline is not None and chart.bounding_box()["y"] < timeline["y"]
    assert chart.bounding_box()["y"] < page.viewport_size["height"]
    _shot(page, "recommendation")


def test_source_link_shows_the_page_with_the_cell_highlighted(server: str, page: Any) -> None:
    from PIL import Image

    page.goto(server + "/council/actions?table_kind=action_plan&_sort=rowid")
    page.locator("td.col-source a").first.click()
    page.wait_for_load_state("networkidle")
    image = page.locator("img.page")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    _shot(page, "source")
    src = image.get_attribute("src")
    assert src is not None
    marked = Image.open(io.BytesIO(urllib.request.urlopen(server + src).read())).convert("RGB")
    plain = Image.open(
        io.BytesIO(urllib.request.urlopen(server + src.split("?")[0]).read())
    ).convert("RGB")
    assert page.locator("#cell").is_visible()  # the page opens scrolled to the cell's outline
    row_key = page.url.split("row=")[1].split("#")[0]
    table, row = row_key.split(".")
    record = _json(
        f"{server}/council/actions.json?_shape=array&table_index={table}&row_index={row}"
        f"&doc_sha256={src.split('/')[3]}"
    )[0]
    number = int(src.split("/")[4].split(".")[0])
    x0, top, x1, bottom = next(
        b[1:]
        for spans in json.loads(record["provenance"]).values()
        for b in spans
        if b[0] == number
    )
    scale = marked.width / plain.width * 110 / 72
    centre = (int((x0 + x1) / 2 * scale), int((top + bottom) / 2 * scale))
    outside = (5, 5)
    assert marked.getpixel(centre) != plain.getpixel(centre)  # highlighted inside the box
    assert marked.getpixel(outside) == plain.getpixel(outside)  # untouched elsewhere


def test_actions_json_link_returns_the_export_rows(
    server: str, store: str, page: Any, tmp_path: Path
) -> None:
    page.goto(server + "/council/actions")
    href = page.locator("a[href*='actions.json']").first.get_attribute("href")
    assert href is not None
    served = _json(server + href.split("?")[0] + "?_shape=array&_size=max")
    out = tmp_path / "actions.json"
    subprocess.run(
        [*CLI, "export", "actions", "--db", store, "-f", "json", "-o", str(out)], check=True
    )
    exported = json.loads(out.read_text(encoding="utf-8"))
    keys = ("doc", "table_kind", "plan_version", "ref", "actions", "status", "page_first")
    assert [tuple(str(r[k]) for k in keys) for r in served] == [
        tuple(str(r[k]) for k in keys) for r in exported
    ]
