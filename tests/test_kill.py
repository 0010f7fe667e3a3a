"""kill -9 mid-batch, then run again: exactly the rows of a clean run, nothing doubled or half-done.

The batch runs as a real `councilpapers ingest` subprocess in its own session; the test kills the
whole session (writer, forkserver and workers) with SIGKILL once the store holds some documents,
then again during a later run, and finally lets a run finish. A second case kills the writer
inside a document's transaction, between two of its tables. COUNCILPAPERS_SLOW=1 runs the kill
test over every PDF in ../shared/corpus and ../shared/real/{kent,ofsted} plus broken files.
A third case kills only the batch process, mid-file: its workers and forkserver must be gone
within 10 s.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from councilpapers.corpus.store import Store
from tests.batchfiles import (
    SHARED,
    broken_files,
    differences,
    slow_pdf,
    snapshot,
    split_sample,
)

CLI = [sys.executable, "-c", "from councilpapers.cli import app; app()", "ingest"]
KILL_IN_TRANSACTION = """
import os, signal, sys
from councilpapers.corpus import store
from councilpapers.cli import app
real, calls = store.Store._insert_table, []
def dying(self, *args, **kwargs):
    calls.append(1)
    if len(calls) == int(os.environ["KILL_AT_TABLE"]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, *args, **kwargs)
store.Store._insert_table = dying
sys.argv = ["councilpapers", *sys.argv[1:]]
app()
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    if os.environ.get("COUNCILPAPERS_SLOW") == "1" and (SHARED / "corpus").is_dir():
        for source in ("corpus", "real/kent", "real/ofsted"):
            for index, pdf in enumerate(sorted((SHARED / source).rglob("*.pdf"))):
                (folder / f"{source.replace('/', '-')}-{index:03d}.pdf").symlink_to(pdf)
    else:
        split_sample(folder, per_file=3)
    broken_files(folder / "broken")
    return folder


@pytest.fixture(scope="module")
def clean(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # an uninterrupted run of the same command the killed runs use (it skips non-PDF files)
    return _finish(inputs, tmp_path_factory.mktemp("clean") / "clean.sqlite")


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _run_and_kill(inputs: Path, db: Path, after_documents: int) -> bool:
    """Start a batch and SIGKILL its whole session once `after_documents` are stored.

    Returns False when the batch finished before it could be killed."""
    batch = subprocess.Popen(
        [*CLI, str(inputs), "--db", str(db), "--jobs", "2"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while batch.poll() is None:
        if _documents(db) >= after_documents:
            os.killpg(batch.pid, signal.SIGKILL)
            batch.wait()
            return True
        time.sleep(0.02)
    return False


def _finish(inputs: Path, db: Path) -> dict[str, Any]:
    done = subprocess.run(
        [*CLI, str(inputs), "--db", str(db), "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with Store.open(str(db)) as store:
        return snapshot(store)


def test_killed_twice_then_rerun_equals_clean(
    inputs: Path, clean: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "killed.sqlite"
    total = clean["counts"]["documents"]
    assert _run_and_kill(inputs, db, after_documents=1), "the batch ended before the kill"
    first = _documents(db)
    assert 0 < first < total
    _run_and_kill(inputs, db, after_documents=first + 2)
    rerun = _finish(inputs, db)
    assert rerun == clean, differences(rerun, clean)


def test_killed_inside_a_transaction_leaves_no_half_document(
    inputs: Path, clean: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "killed.sqlite"
    dying = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_IN_TRANSACTION,
            "ingest",
            str(inputs),
            "--db",
            str(db),
            "--jobs",
            "1",
        ],
        env={**os.environ, "KILL_AT_TABLE": "3"},
        capture_output=True,
        check=False,
    )
    assert dying.returncode == -signal.SIGKILL
    with Store.open(str(db)) as store:
        stored = store.rows(
            "SELECT d.pages, COUNT(p.number) FROM documents d "
            "LEFT JOIN pages p ON p.document_id = d.id GROUP BY d.id"
        )
        assert all(pages == found for pages, found in stored)
        assert store.counts()["documents"] < clean["counts"]["documents"]
    rerun = _finish(inputs, db)
    assert rerun == clean, differences(rerun, clean)


def _session(sid: int) -> list[int]:
    """Live (not zombie) processes of session `sid`, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes through /proc")
def test_kill_9_of_the_batch_leaves_no_process_behind(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        (folder / f"slow-{index}.pdf").write_bytes(slow_pdf(2_000_000 + index))
    batch = subprocess.Popen(
        [*CLI, str(folder), "--db", str(tmp_path / "s.sqlite"), "--jobs", "2"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    while len(_session(batch.pid)) < 5 and time.monotonic() - started < 120:
        time.sleep(0.1)  # the batch, the forkserver, the resource tracker and two workers
    assert len(_session(batch.pid)) >= 4, "the workers never started"
    time.sleep(1)
    batch.kill()
    batch.wait()
    killed = time.monotonic()
    while _session(batch.pid) and time.monotonic() - killed < 10:
        time.sleep(0.1)
    left = _session(batch.pid)
    for pid in left:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} processes outlived the batch by 10 s"
