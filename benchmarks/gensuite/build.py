"""Build the suite: every style's plan versions as PDFs with their gold, cached by generator hash.

Layout of the output folder (default ``benchmarks/out/gensuite``)::

    <style>/<style>-v<N>.pdf        one PDF per plan version
    <style>/<style>-v<N>.jsonl      its gold rows
    <style>/recommendations.jsonl   per recommendation and version: number, RAG, rows, pushed back
    <style>/.stamp                  hash of the generator's sources when this style was built

A style is rebuilt when the generator's sources change (or with ``rebuild=True``).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .content import Plan, plan_versions
from .goldfile import (
    Pages,
    locate_pages,
    plan_version,
    rec_records,
    row_records,
    set_pages,
    write_jsonl,
)
from .styles import STYLES, Style

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "out" / "gensuite"


def source_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(HERE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def plans_of(style: Style) -> list[Plan]:
    return plan_versions(
        style.seed, style.count, style.sizes, style.months, style.completed_title is not None
    )


def build_style(style: Style, out: Path, rebuild: bool = False) -> Path:
    """The style's folder, built unless it is up to date."""
    folder = out / style.name
    stamp = folder / ".stamp"
    if not rebuild and stamp.exists() and stamp.read_text() == source_hash():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    plans = plans_of(style)
    rows: dict[str, list[dict[str, Any]]] = {}
    for plan in plans:
        doc = f"{style.name}-v{plan.version}.pdf"
        known = make_pdf(style, plan, folder / doc)
        records = row_records(style, plan, doc)
        if known is None:
            locate_pages(records, folder / doc)
        else:
            set_pages(records, known)
        rows[plan_version(style, plan)] = records
        write_jsonl(folder / f"{style.name}-v{plan.version}.jsonl", records)
    write_jsonl(folder / "recommendations.jsonl", rec_records(style, plans, rows))
    stamp.write_text(source_hash())
    return folder


def make_pdf(style: Style, plan: Plan, target: Path) -> Pages | None:
    """Set one plan version in type with the style's maker. Returns each row's pages when the
    maker knows them by construction (else they are located in the PDF afterwards)."""
    if style.maker == "reportlab":
        from .pdf_maker import write_pdf

        return write_pdf(style, plan, target)
    from .docx_maker import to_pdf, write_docx
    from .pptx_maker import write_pptx

    pages = None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / (target.stem + "." + style.maker)
        if style.maker == "docx":
            write_docx(style, plan, source)
        elif style.maker == "pptx":
            pages = write_pptx(style, plan, source)
        else:
            raise ValueError(f"style {style.name}: unknown maker {style.maker!r}")
        shutil.move(to_pdf(source, Path(tmp)), target)
    return pages


def build_all(
    out: Path = DEFAULT_OUT, only: list[str] | None = None, rebuild: bool = False
) -> dict[str, Path]:
    """Every style (or those named), built or found up to date: name -> folder."""
    chosen = [s for s in STYLES if not only or s.name in only]
    return {s.name: build_style(s, out, rebuild) for s in chosen}
