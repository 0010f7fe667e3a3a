"""The politeness a `Site` keeps per host: a clock, a minimum gap between requests, robots.txt.

`Clock` is injected so that tests can run the delays and Retry-After waits without sleeping.
`Throttle` spaces requests to one host (by name: any scheme or port) by the settings' delay, or
the host's robots.txt Crawl-delay when that is longer. `Robots` reads a host's robots.txt once
(RFC 9309: a 4xx means no rules, a 5xx or an unreadable file means keep off) and answers for our
User-Agent token.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

TOKEN = "councilpapers"  # the product token robots.txt groups are matched against


class Clock:
    """Real time: what the tests replace with a clock that only counts."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


def host_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased: whose robots.txt applies (RFC 9309 2.3)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def server_of(url: str) -> str:
    """The host name alone, lower-cased: the key of the delay, so `http://` and `https://` of one
    host (and its ports) share one gap between requests."""
    return (urlsplit(url).hostname or "").lower()


@dataclass
class Throttle:
    """At least `delay` seconds between the end of one request to a host and the next one."""

    clock: Clock
    delay: float
    last: dict[str, float] = field(default_factory=dict)
    floors: dict[str, float] = field(default_factory=dict)  # a host's own Crawl-delay

    def wait(self, host: str) -> None:
        if host in self.last:
            gap = max(self.delay, self.floors.get(host, 0.0))
            self.clock.sleep(self.last[host] + gap - self.clock.now())

    def done(self, host: str) -> None:
        self.last[host] = self.clock.now()


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """One host's robots.txt as it applies to us; `why` says where a blanket rule came from."""

    parser: Protego | None
    keep_off: bool = False
    why: str = ""

    def allows(self, url: str) -> bool:
        if self.keep_off:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, TOKEN))

    def crawl_delay(self) -> float:
        found = self.parser.crawl_delay(TOKEN) if self.parser is not None else None
        return float(found or 0.0)


Reader = Callable[[str], tuple[int, str]]  # robots URL -> (HTTP status, text)


@dataclass
class Robots:
    """robots.txt per host, read once through `read` (the site's own polite GET)."""

    read: Reader
    rules: dict[str, RobotsRules] = field(default_factory=dict)

    def for_host(self, host: str) -> RobotsRules:
        if host not in self.rules:
            self.rules[host] = self._load(host)
        return self.rules[host]

    def _load(self, host: str) -> RobotsRules:
        status, text = self.read(f"{host}/robots.txt")
        if 200 <= status < 300:
            return RobotsRules(Protego.parse(text))
        if 400 <= status < 500:
            return RobotsRules(None)  # RFC 9309 2.3.1.3: unavailable, no rules apply
        return RobotsRules(None, True, f"its robots.txt could not be read (HTTP {status})")
