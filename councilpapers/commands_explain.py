"""CLI piece: `councilpapers explain FILE.pdf` shows how each table's header was read.

A thin wrapper: the library reads the PDF and finds its tables (`extract.tables.find_tables`,
with any header overrides from `--headers`); this prints, per table, how its header was found
(title and header rows, score, the runner-up reading) and which printed header went to which
field, with the confidence and the evidence (the header classifier's reading, the content of
the column's cells).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from councilpapers.cli_options import BadUsage, header_overrides
from councilpapers.cli_output import command


@command
def explain(
    pdf: Annotated[Path, typer.Argument(metavar="PDF", help="A PDF to read (nothing is stored).")],
    headers: Annotated[
        Path | None,
        typer.Option(
            "--headers",
            metavar="FILE",
            help="YAML file of header overrides (`headers: {printed header: field or none}`).",
        ),
    ] = None,
) -> None:
    """Show which printed header went to which field in every table of a PDF, and why."""
    from councilpapers.extract.tables import find_tables
    from councilpapers.ingest.pdf import read_document

    if not pdf.is_file():
        raise BadUsage(f"no such file: {pdf}")
    overrides = header_overrides(headers)
    tables = find_tables(read_document(pdf), {"header_overrides": overrides})
    for table in tables:
        typer.echo(
            f"table {table.index} ({table.kind}, pages {table.page_first}-{table.page_last})"
            f"{': ' + table.title if table.title else ''}"
        )
        typer.echo(f"  header: {table.header_note or 'none found'}")
        for column in table.mapping:
            typer.echo(
                f"  {column.position + 1:>2}. {column.header!r} -> {column.name} "
                f"({column.confidence:.2f}) {column.evidence}"
            )
