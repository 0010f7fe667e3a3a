"""Test inputs for the batch tests, made on the fly: sample splits, broken files, store dumps.

Nothing here is a test; test modules import it (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

import io
import os
import zlib
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pypdf

from councilpapers.corpus.store import Store
from councilpapers.records import ExtractedDocument

EXCERPT = "torbay-plan-v14-2017-04-excerpt.pdf"
# ../shared beside the checkout, or COUNCILPAPERS_SHARED, as in conftest.py
SHARED = Path(
    os.environ.get("COUNCILPAPERS_SHARED") or Path(__file__).resolve().parents[2] / "shared"
)


def sample(name: str = EXCERPT) -> Path:
    return Path(str(resources.files("councilpapers.samples").joinpath(name)))


def small_pdf(pages: int = 1, start: int = 0, name: str = EXCERPT) -> bytes:
    """Some pages of a bundled sample as a PDF of their own."""
    reader = pypdf.PdfReader(sample(name))
    writer = pypdf.PdfWriter()
    for page in reader.pages[start : start + pages]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def split_sample(folder: Path, per_file: int = 2, name: str = EXCERPT) -> list[Path]:
    """The sample cut into files of `per_file` pages: many small, distinct PDFs."""
    folder.mkdir(parents=True, exist_ok=True)
    count = len(pypdf.PdfReader(sample(name)).pages)
    paths = []
    for start in range(0, count, per_file):
        path = folder / f"part-{start // per_file + 1:02d}.pdf"
        path.write_bytes(small_pdf(per_file, start, name))
        paths.append(path)
    return paths


def encrypted(user_password: str, algorithm: str = "AES-256") -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(small_pdf(1)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zero_pages() -> bytes:
    out = io.BytesIO()
    pypdf.PdfWriter().write(out)
    return out.getvalue()


def broken_files(folder: Path) -> dict[str, str]:
    """Write one file per way a PDF can be bad; returns name -> words its refusal must carry."""
    good = small_pdf(1)
    files = {
        "corrupt.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 16, "damaged PDF"),
        "truncated.pdf": (good[: len(good) // 2], "damaged PDF"),
        "empty.pdf": (b"", "empty file"),
        "encrypted-user-password.pdf": (encrypted("secret"), "encrypted"),
        "encrypted-user-password-rc4.pdf": (encrypted("secret", "RC4-128"), "encrypted"),
        "not-a-pdf.pdf": (b"Agenda\nItem 1: apologies\n", "not a PDF"),
        # a Word file under a .pdf name (one named .docx is skipped, not read: not a PDF)
        "minutes-docx.pdf": (b"PK\x03\x04" + b"\x00" * 64, "not a PDF"),
        "zero-pages.pdf": (zero_pages(), "no pages"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: reason for name, (_, reason) in files.items()}


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a batch stored, without ids, times or folder names: equal for equal runs."""
    cells = store.rows(
        "SELECT d.sha256, d.name, d.pages, t.idx, t.kind, t.plan_version, t.columns, r.idx, "
        "r.section_number, r.section_title, r.section_group, r.section_part, r.page_first, "
        "r.page_last, c.field, c.header, c.text, c.page, c.spans FROM row_cells c "
        "JOIN table_rows r ON r.id = c.row_id JOIN doc_tables t ON t.id = r.table_id "
        "JOIN documents d ON d.id = t.document_id"
    )
    files = store.rows("SELECT path, sha256, status, reason, document_id IS NOT NULL FROM files")
    pages = store.rows(
        "SELECT d.sha256, p.number, p.words FROM pages p JOIN documents d ON d.id = p.document_id"
    )
    return {
        "cells": sorted(tuple(row) for row in cells),
        "files": sorted((Path(p).name, *rest) for p, *rest in files),
        "pages": sorted(tuple(row) for row in pages),
        "counts": store.counts(),
    }


