"""Pack splitting and meeting facts: synthetic packs (always) and the corpus packs against
gold/documents.jsonl (when ../shared is beside the checkout); the store and export round trip."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilpapers.batch.jobs import extract_file
from councilpapers.cli import app
from councilpapers.extract.extraction import extract_document
from councilpapers.extract.meeting import meeting_facts, parse_date
from councilpapers.extract.packs import split_pack
from councilpapers.records import (
    Document,
    ExtractedDocument,
    MeetingFacts,
    Page,
    Word,
)
from tests.conftest import CORPUS, SAMPLES, needs_corpus

PORTRAIT = (595.0, 842.0)
LANDSCAPE = (842.0, 595.0)


def _page(
    number: int,
    lines: list[str],
    stamp: int,
    item: str | None = None,
    size: tuple[float, float] = PORTRAIT,
    full: bool = True,
) -> Page:
    words: list[Word] = []
    step = 700 / max(len(lines), 1) if full else 14.0
    for index, line in enumerate(lines):
        x, top = 57.0, 60.0 + index * step
        for token in line.split():
            words.append(Word(token, (x, top, x + 6 * len(token), top + 11), 11.0))
            x += 6 * len(token) + 3
    furniture = [
        Word("Page", (280, size[1] - 30, 300, size[1] - 20)),
        Word(str(stamp), (302, size[1] - 30, 312, size[1] - 20)),
    ]
    if item:
        furniture += [
            Word(t, (480 + 30 * i, 20, 505 + 30 * i, 30), 11.0)
            for i, t in enumerate(("Agenda", "Item", item))
        ]
    return Page(
        number=number,
        width=size[0],
        height=size[1],
        words=tuple(words),
        furniture=tuple(furniture),
        stamp=f"Page {stamp}",
    )


def _synthetic_pack() -> Document:
    pages = [
        _page(
            1,
            [
                "CABINET",
                "AGENDA",
                "4. Budget monitoring (Pages 2 - 4)",
                "5. Ofsted visit (Pages 5 - 6)",
            ],
            1,
            full=False,
        ),
        _page(
            2,
            [
                "Meeting: Cabinet Date: 30th January 2025",
                "Report Title: Budget monitoring",
                "Wards Affected: All",
                "Text of the report.",
            ],
            2,
            item="4",
        ),
        _page(3, ["Appendices", "Appendix A: Budget risk register"], 3, full=False),
        _page(4, ["Risk register", "Risk one"], 4, size=LANDSCAPE),
        _page(
            5,
            [
                "Meeting: Cabinet Date: 30th January 2025",
                "Report Title: Ofsted visit",
                "Wards Affected: All",
            ],
            5,
            item="5",
        ),
        _page(6, ["More text of the report."], 6),
    ]
    return Document(path="pack.pdf", name="pack.pdf", sha256="0" * 64, size=1, pages=tuple(pages))


def test_synthetic_pack_splits_on_stamps_report_end_and_orientation() -> None:
    items = split_pack(_synthetic_pack())
    got = [(i.agenda_item, i.doc_type, i.first_page, i.last_page) for i in items]
    assert got == [
        (None, "agenda", 1, 1),
        ("4", "report", 2, 3),
        ("4", "appendix", 4, 4),
        ("5", "report", 5, 6),
    ]
    assert items[1].title == "Budget monitoring"
    assert items[2].title == "Appendix A: Budget risk register"
    assert items[1].page_stamps == ("Page 2", "Page 3")


def test_synthetic_pack_meeting_facts() -> None:
    document = _synthetic_pack()
    facts = meeting_facts(document, split_pack(document))
    assert facts.committee == "Cabinet"
    assert facts.date == "2025-01-30"


def test_document_without_stamps_is_one_item() -> None:
    document = Document(
        path="r.pdf",
        name="r.pdf",
        sha256="0" * 64,
        size=1,
        pages=(
            _page(1, ["Progress report to the Board"], 1),
            _page(2, ["More"], 2, size=LANDSCAPE),
        ),
    )
    (item,) = split_pack(document)
    assert (item.first_page, item.last_page, item.agenda_item) == (1, 2, None)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Monday, 3 April 2017", "2017-04-03"),
        ("Date: 9th October 2017", "2017-10-09"),
        ("30th January, 2025", "2025-01-30"),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@lru_cache(maxsize=2)
def _extracted(name: str) -> ExtractedDocument:
    """Each corpus pack is read and extracted once per test session (it takes seconds)."""
    return extract_file(str(CORPUS / name))


def _gold() -> dict[str, dict[str, object]]:
    lines = (CORPUS / "gold" / "documents.jsonl").read_text().splitlines()
    return {d["doc"]: d for d in map(json.loads, lines)}


@needs_corpus
@pytest.mark.parametrize("name", ["pdd-2017-04-03-pack.pdf", "pdd-2017-10-pack.pdf"])
def test_corpus_pack_items_match_gold_pages(name: str) -> None:
    extracted = _extracted(name)
    gold = _gold()[name]["items"]
    assert isinstance(gold, list)
    assert [(i.first_page, i.last_page) for i in extracted.items] == [
        (g["first_page"], g["last_page"]) for g in gold
    ]
    assert [i.agenda_item for i in extracted.items] == [g["agenda_item"] for g in gold]
    assert [i.page_stamps for i in extracted.items] == [
        tuple(g["page_stamps"]) if g.get("page_stamps") else None for g in gold
    ]
    assert extracted.meeting.committee == (
        "Policy Development and Decision Group (Joint Commissioning Team)"
    )


@needs_corpus
def test_corpus_plan_and_inspection_facts() -> None:
    extracted = _extracted("pdd-2017-10-pack.pdf")
    assert extracted.meeting.date == "2017-10-09"
    by_type = {i.doc_type: i for i in extracted.items}
    assert by_type["plan"].plan is not None and by_type["plan"].plan.version == "21"
    seen = by_type["inspection_letter"].inspection
    assert seen is not None and (seen.body, seen.date) == ("Ofsted", "2017-08-24")


def test_export_documents_round_trip(tmp_path: Path) -> None:
    db, out = tmp_path / "s.sqlite", tmp_path / "docs.json"
    sample = SAMPLES / "torbay-ccip-v4-2023-10.pdf"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "--db", str(db), "-j", "1", str(sample)]).exit_code == 0
    result = runner.invoke(app, ["export", "documents", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(out.read_text())
    assert record["doc"] == sample.name and record["pages_ocr"] == 0
    (item,) = record["items"]
    assert (item["doc_type"], item["first_page"], item["last_page"]) == ("plan", 1, record["pages"])
    assert item["plan_version"] == "2023-v4"
    assert item["evidence"] == "whole document"
    csv_out = tmp_path / "docs.csv"
    assert (
        runner.invoke(
            app, ["export", "documents", "--db", str(db), "-f", "csv", "--out", str(csv_out)]
        ).exit_code
        == 0
    )
    assert csv_out.read_text().splitlines()[0].startswith("doc,pages,")


def test_export_documents_bad_format_is_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "export",
            "documents",
            "--db",
            str(tmp_path / "s.sqlite"),
            "-f",
            "xml",
            "--out",
            str(tmp_path / "x"),
        ],
    )
    assert result.exit_code == 2  # a usage error, as an unknown theme is
    assert "Error: unknown format 'xml'" in result.output


def test_extract_document_runs_tables_items_meeting_in_one_pass() -> None:
    extracted = extract_document(_synthetic_pack())
    assert [i.doc_type for i in extracted.items] == ["agenda", "report", "appendix", "report"]
    assert extracted.meeting == MeetingFacts(committee="Cabinet", date="2025-01-30")
    assert extracted.tags == () and extracted.inspection == ()
