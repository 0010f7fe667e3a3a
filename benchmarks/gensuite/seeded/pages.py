"""Find the pages each gold row is printed on, in the PDF the converter made, by its own text.

Whatever made the PDF (Word, Calc, Impress, reportlab, Chromium), a table cell's lines start at
the same left edge. So each page's words are cut into line chunks at wide gaps, the chunks that
start at one left edge are read top to bottom as a column's text, and a row's anchor texts (its
own cells of three words or more, unique in the plan) are looked for there: whole on one page, or
its head closing one page and its tail on the next (a row split by a page break). The search
moves forward through the document, row by row.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pdfplumber

EDGE = 2.5  # points: chunks starting within this of each other share a left edge
GAP = 0.55  # a gap wider than this share of the font size ends a chunk
HEAD = 12  # least characters of a split anchor printed before the page break
SHORT, LONG = 6, 24  # a head as short as SHORT counts when LONG characters or more follow it
FOOT = 40  # most characters a column may print below the head of a split anchor (a footer)
_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def columns(pdf_path: Path) -> list[list[str]]:
    """Per page, the compact text of the chunks sharing each left edge, top to bottom, and of
    those sharing each right edge (right-aligned cells)."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words(x_tolerance=1.5, y_tolerance=2, return_chars=True)
            rules = [
                (e["x0"], e["top"], e["bottom"])
                for e in page.edges
                if e["orientation"] == "v" and e["bottom"] - e["top"] > 4
            ]
            chunks = _chunks(_cut_at_rules(words, rules), rules)
            pages.append(_streams(chunks, 0) + _streams(chunks, 2))
            page.close()
    return pages


Chunk = tuple[float, float, float, str]  # x0, top, x1, compact text
Rule = tuple[float, float, float]  # x, top, bottom of a vertical ruling line


def _cut_at_rules(words: list[dict[str, Any]], rules: list[Rule]) -> list[dict[str, Any]]:
    """Words split where a vertical rule runs between two of their characters (tiny print can
    set two cells' words closer than any word gap)."""
    out = []
    for word in words:
        middle = (word["top"] + word["bottom"]) / 2
        cuts = sorted(x for x, t, b in rules if word["x0"] + 0.3 < x < word["x1"] - 0.3
                      and t <= middle <= b)  # fmt: skip
        if not cuts:
            out.append(word)
            continue
        pieces: list[list[dict[str, Any]]] = [[]]
        for char in word["chars"]:
            if cuts and char["x0"] >= cuts[0] - 0.3:
                cuts.pop(0)
                pieces.append([])
            pieces[-1].append(char)
        for chars in (p for p in pieces if p):
            out.append({**word, "x0": chars[0]["x0"], "x1": chars[-1]["x1"],
                        "text": "".join(c["text"] for c in chars)})  # fmt: skip
    return out


def _chunks(words: list[dict[str, Any]], rules: list[Rule]) -> list[Chunk]:
    """Each line's words cut into chunks at wide gaps and at vertical rules between words."""
    lines: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        key = next((k for k in lines if abs(k - word["top"]) <= 2), round(word["top"]))
        lines[key].append(word)
    chunks: list[Chunk] = []
    for top, line in lines.items():
        line.sort(key=lambda w: w["x0"])
        start, text, right = line[0]["x0"], line[0]["text"], line[0]["x1"]
        for word in line[1:]:
            middle = (word["top"] + word["bottom"]) / 2
            wide = word["x0"] - right > GAP * (word["bottom"] - word["top"])
            ruled = any(right - 0.5 <= x <= word["x0"] + 0.5 and t <= middle <= b
                        for x, t, b in rules)  # fmt: skip
            if wide or ruled:
                chunks.append((start, top, right, compact(text)))
                start, text = word["x0"], word["text"]
            else:
                text += word["text"]
            right = word["x1"]
        chunks.append((start, top, right, compact(text)))
    return chunks


def _streams(chunks: list[Chunk], side: int) -> list[str]:
    """The chunks sharing an edge (``side`` 0: left, 2: right), read top to bottom."""
    edges: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for chunk in chunks:
        key = next((k for k in edges if abs(k - chunk[side]) <= EDGE), chunk[side])
        edges[key].append((chunk[1], chunk[3]))
    return ["".join(t for _, t in sorted(found)) for found in edges.values()]


