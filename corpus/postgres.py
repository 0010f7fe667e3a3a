"""PostgreSQL back end for a shared team store (psycopg 3, installed with the `postgres` extra).

Several batches may write to one database at once: the store takes a transaction-scoped advisory
lock (`LOCK_KEY`) around migrations and around each write transaction, so they run one after
the other. A read-only opening runs every transaction read-only.
"""

from __future__ import annotations

import re
from typing import Any

from councilpapers.errors import StoreError

LOCK_KEY = 0x636F756E63696C  # "council": one advisory lock for every councilpapers writer


def _hide_password(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresBackend:
    dialect = "postgresql"

    def __init__(self, url: str, readonly: bool = False) -> None:
        self.url = url
        self.readonly = readonly
        self.label = _hide_password(url)
        self.failures: tuple[type[BaseException], ...] = ()

    def connect(self) -> Any:
        try:
            import psycopg
            from psycopg import errors
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL needs psycopg: pip install 'councilpapers[postgres]'"
            ) from exc
        self.failures = (
            psycopg.OperationalError,
            psycopg.DataError,
            errors.ReadOnlySqlTransaction,
            errors.InsufficientPrivilege,
        )
        try:
            connection = psycopg.connect(self.url, autocommit=True)
            if self.readonly:
                connection.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.label}: {exc}".splitlines()[0]) from exc
        return connection

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    def own_files(self) -> frozenset[str]:
        return frozenset()  # the server keeps the data
