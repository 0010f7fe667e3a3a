"""The options and rules every command shares: the store, the output file and its format, the
quiet switch, formula escaping; how a format is chosen; how a bad choice is reported.

Conventions are those of sqlite-utils, csvkit and datasette: no `--out` or `--out -` writes to
standard output; the format follows the output's extension, and an explicit `--format` that
disagrees is an error; `COUNCILPAPERS_DB` names the store. A usage error (`BadUsage`: a missing
path or store, an unknown theme, status, kind or format, a format that contradicts the file name)
exits 2 with a message listing the valid values (`cli_output.command` turns it into that). The
formats, their extensions and the `--format` help come from the registry in
`outputs/formats.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from councilpapers.errors import CouncilPapersError
from councilpapers.outputs.formats import format_of, formats_for

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


def existing_store(db: str) -> str:
    """The store address, checked for a read command, which then opens it read-only
    (`Store.open(..., readonly=True)`) and so never creates one: a store known to be missing (a
    SQLite file that is not there) is a usage error naming it, before anything else runs. A
    server's store is checked when it is opened, read-only."""
    from councilpapers.corpus.url import StoreUrl

    url = StoreUrl.parse(db)
    if url.missing():
        raise BadUsage(
            f"no store at {url.label}: ingest some papers first, or name the store with --db "
            "or COUNCILPAPERS_DB"
        )
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


def header_overrides(path: Path | None) -> tuple[tuple[str, str], ...]:
    """The officers' (printed header, field) overrides in the YAML file `path` (none without
    one); a file that cannot be read or names an unknown field is a usage error (exit 2), for
    every command that takes `--headers`."""
    from councilpapers.errors import UsageError
    from councilpapers.extract.header_overrides import read_overrides

    try:
        return read_overrides(path) if path else ()
    except UsageError as exc:
        raise BadUsage(str(exc)) from exc
