"""No word glued to the next at a line break, in any cell we read.

Inside a narrow cell a whole word that fills its line used to be joined to the next line's first
word ("Head of Performanceand Insight"). Line joining now closes up a break only when the word
list says the pieces make one word (`extract/wordlist.py`). These tests read every cell of every
table of the corpus, of ../shared/real/tables and of the generalisation suite's PDFs, and look
for a run of letters that the PDF never prints and that reads as two common words stuck together.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from councilpapers.extract.layout import Line, paragraphs, to_lines
from councilpapers.extract.settings import ExtractSettings
from councilpapers.extract.wordlist import closes_up, is_word, zipf
from tests.conftest import BENCHMARKS, CORPUS, REAL, Pipeline, needs_floors
from tests.pages import LINE, word_boxes

SETTINGS = ExtractSettings()
RUN = re.compile(r"[^\W\d_]+")
COMMON = 3.0  # a piece at least this common (Zipf) is a real word


def glued_runs(document: object, tables: object) -> list[tuple[str, str, str]]:
    """(field, run, where it splits) for each run of letters in a cell that the PDF does not
    print and that is no word but two common words side by side."""
    printed = {r.lower() for p in document.pages for w in p.words for r in RUN.findall(w.text)}  # type: ignore[attr-defined]
    found = []
    for table in tables:  # type: ignore[attr-defined]
        for row in table.rows:
            for name, cell in row.fields.items():
                for run in RUN.findall(cell.text):
                    if run.lower() in printed or is_word(run):
                        continue
                    cuts = [i for i in range(2, len(run) - 1) if _two_words(run, i)]
                    found += [(name, run, f"{run[:i]}|{run[i:]}") for i in cuts[:1]]
    return found


def _two_words(run: str, i: int) -> bool:
    return zipf(run[:i]) >= COMMON and zipf(run[i:]) >= COMMON


def test_word_list_closes_up_only_a_broken_word() -> None:
    assert closes_up("COMPLETE", "D")
    assert closes_up("AD/H", "oS")
    assert closes_up("safe-", "guarding") is False  # the hyphen rule is the caller's
    assert not closes_up("Performance", "and")
    assert not closes_up("Reclassification", "from")
    assert not closes_up("Exploitation", "and")
    assert not closes_up("Performance,", "and")
    assert not closes_up("2017", "and")


def _lines(texts: list[str]) -> list[Line]:
    words = [w for i, text in enumerate(texts) for w in word_boxes(text, 10, i * LINE)]
    return to_lines(words, SETTINGS)


def test_a_whole_word_filling_its_line_keeps_its_space() -> None:
    lines = _lines(["Head of", "Performance", "and Insight"])
    assert paragraphs(lines, SETTINGS, right=10 + 11 * 4.4) == ["Head of Performance and Insight"]


def test_a_word_too_long_for_its_column_is_still_closed_up() -> None:
    lines = _lines(["COMPLETE", "D and", "ISSUED"])
    assert paragraphs(lines, SETTINGS, right=10 + 8 * 4.4 + 1) == ["COMPLETED and ISSUED"]


def _pdfs() -> list[Path]:
    return sorted(CORPUS.glob("*.pdf")) + sorted((REAL / "tables" / "pdfs").glob("*.pdf"))


@needs_floors
@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.name)
def test_no_glued_words_in_the_corpus_and_public_tables(path: Path, pipeline: Pipeline) -> None:
    document = pipeline.read_document(path)
    assert glued_runs(document, pipeline.find_tables(document)) == []


@needs_floors
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_no_glued_words_in_the_generalisation_suite() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    from gensuite.build import DEFAULT_OUT, build_all

    from councilpapers.extract.tables import find_tables
    from councilpapers.ingest.pdf import read_document

    found = {}
    for folder in build_all(DEFAULT_OUT).values():
        for path in sorted(folder.glob("*.pdf")):
            document = read_document(path)
            glued = glued_runs(document, find_tables(document))
            if glued:
                found[path.name] = glued
    assert found == {}
