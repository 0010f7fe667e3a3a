"""The `councilpapers` command: a thin Typer layer over the library.

Each command parses its options, makes one library call and reports. Library errors
(CouncilPapersError) become one `Error: …` line and exit code 1.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from councilpapers import __version__
from councilpapers.corpus.batch import BatchReport, FileResult, default_jobs, ingest_paths
from councilpapers.corpus.store import DEFAULT_DB, Store
from councilpapers.errors import CouncilPapersError
from councilpapers.outputs import report
from councilpapers.outputs.export import FORMATS, write_frame
from councilpapers.outputs.frames import action_frame, table_frame

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Turn UK council papers (committee packs, improvement plans) into data.",
)
export_app = typer.Typer(no_args_is_help=True, help="Export what the store holds.")
app.add_typer(export_app, name="export")
console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[str, typer.Option("--db", help="Store: a SQLite file, or postgresql://…")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="File to write.")]


def friendly(command: F) -> F:
    """Turn library errors into one `Error: …` line and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CouncilPapersError as exc:
            console.print(f"[red]Error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


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


@app.command()
@friendly
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="PDF files and folders (searched recursively).")
    ],
    db: DbOption = DEFAULT_DB,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")
    ] = 0,
    fail_fast: Annotated[bool, typer.Option(help="Stop at the first refused file.")] = False,
    retry_refused: Annotated[bool, typer.Option(help="Re-read files refused before.")] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://HOST:8786): run the work on that cluster; files "
            "must be at the same path on every worker."
        ),
    ] = None,
) -> None:
    """Import PDFs: each file is imported, skipped as unchanged, or refused with a reason."""
    with Store.open(db) as store, _progress() as progress:
        task = progress.add_task("ingest", total=None)

        def tick(result: FileResult) -> None:
            progress.update(task, advance=1, description=Path(result.path).name[:40])

        result = ingest_paths(
            paths,
            store,
            jobs=jobs or default_jobs(),
            on_result=tick,
            fail_fast=fail_fast,
            retry_refused=retry_refused,
            scheduler=scheduler,
        )
        from councilpapers.tracking.tracker import refresh_tracking  # heavy: only when ingesting

        refresh_tracking(store)  # register and links stored, so read commands only read
    _summary(result)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<40}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not sys.stderr.isatty(),
    )


def _summary(result: BatchReport) -> None:
    out = Console()
    out.print(report.batch_summary(result))
    for item in result.refused:
        out.print(f"  refused: {item.reason}", highlight=False, soft_wrap=True)


@export_app.command("actions")
@friendly
def export_actions(
    db: DbOption = DEFAULT_DB, fmt: FormatOption = "csv", out: OutOption = Path("actions.csv")
) -> None:
    """Every action-plan and RAG-snapshot row, one line per logical row."""
    _write(action_frame(db), fmt, out)


@export_app.command("tables")
@friendly
def export_tables(
    db: DbOption = DEFAULT_DB, fmt: FormatOption = "csv", out: OutOption = Path("tables.csv")
) -> None:
    """Every row of every table found, of any kind (risk registers, KPI tables, …)."""
    _write(table_frame(db), fmt, out)


def _write(frame: pd.DataFrame, fmt: str, out: Path) -> None:
    path = write_frame(frame, fmt, out)
    typer.echo(f"wrote {len(frame)} rows to {path}")


@app.command()
@friendly
def demo(
    keep: Annotated[Path | None, typer.Option(help="Keep the demo store at this path.")] = None,
) -> None:
    """Ingest the bundled samples into a temporary store and show what was found."""
    from councilpapers.outputs.demo import run_demo

    Console().print(run_demo(keep))


@app.command()
@friendly
def status(db: DbOption = DEFAULT_DB) -> None:
    """What the store holds: files by outcome, documents, tables, rows."""
    with Store.open(db) as store:
        Console().print(report.store_summary(store.counts(), store.schema_version))


from councilpapers import commands_packs  # noqa: E402

export_app.command("documents")(commands_packs.export_documents)

from councilpapers import commands_recs  # noqa: E402

app.command("recs")(commands_recs.recs)
app.command("history")(commands_recs.history)
export_app.command("history")(commands_recs.export_history)

from councilpapers import commands_nlp  # noqa: E402

app.add_typer(commands_nlp.models_app, name="models")
app.command("query")(commands_nlp.query_command)

from councilpapers import commands_serve  # noqa: E402

app.command("serve")(friendly(commands_serve.serve))
export_app.command("store")(friendly(commands_serve.export_store))
