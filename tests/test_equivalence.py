"""The pdfium reading layer reads what the pdfplumber layer read: words, rules and fills agree.

For every source of real documents (the corpus, ../shared/real's tables, Kent and Ofsted papers,
and the generalisation suite when built), both engines read a sample of pages and their records
are matched one to one (`benchmarks/equivalence.py`): a word agrees when its text is equal and
its box within 1 pt, a rule when its ends are within 1 pt, a fill when its box is within 1 pt and
its colour within 1/100. At least 99.5% must agree each way, per source and kind, and every
disagreement must be one of the named cases (`equivalence.CASES`, and for fills a colour named by
its colour space). The cases the issue names have tests of their own below: ligatures, a line-end
hyphen, text turned a quarter up a margin, a Type 3 font.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import Any

import pytest

from councilpapers.ingest import pdfium_engine, plumber_engine
from councilpapers.ingest.limits import Limits
from councilpapers.ingest.ocr_render import OcrSettings
from councilpapers.ingest.pdf import read_document
from councilpapers.ingest.reading import Reading
from councilpapers.ingest.settings import ReadSettings
from tests.batchfiles import raw_pdf
from tests.conftest import BENCHMARKS, FLOORS, SHARED, benchmark

FLOOR = 0.995
# every Nth page of each source: each file's first page, and enough of the rest to cover every
# kind of page in well under a minute (COUNCILPAPERS_FLOORS=1 reads them all)
SAMPLE = {"corpus": 3, "tables": 1, "kent": 8, "ofsted": 8, "gensuite": 2}
GENSUITE = BENCHMARKS / "out" / "gensuite"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _agreement(source: str) -> Any:
    equivalence = benchmark("equivalence")
    if not equivalence.source_files(source):
        pytest.skip(f"no files for {source} (../shared or benchmarks/out/gensuite absent)")
    return equivalence.compare_source(source, 1 if FLOORS else SAMPLE[source])


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside this checkout")
@pytest.mark.parametrize("source", ["corpus", "tables", "kent", "ofsted", "gensuite"])
def test_pdfium_reads_what_pdfplumber_read(source: str) -> None:
    if source == "gensuite" and not GENSUITE.is_dir():
        if not FLOORS:
            pytest.skip("the generalisation suite is not built (python benchmarks/generalise.py)")
        benchmark("gensuite.build").build_all()
    equivalence = benchmark("equivalence")
    agreement = _agreement(source)
    report = "\n".join(equivalence.report(source, agreement, 3))
    assert agreement.pages > 0, report
    for kind in ("words", "rules", "fills"):
        tally = getattr(agreement, kind)
        named = equivalence.CASES.keys() | {"missing"}
        unnamed = {case for case in tally.cases if case not in named and "colour" not in case}
        assert not unnamed, f"{source} {kind}: disagreements of no named case {unnamed}\n{report}"
        agreed = tally.agreed + sum(n for case, n in tally.cases.items() if "colour" in case)
        assert agreed >= FLOOR * tally.reference, f"{source} {kind} recall\n{report}"
        assert agreed >= FLOOR * tally.pdfium, f"{source} {kind} precision\n{report}"


def _both(path: Path) -> tuple[Any, Any]:
    reading = Reading(ReadSettings(), OcrSettings(), Limits())
    ours = next(pdfium_engine.read_pages(path, reading))
    theirs = next(plumber_engine.read_pages(path, reading))
    return ours, theirs


def _near(ours: Any, theirs: Any) -> bool:
    """Every word's box within 1 pt of the other engine's."""
    pairs = zip(ours, theirs, strict=True)
    return all(abs(x - y) <= 1 for a, b in pairs for x, y in zip(a.bbox, b.bbox, strict=True))


def _pdf(tmp_path: Path, name: str, body: bytes, **kwargs: Any) -> Path:
    path = tmp_path / name
    path.write_bytes(raw_pdf(body, **kwargs))
    return path


def test_case_ligature_is_spelled_out(tmp_path: Path) -> None:
    """A ligature glyph ('ﬁ', 'ﬂ') reads as its letters, as pdfplumber spells them out; pdfium
    reports one glyph's pieces at one origin and they stay one character, so the word is one."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if not DEJAVU.is_file():
        pytest.skip(f"{DEJAVU} (a font with ligature glyphs) is not installed")
    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    path = tmp_path / "ligature.pdf"
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont("DejaVu", 12)
    page.drawString(72, 720, "e\ufb03cient \ufb01nance \ufb02ow")
    page.save()
    ours, theirs = _both(path)
    assert [w.text for w in ours.words] == ["efficient", "finance", "flow"]
    assert [w.text for w in theirs.words] == ["efficient", "finance", "flow"]
    assert _near(ours.words, theirs.words)


