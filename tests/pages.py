"""Build synthetic Page records (ruled grids of words) for unit tests of extraction."""

from __future__ import annotations

from collections.abc import Sequence

from councilpapers.records import Page, Rule, Word

CHAR = 4.4  # width of one character at size 8
LINE = 10.5  # baseline step of a line
SIZE = 8.0


def word_boxes(text: str, x: float, top: float, bold: bool = False) -> list[Word]:
    """Words of one printed line starting at x."""
    words = []
    for token in text.split():
        width = len(token) * CHAR
        words.append(Word(token, (x, top, x + width, top + SIZE), SIZE, bold))
        x += width + CHAR * 0.5
    return words


def ruled_page(
    number: int,
    columns: Sequence[float],
    rows: Sequence[Sequence[Sequence[str] | None]],
    top: float = 40.0,
    bold_first: bool = False,
    width: float = 842.0,
    height: float = 595.0,
) -> Page:
    """A page holding one ruled table. Each row is a list of cells, each cell a list of printed
    lines; None as a cell means the previous cell spans into this column."""
    words: list[Word] = []
    rules: list[Rule] = []
    y = top
    for r_index, row in enumerate(rows):
        height_lines = max((len(c) for c in row if c is not None), default=1)
        bottom = y + 6 + height_lines * LINE
        rules.append(Rule(columns[0], y, columns[-1], y))
        rules.append(Rule(columns[0], y, columns[0], bottom))
        for c_index, cell in enumerate(row):
            right_index = c_index + 1
            while right_index < len(row) and row[right_index] is None:
                right_index += 1
            if cell is None:
                continue
            rules.append(Rule(columns[right_index], y, columns[right_index], bottom))
            for l_index, line in enumerate(cell):
                words += word_boxes(
                    line,
                    columns[c_index] + 4,
                    y + 3 + l_index * LINE,
                    bold=bold_first and r_index == 0,
                )
        y = bottom
    rules.append(Rule(columns[0], y, columns[-1], y))
    return Page(number=number, width=width, height=height, words=tuple(words), rules=tuple(rules))
