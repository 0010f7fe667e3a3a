"""The one CLI layer every command uses: shared options, the error wrapper, the store check, the
output format rules and markup-safe printing.

Conventions are those of sqlite-utils, csvkit and datasette: no `--out` or `--out -` writes to
standard output; the format follows the output's extension, and an explicit `--format` that
disagrees is an error; `COUNCILPAPERS_DB` names the store. Exit codes: 0 success, 1 a library error
(one `Error: …` line), 2 a usage error (a missing path or store, an unknown theme, status or
format, a format that contradicts the file name). The formats, their extensions and the
`--format` help come from the registry in `outputs/formats.py`. Nothing from a document is ever
read as rich markup: text goes out through `rich.text.Text` or plain writes.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console, RenderableType
from rich.text import Text

from councilpapers.errors import CouncilPapersError
from councilpapers.outputs.formats import format_of, formats_for

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_DB = "councilpapers.sqlite"
STDOUT = "-"
PRINT_FORMATS = formats_for("print")
EXPORT_FORMATS = formats_for("export")
HISTORY_FORMATS = formats_for("history")


class BadUsage(CouncilPapersError):
    """The command line asks for something impossible: exit code 2."""


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="COUNCILPAPERS_DB",
        metavar="STORE",
        show_envvar=True,
        help="The store: a SQLite file, sqlite:///FILE or postgresql://USER@HOST/DB.",
    ),
]


def format_help(formats: Sequence[str], note: str = "", default: str | None = None) -> str:
    """The --format help of a command offering these formats (from the registry)."""
    listed = ", ".join(formats[:-1]) + f" or {formats[-1]}"
    return f"{listed}{note}; default: from the --out extension, else {default or formats[0]}."


FormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar="FORMAT", help=format_help(PRINT_FORMATS)),
]
ExportFormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar="FORMAT", help=format_help(EXPORT_FORMATS)),
]
OutOption = Annotated[
    str,
    typer.Option(
        "--out", "-o", metavar="FILE", help="File to write; - (the default) is standard output."
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress or `wrote …` messages; errors only.")
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        "--no-escape-formulas",
        help="Write cells as they are: no leading ' on cells starting =, +, -, @ (CSV, XLSX).",
    ),
]
BomOption = Annotated[
    bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 byte-order mark, for Excel.")
]


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


def existing_store(db: str) -> str:
    """The store address, checked to exist for a read command (which never creates a store).

    A seam: when `Store.open(..., readonly=True)` exists, read commands should use it too."""
    if db.startswith(("postgresql://", "postgres://")):
        return db
    path = db[len("sqlite:///") :] if db.startswith("sqlite:///") else db
    if path != ":memory:" and not Path(path).is_file():
        raise BadUsage(
            f"no store at {path}: ingest some papers first, or name the store with --db "
            "or COUNCILPAPERS_DB"
        )
    return db


def pick_format(
    fmt: str | None, out: str, allowed: Sequence[str], default: str | None = None
) -> str:
    """The output format: --format, else the --out extension, else `default` (else the first of
    the command's formats). An unknown format is a usage error listing the valid ones."""
    ext = Path(out).suffix.lower().lstrip(".") if out != STDOUT else ""
    inferred = format_of(ext) if ext else None
    check_choice(fmt, allowed, "format")
    if fmt is None:
        if inferred and inferred not in allowed:
            raise BadUsage(f"cannot write .{ext}: choose one of {', '.join(allowed)}")
        return inferred or default or allowed[0]
    if inferred and inferred != fmt:
        raise BadUsage(
            f"--format {fmt} disagrees with {out} (.{ext} is {inferred}): drop --format or rename"
        )
    return fmt


def check_choice(value: str | None, valid: Sequence[str], what: str) -> None:
    """An unknown value is a usage error listing the valid ones."""
    if value is not None and value not in valid:
        raise BadUsage(f"unknown {what} {value!r}: choose one of {', '.join(valid)}")


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
