"""Database back ends behind the store: SQLite by default, PostgreSQL for a shared installation.

A back end opens a DB-API connection and knows its dialect; the store writes portable SQL with
`?` placeholders, which a back end rewrites where its driver wants another style.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Protocol

from councilpapers.errors import StoreError


class Backend(Protocol):
    dialect: str

    def connect(self) -> Any: ...

    def sql(self, statement: str) -> str: ...


class SQLiteBackend:
    """An embedded SQLite file: zero set-up, one writer at a time (WAL journal)."""

    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        self.path = path

    def connect(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a councilpapers store ({exc})") from exc
        return connection

    def sql(self, statement: str) -> str:
        return statement


def backend_for(url: str) -> Backend:
    """Pick the back end from the --db value: a file path, sqlite:///path or postgresql://…"""
    if url.startswith(("postgresql://", "postgres://")):
        from councilpapers.corpus.postgres import PostgresBackend

        return PostgresBackend(url)
    if url.startswith("sqlite:///"):
        return SQLiteBackend(url[len("sqlite:///") :])
    if "://" in url:
        raise StoreError(
            f"unknown store address {url!r}: use a file path, sqlite:///FILE or "
            "postgresql://USER@HOST/DB"
        )
    return SQLiteBackend(url)
