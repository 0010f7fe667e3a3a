"""Throughput of the whole pipeline against plain pdfplumber and pypdfium2, in one run, same pages.

    python benchmarks/throughput.py [FOLDER ...] [--jobs N] [--repeat R] [--quick]

Defaults to ../shared/corpus and ../shared/real/{kent,ofsted}; `--quick`: the corpus only, once.
On the same pages it measures:

- pypdfium2: the text of every page (the reading floor) and plain pdfplumber: open, and
  `extract_tables` on every page (the baseline), both in this process;
- the pipeline (`ingest_paths` into a fresh SQLite store: read, extract tables, pack items,
  meeting facts, tags, store, tracking) with 1 worker and with N, the workers' forkserver
  started and its models loaded before the clock starts (start-up is paid once per batch and is
  printed on its own);
- the largest file alone with 1 and N workers (a large file's pages read by every worker);
- the share of each stage (read, furniture, extraction, tags, store) of the pipeline's CPU time;
- peak memory: of this process, and of each worker (RSS, and PSS: its own pages plus its share
  of those it shares with the forkserver and the other workers).

Times are wall (best of R) and CPU (this process and every worker, sampled every 50 ms). On a
shared machine wall-clock ratios depend on the load, so the CPU figures and the machine's own
parallel ceiling (pure CPU work on N processes) are printed beside them.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pdfplumber
import psutil
import pypdfium2 as pdfium

from councilpapers.batch.run import default_jobs, ingest_paths
from councilpapers.batch.workers import context
from councilpapers.corpus.store import Store
from councilpapers.ingest.discover import find_files

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT = [SHARED / "corpus", SHARED / "real" / "kent", SHARED / "real" / "ofsted"]
MIB = 2**20


@dataclass
class Timing:
    wall: float
    cpu: float  # this process and its descendants
    peak_process: float  # MiB RSS, this process
    peak_worker: float  # MiB RSS, the largest worker
    peak_worker_pss: float  # MiB PSS, the largest worker


@dataclass
class Sampler:
    """RSS, PSS and CPU time of this process and its descendants, sampled until stopped."""

    process: float = 0.0
    worker: float = 0.0
    worker_pss: float = 0.0
    cpu: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while True:
            self._sample(me)
            if self._stop.wait(0.05):
                return

    def _sample(self, me: psutil.Process) -> None:
        for proc in [me, *me.children(recursive=True)]:
            try:
                times = proc.cpu_times()
                self.cpu[proc.pid] = times.user + times.system
                rss = proc.memory_info().rss / MIB
                if proc.pid == me.pid:
                    self.process = max(self.process, rss)
                elif _is_worker(proc):
                    self.worker = max(self.worker, rss)
                    self.worker_pss = max(self.worker_pss, proc.memory_full_info().pss / MIB)
            except (psutil.Error, AttributeError):
                continue


def _is_worker(proc: psutil.Process) -> bool:
    """A batch worker: a grandchild (forked by the forkserver), not the forkserver itself or
    the resource tracker (children of this process)."""
    try:
        parent = proc.parent()
    except psutil.Error:
        return False
    return parent is not None and parent.pid != psutil.Process().pid


def measure(work: Callable[[], object]) -> Timing:
    cpu_before = {p.pid: sum(p.cpu_times()[:2]) for p in _tree()}
    with Sampler() as sampler:
        wall = time.perf_counter()
        work()
        wall = time.perf_counter() - wall
    cpu = sum(t - cpu_before.get(pid, 0.0) for pid, t in sampler.cpu.items())
    return Timing(wall, cpu, sampler.process, sampler.worker, sampler.worker_pss)


def _tree() -> list[psutil.Process]:
    me = psutil.Process()
    return [me, *me.children(recursive=True)]


def pdfium_text(files: list[Path]) -> None:
    for path in files:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()


def plain_pdfplumber(files: list[Path]) -> None:
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                    page.close()
        except Exception:
            continue


def pipeline(files: list[Path], folder: Path, jobs: int) -> Callable[[], object]:
    def run() -> None:
        db = folder / f"store-{jobs}-{time.monotonic_ns()}.sqlite"
        with Store.open(str(db)) as store:
            report = ingest_paths(files, store, jobs=jobs)
        assert len(report.results) == len(files)

    return run


def start_workers(folder: Path) -> float:
    """Start the forkserver (its models loaded) and fork a worker: the batch's start-up."""
    start = time.perf_counter()
    context()
    sample = folder / "warm.pdf"
    with Store.open(str(folder / "warm.sqlite")) as store:
        ingest_paths([p for p in [sample] if p.exists()], store, jobs=1)
    return time.perf_counter() - start


