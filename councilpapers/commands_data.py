"""Commands that read the store: `export actions|tables|documents`, `status`, `query`, and `demo`.

Each parses its options, checks the store exists (read commands never create one), makes one
library call and writes through the shared output layer. pandas and the NLP stack are imported
inside the commands, so `--help` and `status` start at once.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from councilpapers.cli_options import (
    DEFAULT_DB,
    EXPORT_FORMATS,
    PRINT_FORMATS,
    STDOUT,
    BadUsage,
    BomOption,
    DbOption,
    ExportFormatOption,
    FormatOption,
    OutOption,
    QuietOption,
    RawOption,
    check_choice,
    existing_store,
    format_help,
    pick_format,
)
from councilpapers.cli_output import command, emit, show, wrote

if TYPE_CHECKING:
    import pandas as pd

    from councilpapers.outputs.formats import ExportOptions

QUERY_COLUMNS = (
    "doc",
    "plan_version",
    "ref",
    "actions",
    "leads",
    "due_date",
    "overdue",
    "status_norm",
    "themes",
)


def _export_format(fmt: str | None, out: str, default: str | None = None) -> str:
    from councilpapers.outputs.formats import FORMATS

    chosen = pick_format(fmt, out, EXPORT_FORMATS, default)
    if FORMATS[chosen].binary and out == STDOUT and sys.stdout.isatty():
        raise BadUsage(f"{chosen} is a binary format: give --out FILE")
    return chosen


def _options(raw: bool, bom: bool) -> ExportOptions:
    from councilpapers.outputs.formats import ExportOptions

    return ExportOptions(escape_formulas=not raw, bom=bom)


@command
def export_actions(
    db: DbOption = DEFAULT_DB,
    fmt: ExportFormatOption = None,
    out: OutOption = STDOUT,
    raw: RawOption = False,
    bom: BomOption = False,
    quiet: QuietOption = False,
) -> None:
    """Every action-plan and RAG-snapshot row, one line per logical row (see the README)."""
    chosen = _export_format(fmt, out)
    store = existing_store(db)
    from councilpapers.outputs.export import write_frame
    from councilpapers.outputs.frames import action_frame

    frame = action_frame(store)
    where = write_frame(frame, chosen, out, _options(raw, bom))
    wrote(f"{len(frame)} rows", where, quiet)


@command
def export_tables(
    db: DbOption = DEFAULT_DB,
    fmt: ExportFormatOption = None,
    out: OutOption = STDOUT,
    kind: Annotated[
        str | None,
        typer.Option(metavar="KIND", help="Only tables of this kind (e.g. action_plan)."),
    ] = None,
    raw: RawOption = False,
    bom: BomOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rows of every table of any kind, with each kind's own columns.

    XLSX has a sheet per kind; other formats a file per kind (FILE-KIND.EXT) unless --kind."""
    chosen = _export_format(fmt, out)
    store = existing_store(db)
    from councilpapers.outputs.export import write_frame, write_sheets
    from councilpapers.outputs.frames import kind_frames

    frames = kind_frames(store)
    if kind is not None:
        check_choice(kind, sorted(frames), "table kind")
        frames = {kind: frames[kind]}
    rows = sum(len(f) for f in frames.values())
    if chosen == "xlsx":
        wrote(f"{rows} rows", write_sheets(frames, out, _options(raw, bom)), quiet)
        return
    if len(frames) > 1 and out == STDOUT:
        raise BadUsage("several table kinds: give --out FILE (a file per kind) or --kind KIND")
    for name, frame in frames.items():
        target = out if len(frames) == 1 else _kind_path(out, name)
        where = write_frame(frame, chosen, target, _options(raw, bom))
        wrote(f"{len(frame)} rows", where, quiet)


def _kind_path(out: str, kind: str) -> str:
    path = Path(out)
    return str(path.with_name(f"{path.stem}-{kind}{path.suffix}"))


@command
def export_documents(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=format_help(
                EXPORT_FORMATS, " (json, jsonl: items nested; others a line per item)", "json"
            ),
        ),
    ] = None,
    out: OutOption = STDOUT,
    raw: RawOption = False,
    bom: BomOption = False,
    quiet: QuietOption = False,
) -> None:
    """Per PDF: pages, text sources, meeting facts and its items (agenda item, type, pages)."""
    from councilpapers.outputs.documents import write_documents

    chosen = _export_format(fmt, out, "json")
    path, count = write_documents(existing_store(db), chosen, out, _options(raw, bom))
    wrote(f"{count} documents", path, quiet)


