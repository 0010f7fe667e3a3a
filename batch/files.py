"""What a batch was given, found once: the PDFs to read, the files that are not PDFs, the paths
that cannot be used.

Each path given is expanded (folders searched recursively, `ingest.discover.find_files`); a file
that is not a PDF by its name nor by its first bytes (a README, JSON) is skipped, not refused,
except a fetched PDF's sidecar beside its PDF (`<file>.pdf.json`), which belongs to that PDF and
is passed over without a word; a path that cannot be used (missing, a dangling link, a symlink
loop, a folder that cannot be opened, a pipe) is kept with its one-line reason, in the order it
was met, so the batch refuses it where it stood among the files. Each PDF's path relative to the
folder it was found in (its name, when the file was given itself) is its `source`: two
`Appendix A.pdf` in two folders can be told apart. Files given one by one that belong to one
folder (a fetch run's downloads) can name that folder as `root`: their sources are then relative
to it, as if the folder had been given.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from councilpapers.ingest.discover import find_files
from councilpapers.ingest.sidecar import is_sidecar
from councilpapers.records import printable

PDF_MAGIC = b"%PDF"


@dataclass(frozen=True, slots=True)
class Found:
    """A PDF to read (`reason` None), or a path that cannot be used and why."""

    path: Path
    source: str | None = None
    reason: str | None = None


@dataclass
class Discovery:
    """Everything found, in order: PDFs and unusable paths (`found`), and the non-PDFs skipped."""

    found: list[Found] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def looks_like_pdf(path: Path) -> bool:
    """A .pdf name or %PDF in the first kilobyte (a PDF may have junk before its header)."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as handle:
            return PDF_MAGIC in handle.read(1024)
    except OSError:
        return True  # let the batch report why it cannot be read


def discover(
    paths: Iterable[str | Path], ignore: Collection[str] = (), root: Path | None = None
) -> Discovery:
    """Expand the paths given, each file once (the first path that finds it names its source);
    `ignore` holds the real paths of files that are not papers (the store's own, when it is kept
    in the folder being ingested); `root`, a folder the sources are relative to."""
    discovery = Discovery()
    seen: set[str] = set()

    def unusable(path: Path, reason: str) -> None:
        name = printable(path)
        why = reason if name in reason else f"{name}: {reason}"
        discovery.found.append(Found(path, reason=why))

    for raw in paths:
        given = Path(raw)
        for file in find_files([given], on_skip=unusable):
            if str(file) in seen or os.path.realpath(file) in ignore:
                continue
            seen.add(str(file))
            if not looks_like_pdf(file):
                if not is_sidecar(file):
                    discovery.skipped.append(file)
                continue
            source = _source(file, root or given)
            discovery.found.append(Found(file, printable(source)))
    return discovery


def _source(file: Path, folder: Path) -> str:
    """The file's path relative to the folder it was found in (or named for), else its name."""
    if folder.is_dir() and file.is_relative_to(folder):
        return str(file.relative_to(folder))
    return file.name
