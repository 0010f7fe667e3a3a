"""Build randomised plans by seed: every version's PDF (alone or in a committee pack), its gold, the
plan's recommendation gold, a manifest of the dimensions drawn, and a scanned copy for a share of
seeds. Cached per seed by the generator's hash; built by at most two processes under ``nice``,
LibreOffice converting a process's Word, spreadsheet and slide files in a few calls.

Layout of ``benchmarks/out/generalise/seed-<N>/``::

    s<N>-v<K>.pdf, s<N>-v<K>.jsonl   each version and its gold rows (pages located in the PDF)
    recommendations.jsonl            per recommendation and version: number, RAG, rows, pushed back
    documents.jsonl                  pack items (seeds published in packs)
    indicators/s<N>-v<K>.jsonl       gold rows of its KPI table (table kind ``indicators``)
    manifest.json                    the design, versions (name, order, date), KPIs, notes
    scan/                            the scanned copy and its gold (a share of seeds)
    .stamp                           the generator hash the seed was built with
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ..goldfile import write_jsonl
from ..packs import make_pack
from ..scans import Scan, make_scan
from .compose import Built, Composer
from .convert import html_to_pdf, office_to_pdf
from .design import Design, draw_design
from .make_docx import write_docx
from .make_html import write_html
from .make_pdf import write_pdf
from .make_pptx import write_pptx
from .make_xlsx import write_xlsx
from .pages import locate
from .story import Version, story
from .titles import phrase
from .wordings import HELDOUT, THESAURUS, wordings_for

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "out" / "generalise"
SOURCES = ("packs.py", "scans.py", "content.py", "docx_maker.py", "pdf_maker.py", "goldfile.py")
SCORING_ONLY = ("dimensions.py", "evaluate.py")
WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "pptx": write_pptx, "html": write_html}
BATCH = 12  # files per LibreOffice call
T = TypeVar("T")


@cache
def generator_hash() -> str:
    """Hash of everything a seed's build reads: this package, the fixed styles' shared modules,
    the thesaurus and the held-out wordings."""
    digest = hashlib.sha256()
    files = [p for p in sorted(HERE.glob("*.py")) if p.name not in SCORING_ONLY]
    files += [HERE.parent / name for name in SOURCES]
    files += [THESAURUS, *sorted(HELDOUT.glob("*.yaml"))]
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def folder_of(out: Path, seed: int) -> Path:
    return out / f"seed-{seed}"


def is_fresh(folder: Path) -> bool:
    stamp = folder / ".stamp"
    return stamp.exists() and stamp.read_text() == generator_hash()


def build_seeds(
    seeds: list[int], out: Path = OUT, rebuild: bool = False, jobs: int = 2
) -> dict[int, Path]:
    """Every seed's folder, built unless up to date; ``jobs`` (at most 2) processes."""
    pending = [s for s in seeds if rebuild or not is_fresh(folder_of(out, s))]
    jobs = max(1, min(jobs, 2, len(pending)))
    chunks = [pending[i::jobs] for i in range(jobs)]
    if jobs == 1 and pending:
        build_chunk(pending, out)
    elif pending:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_nice) as pool:
            for _ in pool.map(build_chunk, chunks, [out] * jobs):
                pass
    return {seed: folder_of(out, seed) for seed in seeds}


def _nice() -> None:
    os.nice(10)


@dataclass
class Part:
    """One version being built: its document, gold, and where its files go."""

    version: Version
    built: Built
    source: Path  # the source file (or the PDF itself for reportlab)
    pdf: Path  # the plan's PDF (before any pack)


@dataclass
class Seed:
    design: Design
    composer: Composer
    versions: list[Version]
    folder: Path
    parts: list[Part]


def build_chunk(seeds: list[int], out: Path) -> None:
    """Build these seeds in this process: sources first, then one LibreOffice call per batch.
    A seed that fails is written as ``failed.txt`` (the error) in its folder, and the rest go on."""
    with tempfile.TemporaryDirectory(prefix="gensuite-seeds-") as tmp:
        prepared = [p for p in (_guarded(_prepare, seed, out, Path(tmp)) for seed in seeds) if p]
        office = [p.source for s in prepared for p in s.parts if p.source.suffix[1:] in WRITERS]
        office = [path for path in office if path.suffix != ".html"]
        for start in range(0, len(office), BATCH):
            batch = office[start : start + BATCH]
            try:
                office_to_pdf(batch, Path(tmp))
            except (RuntimeError, subprocess.SubprocessError):
                for source in batch:  # one by one: a bad file fails its seed only
                    _guarded(office_to_pdf, [source], Path(tmp))
        for seed in prepared:
            _guarded(_complete, seed, out)


def _complete(seed: Seed, out: Path) -> None:
    for part in seed.parts:
        if part.source.suffix == ".html":
            html_to_pdf(part.source, part.pdf)
        if not part.pdf.exists():
            raise RuntimeError(f"no PDF made from {part.source.name}")
    _finish(seed, out)


def _guarded(step: Callable[..., T], first: Any, *rest: Any) -> T | None:
    """Run one seed's step; on failure write the error in the seed's folder and go on."""
    try:
        return step(first, *rest)
    except Exception as error:  # a generator bug: the scorer reports the seed, never hides it
        folder = first.folder if isinstance(first, Seed) else None
        if isinstance(first, int):
            folder = folder_of(rest[0], first)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "failed.txt").write_text(f"{type(error).__name__}: {error}\n")
        print(f"build step {step.__name__} failed: {error}", file=sys.stderr)
        return None