def timed_stages(path: Path, store: Store) -> dict[str, float]:
    """CPU seconds of each stage of the pipeline on one file, in this process."""
    from councilpapers.extract.extraction import extract_document
    from councilpapers.ingest.discover import sha256_file
    from councilpapers.ingest.pdf import assemble, read_part
    from councilpapers.nlp.table_tags import tag_tables

    clock, spent = time.process_time(), {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.process_time()
        spent[stage] = now - clock
        clock = now

    try:
        digest = sha256_file(path)
        pages = read_part(path, range(1, pages_of_one(path) + 1))
        lap("read")
        document = assemble(path, digest, pages)
        lap("furniture")
        extracted = extract_document(document)
        lap("extract")
        tags = tag_tables(extracted.tables, fallback_date=extracted.meeting.date)
        lap("tags")
        store.save(replace(extracted, tags=tags))
        lap("store")
    except Exception:  # a file the pipeline refuses: its stages until then count
        lap("refused")
    return spent


def stage_shares(files: list[Path], folder: Path) -> dict[str, float]:
    """CPU seconds per stage of the pipeline, run in this process on every file."""
    totals: dict[str, float] = {}
    with Store.open(str(folder / "stages.sqlite")) as store:
        for path in files:
            for stage, seconds in timed_stages(path, store).items():
                totals[stage] = totals.get(stage, 0.0) + seconds
    return totals


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_ceiling(jobs: int, n: int = 10_000_000) -> float:
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
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        total += len(document)
        document.close()
    return total


def best(runs: list[Timing]) -> Timing:
    return min(runs, key=lambda t: t.wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=max(2, default_jobs()))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="the corpus only, once")
    args = parser.parse_args()
    folders = args.folders or (DEFAULT[:1] if args.quick else DEFAULT)
    files = [p for p in find_files(folders) if p.suffix.lower() == ".pdf"]
    large = max(files, key=pages_of_one)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(files, large, folder, args.jobs, 1 if args.quick else args.repeat)


def pages_of_one(path: Path) -> int:
    return pages_of([path])


def run(files: list[Path], large: Path, folder: Path, jobs: int, repeat: int) -> None:
    pages = pages_of(files)
    print(f"{len(files)} PDFs, {pages} pages; {psutil.cpu_count()} CPUs; {jobs} workers")
    (folder / "warm.pdf").write_bytes(Path(files[0]).read_bytes())
    startup = start_workers(folder)
    rows: dict[str, list[Timing]] = {}
    for _ in range(repeat):
        for name, work in [
            ("pypdfium2 text of every page", lambda: pdfium_text(files)),
            ("pdfplumber extract_tables", lambda: plain_pdfplumber(files)),
            ("pipeline, 1 worker", pipeline(files, folder, 1)),
            (f"pipeline, {jobs} workers", pipeline(files, folder, jobs)),
            ("largest file, 1 worker", pipeline([large], folder, 1)),
            (f"largest file, {jobs} workers", pipeline([large], folder, jobs)),
        ]:
            rows.setdefault(name, []).append(measure(work))
    report(rows, pages, pages_of_one(large), large, jobs, startup)
    shares = stage_shares(files, folder)
    total = sum(shares.values()) or 1.0
    print(
        "share of the pipeline's CPU time per stage (in one process): "
        + ", ".join(f"{stage} {100 * seconds / total:.0f}%" for stage, seconds in shares.items())
    )
    print(
        f"machine ceiling: pure CPU work on {jobs} processes ran "
        f"{machine_ceiling(jobs):.2f}x faster than on 1, in this run; load average "
        + ", ".join(f"{x:.1f}" for x in psutil.getloadavg())
    )


def report(
    rows: dict[str, list[Timing]],
    pages: int,
    large_pages: int,
    large: Path,
    jobs: int,
    startup: float,
) -> None:
    print(
        f"{'run':32} {'wall s':>8} {'cpu s':>8} {'pages/s':>8} {'proc MiB':>9} "
        f"{'worker RSS':>10} {'worker PSS':>10}"
    )
    best_of = {name: best(runs) for name, runs in rows.items()}
    for name, t in best_of.items():
        count = large_pages if name.startswith("largest") else pages
        print(
            f"{name:32} {t.wall:8.2f} {t.cpu:8.2f} {count / t.wall:8.1f} {t.peak_process:9.0f} "
            f"{t.peak_worker:10.0f} {t.peak_worker_pss:10.0f}"
        )
    plain, one = best_of["pdfplumber extract_tables"], best_of["pipeline, 1 worker"]
    many = best_of[f"pipeline, {jobs} workers"]
    big_one, big_many = best_of["largest file, 1 worker"], best_of[f"largest file, {jobs} workers"]
    print(f"worker start-up (forkserver, imports, models; once per batch): {startup:.1f} s")
    print(
        f"1 worker vs pdfplumber: {plain.wall / one.wall:.2f}x by wall time, "
        f"{plain.cpu / one.cpu:.2f}x by CPU time (target >= 3)"
    )
    print(f"{jobs} workers vs 1: {one.wall / many.wall:.2f}x by wall time (target >= 1.8 with 2)")
    print(
        f"{large.name} ({large_pages} pages), {jobs} workers vs 1: "
        f"{big_one.wall / big_many.wall:.2f}x by wall time (target >= 1.6 with 2)"
    )


if __name__ == "__main__":
    main()
