"""A large file read by several workers at once: its pages split into parts, then finished by one.

When a batch has fewer files than workers (one large pack, say), workers would stand idle: a
file of at least `SPLIT_PAGES` pages is then not one job but parts, two per worker, each reading
a run of its pages (`ingest.pdf.read_part`); when every part is back, a `Finish` job (first in
the queue) sets the furniture aside and extracts and tags the file in one worker
(`ingest.pdf.assemble`: extraction needs the whole document). Reading is most of what a file
costs, but the pages go to the batch process and back (pickled), and extraction stays in one
worker, so the gain is modest (see the README's figures). With as many files as workers, files
are not split: every worker is busy anyway. A part that is refused (damage, a limit, a worker
that died) refuses the file with its reason; its other parts are dropped as they come back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from councilpapers.batch.jobs import Finish, Job, Outcome, Part, Refusal, Task
from councilpapers.records import Page

SPLIT_PAGES = 24  # a file with at least this many pages is read in parts by the workers


def page_count(path: str) -> int:
    """The file's pages as pdfium counts them (0 when it cannot open it: not split)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except Exception:  # a damaged file is read whole, and refused whole
        return 0
    try:
        return len(document)
    finally:
        document.close()


def split(jobs: Iterable[Job], workers: int, counted: dict[str, int]) -> Iterator[Task]:
    """The jobs with each large file (by `counted` pages) as parts, two per worker (pages vary:
    a worker done early takes another part)."""
    for job in jobs:
        pages = counted.get(job.path, 0)
        if workers < 2 or pages < SPLIT_PAGES:
            yield job
            continue
        parts = min(2 * workers, pages // (SPLIT_PAGES // 2))
        bounds = [round(pages * i / parts) for i in range(parts + 1)]
        for first, last in itertools.pairwise(bounds):
            yield Part(job, range(first + 1, last + 1))


@dataclass
class Gathering:
    """The parts of the files being read in parts, as they come back."""

    expected: dict[str, int] = field(default_factory=dict)
    read: dict[str, dict[int, tuple[Page, ...]]] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)

    def expect(self, tasks: list[Task]) -> None:
        for task in tasks:
            if isinstance(task, Part):
                self.expected[task.path] = self.expected.get(task.path, 0) + 1

    def take(self, task: Task, outcome: Any) -> tuple[Job, Outcome] | Finish | None:
        """A result of the pool: a file's outcome to store, a Finish to queue first, or nothing
        yet (a part of a file whose other parts are still out, or already refused)."""
        if not isinstance(task, Part):
            job = task.job if isinstance(task, Finish) else task
            return job, outcome
        if task.path in self.refused:
            return None
        if isinstance(outcome, Refusal):
            self.refused.add(task.path)
            return task.job, outcome
        parts = self.read.setdefault(task.path, {})
        parts[task.numbers.start] = outcome
        if len(parts) < self.expected[task.path]:
            return None
        pages = tuple(page for start in sorted(parts) for page in parts[start])
        del self.read[task.path]
        return Finish(task.job, pages)
