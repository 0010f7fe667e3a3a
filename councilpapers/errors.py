"""Errors the library raises on purpose: each says what went wrong and, where it can, what to do.

The batch turns these into a per-file "refused" result and goes on; the CLI turns them into one
`Error: ...` line and exit code 1. Anything else is a bug and shows a traceback.
"""


class CouncilPapersError(Exception):
    """Base class for every error the library raises deliberately."""


class UnreadablePDF(CouncilPapersError):
    """The file is not a PDF, or is a PDF too damaged to read."""


class EncryptedPDF(CouncilPapersError):
    """The PDF needs a password to open."""


class EmptyDocument(CouncilPapersError):
    """The file has no bytes, or the PDF has no pages."""


class NoTextLayer(CouncilPapersError):
    """No page has a text layer and OCR could not supply one."""


class TooLarge(CouncilPapersError):
    """The file is beyond the configured size or page limit."""


class StoreError(CouncilPapersError):
    """The store cannot be opened or is of an unknown schema version."""


class UsageError(CouncilPapersError):
    """The caller asked for something that cannot be done (bad format, missing record)."""


class InvalidSettings(CouncilPapersError, ValueError):
    """A settings object was given a value out of its range, or a setting it does not have."""
