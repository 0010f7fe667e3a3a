"""The SQLite back end, the default: a store in one file, zero set-up, one writer at a time.

Addressed as a file path or `sqlite:///path`. Opened read-write, the file and its folder are
created when missing, in WAL mode; opened read-only (`mode=ro`, or `immutable` on read-only
media) a missing file is an error naming it: reading never creates a store. A write transaction
takes the write lock at once (`BEGIN IMMEDIATE`), waiting up to a minute for another writer.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from councilpapers.corpus.backends import Backend, Execute, describe
from councilpapers.errors import StoreError

PREFIX = "sqlite:///"
MEMORY = ":memory:"


class SQLiteBackend(Backend):
    """An embedded SQLite file (WAL journal)."""

    dialect = "sqlite"
    primary_key = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, target: str, readonly: bool = False) -> None:
        super().__init__(target, readonly)
        self.failures = (sqlite3.OperationalError, sqlite3.DatabaseError)

    @classmethod
    def address(cls, text: str) -> str | None:
        if text.startswith(PREFIX):
            return text[len(PREFIX) :]
        return None if "://" in text else text

    @classmethod
    def missing(cls, target: str) -> bool:
        return target != MEMORY and not Path(target).is_file()

    def connect(self) -> sqlite3.Connection:
        if self.readonly:
            return self._connect_readonly()
        if self.target != MEMORY:
            try:
                Path(self.target).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{self.target}: cannot create the store's folder ({exc})"
                ) from exc
        try:
            connection = sqlite3.connect(self.target, isolation_level=None, timeout=60)
            connection.execute("PRAGMA foreign_keys = ON")
            _switch_to_wal(connection)
            connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.target}: {describe(exc)}") from exc
        return connection

    def _connect_readonly(self) -> sqlite3.Connection:
        if self.missing(self.target) or self.target == MEMORY:
            raise StoreError(
                f"{self.target}: no such store (check --db: reading never creates a store)"
            )
        uri = f"file:{quote(str(Path(self.target).resolve()))}?mode=ro"
        for suffix in ("", "&immutable=1"):  # immutable: a store on read-only media
            try:
                connection = sqlite3.connect(uri + suffix, uri=True, isolation_level=None)
                connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                return connection
            except sqlite3.OperationalError:
                continue
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.target}: {describe(exc)}") from exc
        raise StoreError(f"{self.target}: cannot open the store for reading")

    def begin(self, execute: Execute) -> None:
        execute("BEGIN IMMEDIATE", ())

    def own_files(self) -> frozenset[str]:
        """The database file, its WAL and shared-memory files and its rollback journal."""
        if self.target == MEMORY:
            return frozenset()
        base = os.path.realpath(self.target)
        return frozenset(base + suffix for suffix in ("", "-wal", "-shm", "-journal"))


def _switch_to_wal(connection: sqlite3.Connection, patience: float = 60.0) -> None:
    """Put the store in WAL mode. SQLite answers "database is locked" at once, without its busy
    wait, when another connection is switching the same new file (workers opening one new store
    together), so the switch is retried for up to `patience` seconds."""
    deadline, pause = time.monotonic() + patience, 0.005
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
