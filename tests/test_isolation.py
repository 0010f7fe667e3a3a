"""One bad file never stops a batch: limits, dead and slow workers, vanished and unusable paths.

Each hostile input here is made on the fly (tests/batchfiles.py); the last test is the issue's
acceptance batch: good PDFs mixed with every kind of hostile one, a worker killed mid-run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from councilpapers.batch import jobs as batch
from councilpapers.batch.report import BatchReport, FileResult
from councilpapers.batch.run import ingest_paths
from councilpapers.batch.workers import death_reason
from councilpapers.corpus.store import Store
from councilpapers.ingest.discover import printable
from councilpapers.ingest.limits import Limits, _CappedZlib
from councilpapers.ingest.ocr import ocr_unavailable
from tests.batchfiles import (
    TEXT,
    bomb_pdf,
    broken_files,
    huge_page_pdf,
    markup_error_pdf,
    raw_pdf,
    slow_pdf,
    small_pdf,
)

PROC = Path("/proc")


def _ingest(folder: Path, db: Path, **options: Any) -> BatchReport:
    with Store.open(str(db)) as store:
        return ingest_paths([folder], store, **options)


def _by_name(report: BatchReport) -> dict[str, FileResult]:
    return {Path(r.path).name: r for r in report.results}


def test_limits_are_checked() -> None:
    assert Limits().seconds > 0
    with pytest.raises(ValueError, match=r"Limits\.memory_mb must be a positive number"):
        Limits(memory_mb=0)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4000), st.integers(min_value=0, max_value=40))
def test_capped_inflation_equals_zlib(data: bytes, cut: int) -> None:
    """Under the limit the capped decoder pdfminer uses gives zlib's bytes, or zlib's error."""
    packed = zlib.compress(data)
    capped = _CappedZlib(Limits().decoded_mb)
    assert capped.decompress(packed + b"trailing") == zlib.decompress(packed + b"trailing")
    short = packed[: max(0, len(packed) - cut - 1)]
    try:
        expected: bytes | None = zlib.decompress(short)
    except zlib.error:
        expected = None
    if expected is None:
        with pytest.raises(zlib.error):
            capped.decompress(short)
    else:
        assert capped.decompress(short) == expected


def test_decompression_bomb_and_huge_page_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.pdf").write_bytes(bomb_pdf(3))
    (folder / "huge-page.pdf").write_bytes(huge_page_pdf())
    (folder / "good.pdf").write_bytes(small_pdf(1))
    report = _ingest(folder, tmp_path / "s.sqlite", jobs=1, limits=Limits(decoded_mb=1))
    results = _by_name(report)
    assert results["good.pdf"].status == "imported"
    assert results["bomb.pdf"].status == "refused"
    assert "inflates to over 1 MiB, the limit (Limits.decoded_mb)" in str(
        results["bomb.pdf"].reason
    )
    huge = results["huge-page.pdf"]
    assert huge.status == "refused" and not huge.retryable
    if ocr_unavailable() is None:
        assert "page 1 is 14400 × 14400 pt" in str(huge.reason)
        assert "Limits.render_pixels" in str(huge.reason)


def test_timeout_refused_as_retryable_and_retried(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "slow.pdf").write_bytes(slow_pdf(2_000_000))
    (folder / "good.pdf").write_bytes(small_pdf(1))
    db = tmp_path / "s.sqlite"
    first = _by_name(_ingest(folder, db, jobs=2, limits=Limits(seconds=8)))
    assert first["good.pdf"].status == "imported"
    slow = first["slow.pdf"]
    assert slow.status == "refused" and slow.retryable
    assert slow.reason == (
        "slow.pdf: took over 8 s, the time limit (Limits.seconds); "
        "retryable: the next run tries it again"
    )
    tiny = Limits(file_mb=1 / 1024)  # no retry_refused: a retryable refusal is read again
    again = _by_name(_ingest(folder, db, jobs=1, limits=tiny))
    assert "is over the 1.0 KiB limit" in str(again["slow.pdf"].reason)
    assert not again["slow.pdf"].retryable and again["good.pdf"].status == "unchanged"
    third = _by_name(_ingest(folder, db, jobs=1, limits=Limits(seconds=0.001)))
    assert third["slow.pdf"].reason == again["slow.pdf"].reason  # not retryable: not read


MEMORY_OR_TIME = ("(Limits.memory_mb", "(Limits.seconds)")


def test_memory_cap_refuses_retryably_and_batch_goes_on(tmp_path: Path) -> None:
    """Far too little memory: each file fails and is refused as retryable, and the batch ends.

    How a starved worker fails is up to the machine, not to us, so any of these is a pass: a
    MemoryError we catch; a worker that dies twice (MemoryError while it sends its answer, exit
    code 1; a C library crashing on a failed allocation, SIGSEGV or SIGABRT; the OOM killer,
    SIGKILL); a worker that hangs until the time limit. Each reason names the limit behind it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(small_pdf(3))
    (folder / "b.pdf").write_bytes(small_pdf(2, start=3))
    limits = Limits(memory_mb=100, seconds=30)  # starved of memory, a worker may also hang
    report = _ingest(folder, tmp_path / "s.sqlite", jobs=2, limits=limits)
    assert [r.status for r in report.results] == ["refused", "refused"]
    for result in report.results:
        assert result.retryable
        assert any(words in str(result.reason) for words in MEMORY_OR_TIME), result.reason
        assert str(result.reason).endswith("retryable: the next run tries it again")


