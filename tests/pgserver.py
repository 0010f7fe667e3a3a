"""PostgreSQL for the tests: the shared throwaway server, databases of their own, and a private
server a test may restart.

The shared server comes from COUNCILPAPERS_TEST_PG (a postgresql:// URL with rights to create
databases) or is started by scripts/start-postgres.sh; a test without one skips, saying why. A
test that restarts its server starts a private one (`private_server`: its own data folder and a
port of its own), so no other test's connections are cut. Nothing here is a test.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "start-postgres.sh"


def shared_server() -> str:
    """The URL of the shared throwaway server, or skip the test saying why there is none."""
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    url = os.environ.get("COUNCILPAPERS_TEST_PG")
    if url:
        return url
    started = subprocess.run(["sh", str(SCRIPT)], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.skip(f"no PostgreSQL server: {SCRIPT.name} failed: {started.stderr.strip()[:200]}")
    return started.stdout.strip()


def fresh_database(server: str, prefix: str = "councilpapers_test") -> str:
    """A new empty database on `server`; its URL."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + f"/{name}"


def drop_database(server: str, url: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {url.rsplit('/', 1)[1]} WITH (FORCE)")


@contextmanager
def database(server: str) -> Iterator[str]:
    url = fresh_database(server)
    try:
        yield url
    finally:
        drop_database(server, url)


@dataclass(frozen=True)
class PrivateServer:
    """A server of one test's own: `restart()` it mid-test without touching anyone else's."""

    url: str
    data: Path
    port: int

    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(_binaries() / "pg_ctl"), "-D", str(self.data), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: every connection is ended by the server, which comes back."""
        done = self.pg_ctl("-w", "-m", "fast", "-l", str(self.log), "restart")
        assert done.returncode == 0, done.stderr

    def start(self) -> None:
        """Start it again after a stop, as it was started (the script; same folder and port)."""
        done = _start_script(self.data, self.port)
        assert done.returncode == 0, done.stderr

    @property
    def log(self) -> Path:
        """The server's log (pg_ctl without -l would hold our pipes open for ever)."""
        return self.data / "server.log"


def _binaries() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    if found:
        return found[-1]
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else Path("/nonexistent")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def private_server() -> Iterator[PrivateServer]:
    """Start a server of its own (data, socket and log in a new folder under the system's
    temporary folder, which the `postgres` user can reach) on a free port; stop and delete it
    after."""
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    if not (_binaries() / "pg_ctl").exists():
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="councilpapers-pg-"))
    folder.chmod(0o777)  # as root, the script runs the server as `postgres`
    try:
        with _started(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _start_script(data: Path, port: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PGDATA_DIR": str(data), "PGPORT": str(port)}
    return subprocess.run(
        ["sh", str(SCRIPT)], capture_output=True, text=True, check=False, env=env, timeout=120
    )


@contextmanager
def _started(folder: Path) -> Iterator[PrivateServer]:
    for attempt in range(3):  # a port taken between finding and binding it: try another
        port = _free_port()
        started = _start_script(folder / "data", port)
        if started.returncode == 0:
            break
        if attempt == 2:
            pytest.skip(f"no private PostgreSQL server: {started.stderr.strip()[:300]}")
    server = PrivateServer(started.stdout.strip(), folder / "data", port)
    try:
        yield server
    finally:
        server.pg_ctl("-m", "immediate", "stop")
