"""Commands for tracking inspection recommendations: `recs`, `history`, `export history`.

Thin wrappers over `corpus.tracking.track` and the history outputs; registered in `cli.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from councilpapers.corpus.store import DEFAULT_DB
from councilpapers.errors import CouncilPapersError, UsageError
from councilpapers.outputs.history_html import write_history_html
from councilpapers.outputs.history_json import history_records, write_history_json
from councilpapers.outputs.history_text import register_table, review_lines, timeline
from councilpapers.tracking.overrides import write_links
from councilpapers.tracking.tracker import track

DbOption = Annotated[str, typer.Option("--db", help="Store: a SQLite file, or postgresql://…")]
LinksOption = Annotated[
    Path | None,
    typer.Option(
        "--links", help="YAML file of link corrections to honour (see `recs --write-links`)."
    ),
]


@contextmanager
def _errors() -> Iterator[None]:
    """Library errors become one `Error: …` line and exit code 1."""
    try:
        yield
    except CouncilPapersError as exc:
        Console(stderr=True).print(f"[red]Error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc


def recs(
    db: DbOption = DEFAULT_DB,
    links: LinksOption = None,
    write_links_to: Annotated[
        Path | None,
        typer.Option(
            "--write-links", help="Also write every section link to this YAML file to edit."
        ),
    ] = None,
) -> None:
    """The recommendation register, with the latest RAG and status per recommendation."""
    with _errors():
        tracking = track(db, links, save=links is not None)  # an explicit links file is kept
        out = Console()
        out.print(register_table(tracking.histories))
        if tracking.hidden:
            out.print(
                f"{tracking.hidden} entries of other kinds (committee decisions, plans' own "
                "headings) not shown"
            )
        review = tracking.review()
        out.print(f"{len(review)} section link(s) to review" + (":" if review else "."))
        for line in review_lines(review):
            out.print(line, highlight=False)
        if write_links_to:
            out.print(f"wrote links to {write_links(tracking.alignment, write_links_to)}")


def history(
    rec: Annotated[str, typer.Argument(help="Recommendation id, number or id suffix.")],
    db: DbOption = DEFAULT_DB,
    links: LinksOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or html.")] = "text",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (html default: history.html).")
    ] = None,
) -> None:
    """One recommendation through every plan version, with what changed between versions."""
    with _errors():
        if fmt not in ("text", "json", "html"):
            raise UsageError(f"unknown format {fmt!r}: choose text, json or html")
        tracking = track(db, links)
        found = tracking.history(rec)
        if fmt == "html":
            scope = [
                h
                for h in tracking.histories
                if h.recommendation.scope == found.recommendation.scope
            ]
            for path in write_history_html(scope, out or Path("history.html")):
                typer.echo(f"wrote {path}")
        elif fmt == "json":
            text = json.dumps(history_records([found])[0], indent=2, ensure_ascii=False)
            _emit(text, out)
        else:
            console = Console()
            for line in timeline(found):
                console.print(line, highlight=False, soft_wrap=True)


def export_history(
    db: DbOption = DEFAULT_DB,
    links: LinksOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json.")] = "json",
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")] = Path("history.json"),
) -> None:
    """Every recommendation's history as JSON: id, number, text and versions with diffs."""
    with _errors():
        if fmt != "json":
            raise UsageError(f"unknown format {fmt!r}: history exports as json")
        tracking = track(db, links)
        path = write_history_json(tracking.histories, out)
        typer.echo(f"wrote {len(tracking.histories)} recommendations to {path}")


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}")
