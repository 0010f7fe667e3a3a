"""Telling a damaged or locked PDF from a bug: third-party failures become one-line refusals.

pdfminer and pdfplumber fail on malformed input with whatever exception the bad bytes provoke
(syntax errors, but also KeyError, IndexError, ZeroDivisionError, RecursionError, zlib errors …).
Those are the file's fault and become an `UnreadablePDF` (or `EncryptedPDF`) naming the file; an
exception raised by our own code is a bug and is left to show its traceback. Which it is comes
from the innermost frame of the traceback that belongs to either side. Running out of memory or
recursion depth is neither damage nor a bug: it is a retryable resource refusal, as is a limit
(ingest/limits.py) tripped inside pdfminer.
"""

from __future__ import annotations

from types import TracebackType

from councilpapers.errors import CouncilPapersError, EncryptedPDF, UnreadablePDF
from councilpapers.ingest.limits import OverLimit

LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2")
OURS = ("councilpapers",)


def refusal(name: str, exc: BaseException) -> CouncilPapersError | None:
    """The refusal for a reading failure, or None when the failure is a bug of ours."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = _unwrap(exc)
    if isinstance(inner, OverLimit):  # a limit tripped inside pdfminer
        return OverLimit(f"{name}: {inner}", inner.retryable)
    if isinstance(inner, CouncilPapersError):
        return inner
    if isinstance(inner, (MemoryError, RecursionError)):
        return exhausted(name, inner)
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedPDF(f"{name}: encrypted; it needs a password to open")
    if not (_raised_by_library(exc) or _raised_by_library(inner)):
        return None
    detail = " ".join(str(inner).split()) or "no detail"
    return UnreadablePDF(f"{name}: damaged PDF ({type(inner).__name__}: {detail})"[:300])


def exhausted(name: str, exc: MemoryError | RecursionError) -> OverLimit:
    """Out of memory, or nested too deep to follow: not damage, so a re-run tries again."""
    what = (
        "ran out of memory (Limits.memory_mb)"
        if isinstance(exc, MemoryError)
        else "is nested too deeply to read (Python's recursion limit)"
    )
    return OverLimit(f"{name}: {what}; retryable: the next run tries it again", retryable=True)


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
