"""Paragraphs from printed lines: wrapping, list markers, broken words."""

from __future__ import annotations

import pytest

from councilpapers.errors import CouncilPapersError
from councilpapers.extract.layout import (
    Line,
    join_broken,
    line_tolerance,
    normalise_marker,
    paragraphs,
    to_lines,
)
from councilpapers.extract.settings import ExtractSettings
from councilpapers.records import Word
from tests.pages import LINE, word_boxes

SETTINGS = ExtractSettings()


def _lines(texts: list[str], steps: list[float] | None = None) -> list[Line]:
    words = []
    top = 0.0
    for index, text in enumerate(texts):
        words += word_boxes(text, 10, top)
        top += steps[index] if steps and index < len(steps) else LINE
    return to_lines(words, SETTINGS)


def test_wrapped_lines_join_into_one_paragraph() -> None:
    lines = _lines(["Assessments should be", "completed within 20 days"])
    assert paragraphs(lines, SETTINGS, right=10 + 22 * 4.4) == [
        "Assessments should be completed within 20 days"
    ]


def test_short_line_with_room_for_the_next_word_ends_a_paragraph() -> None:
    lines = _lines(["Dec 2016", "Dec 2016"])
    assert paragraphs(lines, SETTINGS, right=10 + 20 * 4.4) == ["Dec 2016", "Dec 2016"]


def test_extra_space_between_lines_ends_a_paragraph() -> None:
    lines = _lines(["COMPLETED", "COMPLETED", "x"], steps=[13.5, 13.5])
    found = paragraphs(lines, SETTINGS, right=10 + 10 * 4.4, pitch=LINE)
    assert found == ["COMPLETED", "COMPLETED", "x"]


def test_bullets_start_paragraphs_and_are_printed_as_bullets() -> None:
    lines = _lines(["\uf0b7 first point that wraps", "onto a second line", "\u25aa second"])
    assert paragraphs(lines, SETTINGS, right=10 + 24 * 4.4) == [
        "• first point that wraps onto a second line",
        "• second",
    ]


def test_hyphen_and_slash_line_breaks_close_up() -> None:
    assert join_broken("multi-", "agency") == "multi-agency"
    assert join_broken("AD/HoS/IROs/", "Lead") == "AD/HoS/IROs/Lead"
    assert join_broken("a -", "b") == "a - b"


def test_word_too_long_for_its_column_is_rejoined() -> None:
    lines = _lines(["AD/H", "oS"])
    assert paragraphs(lines, SETTINGS, right=10 + 4 * 4.4 + 1) == ["AD/HoS"]


def test_capitalised_next_line_after_a_full_single_word_is_not_glued() -> None:
    lines = _lines(["COMPLETED", "AND ISSUED"])
    assert paragraphs(lines, SETTINGS, right=10 + 9 * 4.4 + 1) == ["COMPLETED AND ISSUED"]


def test_numbered_and_o_markers_are_kept() -> None:
    assert normalise_marker("1. First") == "1. First"
    assert normalise_marker("o Sub item") == "o Sub item"
    assert normalise_marker("● Item") == "• Item"


def test_code_broken_across_lines_rejoins_in_the_shape_of_its_neighbours() -> None:
    lines = _lines(["SO1,SO2,SO", "3,SO4,SO5"])
    assert paragraphs(lines, SETTINGS, right=10 + 10 * 4.4 + 1) == ["SO1,SO2,SO3,SO4,SO5"]
    lines = _lines(["SO1,SO3,SO4,S", "O5"])
    assert paragraphs(lines, SETTINGS, right=10 + 13 * 4.4 + 1) == ["SO1,SO3,SO4,SO5"]


def test_short_words_at_a_full_line_end_stay_apart_when_no_code_has_their_shape() -> None:
    lines = _lines(["Plans for SO1 and", "to be agreed"])
    found = paragraphs(lines, SETTINGS, right=10 + 17 * 4.4 + 1)
    assert found == ["Plans for SO1 and to be agreed"]
    lines = _lines(["Review in Q1 by AD", "HoS, SM and TM"])
    found = paragraphs(lines, SETTINGS, right=10 + 18 * 4.4 + 1)
    assert found == ["Review in Q1 by AD HoS, SM and TM"]


def test_settings_are_checked_when_resolved() -> None:
    assert ExtractSettings.resolve(SETTINGS) is SETTINGS
    assert ExtractSettings.resolve(None) == SETTINGS
    assert ExtractSettings.resolve({"snap": 4.0}).snap == 4.0
    for bad in ({"snap": 0.0}, {"paragraph_gap": 2.0}, {"line_tolerance": 0.6}, {"min_cells": 1.5}):
        with pytest.raises(CouncilPapersError):
            ExtractSettings.resolve(bad)


def test_line_tolerance_follows_the_font_size() -> None:
    def words(size: float) -> list[Word]:
        return [Word("x", (0.0, 0.0, 5.0, size), size, False)]

    assert line_tolerance(words(7.0), SETTINGS) < line_tolerance(words(10.0), SETTINGS)
    assert line_tolerance(words(10.0), SETTINGS) < line_tolerance(words(14.0), SETTINGS)
    # a 14 pt slide: words 3 pt apart in height still share a line; at 7 pt they do not
    high = [Word("a", (0, 0, 10, 14), 14.0, False), Word("b", (12, 3, 22, 17), 14.0, False)]
    assert len(to_lines(high, SETTINGS)) == 1
    small = [Word("a", (0, 0, 5, 7), 7.0, False), Word("b", (6, 3, 11, 10), 7.0, False)]
    assert len(to_lines(small, SETTINGS)) == 2
