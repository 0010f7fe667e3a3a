"""RAG ratings from a cell's fill colour (each colour) and from the printed word, through a PDF
drawn with the fills, and on the colour classifier itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from councilpapers.extract.rag import rag_from_fill, rag_rating
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.tables import find_tables
from councilpapers.ingest.pdf import read_document
from tests.drawn import Drawn, write_pdf

SETTINGS = ExtractSettings()

# Office's standard fills for RAG cells, and fills that are not a rating
FILLS = {
    "Red": (1.0, 0.0, 0.0),
    "Amber": (1.0, 0.75, 0.0),
    "Green": (0.0, 0.69, 0.31),
    "light green": (0.57, 0.82, 0.31),
    "grey": (0.85, 0.85, 0.85),
    "lavender": (0.8, 0.7, 0.9),
    "pale yellow banner": (1.0, 1.0, 0.8),
}
EXPECTED = {"light green": "Green", "grey": None, "lavender": None, "pale yellow banner": None}


@pytest.mark.parametrize("name", list(FILLS))
def test_fill_colour_gives_its_rating(name: str) -> None:
    assert rag_from_fill(FILLS[name], SETTINGS) == EXPECTED.get(name, name)


def test_no_fill_gives_no_rating() -> None:
    assert rag_from_fill(None, SETTINGS) is None


def test_blue_fill_means_complete_in_a_brag_plan() -> None:
    assert rag_from_fill((0.0, 0.44, 0.75), SETTINGS) == "Blue"
    assert rag_from_fill((0.0, 0.69, 0.94), SETTINGS) == "Blue"  # Office "Light Blue"
    # Word's pale "Blue, Accent 1" header shade
    assert rag_from_fill((0.36, 0.61, 0.84), SETTINGS) is None
    assert rag_from_fill((0.74, 0.84, 0.93), SETTINGS) is None


@pytest.mark.parametrize(
    ("printed", "rating"),
    [("Red", "Red"), ("AMBER", "Amber"), ("green - on track", "Green"), ("A", "Amber"),
     ("G", "Green"), ("R", "Red"), ("Blue", "Blue"), ("Not rated", None), ("", None)],
)  # fmt: skip
def test_printed_word_gives_its_rating(printed: str, rating: str | None) -> None:
    assert rag_rating(printed, None, SETTINGS) == rating


def test_printed_word_wins_over_the_fill() -> None:
    assert rag_rating("Green", FILLS["Red"], SETTINGS) == "Green"


def test_rag_snapshot_cells_rated_by_their_fill(tmp_path: Path) -> None:
    colours = [FILLS["Red"], FILLS["Amber"], FILLS["Green"], FILLS["grey"]]
    rows = [[["No."], ["Recommendation"], ["RAG Rating"], ["Comments"]]]
    for i in range(len(colours)):
        rows.append([[str(i + 1)], [f"Improve practice {i + 1}"], [], [f"Progress {i + 1}"]])
    fills = {(i + 1, 2): rgb for i, rgb in enumerate(colours)}
    drawn = Drawn([40, 90, 400, 480, 780], rows, fills=fills)
    (table,) = find_tables(read_document(write_pdf(tmp_path / "rag.pdf", [[drawn]])))
    assert table.kind == "rag_snapshot"
    assert [(r.text("ref"), r.text("rag")) for r in table.rows] == [
        ("1", "Red"),
        ("2", "Amber"),
        ("3", "Green"),
        ("4", ""),
    ]


@pytest.mark.parametrize(
    ("printed", "rating"),
    [("B", "Blue"), ("g", "Green"), ("R.", "Red"), ("A/G", "Amber"), ("BLUE - complete", "Blue"),
     ("A review of practice", None), ("Green (on track)", "Green")],
)  # fmt: skip
def test_letters_and_brag_words(printed: str, rating: str | None) -> None:
    assert rag_rating(printed, None, SETTINGS) == rating


@pytest.mark.parametrize(
    ("printed", "rating"),
    [("On track", "Green"), ("Not on track", "Red"), ("Off track", "Red"), ("At risk", "Amber"),
     ("Complete", "Blue"), ("Some slippage", "Amber"), ("Progressing well", None)],
)  # fmt: skip
def test_status_words_rate_only_in_a_rating_column(printed: str, rating: str | None) -> None:
    assert rag_rating(printed, None, SETTINGS, rating=True) == rating
    assert rag_rating(printed, None, SETTINGS) is None


# Excel's conditional-formatting shades ("Good", "Bad", "Neutral") and a pale blue
PALE = {
    "Green": (0.776, 0.937, 0.808),
    "Red": (1.0, 0.78, 0.808),
    "Amber": (1.0, 0.922, 0.612),
    "Blue": (0.74, 0.84, 0.93),
}


@pytest.mark.parametrize("name", list(PALE))
def test_pale_shades_rate_only_in_a_rating_column(name: str) -> None:
    assert rag_from_fill(PALE[name], SETTINGS, pale=True) == name
    assert rag_from_fill(PALE[name], SETTINGS) is None


def test_greys_and_purples_never_rate_even_in_a_rating_column() -> None:
    for rgb in [(0.9, 0.9, 0.9), (0.8, 0.7, 0.9), (1.0, 1.0, 1.0), (0.1, 0.25, 0.1)]:
        assert rag_from_fill(rgb, SETTINGS, pale=True) is None


def test_a_pill_drawn_at_the_top_of_a_tall_rating_cell_rates_it() -> None:
    """HTML plans draw the rating as a small rounded pill at the top of the cell: it covers
    neither the cell nor its centre, yet it is the only thing in the cell."""
    from councilpapers.records import Document, Fill, Page
    from tests.pages import LINE, ruled_page

    colours = [FILLS["Red"], FILLS["Amber"], FILLS["Green"]]
    comment = [["Progress this quarter", "was slower than planned", "and is reported"]]
    rows = [[["No."], ["Recommendation"], ["RAG Rating"], ["Comments"]]]
    rows += [[[str(i + 1)], [f"Improve practice {i + 1}"], [], *comment] for i in range(3)]
    grid = ruled_page(1, [40, 90, 400, 480, 780], rows)
    tops = [40 + 6 + LINE + i * (6 + 3 * LINE) for i in range(3)]
    pills = tuple(
        Fill((420, y + 3, 441, y + 11), rgb) for y, rgb in zip(tops, colours, strict=True)
    )
    page = Page(1, grid.width, grid.height, grid.words, grid.rules, fills=pills)
    document = Document(path="x.pdf", name="x.pdf", sha256="0" * 64, size=1, pages=(page,))
    (table,) = find_tables(document)
    assert [r.text("rag") for r in table.rows] == ["Red", "Amber", "Green"]


def test_status_words_on_rating_fills_are_rated_by_the_fill() -> None:
    """A rating column printing status words on coloured fills ("Started" on green): the fill
    is the rating, as the plan's key maps its words to colours."""
    assert rag_rating("Started", FILLS["Green"], SETTINGS, rating=True) == "Green"
    assert rag_rating("Complete", FILLS["Green"], SETTINGS, rating=True) == "Green"
    assert rag_rating("Off track", None, SETTINGS, rating=True) == "Red"
    assert rag_rating("Amber", FILLS["Green"], SETTINGS, rating=True) == "Amber"
