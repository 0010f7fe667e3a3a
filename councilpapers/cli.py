"""The `councilpapers` command: a thin Typer layer over the library, registered in one place.

The commands live in `commands_*.py`; the options and format rules they share in
`cli_options.py`, the error wrapper and output in `cli_output.py`. Nothing heavy is imported
here: each command imports pandas, the NLP stack or pdfplumber when it runs, so `--help`,
`--version` and the read commands start at once.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from councilpapers import __version__
from councilpapers.commands_data import (
    demo,
    export_actions,
    export_documents,
    export_tables,
    query,
    status,
)
from councilpapers.commands_explain import explain
from councilpapers.commands_fetch import fetch
from councilpapers.commands_ingest import ingest
from councilpapers.commands_nlp import train_command
from councilpapers.commands_recs import export_history, history, recs
from councilpapers.commands_serve import export_store, serve


def _readable_help() -> None:
    """Typer 0.29 prints a Python type beside each parameter in --help (`<bool>`, `<list[Path]>`);
    show the metavar instead, and nothing for flags and arguments (their name is their metavar)."""
    from typer import core

    option_type = core.TyperOption.display_type_rich

    def option(self: core.TyperOption, ctx: Any) -> str | None:
        if self.metavar is None and (self.is_flag or self.count):
            return None
        return option_type(self, ctx)

    core.TyperOption.display_type_rich = option  # type: ignore[method-assign]
    core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_readable_help()
HELP = "Turn UK council papers (committee packs, improvement plans) into data."

app = typer.Typer(no_args_is_help=True, add_completion=False, help=HELP)
export_app = typer.Typer(
    no_args_is_help=True,
    help="Export what the store holds (to standard output, or --out FILE).",
)
models_app = typer.Typer(no_args_is_help=True, help="Build and evaluate the NLP models in models/.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"councilpapers {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn UK council papers (committee packs, improvement plans) into data."""


app.command("fetch")(fetch)
app.command("ingest")(ingest)
app.command("status")(status)
app.command("query")(query)
app.command("recs")(recs)
app.command("history")(history)
app.command("demo")(demo)
app.command("explain")(explain)
app.add_typer(export_app, name="export")
export_app.command("actions")(export_actions)
export_app.command("tables")(export_tables)
export_app.command("documents")(export_documents)
export_app.command("history")(export_history)
export_app.command("store")(export_store)
app.command("serve")(serve)
app.add_typer(models_app, name="models")
models_app.command("train")(train_command)

if __name__ == "__main__":
    app()
