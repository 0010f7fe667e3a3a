"""Mutation check: do the tests notice when a mechanism breaks?

    python benchmarks/mutants.py [--full] [--only NAME ...] [--no-floors] [--no-baseline]
        [--list] [--keep] [--timeout SECONDS]

Each mutant is one small source edit (file, exact old text, new text) that breaks one named
mechanism of extraction, tagging or tracking. The repository is copied once to a scratch folder
(with ``../shared`` linked beside it, so the corpus tests and floors run there too); each mutant
is applied to the copy, the tests run against it, and the copy is restored. A mutant is *caught*
when a test fails (or errors), *survived* when the tests pass.

The copy is made importable on its own: the stage folders are linked inside ``councilpapers/``
the way pyproject's ``package-dir`` installs them, the copy comes first on ``PYTHONPATH``, and a
pytest plugin stops the run unless ``councilpapers.*`` really resolves to the copy (an editable
install would otherwise quietly import the original tree).

By default every mutant runs its own test files (the tests and floors that guard its mechanism,
with ``COUNCILPAPERS_FLOORS=1``); ``--full`` then also runs the whole default suite, stopping at
the first failure (a caught mutant is caught either way: more tests can only catch more, so the
default gives a lower bound in a fraction of the time). A baseline run on the unmutated copy must
pass first. A mutant whose old text is not in the file (someone changed the code) is reported as
not applicable, not counted.
Prints one line per mutant and ``mutants caught=N/M`` last.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mutant_list import MUTANTS, Mutant

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("ingest", "extract", "nlp", "models", "corpus", "tracking", "batch", "outputs")
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "*.egg-info",
    "out", "*.sqlite", "*.db",
)  # fmt: skip
PROBE = '''"""pytest plugin from benchmarks/mutants.py: test nothing but the copy."""
import importlib, os
def pytest_configure(config):
    copy = os.path.realpath(os.environ["MUTANT_COPY"])
    for name in {modules!r}:
        where = os.path.realpath(importlib.import_module(name).__file__)
        if not where.startswith(copy + os.sep):
            raise RuntimeError(f"{{name}} imports from {{where}}, not from the copy {{copy}}")
'''


@dataclass(frozen=True)
class Outcome:
    """What the tests made of one mutant."""

    mutant: Mutant
    verdict: str  # caught | survived | not applicable
    seconds: float = 0.0
    detail: str = ""


def shared_dir() -> Path:
    return Path(os.environ.get("COUNCILPAPERS_SHARED") or ROOT.parent / "shared").resolve()


def make_copy(scratch: Path) -> Path:
    """The repository copied into scratch/repo, importable, with scratch/shared linked."""
    repo = scratch / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORE, symlinks=True)
    for stage in STAGES:
        (repo / "councilpapers" / stage).symlink_to(Path("..") / stage, target_is_directory=True)
    if shared_dir().is_dir():
        (scratch / "shared").symlink_to(shared_dir(), target_is_directory=True)
    modules = ["councilpapers", *(f"councilpapers.{s}" for s in STAGES)]
    (scratch / "mutant_probe.py").write_text(PROBE.format(modules=modules), encoding="utf-8")
    return repo


def environment(scratch: Path, repo: Path, floors: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(repo), str(scratch)]),
        PYTHONDONTWRITEBYTECODE="1",
        MUTANT_COPY=str(repo),
        COUNCILPAPERS_SHARED=str(scratch / "shared"),
        COUNCILPAPERS_FLOORS="1" if floors else "0",
    )
    env.pop("UPDATE_GOLDEN", None)
    return env


def run_tests(
    repo: Path, tests: list[str], env: dict[str, str], timeout: float
) -> tuple[int, float, str]:
    """Run pytest on the copy: (return code, seconds, first failing test or last line)."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "mutant_probe", *dict.fromkeys(tests)]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=repo, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return -1, time.perf_counter() - started, f"timed out after {timeout:.0f} s"
    lines = done.stdout.splitlines() + done.stderr.splitlines()
    failed = [line for line in lines if line.startswith(("FAILED ", "ERROR "))]
    last = failed[0] if failed else (lines[-1] if lines else "")
    return done.returncode, time.perf_counter() - started, last[:160]


def apply(repo: Path, mutant: Mutant) -> str | None:
    """Edit the copy; returns the original text to restore, or None if not applicable."""
    path = repo / mutant.path
    if not path.is_file():
        return None
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        return None
    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    return original


def try_mutant(
    repo: Path, mutant: Mutant, env: dict[str, str], suite: list[str], timeout: float
) -> Outcome:
    original = apply(repo, mutant)
    if original is None:
        return Outcome(mutant, "not applicable", detail="text not found (or not unique)")
    try:
        code, seconds, detail = run_tests(repo, [*mutant.tests, *suite], env, timeout)
    finally:
        (repo / mutant.path).write_text(original, encoding="utf-8")
    if code == 3:  # an internal error, such as the probe finding the original tree imported
        raise SystemExit(f"pytest could not run the tests on the copy: {detail}")
    if code == 5:
        return Outcome(mutant, "survived", seconds, "no tests ran")
    return Outcome(mutant, "survived" if code == 0 else "caught", seconds, detail)


def report(outcome: Outcome) -> str:
    m = outcome.mutant
    head = f"{outcome.verdict:<15}{m.name:<34}{m.path}: {m.mechanism}"
    if outcome.verdict == "not applicable":
        return f"{head}\n{'':15}mutant not applicable ({outcome.detail})"
    return f"{head}\n{'':15}[{outcome.seconds:.0f} s] {outcome.detail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--full", action="store_true", help="after each mutant's own tests, the whole suite too"
    )
    parser.add_argument("--only", nargs="*", help="run only these mutants (names)")
    parser.add_argument("--no-floors", action="store_true", help="skip the accuracy floors")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated run")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per mutant")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.only or m.name in args.only]
    if args.list:
        print("\n".join(f"{m.name:<34}{m.path}: {m.mechanism}" for m in chosen))
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="mutants-"))
    try:
        return _run(scratch, chosen, args)
    finally:
        if args.keep:
            print(f"scratch copy kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def _run(scratch: Path, chosen: list[Mutant], args: argparse.Namespace) -> int:
    repo = make_copy(scratch)
    env = environment(scratch, repo, floors=not args.no_floors)
    suite = ["tests"] if args.full else []
    if not args.no_baseline:
        tests = suite or sorted({t for m in chosen for t in m.tests})
        code, seconds, detail = run_tests(repo, tests, env, args.timeout)
        print(f"baseline (unmutated copy): return code {code} in {seconds:.0f} s {detail}")
        if code != 0:
            print("the tests fail without any mutant; fix that first")
            return 2
    outcomes = []
    for mutant in chosen:
        outcomes.append(try_mutant(repo, mutant, env, suite, args.timeout))
        print(report(outcomes[-1]), flush=True)
    counted = [o for o in outcomes if o.verdict != "not applicable"]
    caught = sum(o.verdict == "caught" for o in counted)
    skipped = len(outcomes) - len(counted)
    if skipped:
        print(f"not applicable (the code they edit has changed): {skipped}")
    print(f"mutants caught={caught}/{len(counted)}")
    return 0 if counted and caught >= 0.9 * len(counted) else 1


if __name__ == "__main__":
    sys.exit(main())