def test_case_line_end_hyphen_is_a_hyphen(tmp_path: Path) -> None:
    """pdfium marks a hyphen it judges to end a line (code 0x02); it reads as the '-' printed."""
    body = b"BT /F1 12 Tf 72 720 Td (a decision-) Tj 0 -14 Td (making panel) Tj ET\n"
    ours, theirs = _both(_pdf(tmp_path, "hyphen.pdf", body))
    assert [w.text for w in ours.words] == ["a", "decision-", "making", "panel"]
    assert [w.text for w in theirs.words] == [w.text for w in ours.words]


def test_words_carry_the_font_name_both_engines_give(tmp_path: Path) -> None:
    """Word.font is the font's base name, filled by both engines alike (a subset-tagged name
    loses its tag: the packs stage compares families across pages)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if not DEJAVU.is_file():
        pytest.skip(f"{DEJAVU} (an embedded, subset font) is not installed")
    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    path = tmp_path / "fonts.pdf"
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont("DejaVu", 12)
    page.drawString(72, 720, "subset")
    page.setFont("Helvetica-Bold", 12)
    page.drawString(72, 700, "standard")
    page.save()
    ours, theirs = _both(path)
    fonts = [w.font for w in ours.words]
    assert fonts == [w.font for w in theirs.words]
    assert fonts[0].startswith("DejaVuSans") and "+" not in fonts[0]
    assert fonts[1] == "Helvetica-Bold"


def test_case_text_up_a_margin_is_furniture(tmp_path: Path) -> None:
    """Text turned a quarter (a ModernGov 'Page N' stamp up a landscape page's margin) is read
    bottom to top into margin words, not body words, by both engines."""
    body = (
        b"BT /F1 12 Tf 100 500 Td (Body text here) Tj ET\n"
        b"BT /F1 8 Tf 0 1 -1 0 20 200 Tm (Page 37) Tj ET\n"
    )
    ours, theirs = _both(_pdf(tmp_path, "rotated.pdf", body, size=(842, 595)))
    assert [w.text for w in ours.rotated] == ["Page", "37"] == [w.text for w in theirs.rotated]
    assert _near(ours.rotated, theirs.rotated)
    assert "Page" not in [w.text for w in ours.words]


def test_case_type3_font_reads_its_text(tmp_path: Path) -> None:
    """A Type 3 font (glyphs drawn by the PDF itself) reads its characters through its
    encoding, and pdfminer's descent (from the font's box) places them where pdfplumber did."""
    path = tmp_path / "type3.pdf"
    path.write_bytes(_type3_pdf())
    ours, theirs = _both(path)
    assert [w.text for w in ours.words] == ["AB"] == [w.text for w in theirs.words]
    assert _near(ours.words, theirs.words)


def test_read_document_falls_back_to_pdfminer_for_what_pdfium_cannot_open(tmp_path: Path) -> None:
    """A MediaBox pdfium cannot use is judged by pdfminer, which names what is wrong."""
    from tests.batchfiles import markup_error_pdf

    path = tmp_path / "bad-box.pdf"
    path.write_bytes(markup_error_pdf())
    with pytest.raises(Exception, match=r"bad-box\.pdf: damaged PDF \(.*non-number coordinate"):
        read_document(path)


def _type3_pdf() -> bytes:
    """One page showing "AB" in a Type 3 font whose glyphs are filled squares."""
    glyph = zlib.compress(b"1000 0 0 0 750 750 d1 0 0 750 750 re f")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /T3 5 0 R >> >> >>",
        _stream(b"BT /T3 12 Tf 72 720 Td (AB) Tj ET"),
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 800] "
        b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /A 6 0 R /B 6 0 R >> "
        b"/Encoding << /Type /Encoding /Differences [65 /A /B] >> /FirstChar 65 /LastChar 66 "
        b"/Widths [1000 1000] /ToUnicode 7 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(glyph), glyph),
        _stream(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            b"/CMapName /T3 def 1 begincodespacerange <00> <FF> endcodespacerange "
            b"2 beginbfchar <41> <0041> <42> <0042> endbfchar endcmap "
            b"CMapName currentdict /CMap defineresource pop end end"
        ),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)
