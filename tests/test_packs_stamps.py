"""Pack "Page N" stamps told apart from a document's own page footers, by form ("of M"), by
position (the number right after "Page" on its line or column) and by the numbers running on
through the pack. Expected values by construction."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from councilpapers.extract.extraction import extract_document
from councilpapers.ingest.pdf import read_document
from councilpapers.ingest.stamps import pack_stamps, page_stamp, stamp_numbers
from councilpapers.records import Word
from tests.conftest import SHARED


def _line(text: str, x: float, top: float, size: float = 10.0) -> list[Word]:
    words = []
    for token in text.split():
        width = 0.55 * size * len(token)
        words.append(Word(token, (x, top, x + width, top + size), size))
        x += width + 0.3 * size
    return words


def test_page_n_is_a_stamp_and_page_n_of_m_is_not() -> None:
    assert page_stamp(_line("Page 7", 280, 800)) == "Page 7"
    assert page_stamp(_line("Page 3 of 12", 40, 800)) is None
    assert page_stamp(_line("Page 3 of 12", 40, 800) + _line("Page 41", 280, 810)) == "Page 41"


def test_number_is_paired_by_position_when_a_footer_overlaps_the_stamp() -> None:
    footer = _line("Budget Consultation Report", 200, 801)
    stamp = [Word("Page", (274, 800, 302, 811), 10.0), Word("3", (305, 800, 311, 811), 10.0)]
    assert stamp_numbers(sorted(footer + stamp, key=lambda w: w.x0)) == [3]


def test_stamp_set_down_a_margin_is_read_along_its_column() -> None:
    page_word = Word("Page", (36, 274, 47, 302), 11.0)
    number = Word("7", (36, 305, 47, 312), 11.0)
    other = Word("£1,315", (60, 290, 90, 300), 11.0)
    assert stamp_numbers([page_word, number, other]) == [7]
    of = [Word("of", (36, 315, 47, 325), 11.0), Word("9", (36, 328, 47, 335), 11.0)]
    assert stamp_numbers([page_word, number, *of]) == []


def test_pack_sequence_wins_over_a_document_footer_that_restarts() -> None:
    # pages 2-5 carry the pack's Page 1-4; pages 3-4 also their own document's Page 1-2
    found = [[], [1], [2, 1], [3, 2], [4]]
    assert pack_stamps(found) == [None, 1, 2, 3, 4]


def test_a_number_no_other_page_continues_is_dropped_beside_a_run() -> None:
    assert pack_stamps([[1], [2], [9], []]) == [1, 2, None, None]
    assert pack_stamps([[], [5]]) == [None, 5]  # one stamped page: nothing to check it against
    assert pack_stamps([[], []]) == [None, None]


def _pack(path: Path) -> None:
    """A cover sheet listing one item (no stamp), a report page and a two-page plan whose own
    footer "Page X of 2" is printed at the bottom left, above the pack stamps."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 12)
    for index, text in enumerate(["CABINET", "AGENDA", "2. Improvement plan (Pages 1 - 3)"]):
        canvas.drawString(72, 780 - 20 * index, text)
    canvas.showPage()
    for stamp in (1, 2, 3):
        size = A4 if stamp == 1 else landscape(A4)
        canvas.setPageSize(size)
        canvas.setFont("Helvetica", 11)
        if stamp == 1:
            canvas.drawString(size[0] - 110, size[1] - 30, "Agenda Item 2")
            canvas.drawString(72, 760, "Report Title: Improvement plan")
        else:
            canvas.drawString(72, size[1] - 80, f"Improvement plan, part {stamp - 1}")
            canvas.drawString(40, 40, f"Page {stamp - 1} of 2")
        canvas.drawCentredString(size[0] / 2, 24, f"Page {stamp}")
        canvas.showPage()
    canvas.save()


def test_pack_read_end_to_end_keeps_pack_stamps_not_plan_footers(tmp_path: Path) -> None:
    path = tmp_path / "pack.pdf"
    _pack(path)
    document = read_document(path)
    assert [p.stamp for p in document.pages] == [None, "Page 1", "Page 2", "Page 3"]
    items = extract_document(document).items
    stamped = [i for i in items if i.agenda_item == "2"]
    assert stamped[0].first_page == 2 and stamped[-1].last_page == 4
    assert stamped[0].page_stamps is not None and stamped[0].page_stamps[0] == "Page 1"
    assert stamped[-1].page_stamps is not None and stamped[-1].page_stamps[1] == "Page 3"


def test_a_restarting_footer_never_stands_in_for_a_missing_pack_stamp() -> None:
    # pack stamps 1-3, then two pages where only a plan's own "Page 1", "Page 2" was read
    assert pack_stamps([[1], [2], [3], [1], [2], [6]]) == [1, 2, 3, None, None, 6]


def test_a_run_shifted_by_an_unnumbered_page_is_kept_while_the_stamps_rise() -> None:
    assert pack_stamps([[1], [2], [], [3], [4]]) == [1, 2, None, 3, 4]


def _margin_stamped(path: Path, turn: int) -> None:
    """Three landscape pages with "Page N" and "Agenda Item 4" set up or down the left margin (a
    quarter turn `turn` degrees, as a stamping tool does on landscape pages) beside body text."""
    canvas = Canvas(str(path), pagesize=landscape(A4))
    for number in (5, 6, 7):
        canvas.setFont("Helvetica", 11)
        canvas.drawString(100, 500, "Improvement plan progress against each recommendation")
        canvas.saveState()
        canvas.translate(40, 300)
        canvas.rotate(turn)
        canvas.drawString(0, 0, f"Page {number}")
        canvas.drawString(80 if turn > 0 else -160, 0, "Agenda Item 4")
        canvas.restoreState()
        canvas.showPage()
    canvas.save()


def test_margin_stamps_set_either_way_up_are_read(tmp_path: Path) -> None:
    for turn in (90, -90):
        path = tmp_path / f"turned{turn}.pdf"
        _margin_stamped(path, turn)
        document = read_document(path)
        assert [p.stamp for p in document.pages] == ["Page 5", "Page 6", "Page 7"], turn
        assert all("Page" not in w.text for p in document.pages for w in p.words), turn
        texts = [" ".join(w.text for w in p.furniture) for p in document.pages]
        assert all("Agenda Item 4" in t for t in texts), (turn, texts)


BUDGET_PACK = (
    SHARED
    / "real"
    / "kent"
    / ("full_council_2025-02-13__Budget Amendments 13th-Feb-2025 09.30 County Council.pdf")
)


@pytest.mark.skipif(
    not BUDGET_PACK.exists(), reason="../shared/real/kent is not beside this checkout"
)
def test_kent_pack_stamps_on_landscape_pages_are_read() -> None:
    # checked by eye: page 3 is stamped "Page 1" and "Agenda Item 6" upright; page 9 (landscape)
    # "Page 7" set down the left margin, which pdfminer's rounding calls upright; a footer
    # "… Consultation Report" overlaps the stamps on pages 5-8
    document = read_document(BUDGET_PACK)
    stamps = {p.number: p.stamp for p in document.pages}
    assert [stamps[n] for n in (3, 5, 6, 9, 13, 39)] == [
        "Page 1", "Page 3", "Page 4", "Page 7", "Page 11", "Page 37"
    ]  # fmt: skip
    items = extract_document(document).items
    assert [(i.agenda_item, i.first_page) for i in items][:2] == [(None, 1), ("6", 3)]
