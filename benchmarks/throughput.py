"""Throughput of the whole pipeline against plain pdfplumber `extract_tables`, in one run.

    python benchmarks/throughput.py [FOLDER ...] [--jobs N] [--repeat R]

Defaults to ../shared/corpus and ../shared/real/{kent,ofsted}. For the same pages it times:
plain pdfplumber (open, `extract_tables` on every page, close) in this process; the pipeline
(`ingest_paths` into a fresh SQLite file: read, extract tables, pack items and meeting facts, tag
the rows, store) with 1 worker and with N; then an unchanged re-import of the N-worker store.
Prints wall time, CPU time (this process; the 1-worker runs are in-process, so CPU time there is
immune to other load on the machine), pages/s, peak RSS of one process and of the whole process
tree (sampled every 50 ms with psutil), and the acceptance ratios. Best of R repeats.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import psutil

from councilpapers.batch.run import default_jobs, ingest_paths
from councilpapers.corpus.store import Store
from councilpapers.ingest.discover import find_files

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT = [SHARED / "corpus", SHARED / "real" / "kent", SHARED / "real" / "ofsted"]


@dataclass
class Timing:
    wall: float
    cpu: float
    peak_process: float  # MiB
    peak_tree: float  # MiB


class PeakMemory:
    """Sample the RSS of this process and all its descendants until stopped."""

    def __init__(self) -> None:
        self.process, self.tree, self._stop = 0.0, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while True:
            sizes = []
            for proc in [me, *me.children(recursive=True)]:
                try:
                    sizes.append(proc.memory_info().rss / 2**20)
                except psutil.Error:
                    continue
            self.process = max(self.process, *sizes)
            self.tree = max(self.tree, sum(sizes))
            if self._stop.wait(0.05):
                return


def measure(work: Callable[[], object]) -> Timing:
    with PeakMemory() as peak:
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Timing(wall, cpu, peak.process, peak.tree)


def plain_pdfplumber(files: list[Path]) -> None:
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                    page.close()
        except Exception:
            continue


def pipeline(files: list[Path], db: Path, jobs: int) -> Callable[[], object]:
    def run() -> None:
        with Store.open(str(db)) as store:
            report = ingest_paths(files, store, jobs=jobs)
        assert len(report.results) == len(files)

    return run


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_ceiling(jobs: int, n: int = 20_000_000) -> float:
    """Speed-up of pure CPU work on `jobs` processes here and now: what other load leaves us."""
    start = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(jobs) as pool:
        start = time.perf_counter()
        list(pool.map(_burn, [n] * jobs))
        many = time.perf_counter() - start
    return jobs * one / many


def pages_of(files: list[Path]) -> int:
    total = 0
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                total += len(pdf.pages)
        except Exception:
            continue
    return total


def best(runs: list[Timing]) -> Timing:
    return min(runs, key=lambda t: t.wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = [p for p in find_files(args.folders) if p.suffix.lower() == ".pdf"]
    pages = pages_of(files)
    print(
        f"{len(files)} PDFs, {pages} pages; {psutil.cpu_count()} CPUs; pipeline = "
        "councilpapers.batch.jobs.extract_file (read, tables, pack items, tags) + store (SQLite)"
    )
    plain, one, many, again = [], [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            plain.append(measure(lambda: plain_pdfplumber(files)))
            one.append(measure(pipeline(files, Path(tmp) / "one.sqlite", 1)))
            many.append(measure(pipeline(files, Path(tmp) / "many.sqlite", args.jobs)))
            again.append(measure(pipeline(files, Path(tmp) / "many.sqlite", args.jobs)))
    report(pages, args.jobs, best(plain), best(one), best(many), best(again))
    print(
        f"machine ceiling: pure CPU work on {args.jobs} processes ran "
        f"{machine_ceiling(args.jobs):.2f}x faster than on 1, in this run"
    )


def report(pages: int, jobs: int, plain: Timing, one: Timing, many: Timing, again: Timing) -> None:
    rows = [
        ("pdfplumber extract_tables", plain),
        ("pipeline, 1 worker", one),
        (f"pipeline, {jobs} workers", many),
        ("unchanged re-import", again),
    ]
    print(f"{'run':28} {'wall s':>8} {'cpu s':>8} {'pages/s':>8} {'peak MiB':>9} {'tree MiB':>9}")
    for name, t in rows:
        print(
            f"{name:28} {t.wall:8.1f} {t.cpu:8.1f} {pages / t.wall:8.1f} "
            f"{t.peak_process:9.0f} {t.peak_tree:9.0f}"
        )
    print(
        f"1 worker vs pdfplumber: {plain.wall / one.wall:.2f}x faster by wall time, "
        f"{plain.cpu / one.cpu:.2f}x by CPU time (target >= 1.00)"
    )
    print(f"{jobs} workers vs 1 worker: {one.wall / many.wall:.2f}x (target >= 1.70 with 2)")
    print(
        f"load average after the runs (other processes on this machine): "
        f"{', '.join(f'{x:.1f}' for x in psutil.getloadavg())}"
    )
    share = 100 * again.wall / many.wall
    print(f"re-import: {1000 * again.wall:.0f} ms, {share:.2f}% of the first import (target < 15%)")


if __name__ == "__main__":
    main()
