"""The front sheet's expectations and content types, on hand-built pages: page ranges listed as a
table, ranges mapped without stamps through one consistent offset, a range that disagrees with the
stamps kept in the item's evidence, and the types told from content (form, slides, figures)."""

from __future__ import annotations

from councilpapers.extract.content_types import content_type
from councilpapers.extract.expectations import Entry, front_entries, stamp_map
from councilpapers.extract.meeting import meeting_facts
from councilpapers.extract.packs import split_pack
from councilpapers.ingest.pageview import view_pages
from councilpapers.records import Document, Page
from tests.test_packs import LANDSCAPE, _page

BLANK = ["This page is intentionally left blank"]


def _pack(pages: list[Page]) -> Document:
    return Document(path="p.pdf", name="p.pdf", sha256="0" * 64, size=1, pages=tuple(pages))


def _unstamped(page: Page) -> Page:
    return Page(number=page.number, width=page.width, height=page.height, words=page.words)


def test_entries_listed_as_a_table_under_a_pages_header() -> None:
    lines = ["Dear Member", "Item Title Pages", "7 Family hubs 1 - 4", "9 Libraries 5 - 8"]
    views = view_pages([_page(1, lines, 1)], 3.0)
    assert front_entries(views) == [Entry("7", "Family hubs", 1, 4), Entry("9", "Libraries", 5, 8)]


def test_unstamped_pack_is_split_by_ranges_through_one_consistent_offset() -> None:
    letter = ["Dear Member", "CABINET - THURSDAY, 30 JANUARY 2025"]
    ranges = ["7 Family hubs (Pages 1 - 2)", "9 Libraries (Pages 3 - 4)"]
    pages = [
        _page(1, [*letter, *ranges], 0),
        _page(2, BLANK, 0, full=False),
        _page(3, ["From: the Cabinet Member", "family hubs"], 0),
        _page(4, ["and the report ends"], 0),
        _page(5, ["From: the Cabinet Member", "libraries"], 0),
        _page(6, ["and it ends"], 0),
    ]
    document = _pack([_unstamped(p) for p in pages])
    views = view_pages(document.pages, 3.0)
    assert stamp_map(views, front_entries(views[:1]), 2)[1] == 3
    spans = [(i.agenda_item, i.first_page, i.last_page) for i in split_pack(document)]
    assert spans == [(None, 1, 2), ("7", 3, 4), ("9", 5, 6)]


def test_a_range_that_disagrees_with_the_pages_is_kept_in_the_evidence() -> None:
    pages = [
        _page(1, ["Dear Member", "7 Family hubs (Pages 1 - 1)"], 0),
        _page(2, ["From: the Cabinet Member", "family hubs"], 1, item="7"),
        _page(3, ["and the report ends"], 2),
    ]
    items = split_pack(_pack(pages))
    assert items[1].evidence == "agenda range; agenda range ends at page 2, the pages at 3"


def test_content_types_from_layout_and_wording() -> None:
    form = [f"{label}: answer" for label in ("Name", "Address", "Amount", "Signed")] * 3
    slides = [_page(n, ["Where we are", "a point"], n, size=LANDSCAPE) for n in (1, 2)]
    slides = [Page(**{**_as_dict(p), "words": _sized(p, 20.0)}) for p in slides]
    figures = [" ".join(str(100 * n + k) for k in range(6)) for n in range(12)]
    views = view_pages([_page(1, form, 1), *slides, _page(4, figures, 4)], 3.0)
    assert content_type(views, 1, 1) == "form"
    assert content_type(views, 2, 3) == "presentation"
    assert content_type(views, 4, 4) == "spreadsheet"
    questions = view_pages([_page(1, ["Question 1", "What is done?", "Answer", "This."], 1)], 3.0)
    assert content_type(questions, 1, 1) == "questions"
    amendment = view_pages([_page(1, ["Budget Amendment Form", "Proposer: Mr A"], 1)], 3.0)
    assert content_type(amendment, 1, 1) == "amendment"


def _as_dict(page: Page) -> dict[str, object]:
    return {name: getattr(page, name) for name in page.__slots__}


def _sized(page: Page, size: float) -> tuple[object, ...]:
    from dataclasses import replace

    return tuple(replace(w, size=size) for w in page.words)


def test_agenda_heading_leaves_the_date_line_out_of_the_committee() -> None:
    lines = ["CORPORATE PARENTING PANEL", "Tuesday, 8 April 2025", "AGENDA", "Part 1"]
    pages = [
        _page(1, [*lines, "4 Family hubs (Pages 1 - 1)"], 0),
        _page(2, ["From: the Cabinet Member", "family hubs"], 1, item="4"),
    ]
    document = _pack(pages)
    facts = meeting_facts(document, split_pack(document))
    assert (facts.committee, facts.date) == ("Corporate Parenting Panel", "2025-04-08")
