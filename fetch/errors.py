"""What can go wrong talking to a council's site, each with a message a user can act on.

All are `CouncilPapersError`s, so the CLI prints one `Error: …` line. `UnknownCommittee` and
`BadRange` are the caller's mistake (the CLI exits 2 for them); the rest are the site's (exit 1).
A single file that cannot be had is not an error of the run: it becomes that file's failed outcome.
"""

from __future__ import annotations

from councilpapers.errors import CouncilPapersError, UsageError


class FetchError(CouncilPapersError):
    """The site did not give what was asked (an HTTP error, a page not what it should be)."""


class SiteUnreachable(FetchError):
    """No answer from the site at all: a wrong address, DNS, a refused connection, time-outs."""


class NotModernGov(FetchError):
    """The site answers, but neither its web service nor its pages are ModernGov's."""


class NotFound(FetchError):
    """HTTP 404 (how a site says its web service is switched off)."""


class TooManyRedirects(FetchError):
    """A chain of redirects longer than any site needs (or going round in a circle)."""


class Disallowed(FetchError):
    """robots.txt asks tools like this one not to fetch the URL."""


class Retryable(FetchError):
    """A failure worth another try after a wait: 429, 5xx, a connection cut off or timed out."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UnknownCommittee(UsageError):
    """No committee of the site has that name or id; the message lists the site's committees."""


class BadRange(UsageError):
    """The dates asked for make no range (--from after --to, a date that is not a date)."""
