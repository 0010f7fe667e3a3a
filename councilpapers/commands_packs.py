"""CLI commands for committee packs: `export documents` (per PDF: pages, meeting facts, items).

Registered on the export sub-app at the end of cli.py; library errors become one `Error: …` line
and exit code 1 (a local helper, since importing cli's `friendly` here would be a cycle)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from councilpapers.corpus.store import DEFAULT_DB
from councilpapers.errors import CouncilPapersError
from councilpapers.outputs.documents import DOCUMENT_FORMATS, write_documents


def _fail(exc: CouncilPapersError) -> typer.Exit:
    typer.echo(f"Error: {exc}", err=True)
    return typer.Exit(1)


def export_documents(
    db: Annotated[
        str, typer.Option("--db", help="Store: a SQLite file, or postgresql://…")
    ] = DEFAULT_DB,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(DOCUMENT_FORMATS)}.")
    ] = "json",
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")] = Path(
        "documents.json"
    ),
) -> None:
    """Per PDF: pages, text sources, meeting facts and its items (agenda item, type, pages)."""
    try:
        path, count = write_documents(db, fmt, out)
    except CouncilPapersError as exc:
        raise _fail(exc) from exc
    typer.echo(f"wrote {count} documents to {path}")
