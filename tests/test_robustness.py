"""Bad files: each is refused with a one-line reason and a `refused` record; the batch goes on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilpapers.batch.run import ingest_paths
from councilpapers.cli import app
from councilpapers.corpus.store import Store
from councilpapers.ingest.limits import MIB, Limits
from tests.batchfiles import SHARED, broken_files, encrypted, small_pdf


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    expected = broken_files(tmp_path / "in")
    (tmp_path / "in" / "good.pdf").write_bytes(small_pdf(2))
    return tmp_path / "in", expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_bad_file_refused_and_batch_goes_on(
    folder: tuple[Path, dict[str, str]], tmp_path: Path, jobs: int
) -> None:
    path, expected = folder
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        report = ingest_paths([path], store, jobs=jobs)
        recorded = dict(store.rows("SELECT path, status FROM files"))
    results = {Path(r.path).name: r for r in report.results}
    assert results.pop("good.pdf").status == "imported"
    assert set(results) == set(expected)
    for name, words in expected.items():
        result = results[name]
        assert result.status == "refused", name
        assert result.reason and result.reason.startswith(f"{name}: ") and words in result.reason
        assert "\n" not in result.reason
        assert recorded[str(path / name)] == "refused"


def test_encrypted_without_user_password_is_read(tmp_path: Path) -> None:
    """Only an owner password (opens in any viewer, no password asked): imported, not refused."""
    (tmp_path / "owner-only.pdf").write_bytes(encrypted(""))
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        report = ingest_paths([tmp_path / "owner-only.pdf"], store, jobs=1)
    assert [r.status for r in report.results] == ["imported"]
    assert report.results[0].pages == 1


@pytest.mark.parametrize(
    ("limits", "words"),
    [
        (Limits(file_mb=1000 / MIB), "bytes limit (Limits.file_mb, or set COUNCILPAPERS_MAX_BYTES"),
        (Limits(pages=2), "3 pages is over the 2-page limit (Limits.pages"),
    ],
)
def test_very_large_files_refused_by_limits(tmp_path: Path, limits: Limits, words: str) -> None:
    (tmp_path / "big.pdf").write_bytes(small_pdf(3))
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        report = ingest_paths([tmp_path / "big.pdf"], store, jobs=1, limits=limits)
    assert report.results[0].status == "refused"
    assert words in str(report.results[0].reason)
    assert not report.results[0].retryable


def test_refused_stay_refused_until_retried(
    folder: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    path, expected = folder
    db = str(tmp_path / "s.sqlite")
    with Store.open(db) as store:
        ingest_paths([path], store, jobs=1)
        again = ingest_paths([path], store, jobs=1)
        retried = ingest_paths([path / "empty.pdf"], store, jobs=1, retry_refused=True)
    assert again.count("refused") == len(expected) and again.count("unchanged") == 1
    assert retried.results[0].reason == "empty.pdf: empty file (0 bytes)"


def test_cli_summary_lists_each_refusal(
    folder: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    path, expected = folder
    result = CliRunner().invoke(
        app, ["ingest", str(path), "--db", str(tmp_path / "s.sqlite"), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    refused = [name for name in expected if name.endswith(".pdf")]  # the CLI skips non-PDFs
    assert f"{len(expected) + 1} files: 1 imported, 0 unchanged, {len(refused)} refused" in (
        result.output
    )
    for name in refused:
        assert f"refused: {name}: " in result.output


def test_every_shared_pdf_plus_broken_accounted_for(tmp_path: Path) -> None:
    """The acceptance batch: the corpus, Kent and Ofsted papers plus broken files, nothing lost."""
    sources = [SHARED / "corpus", SHARED / "real" / "kent", SHARED / "real" / "ofsted"]
    if not all(s.is_dir() for s in sources):
        pytest.skip("../shared (corpus and real papers) is not next to this checkout")
    if os.environ.get("COUNCILPAPERS_SLOW") != "1":
        pytest.skip("reads every real paper (~20 MB, 2+ minutes): set COUNCILPAPERS_SLOW=1")
    pdfs = sorted(p for s in sources for p in s.rglob("*.pdf"))
    inputs = tmp_path / "in"
    for index, source in enumerate(pdfs):
        link = inputs / f"{index:03d}-{source.name}"
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(source)
    expected = broken_files(inputs / "broken")
    shutil.copy(pdfs[0], inputs / "broken" / "copy-of-first.pdf")
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        report = ingest_paths([inputs], store)
        files = store.rows("SELECT status FROM files")
    assert len(report.results) == len(pdfs) + len(expected) + 1 == len(files)
    refused = {Path(r.path).name for r in report.refused}
    assert set(expected) <= refused
    assert all(r.reason for r in report.refused)
