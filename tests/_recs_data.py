"""Stores for the recommendation-tracking tests: a small synthetic plan, and the corpus gold.

The synthetic plan has a RAG snapshot of three recommendations and two plan versions that
renumber, reword and add headings, move rows to a completed table and push a deadline back.
The gold store is built from ../shared/corpus/gold (no PDF reading), so tests stay fast.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from councilpapers.corpus.store import Store
from councilpapers.extract.headers import map_headers
from councilpapers.records import (
    Cell,
    Document,
    ExtractedDocument,
    PlanIdentity,
    Row,
    Section,
    Table,
)

# ../shared/corpus beside the checkout, or under COUNCILPAPERS_SHARED, as in conftest.py
SHARED = (
    Path(os.environ.get("COUNCILPAPERS_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    / "corpus"
)
PLAN = "Service improvement plan"
ACTION_HEADERS = ("Ref", "What?", "How?", "When?", "Current Status", "Progress update")


def _row(
    index: int,
    headers: tuple[str, ...],
    values: list[str],
    section: Section,
    pages: tuple[int, int],
) -> Row:
    names = map_headers(headers)
    fields = {n: Cell(v, header=h) for n, h, v in zip(names, headers, values, strict=True)}
    return Row(index, fields, section, pages[0], pages[1])


def _table(
    index: int,
    kind: str,
    headers: tuple[str, ...],
    rows: list[Row],
    version: str,
    date: str | None = None,
) -> Table:
    return Table(
        index,
        kind,
        map_headers(headers),
        headers,
        tuple(rows),  # type: ignore[arg-type]
        PlanIdentity(version, date, PLAN),
        page_first=rows[0].page_first,
        page_last=rows[-1].page_last,
    )


def _document(name: str) -> Document:
    return Document(f"/nonexistent/{name}", name, hashlib.sha256(name.encode()).hexdigest(), 1, ())


def synthetic_store(path: Path) -> str:
    """Snapshot (v3) + plan v3 + plan v4 (two tables: outstanding, completed)."""
    snap = Section(None, "Progress snapshot")
    rag_rows = [
        _row(
            0,
            ("Recommendation", "RAG", "Comments"),
            [
                "1. Ensure that children who go missing are offered a return interview (para 20)",
                "Amber",
                "Interviews now offered within 72 hours.",
            ],
            snap,
            (9, 9),
        ),
        _row(
            1,
            ("Recommendation", "RAG", "Comments"),
            [
                "2. Improve the timeliness of child protection conferences",
                "Green",
                "Conferences held on time.",
            ],
            snap,
            (9, 9),
        ),
        _row(
            2,
            ("Recommendation", "RAG", "Comments"),
            [
                "3. Strengthen management oversight of casework in all teams",
                "Red",
                "Audit shows oversight gaps.",
            ],
            snap,
            (9, 9),
        ),
    ]
    miss3 = Section("1", "Ensure that children who go missing are offered a return interview")
    conf3 = Section("2", "Improve the timeliness of child protection conferences")
    over3 = Section("3", "Strengthen management oversight of casework in all teams")
    v3 = [
        _row(
            0,
            ACTION_HEADERS,
            [
                "1.1",
                "Commission return interview service",
                "Tender",
                "Dec 2016",
                "IN PROGRESS",
                "Tender issued.",
            ],
            miss3,
            (2, 2),
        ),
        _row(
            1,
            ACTION_HEADERS,
            [
                "1.2",
                "Report missing episodes monthly",
                "Dashboard",
                "Jan 2017",
                "ONGOING",
                "Dashboard drafted.",
            ],
            miss3,
            (2, 3),
        ),
        _row(
            2,
            ACTION_HEADERS,
            [
                "2.1",
                "Conference chairs track timeliness weekly",
                "Tracker",
                "Mar 2017",
                "ONGOING",
                "Tracker in use.",
            ],
            conf3,
            (3, 3),
        ),
        _row(
            3,
            ACTION_HEADERS,
            [
                "3.1",
                "Monthly supervision audit of team managers",
                "Audit",
                "Feb 2017",
                "NOT STARTED",
                "Audit tool agreed.",
            ],
            over3,
            (4, 4),
        ),
    ]
    miss4 = Section("2", "Ensure that all children who go missing are offered a return interview")
    new4 = Section("1", "Ensure that the voice of the child is heard in every plan")
    conf4 = Section("3", "Improve the timeliness of child protection conferences")
    over4 = Section("4", "Strengthen management oversight of casework across all teams")
    v4_open = [
        _row(
            0,
            ACTION_HEADERS,
            ["1.1", "Children's views recorded in plans", "Template", "Oct 2017", "", ""],
            new4,
            (20, 20),
        ),
        _row(
            1,
            ACTION_HEADERS,
            [
                "2.2",
                "Report missing episodes monthly",
                "Dashboard",
                "Sept 2017",
                "ONGOING",
                "Dashboard drafted.",
            ],
            miss4,
            (20, 20),
        ),
        _row(
            2,
            ACTION_HEADERS,
            [
                "3.1",
                "Conference chairs track timeliness weekly",
                "Tracker",
                "Sept 2017",
                "ONGOING",
                "Tracker in use. Deadline revised because chairs were recruited late.",
            ],
            conf4,
            (21, 21),
        ),
        _row(
            3,
            ACTION_HEADERS,
            [
                "4.1",
                "Monthly supervision audit of team managers",
                "Audit",
                "Feb 2017",
                "IN PROGRESS",
                "Audit tool agreed. First audit completed in May with 12 files reviewed.",
            ],
            over4,
            (21, 22),
        ),
    ]
    v4_done = [
        _row(
            0,
            ACTION_HEADERS,
            [
                "2.1",
                "Commission return interview service",
                "Tender",
                "Dec 2016",
                "COMPLETED",
                "Tender issued. Service started in April.",
            ],
            miss4,
            (30, 30),
        ),
    ]
    with Store.open(str(path)) as store:
        store.save(
            ExtractedDocument(
                _document("plan-v3.pdf"),
                (
                    _table(0, "action_plan", ACTION_HEADERS, v3, "3"),
                    _table(1, "rag_snapshot", ("Recommendation", "RAG", "Comments"), rag_rows, "3"),
                ),
            )
        )
        store.save(
            ExtractedDocument(
                _document("plan-v4.pdf"),
                (
                    _table(0, "action_plan", ACTION_HEADERS, v4_open, "4", "2017-09-01"),
                    _table(1, "action_plan", ACTION_HEADERS, v4_done, "4", "2017-09-01"),
                    _table(
                        2,
                        "rag_snapshot",
                        ("Recommendation", "RAG", "Comments"),
                        [
                            _row(
                                0,
                                ("Recommendation", "RAG", "Comments"),
                                [
                                    "2. Improve the timeliness of child protection conferences",
                                    "Amber",
                                    "Two conferences were late.",
                                ],
                                snap,
                                (31, 31),
                            ),
                            _row(
                                1,
                                ("Recommendation", "RAG", "Comments"),
                                [
                                    "3. Strengthen management oversight of casework in all teams",
                                    "Amber",
                                    "First audit done.",
                                ],
                                snap,
                                (31, 31),
                            ),
                        ],
                        "4",
                        "2017-09-01",
                    ),
                ),
            )
        )
    return str(path)


def gold_store(path: Path) -> str:
    """The two 2017 packs' gold rows as stored tables (one table per kind and part)."""
    with Store.open(str(path)) as store:
        for name in ("pdd-2017-04-03-pack", "pdd-2017-10-pack"):
            groups: dict[tuple[str, str], list[dict[str, object]]] = {}
            for line in (
                (SHARED / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            ):
                record = json.loads(line)
                key = (record["table_kind"], record.get("part") or "")
                groups.setdefault(key, []).append(record)
            tables = []
            for index, ((kind, _), records) in enumerate(
                sorted(groups.items(), key=lambda item: item[1][0]["pages"][0])
            ):  # type: ignore[index]
                tables.append(_gold_table(index, kind, records))
            store.save(ExtractedDocument(_document(f"{name}.pdf"), tuple(tables)))
    return str(path)


def _gold_table(index: int, kind: str, records: list[dict[str, object]]) -> Table:
    headers = tuple(records[0]["cells"])  # type: ignore[arg-type]
    rows = []
    for position, record in enumerate(records):
        s = record["section"]
        section = Section(s["number"], s["title"], s["group"])  # type: ignore[index]
        values = [record["cells"][h] for h in headers]  # type: ignore[index]
        pages = record["pages"]
        rows.append(_row(position, headers, values, section, (pages[0], pages[1])))  # type: ignore[index]
    return _table(index, kind, headers, rows, str(records[0]["plan_version"]))
