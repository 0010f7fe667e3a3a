"""Ingest in a real process: Ctrl-C lets the write under way finish, then the command says
"interrupted: run again to resume" and exits 130, and running it again completes the batch; on a
terminal (script(1)) the progress bar shows the total and the time left."""

from __future__ import annotations

import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batchfiles import split_sample

CLI = [sys.executable, "-m", "councilpapers.cli"]


def _imported(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM files").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_ctrl_c_finishes_the_write_and_says_how_to_resume(tmp_path: Path) -> None:
    parts = split_sample(tmp_path / "in", per_file=1)
    db = tmp_path / "s.sqlite"
    run = subprocess.Popen(
        [*CLI, "ingest", str(tmp_path / "in"), "--db", str(db), "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180
    while _imported(db) < 1 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run.poll() is None, "the batch ended before it could be interrupted"
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert "interrupted: run again to resume" in err and "Traceback" not in err
    done = _imported(db)
    assert 1 <= done < len(parts)
    again = subprocess.run(
        [*CLI, "ingest", str(tmp_path / "in"), "--db", str(db), "-j", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    expected = f"{len(parts)} files: {len(parts) - done} imported, {done} unchanged, 0 refused"
    assert expected in again.stdout


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) for a terminal")
def test_a_terminal_gets_a_progress_bar_with_total_and_eta(tmp_path: Path) -> None:
    parts = split_sample(tmp_path / "in", per_file=8)
    command = [*CLI, "ingest", *map(str, parts), "--db", str(tmp_path / "s.sqlite"), "-j", "1"]
    done = subprocess.run(
        ["script", "-qec", shlex.join(command), "/dev/null"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", done.stdout)
    assert f"0/{len(parts)}" in screen and f"{len(parts)}/{len(parts)}" in screen
    assert "ETA" in screen and f"{len(parts)} files: {len(parts)} imported" in screen
