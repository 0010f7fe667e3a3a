"""PostgreSQL back end for a shared team store (psycopg 3, installed with the `postgres` extra)."""

from __future__ import annotations

from typing import Any

from councilpapers.errors import StoreError


class PostgresBackend:
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url

    def connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL needs psycopg: pip install 'councilpapers[postgres]'"
            ) from exc
        try:
            return psycopg.connect(self.url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.url}: {exc}".splitlines()[0]) from exc

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")
