"""A store's address, parsed once: every command and the library open a store through `StoreUrl`.

`--db` (or COUNCILPAPERS_DB) takes a SQLite file path, `sqlite:///path` or a PostgreSQL URL
(`postgresql://USER@HOST/DB`, `postgres://…`). Each back end reads its own kind of address
(`Backend.address`); the first that accepts the text owns it, SQLite last since any other text
is a path. So `FILE` and `sqlite:///FILE` are one store everywhere, and an address no back end
reads is one `StoreError` naming the forms that work.
"""

from __future__ import annotations

from dataclasses import dataclass

from councilpapers.corpus.backends import Backend
from councilpapers.corpus.postgres import PostgresBackend
from councilpapers.corpus.sqlite import SQLiteBackend
from councilpapers.errors import StoreError

BACKENDS: tuple[type[Backend], ...] = (PostgresBackend, SQLiteBackend)  # SQLite: any path


@dataclass(frozen=True, slots=True)
class StoreUrl:
    """Which back end a --db value names, and what that back end opens (`target`)."""

    given: str
    kind: type[Backend]
    target: str

    @classmethod
    def parse(cls, value: str | StoreUrl) -> StoreUrl:
        if isinstance(value, StoreUrl):
            return value
        for kind in BACKENDS:
            target = kind.address(value)
            if target is not None:
                return cls(value, kind, target)
        raise StoreError(
            f"unknown store address {value!r}: use a file path, sqlite:///FILE or "
            "postgresql://USER@HOST/DB"
        )

    @property
    def label(self) -> str:
        """The address as shown in messages (a SQLite path; a URL without its password)."""
        return self.kind.label_for(self.target)

    def missing(self) -> bool:
        """Known not to exist without connecting (a SQLite file that is not there)."""
        return self.kind.missing(self.target)

    def backend(self, readonly: bool = False) -> Backend:
        return self.kind(self.target, readonly)
