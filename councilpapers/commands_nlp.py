"""CLI pieces for the NLP stage: `councilpapers models train` and the body of `councilpapers query`.

Thin wrappers: the library trains and filters; these parse options and print rich tables.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

models_app = typer.Typer(no_args_is_help=True, help="Build and evaluate the NLP models in models/.")


@models_app.command("train")
def train_command() -> None:
    """Train the theme classifier from models/ and print cross-validated P/R/F1 per label."""
    from councilpapers.nlp.train import train

    report = train()
    title = f"Themes: {report.folds}-fold cross-validation on {report.examples} rows"
    if report.auxiliary:
        title += f" (plus {report.auxiliary} training-only rows on the training side of every fold)"
    table = Table(title=title)
    for column in ("label", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for s in (*report.scores, report.micro):
        table.add_row(
            s.label, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support)
        )
    Console().print(table)


def query_command(
    db: Annotated[
        str, typer.Option("--db", help="Store: a SQLite file, or postgresql://…")
    ] = "councilpapers.sqlite",
    theme: Annotated[str | None, typer.Option(help="Theme label id, e.g. workforce.")] = None,
    lead: Annotated[str | None, typer.Option(help="Part of a lead's name, any case.")] = None,
    status: Annotated[str | None, typer.Option(help="Normalised status, e.g. ongoing.")] = None,
    overdue: Annotated[bool | None, typer.Option("--overdue/--not-overdue")] = None,
    plan_version: Annotated[str | None, typer.Option(help="Plan version, e.g. 21.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show at most.")] = 50,
) -> None:
    """Show tagged action rows that match every filter given."""
    from councilpapers.nlp.filters import filter_rows
    from councilpapers.outputs.frames import action_frame

    rows = filter_rows(action_frame(db), theme, lead, status, overdue, plan_version)
    table = Table(title=f"{len(rows)} matching rows")
    columns = ("plan_version", "ref", "leads", "due_date", "overdue", "status_norm", "themes")
    for column in columns:
        table.add_column(column)
    for record in rows.head(limit).to_dict("records"):
        table.add_row(*(_shown(record.get(c)) for c in columns))
    Console().print(table)


def _shown(value: object) -> str:
    """A cell for the terminal: missing values (None, NaN) are blank."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
