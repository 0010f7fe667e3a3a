"""CLI pieces for the NLP stage: `councilpapers models train` (themes and the header classifier).

A thin wrapper: the library trains; this prints the cross-validated figures as a rich table.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from councilpapers.cli_output import command


@command
def train_command() -> None:
    """Train the theme classifier, the lead segmenter and the header classifier from models/;
    print cross-validated P/R/F1 per theme label, the segmenter's accuracy per construction and
    the header classifier's accuracy per field."""
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
    Console().print(lead_table())
    _train_headers()


def _train_headers() -> None:
    """Retrain the header classifier, cache it, print its grouped cross-validation."""
    from councilpapers.extract.header_cache import model_path, save_model
    from councilpapers.extract.header_training import cross_validate, train_model

    save_model(train_model(), model_path())
    report = cross_validate()
    table = Table(
        title=f"Headers: {report.folds}-fold cross-validation grouped by wording "
        f"({report.examples} wordings)"
    )
    for column in ("field", "right", "of", "accuracy"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for label, (right, total) in report.per_label.items():
        table.add_row(label, str(right), str(total), f"{right / total:.2f}")
    table.add_row("all", "", str(report.examples), f"{report.accuracy:.2f}")
    Console().print(table)


def lead_table() -> Table:
    """Train (and cache) the lead segmenter; its accuracy per construction on held-out wordings
    and per real plan by a model trained without that plan."""
    from councilpapers.nlp.cache import cached_splitter
    from councilpapers.nlp.lead_train import per_construction, real_by_document
    from councilpapers.nlp.pipeline import build_pipeline

    table = Table(title="Leads: cells with every lead right")
    for column in ("cells", "right", "accuracy"):
        table.add_column(column, justify="left" if column == "cells" else "right")
    figures = {
        **{f"held-out wordings: {k}": v for k, v in per_construction(cached_splitter()).items()},
        **{f"real plan: {k}": v for k, v in real_by_document(build_pipeline(None)).items()},
    }
    for name, (right, total) in figures.items():
        table.add_row(name, f"{right}/{total}", f"{right / total:.3f}")
    return table
