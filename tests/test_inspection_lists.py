"""Inspection lists from hand-built pages set the way real reports set them (12 pt text, a
space 0.3 em wide, bullets on a tab stop 0.45 em or more from their text).

Guards: a bullet in a symbol font's private-use range found by its shape (no list of code points:
a glyph never seen before works too; a word or a wide glyph does not); a two-column table of
priority actions read by column, in either order, the body its own field and the header kept out
of the first item; an item carried over a page break, bulleted or plain; glyphs that touch
joined as printed ("children’s", the final stop) while italic words that overhang stay apart;
sub-headings as groups, and grouped sub-items as the items; a list ending at a heading as
prominent as its own or where its numbering starts again; each list's kind; the overall
judgement and dates in each framework's shape; a part opening with its inspection dates typed
an inspection report; the fields stored and read back, and shown by `recs` and `export
documents`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.corpus.store import Store
from councilpapers.corpus.trackstore import stored_facts, stored_improvements
from councilpapers.extract.inspection_facts import find_inspection_facts, parse_range
from councilpapers.extract.inspection_lists import find_improvement_lists, find_inspection
from councilpapers.extract.list_headings import RULES
from councilpapers.extract.list_markers import Marker, marker_of
from councilpapers.extract.report_lines import TextLine, join_words
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import (
    Document,
    ExtractedDocument,
    Inspection,
    InspectionFacts,
    InspectionPoint,
    PackItem,
    Page,
    Recommendation,
    Rule,
    Word,
)
from councilpapers.tracking.tracker import refresh_tracking
from councilpapers.vocabularies import REC_KINDS

SIZE = 12.0
CHAR = 6.0  # average glyph width at 12 pt
SPACE = 3.6  # 0.3 em
PITCH = 14.5


class Sheet:
    """A page being set line by line: words with boxes, bold and size, and ruling lines."""

    def __init__(self, number: int = 1) -> None:
        self.number = number
        self.words: list[Word] = []
        self.rules: list[Rule] = []
        self.top = 80.0

    def line(self, x: float, text: str, bold: bool = False, size: float = SIZE) -> Sheet:
        self.words += words_at(x, self.top, text, bold, size)
        self.top += PITCH * size / SIZE
        return self

    def item(self, glyph: str, text: str, x: float = 72.0, indent: float = 14.2) -> Sheet:
        """A marked line: the marker at x, its text at x + indent (a tab stop)."""
        self.words.append(Word(glyph, (x, self.top, x + 9.0, self.top + SIZE), SIZE))
        return self.line(x + indent, text)

    def gap(self, points: float = 10.0) -> Sheet:
        self.top += points
        return self

    def rule(self, x0: float = 60.0, x1: float = 530.0) -> Sheet:
        self.rules.append(Rule(x0, self.top - 2, x1, self.top - 2))
        return self

    def page(self) -> Page:
        return Page(self.number, 595.0, 842.0, tuple(self.words), tuple(self.rules))


def words_at(x: float, top: float, text: str, bold: bool = False, size: float = SIZE) -> list[Word]:
    out = []
    scale = size / SIZE
    for token in text.split():
        width = len(token) * CHAR * scale
        out.append(Word(token, (x, top, x + width, top + size), size, bold))
        x += width + SPACE * scale
    return out


def doc(*pages: Page, name: str = "report.pdf") -> Document:
    sha = hashlib.sha256(name.encode()).hexdigest()
    return Document(f"/nonexistent/{name}", name, sha, 1, pages)


def ilacs_page(glyph: str) -> Page:
    return (
        Sheet()
        .line(72, "Inspection of Anyshire local authority children’s services")
        .gap()
        .line(72, "What needs to improve?", bold=True, size=14)
        .item(glyph, "The quality of plans for children in need across the teams.")
        .item(glyph, "The timeliness of return home interviews for children who go")
        .line(86.2, "missing from home or care.")
        .gap()
        .line(72, "The experiences and progress of children who need help", bold=True, size=14)
        .line(72, "1. Children receive help early and their plans are reviewed well.")
        .page()
    )


@pytest.mark.parametrize("glyph", ["\uf06e", "\uf0d8", "\uf0a7", "◼", "•", "▪"])
def test_a_bullet_in_any_font_is_found_by_its_shape(glyph: str) -> None:
    items = find_improvement_lists(doc(ilacs_page(glyph)))
    assert [i.text for i in items] == [
        "The quality of plans for children in need across the teams.",
        "The timeliness of return home interviews for children who go missing from home or care.",
    ]
    assert {i.kind for i in items} == {"recommendation"}


def marker_after(glyph: str, gap: float, width: float = 9.0) -> Marker | None:
    """The marker of a line whose first word is `glyph`, `gap` em before its text."""
    words = [Word(glyph, (72, 0, 72 + width, SIZE), SIZE)]
    words += words_at(72 + width + gap * SIZE, 0, "The quality of plans for children.")
    line = TextLine(1, tuple(words), "")
    return marker_of(line, ExtractSettings())


def test_a_word_or_a_wide_glyph_is_no_bullet() -> None:
    assert marker_after("\uf0d8", 0.3) is not None  # a symbol font's glyph: never opens prose
    assert marker_after("\uf0d8", 0.3, width=20.0) is None  # 1.7 em: no bullet is that wide
    assert marker_after("Ensure", 0.3, width=36.0) is None
    assert marker_after("A", 1.2) is None  # an upper-case letter opens sentences
    assert marker_after("o", 1.2) is not None  # Courier "o" on a tab stop
    assert marker_after("o", 0.3) is None
    assert marker_after("–", 0.3) is None  # a dash after a space may open a line of prose
    assert marker_after("–", 0.6) is not None  # ... on a tab stop it is a bullet
    assert marker_after("120.", 0.25, width=23.0) is not None  # a number eats into the indent


def send_table(body_first: bool) -> Page:
    """Areas for priority action as a two-column table with ruled rows."""
    body_x, action_x = (60.0, 222.0) if body_first else (370.0, 60.0)
    sheet = Sheet(7).line(60, "Areas for priority action", bold=True, size=14).gap()
    top = sheet.top
    sheet.rule()
    sheet.words += words_at(body_x, top, "Responsible body", bold=True)
    sheet.words += words_at(action_x, top, "Areas for priority action", bold=True)
    sheet.top += PITCH
    rows = [
        (
            ["Anyshire Council, NHS", "Anyshire ICB."],
            ["Leaders must put children with SEND at", "the centre of every plan."],
        ),
        (
            ["Anyshire Council"],
            ["Leaders should ensure that children get the", "support they need, particularly:"],
        ),
    ]
    for index, (body, action) in enumerate(rows):
        sheet.gap(4).rule()
        first = sheet.top
        for offset, text in enumerate(body):
            sheet.words += words_at(body_x, first + offset * PITCH, text)
        for offset, text in enumerate(action):
            sheet.words += words_at(action_x, first + offset * PITCH, text)
        sheet.top = first + max(len(body), len(action)) * PITCH
        if index == 1:
            sheet.item("◼", "children living in homes at a distance; and", x=action_x + 8)
            sheet.item("◼", "children receiving short breaks.", x=action_x + 8)
    sheet.gap(4).rule().gap(20)
    sheet.line(60, "Areas for improvement", bold=True, size=14)
    sheet.line(60, "Leaders should continue to reduce waiting times for assessments.")
    return sheet.page()


@pytest.mark.parametrize("body_first", [True, False], ids=["body-left", "body-right"])
def test_a_priority_action_table_is_read_by_column(body_first: bool) -> None:
    items = find_improvement_lists(doc(send_table(body_first)))
    assert [(i.kind, i.text, i.responsible_body) for i in items] == [
        (
            "priority_action",
            "Leaders must put children with SEND at the centre of every plan.",
            "Anyshire Council, NHS Anyshire ICB.",
        ),
        (
            "priority_action",
            "Leaders should ensure that children get the support they need, particularly:",
            "Anyshire Council",
        ),
        (
            "area_for_improvement",
            "Leaders should continue to reduce waiting times for assessments.",
            None,
        ),
    ]
    assert items[1].sub_items == (
        "children living in homes at a distance; and",
        "children receiving short breaks.",
    )


def test_items_carry_over_a_page_break() -> None:
    first = (
        Sheet(1)
        .line(72, "Areas for improvement", bold=True, size=14)
        .line(72, "Leaders should improve the timeliness of assessments for children.")
        .gap()
        .line(72, "Leaders should continue to address long waiting times for")
        .page()
    )
    second = (
        Sheet(2)
        .line(72, "children and young people requesting support from health services.")
        .gap()
        .line(72, "Leaders must ensure that practitioners have the training they need.")
        .gap(30)
        .line(72, "Local area partnership details", bold=True, size=14)
        .page()
    )
    items = find_improvement_lists(doc(first, second))
    assert [i.text for i in items] == [
        "Leaders should improve the timeliness of assessments for children.",
        "Leaders should continue to address long waiting times for children and young people "
        "requesting support from health services.",
        "Leaders must ensure that practitioners have the training they need.",
    ]
    assert [[s.page for s in i.spans] for i in items] == [[1], [1, 2], [2]]


def test_a_numbered_item_carries_over_a_page_break() -> None:
    first = (
        Sheet(4)
        .line(72, "Priority and immediate action", bold=True)
        .item("1.", "Ensure that assessments are completed in a timescale that", indent=28)
        .page()
    )
    second = (
        Sheet(5)
        .line(100, "meets the child’s needs.")
        .item("2.", "Ensure that plans are reviewed.", indent=28)
        .line(72, "The local authority’s strengths", bold=True, size=14)
        .item("3.", "Families have access to a wide range of early help.", indent=28)
        .page()
    )
    items = find_improvement_lists(doc(first, second))
    assert [(i.number, i.text, i.kind) for i in items] == [
        (1, "Ensure that assessments are completed in a timescale that meets the child’s needs.",
         "priority_action"),
        (2, "Ensure that plans are reviewed.", "priority_action"),
    ]  # fmt: skip


def test_touching_glyphs_are_joined_as_printed() -> None:
    settings = ExtractSettings()
    spaced = [
        Word("children", (100, 0, 146.42, 12), SIZE),
        Word("’", (146.51, 0, 149.04, 12), SIZE),
        Word("s", (149.03, 0, 154.38, 12), SIZE),
        Word("needs", (158.2, 0, 188.0, 12), SIZE),
        Word(".", (188.02, 0, 191.0, 12), SIZE),
    ]
    assert join_words(spaced, settings) == "children’s needs."
    italic = [  # italic glyphs overhang the space between words
        Word("Right", (105.51, 0, 137.02, 12), SIZE),
        Word("Service,", (136.71, 0, 182.34, 12), SIZE),
        Word("Right", (182.06, 0, 213.55, 12), SIZE),
        Word("Time", (213.26, 0, 243.44, 12), SIZE),
    ]
    assert join_words(italic, settings) == "Right Service, Right Time"


def test_sub_headings_group_items_and_grouped_sub_items_are_the_items() -> None:
    hull = (
        Sheet()
        .line(72, "Areas for improvement", bold=True)
        .line(72, "The quality of social work practice")
        .item("6.", "Ensure that chronologies are in place for all children.", indent=28)
        .line(72, "Leadership, management and governance")
        .item("7.", "Ensure that management oversight is sharply focused.", indent=28)
        .line(72, "The local authority’s strengths", bold=True)
        .page()
    )
    items = find_improvement_lists(doc(hull))
    assert [(i.number, i.group) for i in items] == [
        (6, "The quality of social work practice"),
        (7, "Leadership, management and governance"),
    ]
    lac = (
        Sheet()
        .line(72, "Areas for improvement", bold=True, size=14)
        .item("22.", "In order to improve the quality of services, the local authority", indent=28)
        .line(100, "should take the following action.")
        .line(100, "Immediately:", bold=True)
        .item("\uf0a7", "improve the quality of supervision", x=110)
        .item("\uf0a7", "improve the quality of assessments", x=110)
        .line(100, "Within three months:", bold=True)
        .item("\uf0a7", "improve the timeliness of care proceedings.", x=110)
        .line(72, "Outcomes for looked after children", bold=True, size=14)
        .page()
    )
    items = find_improvement_lists(doc(lac))
    assert [(i.text, i.group) for i in items] == [
        ("improve the quality of supervision", "Immediately:"),
        ("improve the quality of assessments", "Immediately:"),
        ("improve the timeliness of care proceedings.", "Within three months:"),
    ]


def test_a_list_ends_where_its_numbering_starts_again() -> None:
    page = (
        Sheet()
        .line(72, "Recommendations", bold=True, size=14)
        .item("1.", "Ensure that strategy discussions are held for all children.", indent=28)
        .item("2.", "Improve the response to all children at risk of exploitation.", indent=28)
        .item("1.", "Inspectors spoke to children and read their case records.", indent=28)
        .page()
    )
    items = find_improvement_lists(doc(page))
    assert [i.number for i in items] == [1, 2]


def facts_of(*lines: tuple[float, float, str, bool]) -> tuple[str | None, str | None, str | None]:
    words = [w for x, top, text, bold in lines for w in words_at(x, top, text, bold)]
    facts = find_inspection_facts(doc(Page(1, 595, 842, tuple(words))))
    assert facts is not None
    return facts.judgement, facts.date_first, facts.date_last


def test_the_judgement_and_dates_in_each_framework() -> None:
    ilacs = facts_of(
        (72, 60, "Inspection dates: 19 November–30 November 2018", False),
        (330, 100, "Requires improvement", False),
        (72, 107, "Overall effectiveness", False),
        (330, 114, "to be good", False),
    )
    assert ilacs == ("requires_improvement", "2018-11-19", "2018-11-30")
    sif = facts_of(
        (72, 60, "Inspection date: 18 March 2014 – 09 April 2014", False),
        (72, 90, "The overall judgement is that children’s services require", True),
        (72, 105, "improvement", True),
    )
    assert sif == ("requires_improvement", "2014-03-18", "2014-04-09")
    send = facts_of(
        (72, 60, "Inspection dates: 27 November 2023 to 1 December 2023", False),
        (72, 90, "Inspection outcome", True),
        (72, 105, "The local area partnership’s arrangements lead to inconsistent", False),
        (72, 120, "experiences and outcomes for children and young people with SEND.", False),
    )
    assert send == ("inconsistent", "2023-11-27", "2023-12-01")
    lac = facts_of(
        (72, 60, "Inspection dates: 15 – 19 July 2013", False),
        (72, 90, "Overall effectiveness of services for looked after children", True),
        (72, 105, "Grade 3 (Adequate)", True),
    )
    assert lac == ("adequate", "2013-07-15", "2013-07-19")
    assert parse_range("3 to 7 November 2025") == ("2025-11-03", "2025-11-07")
    assert parse_range("no date here") is None


def test_points_and_facts_are_stored_and_read_back(tmp_path: Path) -> None:
    document = doc(send_table(True), name="send.pdf")
    points = tuple(find_improvement_lists(document))
    facts = find_inspection_facts(
        doc(Page(1, 595, 842, tuple(words_at(72, 60, "Inspection dates: 5 to 9 February 2024"))))
    )
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        store.save(ExtractedDocument(document, (), inspection=points, facts=facts))
        read = [point for _, point in stored_improvements(store)]
        assert read == list(points)
        assert list(stored_facts(store).values()) == [facts]


def test_recs_and_documents_tell_priority_actions_apart(tmp_path: Path) -> None:
    """`recs` shows each entry's kind and body; `export documents` the judgement and dates."""
    db = str(tmp_path / "s.sqlite")
    document = doc(send_table(True), name="send.pdf")
    facts = InspectionFacts("systemic_failings", "widespread and/or systemic failings",
                            "2023-06-26", "2023-06-30")  # fmt: skip
    with Store.open(db) as store:
        points = tuple(find_improvement_lists(document))
        store.save(ExtractedDocument(document, (), inspection=points, facts=facts))
        refresh_tracking(store)
    runner = CliRunner()
    result = runner.invoke(app, ["recs", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["kind"], r["responsible_body"]) for r in rows] == [
        ("priority_action", "Anyshire Council, NHS Anyshire ICB."),
        ("priority_action", "Anyshire Council"),
        ("area_for_improvement", None),
    ]
    out = tmp_path / "documents.json"
    result = runner.invoke(app, ["export", "documents", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(out.read_text(encoding="utf-8"))
    assert (
        record["inspection_judgement"],
        record["inspection_first_day"],
        record["inspection_last_day"],
    ) == ("systemic_failings", "2023-06-26", "2023-06-30")


def test_flush_bullets_belong_to_a_cell_but_follow_a_preamble() -> None:
    """Bullets set flush with the paragraph above them: in a ruled table they are that cell's
    sub-items; under a list's only paragraph, outside a table, they are the items."""
    table = Sheet().line(72, "Areas for improvement", bold=True, size=14).gap()
    table.rule().line(72, "Leaders should improve the timeliness of plans for children.").gap(4)
    table.rule().line(72, "Leaders should improve communication to:")
    table.item("-", "remove barriers to information; and", indent=18)
    table.item("-", "share plans with families.", indent=18).gap(4)
    table.rule().gap(30).line(72, "Local area partnership details", bold=True, size=14)
    items = find_improvement_lists(doc(table.page()))
    assert [(i.text, i.sub_items) for i in items] == [
        ("Leaders should improve the timeliness of plans for children.", ()),
        (
            "Leaders should improve communication to:",
            ("remove barriers to information; and", "share plans with families."),
        ),
    ]
    preamble = (
        Sheet()
        .line(72, "What needs to improve?", bold=True, size=14)
        .line(72, "The local authority and its partners should improve:")
        .item("•", "the timeliness of strategy meetings for children;", indent=18)
        .item("•", "the quality of plans for care leavers.", indent=18)
        .gap()
        .line(72, "The experiences and progress of children", bold=True, size=14)
        .page()
    )
    assert [i.text for i in find_improvement_lists(doc(preamble))] == [
        "the timeliness of strategy meetings for children;",
        "the quality of plans for care leavers.",
    ]


def test_every_item_kind_has_a_heading_and_records_refuse_others() -> None:
    assert {kind for kind, _ in RULES} == set(REC_KINDS.names)
    with pytest.raises(ValueError, match=r"unknown .* 'bogus': one of"):
        InspectionPoint(1, "Ensure that plans are reviewed.", 1, kind="bogus")
    with pytest.raises(ValueError, match=r"unknown .* 'bogus': one of"):
        Recommendation("r", "s", 1, "t", kind="bogus")


def test_a_table_over_a_page_break_repeats_its_header() -> None:
    def header(sheet: Sheet) -> None:
        sheet.rule()
        sheet.words += words_at(60, sheet.top, "Responsible body", bold=True)
        sheet.words += words_at(222, sheet.top, "Areas for priority action", bold=True)
        sheet.top += PITCH

    def row(sheet: Sheet, body: str, action: list[str]) -> None:
        sheet.gap(4).rule()
        sheet.words += words_at(60, sheet.top, body)
        for text in action:
            sheet.line(222, text)

    first = Sheet(6).line(60, "Areas for priority action", bold=True, size=14).gap()
    header(first)
    row(first, "Anyshire Council", ["Leaders must improve the timeliness of plans", "for"])
    second = Sheet(7)
    header(second)
    second.gap(4).rule().line(222, "children in need and their families.")
    row(second, "Anyshire ICB", ["Health leaders should reduce waiting times."])
    items = find_improvement_lists(doc(first.page(), second.page()))
    assert [(i.text, i.responsible_body) for i in items] == [
        (
            "Leaders must improve the timeliness of plans for children in need and their families.",
            "Anyshire Council",
        ),
        ("Health leaders should reduce waiting times.", "Anyshire ICB"),
    ]


def test_a_plain_item_carries_on_under_a_repeated_header() -> None:
    first = Sheet(1).line(72, "Areas for improvement", bold=True, size=14).gap()
    first.rule().line(72, "Areas for improvement", bold=True)
    first.rule().line(72, "Leaders should continue to address long waiting times for")
    second = Sheet(2).rule().line(72, "Areas for improvement", bold=True)
    second.rule().line(72, "children and young people requesting support.").gap(4)
    second.rule().line(72, "Leaders must ensure that practitioners have the training they need.")
    items = find_improvement_lists(doc(first.page(), second.page()))
    assert [i.text for i in items] == [
        "Leaders should continue to address long waiting times for children and young people "
        "requesting support.",
        "Leaders must ensure that practitioners have the training they need.",
    ]


def test_a_part_opening_with_inspection_dates_is_an_inspection_report() -> None:
    """The report part of a pack is typed by its first page's dates line; the plan after it
    stays a plan, and its pages are an inspection's (its bare "Recommendations" included)."""
    report = (
        Sheet(1)
        .line(72, "Inspection of Anyshire local authority children’s services")
        .line(72, "Inspection dates: 5 to 16 December 2022")
        .line(72, "Ofsted and the Care Quality Commission ask that leaders publish a plan.")
        .page()
    )
    more = Sheet(2).line(72, "Recommendations", bold=True, size=14)
    more.item("1.", "Improve the quality of plans for children in need.", indent=28)
    plan = Sheet(3).line(72, "Inspection dates: 5 to 16 December 2022").page()
    parts = [
        PackItem(0, None, "Report", "report", 1, 2),
        PackItem(1, None, "Plan", "plan", 3, 3),
    ]
    reading = find_inspection(doc(report, more.page(), plan), parts)
    assert [(p.doc_type, p.inspection) for p in reading.parts] == [
        ("inspection_report", Inspection("Ofsted and the Care Quality Commission", "2022-12-16")),
        ("plan", None),
    ]
    assert [(i.source_kind, i.kind) for i in reading.points] == [("inspection", "recommendation")]
    assert reading.facts == InspectionFacts(None, None, "2022-12-05", "2022-12-16")