def locate(records: list[dict[str, Any]], pdf_path: Path) -> tuple[int, list[str]]:
    """Fill each record's ``pages`` (physical, 1-based) in place, dropping its ``anchors``.
    Returns how many records were not found, and the cells whose text the PDF does not print
    on the row's pages (``ref: header``): a check of the generator, expected empty."""
    pages = columns(pdf_path)
    found = _place(records, pages)
    return found, [miss for record in records for miss in _unprinted(record, pages)]


def _unprinted(record: dict[str, Any], pages: list[list[str]]) -> list[str]:
    """Cells not printed on the row's pages (a cell merged down, the recommendation, may be
    printed on an earlier page: looked for anywhere)."""
    first, last = record["pages"] or (1, len(pages))
    fields = record["fields"]
    merged = {fields.get("outcome"), record["section"]["number"]}
    out = []
    for header, value in record["cells"].items():
        if not value or value == fields.get("rag"):
            continue
        low, high = (0, len(pages) - 1) if value in merged else (first - 1, last - 1)
        if not _printed(pages, low, high, compact(value)):
            out.append(f"{record['ref']}: {header}")
    return out


def _printed(pages: list[list[str]], first: int, last: int, text: str) -> bool:
    """The text is printed in a column on one of these pages, or split by a break between two."""
    if any(text in stream for page in pages[first : last + 1] for stream in page):
        return True
    pairs = range(first, min(last, len(pages) - 1))
    return any(_split(pages, index, text, 2) for index in pairs)


def _place(records: list[dict[str, Any]], pages: list[list[str]]) -> int:
    """Pages of each record from its anchors printed once in the document (a summary row's
    recommendation, printed again in the action table, is no anchor)."""
    counts: dict[str, int] = defaultdict(int)
    for record in records:
        for text in {compact(v) for v in (*record["cells"].values(), *record["anchors"])}:
            counts[text] += 1
    cursor, missing = 0, 0
    for record in records:
        anchors = [compact(a) for a in record.pop("anchors") if counts[compact(a)] == 1]
        spans = [s for s in (_span(pages, a, cursor) for a in anchors) if s]
        if spans:
            first, last = min(s[0] for s in spans), max(s[1] for s in spans)
            last = _run_on(record, pages, first, last)
            record["pages"] = [first + 1, last + 1]
            cursor = first
        else:
            missing += 1
    return missing


def _run_on(record: dict[str, Any], pages: list[list[str]], first: int, last: int) -> int:
    """The last page, moved on while another of the row's own cells (one printed in several
    rows, so no anchor) runs over the break after it."""
    merged = {record["fields"].get("outcome"), record["fields"].get("rag")}
    for value in record["cells"].values():
        text = compact(value)
        if value in merged or len(text) < SHORT or _printed(pages, first, last, text):
            continue
        if last + 1 < len(pages) and _split(pages, last, text, 2):
            last += 1
    return last


def _span(pages: list[list[str]], text: str, start: int) -> tuple[int, int] | None:
    """Pages (0-based) of the first place the text is printed: whole on a page, or split by a
    break (only where the next page does not print it whole)."""
    for index in range(start, len(pages)):
        if _whole(pages, index, text):
            return index, index
        if _whole(pages, index + 1, text):
            continue
        if index + 1 < len(pages) and _split(pages, index, text):
            return index, index + 1
    return None


def _whole(pages: list[list[str]], index: int, text: str) -> bool:
    return index < len(pages) and any(text in stream for stream in pages[index])


def _split(pages: list[list[str]], index: int, text: str, least: int = HEAD) -> bool:
    """The text's head (``least`` characters or more) ends a column on this page (a footer may
    follow it) and the rest is on the next page."""
    for stream in pages[index]:
        for cut in range(len(text) - 1, min(least, SHORT) - 1, -1):
            if cut < least and len(text) - cut < LONG:
                break  # a short head counts only before a long, telling tail
            at = stream.rfind(text[:cut])
            if at >= 0 and len(stream) - at - cut <= FOOT:
                if any(text[cut:] in s for s in pages[index + 1]):
                    return True
                break  # the next stream
    return False
