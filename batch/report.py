"""What a batch did: a result per file, and in words: imported, replaced, copy of another file,
unchanged, skipped (not a PDF), refused, each file accounted for once.

The batch reports imported / unchanged / refused per file; the file states the store held before the
run tell a first import from a replacement, and an "unchanged" whose content another path already
holds is a copy of that path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

COPY = "same content as "
LISTED = 20

Status = Literal["imported", "unchanged", "refused"]


@dataclass(frozen=True, slots=True)
class FileResult:
    """What became of one file (its path printable); pages, tables and rows when imported."""

    path: str
    status: Status
    reason: str | None = None
    pages: int = 0
    tables: int = 0
    rows: int = 0
    retryable: bool = False


@dataclass(frozen=True, slots=True)
class Prior:
    """A path's state in the store before the run."""

    status: str
    sha256: str | None


@dataclass
class IngestSummary:
    """Files by outcome, each as (path, detail)."""

    imported: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    copies: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.imported,
                self.replaced,
                self.copies,
                self.unchanged,
                self.skipped,
                self.refused,
            )
        )

    def headline(self) -> str:
        """One line; the first three counts keep the order earlier versions printed."""
        return (
            f"{self.total} files: {len(self.imported)} imported, {len(self.unchanged)} unchanged, "
            f"{len(self.refused)} refused, {len(self.replaced)} replaced, "
            f"{len(self.copies)} copies, {len(self.skipped)} skipped (not a PDF)"
        )

    def details(self) -> list[str]:
        """A line per replaced, copied, skipped and refused file (skips listed up to 20)."""
        lines = [f"  replaced: {path}" for path in self.replaced]
        lines += [f"  {path}: copy of {twin}" for path, twin in self.copies]
        lines += [f"  skipped, not a PDF: {path}" for path in self.skipped[:LISTED]]
        if len(self.skipped) > LISTED:
            lines.append(f"  … and {len(self.skipped) - LISTED} more skipped")
        lines += [f"  refused: {reason}" for _, reason in self.refused]
        return lines


def summarise(
    results: Sequence[FileResult],
    before: Mapping[str, Prior],
    skipped: Sequence[Path] = (),
    holders: Mapping[str, str] | None = None,
) -> IngestSummary:
    """Sort the batch's results into the summary's outcomes.

    `holders` maps a file path to the path of the stored document holding its content, after the
    run: an "imported" file whose content another path holds was a copy imported in the same run."""
    summary = IngestSummary(skipped=[str(p) for p in skipped])
    for result in results:
        prior = before.get(result.path)
        holder = (holders or {}).get(result.path, result.path)
        if result.status == "refused":
            summary.refused.append((result.path, result.reason or "refused"))
        elif result.status == "imported" and holder != result.path:
            summary.copies.append((result.path, holder))
        elif result.status == "imported":
            was_imported = prior is not None and prior.status == "imported"
            (summary.replaced if was_imported else summary.imported).append(result.path)
        elif result.reason and result.reason.startswith(COPY):
            summary.copies.append((result.path, result.reason[len(COPY) :]))
        else:
            summary.unchanged.append(result.path)
    return summary


@dataclass
class BatchReport:
    """Every file's result, in the order they were answered; the non-PDFs skipped; what the store
    held for each path before the run, and which stored document holds each file's content after
    it (for telling replacements and copies in the summary)."""

    results: list[FileResult] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    before: dict[str, Prior] = field(default_factory=dict)
    holders: dict[str, str] = field(default_factory=dict)

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def refused(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "refused"]

    def summary(self) -> IngestSummary:
        return summarise(self.results, self.before, self.skipped, self.holders)
