"""Database back ends behind the store: SQLite by default, PostgreSQL for a shared installation.

A back end opens a DB-API connection, read-write or read-only, and knows its dialect; the store
writes portable SQL with `?` placeholders, which a back end rewrites where its driver wants another
style. Each back end also names the driver errors that are the database's condition rather than
a bug (disk full, read-only, locked, unreachable): the store turns those into one-line
`StoreError`s. A read-only opening never creates anything: a missing store is an error naming it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from councilpapers.errors import StoreError
from councilpapers.records import printable

HINTS = {
    "database or disk is full": "the disk is full",
    "attempt to write a readonly database": "the store is read-only",
    "database is locked": "another process holds the store locked",
    "unable to open database file": "cannot open the file",
    "file is not a database": "not a councilpapers store",
}


class Backend(Protocol):
    dialect: str
    readonly: bool
    label: str
    failures: tuple[type[BaseException], ...]

    def connect(self) -> Any: ...

    def sql(self, statement: str) -> str: ...

    def own_files(self) -> frozenset[str]: ...


class SQLiteBackend:
    """An embedded SQLite file: zero set-up, one writer at a time (WAL journal)."""

    dialect = "sqlite"
    failures: tuple[type[BaseException], ...] = (sqlite3.OperationalError, sqlite3.DatabaseError)

    def __init__(self, path: str, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.label = path

    def connect(self) -> sqlite3.Connection:
        if self.readonly:
            return self._connect_readonly()
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create the store's folder ({exc})") from exc
        try:
            connection = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {describe(exc)}") from exc
        return connection

    def _connect_readonly(self) -> sqlite3.Connection:
        if self.path == ":memory:" or not Path(self.path).is_file():
            raise StoreError(
                f"{self.path}: no such store (check --db: reading never creates a store)"
            )
        uri = f"file:{quote(str(Path(self.path).resolve()))}?mode=ro"
        for suffix in ("", "&immutable=1"):  # immutable: a store on read-only media
            try:
                connection = sqlite3.connect(uri + suffix, uri=True, isolation_level=None)
                connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                return connection
            except sqlite3.OperationalError:
                continue
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: {describe(exc)}") from exc
        raise StoreError(f"{self.path}: cannot open the store for reading")

    def sql(self, statement: str) -> str:
        return statement

    def own_files(self) -> frozenset[str]:
        """The real paths of the files this store is kept in (database, journal, WAL)."""
        if self.path == ":memory:":
            return frozenset()
        base = os.path.realpath(self.path)
        return frozenset(base + suffix for suffix in ("", "-wal", "-shm", "-journal"))


def clean(value: Any) -> Any:
    """A value as stored: text without NUL and as valid UTF-8; anything else unchanged."""
    if isinstance(value, str):
        return printable(value.replace("\x00", "")) if "\x00" in value else printable(value)
    return value


BUGS = ("IntegrityError", "ProgrammingError", "InterfaceError", "NotSupportedError")


def describe(exc: BaseException) -> str:
    """A driver error as one line, with a plain-words hint for the common conditions."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    for words, hint in HINTS.items():
        if words in text.lower():
            return f"{hint} ({text})" if hint != text else text
    return text


def backend_for(url: str, readonly: bool = False) -> Backend:
    """Pick the back end from the --db value: a file path, sqlite:///path or postgresql://…"""
    if url.startswith(("postgresql://", "postgres://")):
        from councilpapers.corpus.postgres import PostgresBackend

        return PostgresBackend(url, readonly)
    if url.startswith("sqlite:///"):
        return SQLiteBackend(url[len("sqlite:///") :], readonly)
    if "://" in url:
        raise StoreError(
            f"unknown store address {url!r}: use a file path, sqlite:///FILE or "
            "postgresql://USER@HOST/DB"
        )
    return SQLiteBackend(url, readonly)
