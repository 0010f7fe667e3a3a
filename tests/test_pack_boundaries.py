"""Pack boundaries from layout, on hand-built pages: blank padding, an appendix with no heading,
a change of page size, a document's own "Page 1 of N" restarting, a report running past its list
of appendices, and the evidence each item keeps."""

from __future__ import annotations

from dataclasses import replace

from councilpapers.extract.packs import split_pack
from councilpapers.ingest.pageview import font_family, view_pages
from councilpapers.ingest.pdf import base_font
from councilpapers.records import Document, Page
from tests.test_packs import LANDSCAPE, _page

BLANK = ["This page is intentionally left blank"]


def _pack(pages: list[Page]) -> Document:
    return Document(path="p.pdf", name="p.pdf", sha256="0" * 64, size=1, pages=tuple(pages))


def _covering(stamp_range: str) -> Page:
    return _page(1, ["Dear Member", "CABINET - THURSDAY, 30 JANUARY 2025", stamp_range], 1)


def _spans(document: Document) -> list[tuple[int, int, str]]:
    return [(i.first_page, i.last_page, i.evidence) for i in split_pack(document)]


def test_blank_padding_page_ends_a_document_and_the_next_needs_no_heading() -> None:
    pages = [
        _covering("7 Transfer of service (Pages 1 - 4)"),
        _page(2, BLANK, 2, full=False),
        _page(3, ["From: the Cabinet Member", "text of the report"], 1, item="7"),
        _page(4, BLANK, 2, full=False),
        _page(5, ["the form goes on without any title", "more rows"], 3),
        _page(6, ["and ends here"], 4),
    ]
    spans = _spans(_pack(pages))
    assert [(a, b) for a, b, _ in spans] == [(1, 2), (3, 4), (5, 6)]
    assert spans[2][2] == "after a blank page"


def test_page_size_change_with_a_new_heading_starts_a_document() -> None:
    pages = [
        _page(1, ["Agenda Item text", "the report"], 1, item="6"),
        _page(2, ["the report ends"], 2, full=False),
        _page(3, ["Budget Amendment Form", "rows"], 3, size=(842.0, 1191.0)),
    ]
    spans = _spans(_pack(pages))
    assert [(a, b) for a, b, _ in spans] == [(1, 2), (3, 3)]
    assert spans[1][2].startswith("page size change")


def test_wide_table_inside_a_report_without_other_signal_is_not_a_boundary() -> None:
    pages = [
        _page(1, ["Report of the director", "text", "more", "text of a full page"], 1, item="6"),
        _page(2, ["a wide table continues the report", "rows"], 2, size=LANDSCAPE),
        _page(3, ["and the report goes on"], 3),
    ]
    assert [(a, b) for a, b, _ in _spans(_pack(pages))] == [(1, 3)]


def test_own_page_one_of_n_restarting_starts_a_document() -> None:
    pages = [
        _page(1, ["Report of the director", "text", "Page 1 of 2"], 1, item="6"),
        _page(2, ["more text", "Page 2 of 2"], 2),
        _page(3, ["a plan, its own numbering", "Page 1 of 1"], 3),
    ]
    spans = _spans(_pack(pages))
    assert [(a, b) for a, b, _ in spans] == [(1, 2), (3, 3)]
    assert spans[1][2] == "page 1 of N restarts"


def test_report_runs_past_its_appendix_list_while_the_next_page_continues_it() -> None:
    pages = [
        _page(1, ["Report of the director", "text"], 1, item="7"),
        _page(2, ["12. Appendices", "Appendix A - EqIA", "13. Contact details", "Director of"], 2),
        _page(3, ["and Health, telephone 0300"], 3),
        _page(4, BLANK, 4, full=False),
        _page(5, ["EQIA Submission Form", "Section A"], 5),
    ]
    spans = _spans(_pack(pages))
    assert [(a, b) for a, b, _ in spans] == [(1, 4), (5, 5)]
    assert spans[0][2] == "agenda item stamp"


def _in_font(page: Page, font: str) -> Page:
    return replace(page, words=tuple(replace(w, font=font) for w in page.words))


def test_body_font_family_change_is_a_soft_signal_that_cuts_where_an_appendix_is_listed() -> None:
    report = [
        _page(1, ["Report of the director", "text"], 1, item="7"),
        _page(2, ["9. Appendices", "Appendix A - Terms", "Appendix B - Offer"], 2),
        _page(3, ["Terms of reference", "end of terms"], 3, full=False),
    ]
    offer = _page(4, ["service offer comparison", "rows"], 4)
    same = [*(_in_font(p, "ABCDEF+Arial-BoldMT") for p in report), _in_font(offer, "Arial")]
    assert [(a, b) for a, b, _ in _spans(_pack(same))] == [(1, 2), (3, 4)]
    changed = [*same[:3], _in_font(offer, "Calibri")]
    views = view_pages(changed, 3.0)
    assert views[0].body_font == "arial" and views[3].body_font == "calibri"
    spans = _spans(_pack(changed))
    assert [(a, b) for a, b, _ in spans] == [(1, 2), (3, 3), (4, 4)]
    assert "font family change" in spans[2][2]


def test_font_family_drops_style_and_subset_prefix() -> None:
    assert font_family(base_font("ABCDEF+Arial-BoldMT")) == "arial"
    assert font_family("TimesNewRomanPSMT") == "timesnewroman"
    assert font_family("Calibri,Bold") == "calibri"
