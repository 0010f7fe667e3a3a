"""Telling a damaged or locked PDF from a bug: third-party failures become one-line refusals.

pdfminer and pdfplumber fail on malformed input with whatever exception the bad bytes provoke
(syntax errors, but also KeyError, IndexError, ZeroDivisionError, RecursionError, zlib errors …).
Those are the file's fault and become an `UnreadablePDF` (or `EncryptedPDF`) naming the file; an
exception raised by our own code is a bug and is left to show its traceback. Which it is comes
from the innermost frame of the traceback that belongs to either side.
"""

from __future__ import annotations

from types import TracebackType

from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from councilpapers.errors import CouncilPapersError, EncryptedPDF, UnreadablePDF

LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2")
OURS = ("councilpapers",)


def refusal(name: str, exc: BaseException) -> CouncilPapersError | None:
    """The refusal for a reading failure, or None when the failure is a bug of ours."""
    inner = _unwrap(exc)
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedPDF(f"{name}: encrypted; it needs a password to open")
    if not (_raised_by_library(exc) or _raised_by_library(inner)):
        return None
    detail = " ".join(str(inner).split()) or "no detail"
    return UnreadablePDF(f"{name}: damaged PDF ({type(inner).__name__}: {detail})"[:300])


def _unwrap(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's failures in PdfminerException(original)."""
    if type(exc).__name__ != "PdfminerException":
        return exc
    if exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc.__cause__ or exc.__context__ or exc


def _raised_by_library(exc: BaseException) -> bool:
    owner = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.startswith(LIBRARIES):
            owner = "library"
        elif module.startswith(OURS):
            owner = "ours"
        tb = tb.tb_next
    return owner == "library"