def differences(got: dict[str, Any], want: dict[str, Any], shown: int = 5) -> str:
    """What one snapshot has that the other lacks, key by key (a failing comparison's message)."""
    lines = []
    for key in sorted(set(got) | set(want)):
        a, b = got.get(key), want.get(key)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list):
            extra = [row for row in a if row not in b][:shown]
            missing = [row for row in b if row not in a][:shown]
            lines += [f"{key}: only in this run: {row}" for row in extra]
            lines += [f"{key}: only in the clean run: {row}" for row in missing]
        else:
            lines.append(f"{key}: {a} != {b}")
    return "\n".join(lines)


def raw_pdf(
    content: bytes, size: tuple[int, int] = (612, 792), image: bool = False, pages: int = 1
) -> bytes:
    """A PDF written by hand around a content stream (Flate-compressed) that each of its `pages`
    shows, with Helvetica as /F1 and, if `image`, a 1×1 grey image as /Im1."""
    stream = zlib.compress(content, 9)
    xobject = b"/XObject << /Im1 6 0 R >>" if image else b""
    first_page = 7
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R " % size
    page += b"/Resources << /Font << /F1 5 0 R >> %s >> >>" % xobject
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        page,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
        *[page] * (pages - 1),
    ]
    if pages > 1:  # the first page is object 3; the others follow the shared objects
        kids = b" ".join([b"3 0 R", *(b"%d 0 R" % (first_page + i) for i in range(pages - 1))])
        objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)
    else:
        objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


TEXT = b"BT /F1 12 Tf 72 720 Td (Agenda item one: apologies for absence) Tj ET\n"


def slow_pdf(characters: int = 4_000_000) -> bytes:
    """A few KB that take seconds to read: pages of small dense text (20,000 characters each,
    one content stream shown by every page), `characters` in all (the shape of a 92 KB file that
    once took six minutes: little to store, much to read). The count is written into the content,
    so two counts make two different files."""
    line = b"(" + b" ".join([b"councilpaper"] * 8) + b") Tj 0 -2.5 Td\n"
    per_page = len(line) - 16
    lines = b"".join([line] * (20_000 // per_page))
    content = b"%% %d\nBT /F1 2 Tf 36 756 Td\n%sET\n" % (characters, lines)
    return raw_pdf(content, pages=max(1, characters // 20_000))


def bomb_pdf(megabytes: int) -> bytes:
    """A small file whose content stream inflates to `megabytes` MiB (a decompression bomb)."""
    return raw_pdf(TEXT + b"%" + b" " * (megabytes * 2**20) + b"\n")


def huge_page_pdf(points: int = 14400) -> bytes:
    """A scanned-looking page (an image, no text) of points × points: OCR would render it."""
    return raw_pdf(b"q %d 0 0 %d 0 0 cm /Im1 Do Q\n" % (points, points), (points, points), True)


def markup_error_pdf() -> bytes:
    """A PDF whose pdfminer error reads like terminal markup: `[/'Type', /'Catalog']`."""
    return raw_pdf(TEXT).replace(b"/MediaBox [0 0 612 792]", b"/MediaBox [/Type /Catalog]")


HOSTILE_TEXT = '=HYPERLINK("x")\x00 [/red] \udcff\x00'


def with_hostile_cell(extracted: ExtractedDocument, sha256: str = "") -> ExtractedDocument:
    """A copy whose first cell holds NUL, a formula, markup and an unpaired surrogate (and,
    given `sha256`, a document of that fingerprint)."""
    table = extracted.tables[0]
    row = table.rows[0]
    name = next(iter(row.fields))
    fields = {**row.fields, name: replace(row.fields[name], text=HOSTILE_TEXT)}
    rows = (replace(row, fields=fields), *table.rows[1:])
    document = replace(extracted.document, sha256=sha256 or extracted.document.sha256)
    tables = (replace(table, rows=rows), *extracted.tables[1:])
    return replace(extracted, document=document, tables=tables)
