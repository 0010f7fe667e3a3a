"""Shared fixtures: paths to the bundled samples and to ../shared, the golden-file helper, and the
corpus extracted once per session for the accuracy floors."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI's verdict depends on the code only;
# HYPOTHESIS_EXPLORE=1 draws fresh ones (hunting for new failures, e.g. with FUZZ_EXAMPLES=5000).
settings.register_profile("fixed", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("explore" if os.environ.get("HYPOTHESIS_EXPLORE") == "1" else "fixed")

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout; COUNCILPAPERS_SHARED names it when the checkout sits elsewhere
# (a git worktree, a scratch copy made by benchmarks/mutants.py).
SHARED = Path(os.environ.get("COUNCILPAPERS_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
REAL = SHARED / "real"
BENCHMARKS = ROOT / "benchmarks"
SAMPLES = ROOT / "councilpapers" / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason="../shared/corpus is not beside this checkout (a fresh clone has none; CI has it)",
)

needs_real = pytest.mark.skipif(
    not REAL.is_dir(),
    reason="../shared/real (third-party PDFs) is not beside this checkout; CI has it",
)

FLOORS = os.environ.get("COUNCILPAPERS_FLOORS") == "1"

needs_floors = pytest.mark.skipif(
    not (FLOORS and SHARED.is_dir()),
    reason="accuracy floor: needs ../shared beside the checkout and COUNCILPAPERS_FLOORS=1 "
    "(slow; .ci/run sets it)",
)


def sample_pdfs() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))


def golden_switch() -> bool:
    """Whether this run rewrites golden files: UPDATE_GOLDEN=1 exactly, never in CI."""
    value = os.environ.get("UPDATE_GOLDEN")
    if value in (None, ""):
        return False
    if os.environ.get("CI"):
        pytest.fail("UPDATE_GOLDEN is set in CI: golden files are regenerated only by hand")
    if value != "1":
        pytest.fail(f"UPDATE_GOLDEN={value!r}: set it to 1 to regenerate golden files, or unset it")
    return True


def check_golden(name: str, data: Any) -> None:
    """Compare data with tests/golden/NAME.json exactly.

    UPDATE_GOLDEN=1 rewrites the file and skips the test, so a regenerating run never reports a
    pass; any other value, or the switch in CI, is an error."""
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if golden_switch():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        pytest.skip(f"UPDATE_GOLDEN=1: rewrote {path.name}; review the diff before committing")
    assert path.exists(), f"no golden file {path}: run once with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from {path}; if the change is intended, rerun with UPDATE_GOLDEN=1 "
        "and review the diff"
    )


def benchmark(name: str) -> ModuleType:
    """Import benchmarks/NAME.py (the scripts import each other as top-level modules)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    return importlib.import_module(name)


class Pipeline:
    """read_document and find_tables, each run once per file for the whole session."""

    def __init__(self) -> None:
        from councilpapers.extract.tables import find_tables
        from councilpapers.ingest.pdf import read_document

        self._read, self._find = read_document, find_tables
        self.documents: dict[str, Any] = {}
        self.tables: dict[str, Any] = {}

    def read_document(self, path: str | Path, sha256: str | None = None, **settings: Any) -> Any:
        from councilpapers.ingest.limits import Limits
        from councilpapers.ingest.ocr_render import OcrSettings
        from councilpapers.ingest.settings import ReadSettings

        kinds = {"settings": ReadSettings, "ocr": OcrSettings, "limits": Limits}
        resolved = [kinds[name].resolve(settings.get(name)) for name in sorted(kinds)]
        key = f"{Path(path).resolve()} {resolved!r}"
        if key not in self.documents:
            self.documents[key] = self._read(path, sha256, **settings)
        return self.documents[key]

    def find_tables(self, document: Any, settings: Any = None) -> Any:
        from councilpapers.extract.settings import ExtractSettings

        key = f"{Path(document.path).resolve()} {ExtractSettings.resolve(settings)!r}"
        if key not in self.tables or self.tables[key][0] is not document:
            self.tables[key] = (document, self._find(document, settings))
        return self.tables[key][1]

    def patch(self, monkeypatch: pytest.MonkeyPatch, *modules: ModuleType) -> None:
        """Route the library's (and the named modules') two entry points through the cache."""
        import councilpapers.extract.tables as tables
        import councilpapers.ingest.pdf as pdf

        monkeypatch.setattr(pdf, "read_document", self.read_document)
        monkeypatch.setattr(tables, "find_tables", self.find_tables)
        for module in modules:
            for name in ("read_document", "find_tables"):
                if hasattr(module, name):
                    monkeypatch.setattr(module, name, getattr(self, name))


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The extraction of every file the floors read, shared by every floor test."""
    return Pipeline()