@pytest.mark.parametrize("exitcode", [-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGKILL, 1, None])
def test_any_worker_death_names_the_memory_limit(exitcode: int | None) -> None:
    """Whatever killed a worker twice, its refusal names the memory cap as memory refusals do
    (CI once saw SIGSEGV where MemoryError was expected, and the reason did not)."""
    reason = death_reason(exitcode, Limits(memory_mb=100))
    assert "(Limits.memory_mb = 100 MiB)" in reason and MEMORY_OR_TIME[0] in reason
    assert reason.startswith("the worker reading it died twice (")
    assert reason.endswith("retryable: the next run tries it again")
    if exitcode is not None and exitcode < 0:
        assert f"killed by {signal.Signals(-exitcode).name}" in reason


@pytest.mark.parametrize(
    ("error", "words", "retryable"),
    [
        (MemoryError(), "f.pdf: ran out of memory (Limits.memory_mb); retryable", True),
        (RecursionError("deep"), "f.pdf: is nested too deeply to read", True),
        (KeyError("bbox"), "f.pdf: internal error (KeyError: 'bbox') at test_isolation.py:", True),
        (FileNotFoundError(2, "gone"), "f.pdf: vanished before it could be read", False),
        (PermissionError(13, "Permission denied"), "f.pdf: cannot read (Permission denied)", False),
    ],
)
def test_any_exception_is_that_files_refusal(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    words: str,
    retryable: bool,
) -> None:
    (tmp_path / "f.pdf").write_bytes(small_pdf(1))

    def failing(
        path: str, sha256: str | None = None, limits: Any = None, extract: Any = None
    ) -> Any:
        raise error

    monkeypatch.setattr(batch, "extract_file", failing)
    report = _ingest(tmp_path / "f.pdf", tmp_path / "s.sqlite", jobs=1, isolate=False)
    [result] = report.results
    assert result.status == "refused" and result.retryable == retryable
    assert str(result.reason).startswith(words)
    assert "\n" not in str(result.reason)


def test_unusable_paths_each_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "locked").mkdir()
    (folder / "good.pdf").write_bytes(small_pdf(1))
    (folder / "dangling.pdf").symlink_to(tmp_path / "nowhere.pdf")
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "self-loop.pdf").symlink_to(folder / "self-loop.pdf")
    os.mkfifo(folder / "pipe.pdf")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        report = ingest_paths([folder, tmp_path / "missing.pdf"], store, jobs=1, isolate=False)
        recorded = dict(store.rows("SELECT path, reason FROM files WHERE status = 'refused'"))
    reasons = {Path(r.path).name: str(r.reason) for r in report.refused}
    assert _by_name(report)["good.pdf"].status == "imported"
    assert "dangling link (to " in reasons["dangling.pdf"]
    assert reasons["self-loop.pdf"].endswith("self-loop.pdf: symlink loop")
    assert "symlink loop (links back to a folder above it)" in reasons["loop"]
    assert "not a regular file" in reasons["pipe.pdf"]
    assert "cannot open the folder (Permission denied)" in reasons["locked"]
    assert reasons["missing.pdf"].endswith("missing.pdf: no such file or folder")
    assert len(recorded) == len(reasons) == 6


def test_non_utf8_name_imported_and_found_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = folder / os.fsdecode(b"caf\xe9-plan.pdf")
    odd.write_bytes(small_pdf(1))
    db = tmp_path / "s.sqlite"
    [first] = _ingest(folder, db, jobs=1).results
    [again] = _ingest(folder, db, jobs=1).results
    assert (first.status, again.status) == ("imported", "unchanged")
    assert first.path.endswith("caf\\xe9-plan.pdf")
    first.path.encode("utf-8")  # printable: no surrogates left
    with Store.open(str(db), readonly=True) as store:
        assert store.rows("SELECT name FROM documents") == [("caf\\xe9-plan.pdf",)]


