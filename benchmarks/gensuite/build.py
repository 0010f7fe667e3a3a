"""Build the suite: every style's plan versions as PDFs with their gold, cached by generator hash.

Layout of the output folder (default ``benchmarks/out/gensuite``)::

    <style>/<style>-v<N>.pdf        one PDF per plan version
    <style>/<style>-v<N>.jsonl      its gold rows
    <style>/recommendations.jsonl   per recommendation and version: number, RAG, rows, pushed back
    <style>/.stamp                  hash of the generator's sources when this style was built

A style is rebuilt when the generator's sources change (not ``SCORING_ONLY`` modules), or
with ``rebuild=True``.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from functools import cache
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
SCORING_ONLY = ("links.py", "packscore.py")  # changing these does not change what is built


@cache
def source_hash() -> str:
    """Hash of the generator's sources, once per process (what this process builds with)."""
    digest = hashlib.sha256()
    for path in sorted(HERE.glob("*.py")):
        if path.name in SCORING_ONLY:
            continue
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def plans_of(style: Style) -> list[Plan]:
    return plan_versions(
        style.seed, style.count, style.sizes, style.months, style.completed_title is not None
    )


def build_style(style: Style, out: Path, rebuild: bool = False) -> Path:
    """The style's folder, built unless it is up to date."""
    folder = out / style.name
    stamp, digest = folder / ".stamp", source_hash()
    if not rebuild and stamp.exists() and stamp.read_text() == digest:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    plans = plans_of(style)
    rows: dict[str, list[dict[str, Any]]] = {}
    documents = []
    for plan in plans:
        doc = f"{style.name}-v{plan.version}.pdf"
        records, listing = _plan_document(style, plan, folder, doc)
        documents += [listing] if listing else []
        rows[plan_version(style, plan)] = records
        write_jsonl(folder / f"{style.name}-v{plan.version}.jsonl", records)
    if style.pack:
        from .packs import inspection_report

        inspection_report(style, plans[0], folder / f"{style.name}-inspection.pdf")
        write_jsonl(folder / "documents.jsonl", documents)
    write_jsonl(folder / "recommendations.jsonl", rec_records(style, plans, rows))
    stamp.write_text(digest)
    return folder


def _plan_document(
    style: Style, plan: Plan, folder: Path, doc: str
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Make one version's PDF (alone, or inside a pack) and its gold rows with their pages."""
    records = row_records(style, plan, doc)
    with tempfile.TemporaryDirectory() as tmp:
        plan_pdf = folder / doc if not style.pack else Path(tmp) / doc
        known = make_pdf(style, plan, plan_pdf)
        if known is None:
            locate_pages(records, plan_pdf)
        else:
            set_pages(records, known)
        unplaced = [r["ref"] for r in records if not r["pages"]]
        if unplaced:
            print(f"note: {doc}: no pages found for rows {unplaced}", file=sys.stderr)
        if not style.pack:
            return records, None
        from .packs import make_pack

        listing = make_pack(style, plan, plan_pdf, folder / doc, plan.version % 2 == 1)
    offset = listing["plan_offset"]
    for record in records:
        if record["pages"]:
            record["pages"] = [page + offset for page in record["pages"]]
    return records, listing


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


def build_scans(
    out: Path = DEFAULT_OUT, rebuild: bool = False, only: list[str] | None = None
) -> dict[str, Path]:
    """The scanned copies (``scans.py``; or those named), each in ``scans/<name>/`` with its
    gold, their source styles built first; cached like a style."""
    import numpy as np

    from .scans import SCANS, make_scan

    chosen = [s for s in SCANS if not only or s.name in only]
    build_all(out, sorted({scan.source.split("/")[0] for scan in chosen}), rebuild)
    folders, digest = {}, source_hash()
    for index, scan in enumerate(SCANS):
        if scan not in chosen:
            continue
        folder = out / "scans" / scan.name
        folders[scan.name] = folder
        stamp = folder / ".stamp"
        if not rebuild and stamp.exists() and stamp.read_text() == digest:
            continue
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        make_scan(scan, out, folder, np.random.default_rng(index))
        stamp.write_text(digest)
    return folders
