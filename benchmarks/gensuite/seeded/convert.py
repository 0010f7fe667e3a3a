"""Source files to PDF: LibreOffice for Word, spreadsheet and slide files (several files per call,
one profile per call, so two builders can run side by side), headless Chromium for HTML pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def office_to_pdf(sources: list[Path], out_dir: Path) -> None:
    """Convert every file with one LibreOffice run; each PDF lands in ``out_dir``."""
    if not sources:
        return
    with tempfile.TemporaryDirectory(prefix="lo-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=120 + 30 * len(sources),
            env={**os.environ, "HOME": profile},
        )
    missing = [s.name for s in sources if not (out_dir / (s.stem + ".pdf")).exists()]
    if missing:
        raise RuntimeError(f"LibreOffice made no PDF from {', '.join(missing)}")


def html_to_pdf(source: Path, target: Path) -> None:
    """Print one page with headless Chromium (no header or footer, no network)."""
    browser = next((b for b in CHROMIUM if shutil.which(b)), None)
    if browser is None:
        raise RuntimeError("Chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-pdf-header-footer",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={target}",
                source.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    if not target.exists():
        raise RuntimeError(f"Chromium made no PDF from {source}")
