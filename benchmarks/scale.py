"""Work in proportion to what changed: the register, a re-import and one more report, at scale.

    python benchmarks/scale.py [--sizes 10 100 1000] [--out benchmarks/out/scale]

Generates inspection reports (`reportgen.py`) and imports the first N into a store per size
(kept in OUT, built once: tracking is not refreshed while building). Then, per size:

- the register's cost from nothing (`build_register`, CPU seconds, no memo) and per report;
- on the largest store, as the command line runs them: a refresh from nothing, an unchanged
  re-import (every file answered from the store: no model loaded, no tracking), and the import
  of one more report (read, extracted, stored, tracking refreshed with the memo);
- `councilpapers --help`.

Wall and CPU seconds of each command (this machine is shared: CPU is the steadier figure).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))

from reportgen import write_reports  # noqa: E402

CLI = [sys.executable, "-c", "from councilpapers.cli import app; app()"]


def build_store(reports: list[Path], db: Path) -> None:
    """Import the reports into `db` with two workers, tracking left for later (measured)."""
    import councilpapers.batch.run as run
    from councilpapers.corpus.store import Store

    if db.exists():
        return
    keep, run.refresh_if_changed = run.refresh_if_changed, lambda store: False
    try:
        with Store.open(str(db)) as store:
            run.ingest_paths(reports, store, jobs=2)
    finally:
        run.refresh_if_changed = keep


def register_cost(db: Path) -> tuple[float, int]:
    """CPU seconds of building the register from nothing, and its entries."""
    from councilpapers.corpus.store import Store
    from councilpapers.tracking.register import build_register
    from councilpapers.tracking.scopefit import Memo

    with Store.open(str(db), readonly=True) as store:
        start = time.process_time()
        register = build_register(store, Memo())
        return time.process_time() - start, len(register.entries)


def command(args: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (the command and its children) of a command line run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return (
        wall,
        cpu,
        (done.stderr or done.stdout).strip().splitlines()[-1:][0]
        if (done.stderr or done.stdout).strip()
        else "",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--out", type=Path, default=BENCHMARKS / "out" / "scale")
    args = parser.parse_args()
    largest = max(args.sizes)
    reports = write_reports(args.out / "reports", largest)
    write_reports(args.out / "more", 1, start=largest)
    print(f"{'reports':>8} {'register cpu s':>15} {'per report ms':>14} {'entries':>8}")
    for size in sorted(args.sizes):
        db = args.out / f"store-{size}.sqlite"
        build_store(reports[:size], db)
        seconds, entries = register_cost(db)
        print(f"{size:8} {seconds:15.2f} {1000 * seconds / size:14.1f} {entries:8}")
    at_scale(args.out, largest)


def at_scale(out: Path, size: int) -> None:
    """The command line on the largest store: refresh, unchanged re-import, one more report."""
    db = out / "cli.sqlite"
    shutil.copy(out / f"store-{size}.sqlite", db)
    ingest = ["ingest", str(out / "reports"), "--db", str(db), "-q"]
    for name in ("refresh from nothing", "unchanged re-import"):
        wall, cpu, said = command(ingest)
        print(f"{name} of {size}: {wall:.2f} s wall, {cpu:.2f} s CPU ({said})")
    wall, cpu, said = command([*ingest, str(out / "more")])
    print(f"one more report into {size}: {wall:.2f} s wall, {cpu:.2f} s CPU ({said})")
    wall, cpu, _ = command(["--help"])
    print(f"councilpapers --help: {wall:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
