"""The sidecar beside a fetched PDF (`<file>.pdf.json`): what the council's site says it is.

`councilpapers fetch` writes one beside every file it downloads (site, committee, meeting id and
date, item, title, URL, fetched-at, ETag/Last-Modified, SHA-256: a `FetchedFile`). This is the one
reader of that format: the fetcher reads its last answer back for conditional requests, and the
batch takes the site's committee and meeting date from it in place of what page parsing found.
A missing, unreadable or foreign JSON file is no sidecar (None), never an error.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from councilpapers.records import ExtractedDocument, FetchedFile, MeetingFacts

FORMAT = "councilpapers-fetch/1"
SUFFIX = ".json"
FIELDS = {f.name: f for f in dataclasses.fields(FetchedFile)}
REQUIRED = {name for name, f in FIELDS.items() if f.default is dataclasses.MISSING}


def sidecar_path(pdf: str | Path) -> Path:
    path = Path(pdf)
    return path.with_name(path.name + SUFFIX)


def is_sidecar(path: str | Path) -> bool:
    """A `<file>.pdf.json` whose PDF lies beside it: part of that PDF, not a file of its own
    (a sidecar whose PDF is gone is just a JSON file)."""
    found = Path(path)
    if not found.name.lower().endswith(".pdf" + SUFFIX):
        return False
    return found.with_name(found.name[: -len(SUFFIX)]).is_file()


def sidecar_json(record: FetchedFile) -> str:
    """The sidecar's text: the record's fields and the format's name, sorted, indented."""
    return json.dumps({"format": FORMAT, **dataclasses.asdict(record)}, indent=2, sort_keys=True)


def read_sidecar(pdf: str | Path) -> FetchedFile | None:
    try:
        data = json.loads(sidecar_path(pdf).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return _record(data)


def site_meeting(pdf: str | Path) -> MeetingFacts | None:
    """The committee and meeting date the site gives for a fetched file, if it has a sidecar."""
    record = read_sidecar(pdf)
    if record is None or not record.committee or not record.date:
        return None
    return MeetingFacts(committee=record.committee, date=record.date)


def with_site_meeting(extracted: ExtractedDocument, pdf: str | Path) -> ExtractedDocument:
    """The extracted document, with the site's committee and meeting date where its sidecar
    gives them (the site knows better than page parsing)."""
    facts = site_meeting(pdf)
    return extracted if facts is None else dataclasses.replace(extracted, meeting=facts)


def _record(data: dict[str, Any]) -> FetchedFile | None:
    values = {name: data[name] for name in FIELDS if name in data}
    if not values.keys() >= REQUIRED:
        return None
    for name in ("committee_id", "meeting_id", "size"):
        if not isinstance(values[name], int):
            return None
    if not all(
        isinstance(v, str) or v is None
        for k, v in values.items()
        if k not in ("committee_id", "meeting_id", "size")
    ):
        return None
    return FetchedFile(**values)
