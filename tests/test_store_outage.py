"""A store outage is a pause, not the end of the batch.

`pg_ctl restart -m fast` in the middle of a real `councilpapers ingest` into PostgreSQL: the batch
waits for the server, reconnects, and finishes with every file imported and the exports of an
uninterrupted run. The server kills the writer's connection inside a document's transaction: the
document is sent again and lands once. The server stays away: after the bounded wait the error is
one line. Each test has a PostgreSQL server of its own (tests/pgserver.py), so restarting it cuts
no other test's connections; without the server binaries they skip, saying why.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from councilpapers.batch.run import ingest_paths
from councilpapers.corpus import store as store_module
from councilpapers.corpus.backends import Backend, Execute
from councilpapers.corpus.session import Reconnect, Session
from councilpapers.corpus.store import Store
from councilpapers.errors import StoreError
from tests.batchfiles import split_sample
from tests.pgserver import PrivateServer, database, private_server
from tests.test_batch_library import exports

CLI = [sys.executable, "-c", "from councilpapers.cli import app; app()"]


@pytest.fixture(scope="module")
def server() -> Iterator[PrivateServer]:
    with private_server() as started:
        yield started


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outage-inputs")
    split_sample(folder, per_file=2)  # 11 small plans
    return folder


@pytest.fixture(scope="module")
def uninterrupted(
    server: PrivateServer, inputs: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    with database(server.url) as url:
        done = subprocess.run(
            [*CLI, "ingest", str(inputs), "--db", url, "-j", "1"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return exports(url, tmp_path_factory.mktemp("uninterrupted") / "out")


def _documents(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            found = connection.execute("SELECT COUNT(*) FROM documents").fetchone()
            return int(found[0]) if found else 0
    except psycopg.Error:
        return 0


def test_server_restarted_mid_batch_is_a_pause(
    server: PrivateServer, inputs: Path, uninterrupted: dict[str, bytes], tmp_path: Path
) -> None:
    total = len(list(inputs.glob("*.pdf")))
    with database(server.url) as url:
        batch = subprocess.Popen(
            [*CLI, "ingest", str(inputs), "--db", url, "-j", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        while batch.poll() is None and _documents(url) < 2:
            time.sleep(0.1)
        stored = _documents(url)
        assert batch.poll() is None and stored < total, "the batch ended before the restart"
        try:
            server.restart()
            out, err = batch.communicate(timeout=600)
        finally:
            if batch.poll() is None:
                batch.kill()
                batch.communicate()
        assert batch.returncode == 0, err
        assert f"{total} files: {total} imported, 0 unchanged, 0 refused" in out
        assert exports(url, tmp_path / "out") == uninterrupted


def test_connection_killed_inside_a_documents_transaction_resends_it(
    server: PrivateServer,
    inputs: Path,
    uninterrupted: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server ends the writer's connection between two tables of a document (what a restart
    does to a transaction under way): that document's transaction is rolled back, re-sent whole
    on a new connection, and lands once."""
    import psycopg

    real, killed = Store._insert_table, []

    def insert_table(self: Store, *args: Any) -> None:
        if not killed and self.rows("SELECT COUNT(*) FROM doc_tables")[0][0] > 0:
            pid = self.rows("SELECT pg_backend_pid()")[0][0]
            with psycopg.connect(server.url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            killed.append(pid)
        real(self, *args)

    monkeypatch.setattr(store_module.Store, "_insert_table", insert_table)
    with database(server.url) as url:
        with Store.open(url, reconnect=Reconnect((0.2, 0.5, 1.0))) as store:
            report = ingest_paths([inputs], store, jobs=1, isolate=False)
        assert killed, "no connection was killed"
        assert report.count("imported") == len(report.results) == len(list(inputs.glob("*.pdf")))
        assert exports(url, tmp_path / "out") == uninterrupted


def test_a_server_that_stays_away_is_one_line_error_after_the_wait(
    server: PrivateServer, tmp_path: Path
) -> None:
    with database(server.url) as url:
        store = Store.open(url, reconnect=Reconnect((0.1, 0.2, 0.3)))
        assert store.rows("SELECT 1") == [(1,)]
        stopped = server.pg_ctl("-w", "-m", "fast", "stop")
        assert stopped.returncode == 0, stopped.stderr
        try:
            started = time.monotonic()
            with pytest.raises(StoreError) as caught:
                store.rows("SELECT COUNT(*) FROM documents")
            waited = time.monotonic() - started
        finally:
            server.start()
        store.close()
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"store {url}: connection lost (")
    assert "not back after 3 attempts over 0.6 s" in message
    assert waited >= 0.6


class _Gone(Exception):
    """What the fake driver raises when its server has gone."""


class _Connection:
    def __init__(self, log: list[str], drops: set[int]) -> None:
        self.log, self.drops = log, drops

    def cursor(self) -> _Connection:
        return self

    def execute(self, sql: str, params: Any = ()) -> None:
        self.log.append(sql)
        if len(self.log) in self.drops:
            raise _Gone("server closed the connection unexpectedly")

    def close(self) -> None:
        self.log.append("close")


class _Backend(Backend):
    """A back end whose connection drops at the statements numbered in `drops`."""

    dialect = "fake"
    primary_key = "INTEGER PRIMARY KEY"

    def __init__(self, drops: set[int]) -> None:
        super().__init__("fake://", False)
        self.log: list[str] = []
        self.drops = drops
        self.connections = 0

    @classmethod
    def address(cls, text: str) -> str | None:
        return None

    def connect(self) -> _Connection:
        self.connections += 1
        return _Connection(self.log, self.drops)

    def begin(self, execute: Execute) -> None:
        execute("BEGIN", ())

    def lost(self, exc: BaseException) -> bool:
        return isinstance(exc, _Gone)


def test_a_transaction_lost_midway_is_run_again_whole() -> None:
    backend = _Backend(drops={3})  # BEGIN, one, two <- lost
    session = Session(backend, Reconnect((0.0,)))

    def body() -> str:
        session.execute("one")
        session.execute("two")
        return "done"

    assert session.write(body) == "done"
    assert backend.connections == 2
    lost = ["BEGIN", "one", "two", "ROLLBACK", "close"]  # the server rolled it back
    assert backend.log == [*lost, "BEGIN", "one", "two", "COMMIT"]


def test_a_statement_outside_a_transaction_is_sent_again_and_the_wait_is_bounded() -> None:
    backend = _Backend(drops={1})
    session = Session(backend, Reconnect((0.0, 0.0)))
    session.execute("SELECT 1")
    assert backend.log == ["SELECT 1", "close", "SELECT 1"] and backend.connections == 2

    def refused() -> _Connection:
        raise StoreError("cannot connect to fake://: refused")

    backend.drops.add(4)
    backend.connect = refused  # type: ignore[method-assign]
    with pytest.raises(StoreError) as caught:
        session.execute("SELECT 2")
    assert str(caught.value) == (
        "store fake://: connection lost (server closed the connection unexpectedly); not back "
        "after 2 attempts over 0 s (cannot connect to fake://: refused)"
    )
