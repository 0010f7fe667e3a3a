"""Commands for the browser: `serve` (Datasette on the store) and `export store` (to SQLite)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from councilpapers.cli_options import DEFAULT_DB, DbOption, QuietOption, existing_store
from councilpapers.cli_output import command, info, wrote


@command
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[
        int, typer.Option("--port", "-p", metavar="N", help="Port to listen on.")
    ] = 8001,
    host: Annotated[
        str,
        typer.Option("--host", metavar="HOST", help="Address to listen on (0.0.0.0: every one)."),
    ] = "127.0.0.1",
) -> None:
    """Browse the store in Datasette: tables, search, recommendation timelines, source pages."""
    from councilpapers.outputs.serve import check_servable
    from councilpapers.outputs.serve import serve as run

    check_servable(existing_store(db))
    info(f"serving {db} read only at http://{host}:{port}/ (Ctrl-C to stop)")
    run(db, host=host, port=port)


@command
def export_store(
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="SQLite file to create.")
    ] = Path("council.sqlite"),
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it exists.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Copy the whole store (e.g. a team's PostgreSQL store) into a new SQLite file."""
    from councilpapers.corpus.copy import copy_store

    counts = copy_store(existing_store(db), out, overwrite=force)
    wrote(f"a copy of {counts.get('documents', 0)} documents", str(out), quiet)
