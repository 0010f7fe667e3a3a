"""A store's connection, kept through an outage: a server that goes away for a while is a pause.

The store talks to its database through a `Session`. When the back end says an error means the
connection is gone (`Backend.lost`: a server restarted or shut down, the network dropped), the
session reconnects with bounded backoff (`Reconnect`: a few attempts over about a minute) and
carries on: a statement outside a transaction is sent again; a write transaction, which the
server rolled back with the connection, is run again whole (`write`), so the document whose
transaction was lost is re-sent and lands once. Each write a store makes (a document and its
file, a refusal, the tracking tables, a migration) replaces what its path or key held, so a
transaction whose COMMIT landed although its answer was lost does no harm run again. When the
database does not come back in time, the error is one line naming the store and the cause.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, TypeVar

from councilpapers.corpus.backends import BUGS, Backend, clean, describe
from councilpapers.errors import StoreError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reconnect:
    """How long a store waits for a lost connection: the seconds slept before each attempt to
    reconnect (by default six attempts over 60 s); then the batch stops with the error."""

    delays: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)

    def __post_init__(self) -> None:
        if not self.delays or any(d < 0 for d in self.delays):
            raise ValueError(f"Reconnect.delays must be seconds >= 0, at least one: {self.delays}")


class ConnectionLost(StoreError):
    """The connection went away inside a transaction: the server has rolled it back."""


class Session:
    """One back end's connection, with transactions and reconnection."""

    def __init__(self, backend: Backend, reconnect: Reconnect | None = None) -> None:
        self.backend = backend
        self.reconnect = reconnect or Reconnect()
        self.connection = backend.connect()
        self.in_transaction = False

    def close(self) -> None:
        with suppress(Exception):  # a connection the server already closed
            self.connection.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        values = tuple(clean(p) for p in params)
        return self._sent(lambda cursor: cursor.execute(self.backend.sql(sql), values))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        values = [tuple(clean(v) for v in row) for row in rows]
        self._sent(lambda cursor: cursor.executemany(self.backend.sql(sql), values))

    def _sent(self, send: Callable[[Any], object]) -> Any:
        """Send on a new cursor; outside a transaction, again after a lost connection is re-made."""
        while True:
            try:
                cursor = self.connection.cursor()
                send(cursor)
                return cursor
            except Exception as exc:
                if not self.backend.lost(exc):
                    raise self.failure(exc) from exc
                if self.in_transaction:
                    raise ConnectionLost(self._lost_words(exc)) from exc
                self.reconnected(exc)

    def failure(self, exc: Exception) -> Exception:
        """The database's condition as a one-line StoreError; anything else as it was."""
        if isinstance(exc, self.backend.failures) and type(exc).__name__ not in BUGS:
            return StoreError(f"store {self.backend.label}: {describe(exc)}")
        return exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, begun as the back end begins one (writers take turns)."""
        self.in_transaction = True
        try:
            self.backend.begin(self.execute)
            yield
            self.execute("COMMIT")
        except BaseException:
            with suppress(Exception):  # the database may have rolled back already
                self.connection.execute("ROLLBACK")
            raise
        finally:
            self.in_transaction = False

    def write(self, body: Callable[[], T], transaction: Callable[[], Any] | None = None) -> T:
        """Run `body` inside a transaction (`transaction`, default this session's); when the
        connection is lost on the way, reconnect and run it again whole."""
        begin = transaction or self.transaction
        for _ in range(len(self.reconnect.delays) + 1):
            try:
                with begin():
                    return body()
            except ConnectionLost as exc:
                self.reconnected(exc.__cause__ or exc)
        raise StoreError(f"store {self.backend.label}: the connection keeps being lost")

    def reconnected(self, cause: BaseException) -> None:
        """Close the lost connection and open a new one, waiting as `reconnect` says."""
        self.close()
        failed: StoreError | None = None
        for delay in self.reconnect.delays:
            time.sleep(delay)
            try:
                self.connection = self.backend.connect()
                return
            except StoreError as exc:
                failed = exc
        waited = sum(self.reconnect.delays)
        raise StoreError(
            f"{self._lost_words(cause)}; not back after {len(self.reconnect.delays)} attempts "
            f"over {waited:g} s ({failed})"
        ) from cause

    def _lost_words(self, exc: BaseException) -> str:
        return f"store {self.backend.label}: connection lost ({describe(exc)})"
