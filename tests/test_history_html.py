"""The HTML history page: self-contained, diffs marked up, and it renders in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from councilpapers.outputs.history_html import render_history_html
from councilpapers.tracking.tracker import track

try:
    from _recs_data import synthetic_store
except ImportError:  # pragma: no cover - run as a package
    from tests._recs_data import synthetic_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OUT = Path(__file__).parent / "out"


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    tracking = track(synthetic_store(tmp_path / "plans.sqlite"))
    path = tmp_path / "history.html"
    path.write_text(render_history_html(tracking.histories, "Plans"), encoding="utf-8")
    return path


def test_page_is_self_contained_with_diffs(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<ins>Service started in April.</ins>" in html
    assert "<del>NOT STARTED</del>" in html and "<ins>IN PROGRESS</ins>" in html
    assert "deadline pushed back without explanation: 2.2" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html
    assert html.count('class="rec"') == 4


def test_text_is_escaped() -> None:
    assert "<b>" not in render_history_html([], "<b>plan</b>")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_screenshot_in_headless_chromium(page: Path) -> None:
    OUT.mkdir(exist_ok=True)
    shot = OUT / "history.png"
    shot.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--screenshot={shot}",
                "--window-size=1280,2000",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert shot.stat().st_size > 20_000
    with Image.open(shot) as image:
        assert image.size == (1280, 2000)
        colours = image.convert("RGB").resize((320, 500)).getcolors(maxcolors=100_000)
        assert colours is not None and len(colours) > 50  # text, tables and marked-up diffs
        green = sum(n for n, (r, g, b) in colours if g > 200 and r < 215 and b < 215)
        assert green > 50  # <ins> highlights are drawn
