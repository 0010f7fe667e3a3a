"""Writing the sidecars, and what they tell a later run (the format and its reader live in
ingest/sidecar.py, so the batch can read them without knowing about fetching).

Sidecars are written atomically (temporary name, then rename) after their PDF, so a sidecar never
describes a file that is not there; a PDF without one (a run killed between the two renames) is
simply asked for again without conditions, and kept if its content has not changed.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from councilpapers.ingest.sidecar import read_sidecar, sidecar_json, sidecar_path
from councilpapers.records import FetchedFile


def write_sidecar(pdf: Path, record: FetchedFile) -> Path:
    target = sidecar_path(pdf)
    temporary = target.with_name(f".{target.name}.part")
    temporary.write_text(sidecar_json(record) + "\n", encoding="utf-8")
    os.replace(temporary, target)
    return target


def last_fetched(folder: Path, committee_id: int) -> date | None:
    """The latest meeting date of that committee among the files fetched into `folder`."""
    latest: date | None = None
    for found in folder.glob("*/*/*.pdf.json"):
        record = read_sidecar(found.with_suffix(""))
        if record is None or record.committee_id != committee_id:
            continue
        try:
            when = date.fromisoformat(record.date)
        except ValueError:
            continue
        latest = when if latest is None or when > latest else latest
    return latest