def _prepare(seed: int, out: Path, tmp: Path) -> Seed:
    design = draw_design(seed)
    words = wordings_for(seed)
    composer = Composer(design, words)
    versions = story(design, words, composer.titles.granularity)
    folder = folder_of(out, seed)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    parts = []
    for version in versions:
        stem = f"s{seed}-v{version.index}"
        built = composer.compose(version, f"{stem}.pdf")
        pdf = tmp / f"{stem}.pdf"
        if design.producer == "reportlab":
            write_pdf(built.doc, pdf)
            source = pdf
        else:
            source = tmp / f"{stem}.{design.producer}"
            WRITERS[design.producer](built.doc, source)
        parts.append(Part(version, built, source, pdf))
    return Seed(design, composer, versions, folder, parts)


def _finish(seed: Seed, out: Path) -> None:
    notes: list[str] = []
    documents = []
    for part in seed.parts:
        doc = part.built.records[0]["doc"] if part.built.records else part.pdf.name
        for records in (part.built.records, part.built.kpis):
            missing, unprinted = locate(records, part.pdf)
            if missing:
                notes.append(f"{doc}: pages not found for {missing} rows")
            if unprinted:
                notes.append(f"{doc}: cells not printed as the gold says: {unprinted[:5]}")
        if seed.design.pack:
            documents.append(_pack(seed, part, seed.folder / doc))
        else:
            shutil.move(part.pdf, seed.folder / doc)
        write_jsonl(seed.folder / doc.replace(".pdf", ".jsonl"), part.built.records)
        if part.built.kpis:
            (seed.folder / "indicators").mkdir(exist_ok=True)
            write_jsonl(seed.folder / "indicators" / doc.replace(".pdf", ".jsonl"), part.built.kpis)
    if documents:
        write_jsonl(seed.folder / "documents.jsonl", documents)
    write_jsonl(seed.folder / "recommendations.jsonl", rec_records(seed))
    scan = _scan(seed, out, documents, notes)
    manifest = _manifest(seed, scan, notes)
    (seed.folder / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    (seed.folder / ".stamp").write_text(generator_hash())


@dataclass(frozen=True)
class _PackCouncil:
    council: str


@dataclass(frozen=True)
class _PackPlan:
    version: int
    month: str


def _pack(seed: Seed, part: Part, target: Path) -> dict[str, Any]:
    """Publish the version inside a committee pack; the gold's pages move by the front matter."""
    titles, when = seed.composer.titles, part.version.when
    label = phrase(titles, part.version.index, when)
    listing = make_pack(
        _PackCouncil(titles.council),  # type: ignore[arg-type]
        _PackPlan(part.version.index, f"{when:%B %Y}"),  # type: ignore[arg-type]
        part.pdf,
        target,
        part.version.index % 2 == 1,
        label,
    )
    for record in (*part.built.records, *part.built.kpis):
        if record["pages"]:
            record["pages"] = [page + listing["plan_offset"] for page in record["pages"]]
    return listing


def rec_records(seed: Seed) -> list[dict[str, Any]]:
    """Per recommendation: its wording and, per version, number, rating, rows, pushed back."""
    out = []
    for finding in seed.versions[0].findings:
        versions = {}
        for part in seed.parts:
            rows = [r for r in part.built.records if r["rec"] == finding.key]
            current = next(f for f in part.version.findings if f.key == finding.key)
            refs = {r["item"]: r for r in rows}
            printer = seed.composer.printer
            versions[part.built.plan_version] = {
                "number": current.number,
                "title": current.text,
                "rag": printer.rating(current.items) if seed.design.summary else None,
                "rows": [{"ref": r["ref"], "part": r["part"], "pages": r["pages"]} for r in rows],
                "pushed_back": [
                    {
                        "ref": refs[p.item]["ref"],
                        "from": printer.due(p.before).text,
                        "to": printer.due(p.after).text,
                        "explained": p.explained,
                    }
                    for p in part.version.pushed
                    if p.rec == finding.key and p.item in refs
                ],
            }
        out.append({"id": finding.key, "text": finding.text, "versions": versions})
    return out


def _scan(seed: Seed, out: Path, documents: list[dict[str, Any]], notes: list[str]) -> str | None:
    """A scanned copy of the last version's first pages (after a pack's front matter)."""
    spec = seed.design.scan
    if spec is None:
        return None
    doc = seed.parts[-1].built.records[0]["doc"]
    offset = documents[-1]["plan_offset"] if documents else 0
    scan = Scan(f"{seed.folder.name}/{doc[:-4]}", offset + 2, spec.dpi, spec.colour, spec.tilt,
                spec.noise, spec.quality)  # fmt: skip
    folder = seed.folder / "scan"
    folder.mkdir()
    try:
        make_scan(scan, out, folder, np.random.default_rng(seed.design.seed))
    except ValueError as error:
        notes.append(f"no scan: {error}")
        shutil.rmtree(folder)
        return None
    return scan.name


def _manifest(seed: Seed, scan: str | None, notes: list[str]) -> dict[str, Any]:
    titles = seed.composer.titles
    return {
        "seed": seed.design.seed,
        "generator": generator_hash(),
        "design": seed.design.manifest(),
        "titles": {"council": titles.council, "plan": titles.plan, "version": titles.template},
        "versions": [
            {
                "doc": part.built.records[0]["doc"] if part.built.records else None,
                "plan_version": part.built.plan_version,
                "order": part.version.index,
                "date": part.version.when.isoformat(),
                "phrase": phrase(titles, part.version.index, part.version.when),
            }
            for part in seed.parts
        ],
        "kpis": {
            p.built.records[0]["doc"]: [k["fields"]["measures"] for k in p.built.kpis]
            for p in seed.parts
            if p.built.kpis
        },
        "scan": scan,
        "notes": notes,
    }
