"""Commands for inspection recommendations: `recs`, `history`, `export history`.

Thin wrappers over `tracking.tracker.track` and the history outputs; registered in `cli.py`.
`history REC` answers the scrutiny question: what the council reported against a recommendation in
each plan version, each row's timescale, due date and whether it was overdue, and the date that was
judged against.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from councilpapers.cli_options import (
    DEFAULT_DB,
    EXPORT_FORMATS,
    HISTORY_FORMATS,
    PRINT_FORMATS,
    STDOUT,
    DbOption,
    FormatOption,
    OutOption,
    QuietOption,
    check_choice,
    existing_store,
    format_help,
    pick_format,
)
from councilpapers.cli_output import command, emit, info, render_text, show, wrote
from councilpapers.errors import UsageError
from councilpapers.outputs.dictionary import HISTORY_ROWS, REGISTER
from councilpapers.vocabularies import SOURCE_KINDS

if TYPE_CHECKING:
    from councilpapers.outputs.history_text import Latest
    from councilpapers.records import RecHistory

LinksOption = Annotated[
    Path | None,
    typer.Option(
        "--links",
        metavar="FILE",
        help="YAML file of link corrections to honour (see `recs --write-links`).",
    ),
]
REGISTER_COLUMNS = tuple(REGISTER)
REGISTER_TABLE = (  # for people: the row counts read as one phrase
    "id",
    "number",
    "text",
    "latest_rag",
    "latest_rag_version",
    "latest_version",
    "rows",
    "kind",
)
KINDS = (*SOURCE_KINDS.names, "all")
KIND_HELP = (
    "Which entries: "
    + ", ".join(
        f"{t.name} ({t.description}{'; the default' if 'default' in t.flags else ''})"
        for t in SOURCE_KINDS
    )
    + " or all; repeatable."
)
HISTORY_COLUMNS = tuple(HISTORY_ROWS)
HISTORY_TABLE = (
    "plan_version",
    "ref",
    "part",
    "status",
    "timescale",
    "due_date",
    "overdue",
    "judged_against",
)


@command
def recs(
    db: DbOption = DEFAULT_DB,
    links: LinksOption = None,
    write_links_to: Annotated[
        Path | None,
        typer.Option(
            "--write-links",
            metavar="FILE",
            help="Also write every section link to this YAML file to edit.",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=KIND_HELP,
        ),
    ] = None,
    fmt: FormatOption = None,
    out: OutOption = STDOUT,
    quiet: QuietOption = False,
) -> None:
    """The recommendation register, with the latest RAG and status per recommendation."""
    chosen = pick_format(fmt, out, PRINT_FORMATS)
    for value in kind or ():
        check_choice(value, KINDS, "kind")
    store = existing_store(db)
    from councilpapers.outputs.history_text import latest_status, review_lines
    from councilpapers.tracking.overrides import write_links
    from councilpapers.tracking.tracker import DEFAULT_KINDS, track

    kinds = None if "all" in (kind or ()) else (kind or DEFAULT_KINDS)
    tracking = track(store, links, kinds, save=links is not None)  # a links file given is kept
    records = [_register_record(h, latest_status(h)) for h in tracking.histories]
    title = "Recommendation register"
    emit(records, REGISTER_COLUMNS, chosen, out, title, quiet, REGISTER_TABLE)
    if chosen == "table" and out == STDOUT:
        if tracking.hidden:
            show(f"{tracking.hidden} entries of other kinds not shown (see --kind)")
        review = tracking.review()
        show(f"{len(review)} section link(s) to review" + (":" if review else "."))
        for line in review_lines(review):
            show(line)
    if write_links_to:
        info(f"wrote links to {write_links(tracking.alignment, write_links_to)}", quiet)


def _register_record(history: RecHistory, latest: Latest) -> dict[str, Any]:
    """One register line: a value per column (the terminal table joins RAG and version, and
    the row counts, for people)."""
    rec = history.recommendation
    return {
        "id": rec.id,
        "number": rec.number,
        "text": rec.text,
        "source_kind": rec.source_kind,
        "kind": rec.kind,
        "responsible_body": rec.responsible_body,
        "latest_version": latest.version,
        "latest_rag": latest.rag,
        "latest_rag_version": latest.rag_version,
        "rows_open": latest.rows_open,
        "rows_completed": latest.rows_completed,
        "rows": latest.rows_label,
    }


@command
def history(
    rec: Annotated[
        str | None,
        typer.Argument(metavar="REC", help="Recommendation: full id, number or unique id suffix."),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every recommendation in the register, not one.")
    ] = False,
    db: DbOption = DEFAULT_DB,
    links: LinksOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=format_help(HISTORY_FORMATS),
        ),
    ] = None,
    out: OutOption = STDOUT,
    quiet: QuietOption = False,
) -> None:
    """One recommendation (or --all) through every plan version, and what changed.

    Each row's timescale, due date and overdue flag, and the date overdue was judged against."""
    chosen = pick_format(fmt, out, HISTORY_FORMATS)
    if (rec is None) == (not every):
        raise UsageError("give one recommendation (REC) or --all")
    store = existing_store(db)
    from councilpapers.tracking.tracker import track

    tracking = track(store, links)
    chosen_histories = tracking.histories if every else [tracking.history(rec or "")]
    _write_history(chosen_histories, chosen, out, quiet)


