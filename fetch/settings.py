"""How politely to fetch: one checked settings object, passed to the `Site` that does the asking.

The defaults are those of the public ModernGov clients: about a second between requests to one
host, long timeouts, a few retries with growing waits (or the wait the site asks for in
Retry-After), an honest User-Agent naming the tool, its version and where to find out about it.
"""

from __future__ import annotations

from dataclasses import dataclass

from councilpapers import __version__
from councilpapers.errors import UsageError

CONTACT_URL = "https://pypi.org/project/councilpapers/"
MIB = 1 << 20


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Politeness and limits for one run. `contact` goes into the User-Agent: a URL or an email
    address the site's webmaster can use to reach whoever runs the tool."""

    delay: float = 1.0  # seconds between two requests to one host (robots.txt Crawl-delay wins)
    connect_timeout: float = 15.0
    read_timeout: float = 120.0  # between two packets, not for the whole body
    retries: int = 4  # tries after the first, on 429, 5xx, cut-off or timed-out transfers
    backoff: float = 2.0  # the first wait, doubled each try, when the site names none
    max_wait: float = 300.0  # a longer Retry-After gives up on the request and says so
    max_bytes: int = 500 * MIB  # a file (or page) bigger than this is refused
    contact: str = CONTACT_URL

    def __post_init__(self) -> None:
        checks = {
            "delay": self.delay >= 0,
            "connect_timeout": self.connect_timeout > 0,
            "read_timeout": self.read_timeout > 0,
            "retries": self.retries >= 0,
            "backoff": self.backoff >= 0,
            "max_wait": self.max_wait >= 0,
            "max_bytes": self.max_bytes > 0,
            "contact": bool(self.contact.strip()) and not any(c in self.contact for c in "\r\n"),
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise UsageError(f"bad fetch settings: {', '.join(bad)}")

    @property
    def user_agent(self) -> str:
        return f"councilpapers/{__version__} (+{self.contact.strip()})"
