"""After a plain (non-editable) install, a 2-worker ingest works from any folder, including one
holding a `councilpapers/` directory of its own (the checkout root), which the workers must not
import in place of the installed package.

The package is laid out from a copy of the checkout as a non-editable install lays it out, in a
fresh virtual environment that borrows this one's dependencies (a .pth line), with a console
script as pip writes it; the ingest runs from the copy's root. Slow (a cold start of the
workers), so it runs with the floors (COUNCILPAPERS_FLOORS=1, as .ci/run sets).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

from tests.batchfiles import small_pdf
from tests.conftest import ROOT, needs_floors

SCRIPT = """#!{python}
import sys
from councilpapers.cli import app
if __name__ == "__main__":
    sys.exit(app())
"""


def _copy_checkout(target: Path) -> Path:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def _install(source: Path, env: Path) -> Path:
    """Install `source` non-editably into a new environment: each package folder copied to
    site-packages where pyproject's package-dir puts it (what `pip install .` lays down; the
    build itself needs a newer setuptools than an offline machine may have)."""
    venv.EnvBuilder(with_pip=False).create(env)
    [purelib] = env.glob("lib/python*/site-packages")
    config = tomllib.loads((source / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package, folder in config["package-dir"].items():
        shutil.copytree(
            source / folder,
            purelib / package.replace(".", "/"),
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    borrowed = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (purelib / "borrowed-dependencies.pth").write_text("\n".join(borrowed) + "\n")
    script = env / "bin" / "councilpapers"
    script.write_text(SCRIPT.format(python=env / "bin" / "python"))
    script.chmod(0o755)
    return script


@needs_floors
def test_two_workers_from_a_folder_holding_councilpapers(tmp_path: Path) -> None:
    source = _copy_checkout(tmp_path / "checkout")
    assert (source / "councilpapers" / "__init__.py").is_file()
    assert not (source / "councilpapers" / "corpus").exists()  # the trap the workers must avoid
    command = _install(source, tmp_path / "env")
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.pdf").write_bytes(small_pdf(2))
    (papers / "b.pdf").write_bytes(small_pdf(2, start=2))
    done = subprocess.run(
        [str(command), "ingest", str(papers), "--db", str(tmp_path / "s.sqlite"), "--jobs", "2"],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "2 imported" in done.stdout, done.stdout
