"""The pdfplumber engine: a PDF's pages read through pdfminer, as the project read them first.

Kept for two jobs: it is the reference the pdfium engine is held to (`tests/test_equivalence.py`
compares their words, rules and fills), and the second opinion on a file pdfium cannot open
(pdfminer reads some damaged files, and names what is wrong with the rest). Pages are read one
at a time with lean objects (`objects.prime_objects`) and their caches released.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pdfplumber

from councilpapers.errors import EmptyDocument, TooLarge, UnreadablePDF
from councilpapers.ingest.objects import prime_objects
from councilpapers.ingest.reading import PageRead, Reading
from councilpapers.ingest.rule_split import split_at_rules
from councilpapers.ingest.settings import ReadSettings
from councilpapers.ingest.shapes import Shape, rgb, rules_and_fills
from councilpapers.ingest.words import BOLD, base_font
from councilpapers.records import Word, round_bbox


def read_pages(path: Path, reading: Reading, numbers: range | None = None) -> Iterator[PageRead]:
    """Every page of the PDF at `path` (or those `numbers`, 1-based), read by pdfminer through
    pdfplumber (the caller caps pdfminer's stream inflation: `limits.capped_streams`)."""
    with opened(path) as pdf:
        count, cap = len(pdf.pages), reading.limits.pages
        if count == 0:
            raise EmptyDocument(f"{path.name}: the PDF has no pages")
        if count > cap:
            raise TooLarge(
                f"{path.name}: {count} pages is over the {cap}-page limit "
                "(Limits.pages, or set COUNCILPAPERS_MAX_PAGES to raise it)"
            )
        for index, page in enumerate(pdf.pages):
            if numbers is None or index + 1 in numbers:
                yield _read_page(page, index + 1, reading.settings)
            page.close()


@contextmanager
def opened(path: Path) -> Iterator[Any]:
    """pdfplumber's PDF of the file at `path`, the file closed however parsing ends:
    `pdfplumber.open(path)` leaks the file it opened when parsing fails other than through
    pdfminer (a damaged file can fail with a KeyError or a TypeError)."""
    with path.open("rb") as handle, pdfplumber.open(handle) as pdf:
        yield pdf


class Pages:
    """Single pages of one file read by pdfplumber, the file opened on first use: the pdfium
    engine asks for the pages whose text pdfium replaced (an /ActualText), where pdfminer's
    reading of the glyphs is the one the project's records follow."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: Any = None
        self._open = ExitStack()

    def read(self, number: int, settings: ReadSettings) -> PageRead:
        if self._pdf is None:
            self._pdf = self._open.enter_context(opened(self.path))
        if number > len(self._pdf.pages):
            raise UnreadablePDF(f"{self.path.name}: pdfminer finds no page {number}")
        return _read_page(self._pdf.pages[number - 1], number, settings)

    def close(self) -> None:
        self._open.close()
        self._pdf = None


def _read_page(page: Any, number: int, settings: ReadSettings) -> PageRead:
    prime_objects(page)
    upright = page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))
    rules, fills = rules_and_fills(_shapes(page), settings.thin)
    found = upright.extract_words(**settings.word_options(), return_chars=True)
    raw_words = split_at_rules(found, rules)
    rotated = [c for c in page.chars if not c.get("upright", True)]
    return PageRead(
        number=number,
        width=round(float(page.width), 2),
        height=round(float(page.height), 2),
        words=tuple(_word(w) for w in raw_words if w["text"].strip()),
        rotated=tuple(_rotated_words(rotated, settings.rotated_gap)),
        rules=rules,
        fills=fills,
        images=len(page.images),
        render=lambda dpi: page.to_image(resolution=dpi).original,
    )


def _word(raw: dict[str, Any]) -> Word:
    font = str(raw.get("fontname", ""))
    return Word(
        text=raw["text"],
        bbox=round_bbox(raw["x0"], raw["top"], raw["x1"], raw["bottom"]),
        size=round(float(raw.get("size", 0.0)), 2),
        bold=any(tag in font for tag in BOLD),
        font=base_font(font),
    )


def _shapes(page: Any) -> Iterator[Shape]:
    for line in page.lines:
        yield Shape("line", line["x0"], line["top"], line["x1"], line["bottom"], True, False)
    for rect in page.rects:
        yield Shape(
            "rect",
            rect["x0"],
            rect["top"],
            rect["x1"],
            rect["bottom"],
            bool(rect.get("stroke")),
            bool(rect.get("fill")),
            rgb(rect.get("non_stroking_color")),
        )
    for curve in page.curves:
        yield Shape(
            "curve",
            curve["x0"],
            curve["top"],
            curve["x1"],
            curve["bottom"],
            bool(curve.get("stroke")),
            bool(curve.get("fill")),
            rgb(curve.get("non_stroking_color")),
            tuple((float(x), float(y)) for x, y in curve.get("pts") or ()),
        )


def _rotated_words(chars: list[dict[str, Any]], gap: float) -> Iterator[Word]:
    """Rebuild words from text printed up or down a margin, in reading order (letters more than
    `gap` em apart are two words)."""
    columns: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        columns.setdefault(round(char["x0"] / 3), []).append(char)
    for column in columns.values():
        down = column[0].get("matrix", (0, 1))[1] < 0  # set clockwise: read top to bottom
        column.sort(key=lambda c: c["top"] if down else -c["bottom"])
        word: list[dict[str, Any]] = []
        for char in column:
            apart = bool(word) and _gap(word[-1], char, down) > char["size"] * gap
            if word and (apart or not char["text"].strip()):
                yield _join_rotated(word)
                word = []
            if char["text"].strip():
                word.append(char)
        if word:
            yield _join_rotated(word)


def _gap(last: dict[str, Any], char: dict[str, Any], down: bool) -> float:
    """Space between a rotated word's last char and the next, along the reading direction."""
    return float(char["top"] - last["bottom"]) if down else float(last["top"] - char["bottom"])


def _join_rotated(chars: list[dict[str, Any]]) -> Word:
    return Word(
        text="".join(c["text"] for c in chars),
        bbox=round_bbox(
            min(c["x0"] for c in chars),
            min(c["top"] for c in chars),
            max(c["x1"] for c in chars),
            max(c["bottom"] for c in chars),
        ),
        size=round(float(chars[0].get("size", 0.0)), 2),
        font=base_font(str(chars[0].get("fontname", ""))),
    )