def test_file_vanishing_mid_run_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.pdf").write_bytes(small_pdf(4))
    (folder / "small.pdf").write_bytes(small_pdf(1))
    (folder / "zz-dangling.pdf").symlink_to(tmp_path / "nowhere.pdf")

    def delete_small(result: FileResult) -> None:
        # planned last, after small.pdf was found and hashed, before any file is read
        if Path(result.path).name == "zz-dangling.pdf":
            (folder / "small.pdf").unlink()

    with Store.open(str(tmp_path / "s.sqlite")) as store:
        report = ingest_paths([folder], store, jobs=1, on_result=delete_small)
    results = _by_name(report)
    assert results["big.pdf"].status == "imported"
    assert results["small.pdf"].reason == (
        "small.pdf: vanished before it could be read (deleted or moved mid-run)"
    )


def _holders(path: Path) -> set[int]:
    """Processes other than this one with `path` open (read from /proc)."""
    target, found = str(path.resolve()), set()
    for fd_dir in PROC.glob("[0-9]*/fd"):
        pid = int(fd_dir.parent.name)
        if pid == os.getpid():
            continue
        try:
            if any(os.readlink(fd) == target for fd in fd_dir.iterdir()):
                found.add(pid)
        except OSError:
            continue
    return found


def _kill_readers(path: Path, times: int, running: threading.Thread) -> int:
    """SIGKILL each worker that opens `path`, `times` times, while the batch runs."""
    killed: set[int] = set()
    while running.is_alive() and len(killed) < times:
        for pid in _holders(path) - killed:
            os.kill(pid, signal.SIGKILL)
            killed.add(pid)
        time.sleep(0.02)
    return len(killed)


def _hostile(folder: Path) -> dict[str, str]:
    """Hostile files beside the broken ones: name -> words their refusal must carry."""
    expected = broken_files(folder)
    (folder / "[bold]markup[red].pdf").write_bytes(b"[/red] not a pdf [bold]")
    expected["[bold]markup[red].pdf"] = "not a PDF"
    (folder / "markup-error.pdf").write_bytes(markup_error_pdf())
    expected["markup-error.pdf"] = "non-number coordinate(s): [/'Type', /'Catalog']"
    (folder / "bomb.pdf").write_bytes(bomb_pdf(300))  # over the default 256 MiB
    expected["bomb.pdf"] = "Limits.decoded_mb"
    (folder / "huge-page.pdf").write_bytes(huge_page_pdf())
    expected["huge-page.pdf"] = "Limits.render_pixels" if ocr_unavailable() is None else "OCR"
    (folder / "killed.pdf").write_bytes(slow_pdf(2_000_000))
    expected["killed.pdf"] = "died twice (killed by SIGKILL)"
    (folder / "zz-dangling.pdf").symlink_to(folder / "nowhere.pdf")  # planned last
    expected["zz-dangling.pdf"] = "dangling link"
    (folder / "vanishing.pdf").write_bytes(raw_pdf(TEXT))
    expected["vanishing.pdf"] = "vanished before it could be read"
    return expected


@pytest.mark.skipif(not PROC.is_dir(), reason="finds the worker to kill through /proc")
def test_acceptance_batch_good_files_imported_every_other_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    expected = _hostile(folder)
    good = {"good-1.pdf": small_pdf(2), os.fsdecode(b"good-\xff.pdf"): small_pdf(3, start=2)}
    for name, data in good.items():
        (folder / name).write_bytes(data)
    outcome: dict[str, BatchReport] = {}

    def vanish(result: FileResult) -> None:
        if Path(result.path).name == "zz-dangling.pdf":  # found and hashed, not yet read
            (folder / "vanishing.pdf").unlink()

    def run() -> None:
        outcome["report"] = _ingest(folder, tmp_path / "s.sqlite", jobs=2, on_result=vanish)

    running = threading.Thread(target=run)
    running.start()
    assert _kill_readers(folder / "killed.pdf", 2, running) == 2
    running.join()
    results = _by_name(outcome["report"])
    for name in good:
        assert results.pop(printable(name)).status == "imported", name
    assert set(results) == set(expected)
    for name, words in expected.items():
        assert results[name].status == "refused", name
        assert words in str(results[name].reason), (name, results[name].reason)
        assert "\n" not in str(results[name].reason)


def test_a_deleted_working_folder_is_one_line(tmp_path: Path) -> None:
    # the forkserver starts in the working folder: gone, it was a traceback from multiprocessing
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(small_pdf(1))
    script = (
        "import os, sys, tempfile\n"
        "from councilpapers.cli import app\n"
        "gone = tempfile.mkdtemp(); os.chdir(gone); os.rmdir(gone)\n"
        "sys.argv = ['councilpapers', 'ingest', *sys.argv[1:]]\n"
        "app()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder), "--db", str(tmp_path / "s.sqlite")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == (
        "Error: the current folder no longer exists (deleted or moved): run from an existing folder"
    )