def _write_history(
    histories: list[RecHistory],
    fmt: str,
    out: str,
    quiet: bool,
) -> None:
    from councilpapers.outputs.export import write_text

    if fmt in ("table", "csv", "tsv", "jsonl"):
        records = [r for h in histories for r in history_rows(h)]
        title = _title(histories)
        emit(records, HISTORY_COLUMNS, fmt, out, title, quiet, HISTORY_TABLE)
        return
    text = _history_text(histories, fmt)
    if out == STDOUT:
        if fmt == "text":
            for history in histories:
                for line in _timeline(history):
                    show(line)
        else:
            typer.echo(text, nl=False)
        return
    wrote(f"{len(histories)} recommendation(s)", write_text(text, out), quiet)


def _title(histories: list[RecHistory]) -> str:
    if len(histories) == 1:
        rec = histories[0].recommendation
        return f"{rec.id}: {rec.text}"
    return f"{len(histories)} recommendations"


def _history_text(histories: list[RecHistory], fmt: str) -> str:
    if fmt == "json":
        from councilpapers.outputs.formats import json_text
        from councilpapers.outputs.history_json import history_records

        records: Any = history_records(histories)
        return json_text(records[0] if len(records) == 1 else records)
    if fmt == "html":
        from councilpapers.outputs.history_html import render_history_html

        title = (
            histories[0].recommendation.scope.replace("-", " ").capitalize() if histories else ""
        )
        return render_history_html(histories, title)
    return render_text(*(line for h in histories for line in _timeline(h)), width=100)


def _timeline(history: RecHistory) -> list[Any]:
    from councilpapers.outputs.history_text import timeline

    return list(timeline(history))


def history_rows(history: RecHistory) -> list[dict[str, Any]]:
    """One record per row per version: what the plan said, its deadline and overdue flag."""
    out = []
    for version in history.versions:
        for row in version.rows or ():
            judged = version.reference_date and f"{version.reference_kind} {version.reference_date}"
            out.append(
                {
                    "rec_id": history.recommendation.id,
                    "plan_version": version.plan_version,
                    "plan_date": version.plan_date,
                    "doc": version.doc,
                    "section": version.section_number,
                    "rag": version.rag,
                    "ref": row.ref,
                    "part": row.part,
                    "status": " / ".join(x for x in row.status.splitlines() if x.strip()),
                    "timescale": " ".join(row.timescale.split()),
                    "due_date": row.deadline,
                    "overdue": row.overdue,
                    "reference_date": version.reference_date,
                    "reference_kind": version.reference_kind,
                    "judged_against": judged,  # the terminal table's one column for both
                }
            )
    return out


@command
def export_history(
    db: DbOption = DEFAULT_DB,
    links: LinksOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=format_help(EXPORT_FORMATS, " (json nested; others a line per row)", "json"),
        ),
    ] = None,
    out: OutOption = STDOUT,
    quiet: QuietOption = False,
) -> None:
    """Every recommendation's history: id, number, text and versions with their diffs."""
    chosen = pick_format(fmt, out, EXPORT_FORMATS, "json")
    store = existing_store(db)
    from councilpapers.outputs.export import write_rows, write_text
    from councilpapers.outputs.formats import FORMATS, Rows, json_text
    from councilpapers.outputs.history_json import history_records
    from councilpapers.tracking.tracker import track

    histories = track(store, links).histories
    if chosen == "json":
        where = write_text(json_text(history_records(histories)), out)
    elif FORMATS[chosen].binary:
        records = [r for h in histories for r in history_rows(h)]
        where = write_rows(Rows(HISTORY_COLUMNS, records), chosen, out)
    else:
        _write_history(histories, chosen, out, quiet)
        return
    wrote(f"{len(histories)} recommendations", where, quiet)
