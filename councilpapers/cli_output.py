"""How every command reports: the error wrapper (exit codes), messages on standard error, rows
and renderables on standard output, and the `wrote …` line.

Exit codes: 0 success, 1 a library error (one `Error: …` line), 2 a usage error (`BadUsage`,
from `cli_options`). Nothing from a document is ever read as rich markup: text goes out through
`rich.text.Text` or plain writes.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import typer
from rich.console import Console, RenderableType
from rich.text import Text

from councilpapers.cli_options import STDOUT, BadUsage
from councilpapers.errors import CouncilPapersError

F = TypeVar("F", bound=Callable[..., Any])


def command(function: F) -> F:
    """The error wrapper: BadUsage -> exit 2, other library errors -> exit 1, one line each."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except BadUsage as exc:
            error(str(exc))
            raise typer.Exit(2) from exc
        except BrokenPipeError:  # `councilpapers export actions | head`: stop quietly
            _silence_stdout()
            raise typer.Exit(0) from None
        except CouncilPapersError as exc:
            error(str(exc))
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def error(message: str) -> None:
    """`Error: …` on one line of standard error, the message never read as markup."""
    line = " ".join(message.split())
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        Text("Error: ", style="red") + Text(line)
    )


def info(message: str, quiet: bool = False) -> None:
    """A message for the person at the terminal (standard error), unless --quiet."""
    if not quiet:
        Console(stderr=True, highlight=False, soft_wrap=True).print(Text(message))


def show(renderable: RenderableType | str) -> None:
    """Print to standard output; a str is printed as it is, never as markup."""
    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    console.print(Text(renderable) if isinstance(renderable, str) else renderable)


def emit(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: str,
    out: str,
    title: str,
    quiet: bool = False,
    table_columns: Sequence[str] | None = None,
) -> None:
    """Print or write rows as a table (of `table_columns`, if given) or in a text format."""
    from councilpapers.outputs.export import write_text
    from councilpapers.outputs.formats import Rows, rows_text
    from councilpapers.outputs.report import records_table

    if fmt == "table":
        table = records_table(records, table_columns or columns, title)
        if out == STDOUT:
            show(table)
            return
        text = render_text(table)
    else:
        text = rows_text(Rows(tuple(columns), records), fmt)
    if out == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        info(f"wrote {len(records)} rows to {write_text(text, out)}", quiet)


def wrote(what: str, where: str, quiet: bool) -> None:
    """Say what a command wrote where (nothing when it went to standard output)."""
    if where != "standard output":
        info(f"wrote {what} to {where}", quiet)


def render_text(*renderables: RenderableType, width: int = 120) -> str:
    """Renderables as plain text (no colour codes), as they would print at `width` columns."""
    console = Console(
        width=width, record=True, color_system=None, file=io.StringIO(), highlight=False
    )
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


def clock(seconds: float) -> str:
    """A duration as h:mm:ss, for progress lines."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def progress_bar() -> Any:
    """The rich progress bar long commands show on a terminal: item, bar, n/total, time, ETA."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description:<40}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
