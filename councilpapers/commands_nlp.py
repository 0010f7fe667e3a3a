"""CLI pieces for the NLP stage: `councilpapers models train`.

A thin wrapper: the library trains; this prints the cross-validated figures as a rich table.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from councilpapers.cli_output import command


@command
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
