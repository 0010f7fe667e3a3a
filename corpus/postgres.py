"""The PostgreSQL back end, for a shared team store (psycopg 3, the `postgres` extra).

Addressed as `postgresql://USER@HOST/DB` (or `postgres://`). Several batches may write to one
database at once: a write transaction first takes a transaction-scoped advisory lock
(`LOCK_KEY`), around migrations and around each document, so they run one after the other. A
read-only opening runs every transaction read-only. A connection the server dropped (a restart,
an administrator's command, the network) is `lost`: the store reconnects and re-sends.
"""

from __future__ import annotations

import re
from typing import Any

from councilpapers.corpus.backends import Backend, Execute
from councilpapers.errors import StoreError

PREFIXES = ("postgresql://", "postgres://")
LOCK_KEY = 0x636F756E63696C  # "council": one advisory lock for every councilpapers writer
# SQLSTATE classes and codes of a connection the server or the network ended (not our SQL):
# 08 connection exception, 57P01-57P03 admin shutdown, crash shutdown, cannot connect now.
LOST_STATES = ("08", "57P01", "57P02", "57P03")


class PostgresBackend(Backend):
    dialect = "postgresql"
    primary_key = "BIGSERIAL PRIMARY KEY"

    @classmethod
    def address(cls, text: str) -> str | None:
        return text if text.startswith(PREFIXES) else None

    @classmethod
    def label_for(cls, target: str) -> str:
        return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", target)

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
            connection = psycopg.connect(self.target, autocommit=True)
            if self.readonly:
                connection.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.label}: {exc}".splitlines()[0]) from exc
        return connection

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    def begin(self, execute: Execute) -> None:
        execute("BEGIN", ())
        execute("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))

    def lost(self, exc: BaseException) -> bool:
        import psycopg

        if not isinstance(exc, psycopg.OperationalError):
            return False
        state = getattr(exc, "sqlstate", None) or ""
        return not state or state.startswith(LOST_STATES)