@command
def status(
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = None,
    out: OutOption = STDOUT,
    quiet: QuietOption = False,
) -> None:
    """What the store holds: files by outcome, documents, tables, rows."""
    from councilpapers.corpus.store import Store
    from councilpapers.outputs.report import store_records

    chosen = pick_format(fmt, out, PRINT_FORMATS)
    with Store.open(existing_store(db), readonly=True) as store:
        records = store_records(store.counts())
        title = f"store {db} (schema v{store.schema_version})"
    emit(records, ("what", "count"), chosen, out, title, quiet)


def _valid_themes() -> list[str]:
    from councilpapers.nlp.resources import read_yaml

    return [str(label["id"]) for label in read_yaml("themes.yaml")["labels"]]


@command
def query(
    db: DbOption = DEFAULT_DB,
    theme: Annotated[
        str | None, typer.Option(metavar="THEME", help="Theme label id, e.g. workforce.")
    ] = None,
    lead: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Part of a lead's name, any case.")
    ] = None,
    status: Annotated[
        str | None, typer.Option(metavar="STATUS", help="Normalised status, e.g. ongoing.")
    ] = None,
    overdue: Annotated[
        bool | None,
        typer.Option(
            "--overdue/--not-overdue", help="Only overdue rows, or only rows not overdue."
        ),
    ] = None,
    plan_version: Annotated[
        str | None, typer.Option(metavar="VERSION", help="Plan version as printed, e.g. 21.")
    ] = None,
    rec: Annotated[
        str | None,
        typer.Option(
            metavar="REC", help="Only rows linked to this recommendation (id, number or suffix)."
        ),
    ] = None,
    doc: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Only rows of documents whose name or path has this."),
    ] = None,
    limit: Annotated[
        int, typer.Option(min=0, metavar="N", help="Rows to show at most (0: all).")
    ] = 50,
    fmt: FormatOption = None,
    out: OutOption = STDOUT,
    quiet: QuietOption = False,
) -> None:
    """Tagged action rows matching every filter (document, version, ref, actions, lead, due).

    Filters: theme, lead, status, overdue, plan version, recommendation (--rec) and document."""
    from councilpapers.nlp.status import STATUSES

    chosen = pick_format(fmt, out, PRINT_FORMATS)
    check_choice(theme, _valid_themes(), "theme")
    check_choice(status, STATUSES, "status")
    store = existing_store(db)
    from councilpapers.nlp.filters import filter_rows
    from councilpapers.outputs.frames import action_frame

    frame = filter_rows(action_frame(store), theme, lead, status, overdue, plan_version)
    frame = _by_doc(frame, doc)
    if rec is not None:
        frame = _by_rec(frame, store, rec)
    shown = frame if limit == 0 else frame.head(limit)
    title = f"{len(frame)} matching rows" + (
        f", first {len(shown)}" if len(shown) < len(frame) else ""
    )
    records = [{str(k): v for k, v in r.items()} for r in shown.to_dict("records")]
    emit(records, QUERY_COLUMNS, chosen, out, title, quiet, QUERY_COLUMNS[:-1])


def _by_doc(frame: pd.DataFrame, doc: str | None) -> pd.DataFrame:
    if not doc:
        return frame
    needle = doc.lower()
    names = frame["doc"].astype(str).str.lower() + "\n" + frame["source"].fillna("").astype(str)
    return frame[names.str.lower().str.contains(needle, regex=False)]


def _by_rec(frame: pd.DataFrame, db: str, rec: str) -> pd.DataFrame:
    """Rows the recommendation's history lists, matched by document, plan version and ref."""
    from councilpapers.tracking.tracker import track

    found = track(db).history(rec)
    keys = {(v.doc, v.plan_version, r.ref) for v in found.versions for r in v.rows}
    rows = zip(frame["doc"], frame["plan_version"].astype(str), frame["ref"], strict=True)
    return frame[[key in keys for key in rows]]


@command
def demo(
    keep: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="Store the demo at this path (default: a new temp folder)."
        ),
    ] = None,
) -> None:
    """Ingest the bundled samples into a store, show what was found and what to try next."""
    from councilpapers.batch.run import ingest_paths
    from councilpapers.corpus.store import Store
    from councilpapers.outputs.demo import demo_store, describe_demo, sample_paths

    db = demo_store(keep)
    with Store.open(str(db)) as store:
        report = ingest_paths(sample_paths(), store, jobs=1)
    show(describe_demo(db, report.summary().headline()))
