"""Fuzzing the reader: whatever bytes a file holds, read_document returns or refuses it.

Hypothesis mutates a small real PDF (bytes flipped, runs overwritten, cut short, spliced); the
reader must return a Document or raise a CouncilPapersError, never anything else, and leave no
file open (a ResourceWarning fails the run).
"""

from __future__ import annotations

import gc
import os
import warnings
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from councilpapers.errors import CouncilPapersError
from councilpapers.ingest import plumber_engine
from councilpapers.ingest.pdf import read_document
from councilpapers.ingest.settings import ReadSettings
from councilpapers.records import Document
from tests.batchfiles import small_pdf

SEED = small_pdf(pages=1)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        kind = draw(st.sampled_from(["flip", "overwrite", "cut", "splice", "delete"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "overwrite":
            junk = draw(st.binary(min_size=1, max_size=64))
            data[at : at + len(junk)] = junk
        elif kind == "cut":
            del data[max(at, 16) :]
        elif kind == "splice":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"obj",
                        b"endobj",
                        b"<<",
                        b">>",
                        b"stream",
                        b"/Length 99999",
                        b"9999999 0 R",
                        b"[[[[",
                    ]
                )
            )
        else:
            del data[at : at + draw(st.integers(1, 512))]
    return bytes(data)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=mutated())
def test_reader_returns_or_refuses(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "mutated.pdf"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except CouncilPapersError as exc:
        event(f"refused: {type(exc).__name__}")
        assert str(exc).startswith("mutated.pdf: ") and "\n" not in str(exc)
    else:
        event("read")
        assert isinstance(document, Document)


def test_seed_reads(tmp_path: Path) -> None:
    path = tmp_path / "seed.pdf"
    path.write_bytes(SEED)
    document = read_document(path)
    assert len(document.pages) == 1 and document.pages[0].words


@pytest.mark.parametrize("failure", [KeyError("/Root"), TypeError("not a dict"), ValueError("bad")])
def test_a_file_pdfminer_trips_on_is_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    # found by the fuzzer: a damaged file on which pdfminer fails with an ordinary exception
    # (not one of its own) left the file open, because pdfplumber.open(path) closes it only on
    # pdfminer's exceptions
    path = tmp_path / "damaged.pdf"
    path.write_bytes(SEED)

    def trip(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(pdfplumber.PDF, "__init__", trip)
    pages = plumber_engine.Pages(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        with pytest.raises(type(failure)):
            pages.read(1, ReadSettings())
        with pytest.raises(type(failure)), plumber_engine.opened(path):
            pass
        pages.close()
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
