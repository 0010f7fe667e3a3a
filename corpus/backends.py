"""What a database back end behind the store is: the one place where SQLite and PostgreSQL differ.

A back end reads its own kind of store address (`address`: a path or sqlite:///path; a
postgresql:// URL), opens a DB-API connection read-write or read-only, rewrites the store's
portable SQL (`?` placeholders) where its driver wants another style, begins a write transaction
its own way (SQLite takes the write lock at once; PostgreSQL takes the writers' advisory lock),
and names the auto-increment primary key migrations write as `{pk}`. It also names the driver
errors that are the database's condition rather than a bug (disk full, read-only, locked,
unreachable), which the store turns into one-line `StoreError`s, and those that mean the
connection was lost (the server restarted), after which the store reconnects and re-sends. The
store, the migrations and the URL parser (url.py) never ask which dialect they are talking to.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from councilpapers.records import printable

HINTS = {
    "database or disk is full": "the disk is full",
    "attempt to write a readonly database": "the store is read-only",
    "database is locked": "another process holds the store locked",
    "unable to open database file": "cannot open the file",
    "file is not a database": "not a councilpapers store",
}
BUGS = ("IntegrityError", "ProgrammingError", "InterfaceError", "NotSupportedError")

Execute = Callable[[str, Sequence[Any]], Any]  # the store's execute: portable SQL, parameters


class Backend(ABC):
    """One kind of database; an instance is one store's address, opened read-write or read-only."""

    dialect: ClassVar[str]  # a name for people and tests, never branched on
    primary_key: ClassVar[str]  # the auto-increment primary key, written `{pk}` in migrations

    def __init__(self, target: str, readonly: bool = False) -> None:
        self.target = target  # what the driver opens: a file path, a connection URL
        self.readonly = readonly
        self.label = self.label_for(target)
        self.failures: tuple[type[BaseException], ...] = ()

    @classmethod
    @abstractmethod
    def address(cls, text: str) -> str | None:
        """The target this back end reads a --db value as, or None when it is not its kind."""

    @classmethod
    def label_for(cls, target: str) -> str:
        """The target as shown in messages (no password)."""
        return target

    @classmethod
    def missing(cls, target: str) -> bool:
        """Whether the store is known not to exist without connecting to anything."""
        return False

    @abstractmethod
    def connect(self) -> Any:
        """A DB-API connection in autocommit mode (transactions are begun explicitly)."""

    @abstractmethod
    def begin(self, execute: Execute) -> None:
        """Begin a write transaction (the store commits or rolls it back)."""

    def sql(self, statement: str) -> str:
        """The store's portable SQL as this driver wants it."""
        return statement

    def own_files(self) -> frozenset[str]:
        """The real paths of files this store is kept in (none for a server)."""
        return frozenset()

    def lost(self, exc: BaseException) -> bool:
        """Whether `exc` means the connection is gone (reconnect and re-send), not a refusal."""
        return False


def clean(value: Any) -> Any:
    """A value as stored: text without NUL and as valid UTF-8; anything else unchanged."""
    if isinstance(value, str):
        return printable(value.replace("\x00", "")) if "\x00" in value else printable(value)
    return value


def describe(exc: BaseException) -> str:
    """A driver error as one line, with a plain-words hint for the common conditions."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    for words, hint in HINTS.items():
        if words in text.lower():
            return f"{hint} ({text})" if hint != text else text
    return text
