"""One council's site, asked politely: every request of a run goes through `Site.request`.

Before a request: the host's robots.txt is read (once) and obeyed, and the gap since the last
request to that host is made up to the delay. The request carries the User-Agent of the settings,
with their timeouts. After it: 429 and 5xx answers, transfers cut off and time-outs are tried again
after a wait that doubles (or the wait a Retry-After header asks for, up to `max_wait`); 404 is
`NotFound` (how a site says its web service is off); a site that never answers is
`SiteUnreachable`. Bodies are read under the size cap. Redirects are followed here, hop by hop, not
by httpx: each hop is a request like any other, so a redirect to another host reads and obeys that
host's robots.txt and keeps its delay. A site that moved for good (`http://` to `https://`, a new
host name) is asked at its new address from then on, and the hosts it sent us to count as the
site's own. httpx does the HTTP, tenacity the retries, protego the robots.txt (see polite.py).
"""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TypeVar
from urllib.parse import quote, urlencode, urljoin, urlsplit, urlunsplit

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from councilpapers.errors import UsageError
from councilpapers.fetch.errors import (
    Disallowed,
    FetchError,
    NotFound,
    Retryable,
    SiteUnreachable,
    TooManyRedirects,
)
from councilpapers.fetch.polite import Clock, Robots, Throttle, host_of, server_of
from councilpapers.fetch.settings import FetchSettings

T = TypeVar("T")
RETRY_STATUS = {408, 429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 10  # hops for one request (httpx's own default is 20)
ROBOTS_REDIRECTS = 5  # RFC 9309 2.3.1.2: follow at least five, then call it unavailable
URL_SAFE = "!#$%&'()*+,/:;=?@[]~"
SITE_DOCUMENT = re.compile(r"/(?:mgconvert2pdf\.aspx|documents/[a-z]\d+/[^/]+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Redirect:
    """A 3xx answer with a Location: where to ask next."""

    status: int
    location: str


@dataclass(frozen=True, slots=True)
class Body:
    """A page or XML answer, read whole: final URL (after redirects), status, headers, bytes."""

    url: str
    status: int
    content_type: str
    content: bytes


def site_base(address: str) -> str:
    """The site's root as given ("democracy.x.gov.uk", ".../mgListCommittees.aspx"), ending in /."""
    text = address.strip()
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"{address!r} is not a web address (give https://democracy.COUNCIL.gov.uk)"
        )
    path, lower = parts.path, parts.path.lower()
    service = lower.find("/mgwebservice.asmx")
    if service >= 0:
        path = path[: service + 1]
    elif lower.endswith((".aspx", ".asmx", ".htm", ".html")):
        path = path[: path.rfind("/") + 1]
    return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/") + "/", "", ""))


def absolute(base: str, href: str) -> str:
    """A link as an absolute, percent-encoded URL: ModernGov hrefs carry raw spaces and even line
    breaks ("Printed minutes\\r\\n08th-Jan…")."""
    cleaned = re.sub(r"[\r\n\t]+", " ", href).strip()
    return quote(urljoin(base, cleaned), safe=URL_SAFE)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Site:
    """A ModernGov site and the polite client that asks it. Use as a context manager."""

    def __init__(
        self,
        address: str,
        settings: FetchSettings | None = None,
        clock: Clock | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base = site_base(address)
        self.settings = settings or FetchSettings()
        self.clock = clock or Clock()
        self.client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(
                self.settings.read_timeout, connect=self.settings.connect_timeout
            ),
            follow_redirects=False,  # followed hop by hop in `request`, each hop polite
            transport=transport,
        )
        self.throttle = Throttle(self.clock, self.settings.delay)
        self.robots = Robots(self._read_robots)
        self.requests = 0
        self.moved: dict[str, str] = {}  # scheme://host the site left for good -> where it went
        self.hosts = {server_of(self.base)}  # the site's own host names, and those it sent us to

    def __enter__(self) -> Site:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def url(self, path: str, params: Mapping[str, str | int] | None = None) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return absolute(self.base, f"{path}{query}")

    def on_site(self, url: str) -> bool:
        """The URL is on the site's host (any scheme or port) or one the site redirected us to."""
        return server_of(url) in self.hosts

    def holds(self, url: str) -> bool:
        """The URL is one of the site's papers: on its host, or one of ModernGov's document paths
        (`documents/<letter><id>/…`, `mgConvert2PDF.aspx`) its pages link on another host (a
        CDN, a file server). Anything else a page links elsewhere is not fetched."""
        return self.on_site(url) or SITE_DOCUMENT.search(urlsplit(url).path) is not None

    def rebase(self, url: str) -> str:
        """A URL the site's web service printed with its own canonical host
        ("https://democracy.X.gov.uk/…"), moved onto the address we were given: when the host is
        the same but for case or scheme, or when it names one of ModernGov's documents
        (`mgConvert2PDF.aspx`, `documents/<letter><id>/…`), which the site serves under its root
        whatever name it is reached by (an alias, a proxy, a stand-in)."""
        parts, base = urlsplit(url), urlsplit(self.base)
        if (parts.hostname or "").lower() == (base.hostname or "").lower():
            return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))
        document = SITE_DOCUMENT.search(parts.path)
        if document is None:
            return url
        path = base.path.rstrip("/") + document.group(0)
        return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))

    def get(self, url: str) -> Body:
        """A page or XML answer, whole, under the size cap."""
        return self.request(url, self._read_body)

    def request(
        self,
        url: str,
        handle: Callable[[httpx.Response], T],
        headers: Mapping[str, str] | None = None,
    ) -> T:
        """GET `url` politely and give the open response to `handle` (within the retries, so a
        transfer cut off in `handle` is tried again). 304 reaches `handle`; other non-2xx do not.
        Redirects are followed, each hop checked against its host's robots.txt and delay."""
        return self._follow(url, handle, headers or {}, MAX_REDIRECTS, obey_robots=True)

    def _follow(
        self,
        url: str,
        handle: Callable[[httpx.Response], T],
        headers: Mapping[str, str],
        hops: int,
        obey_robots: bool,
    ) -> T:
        for _ in range(hops + 1):
            url = self._moved_to(url)
            if obey_robots:
                self._obey_robots(url)
            answer = self._retrying(partial(self._once, url, handle, headers))
            if not isinstance(answer, Redirect):
                return answer
            url = self._redirected(url, answer)
        raise TooManyRedirects(f"{url}: more than {hops} redirects")

    def _obey_robots(self, url: str) -> None:
        host = host_of(url)
        rules = self.robots.for_host(host)
        if not rules.allows(url):
            why = f" ({rules.why})" if rules.why else ""
            raise Disallowed(f"robots.txt of {host} disallows {url}{why}")
        server = server_of(url)
        self.throttle.floors[server] = max(
            self.throttle.floors.get(server, 0.0), rules.crawl_delay()
        )

    def _moved_to(self, url: str) -> str:
        parts = urlsplit(url)
        moved = self.moved.get(host_of(url))
        if moved is None:
            return url
        new = urlsplit(moved)
        return urlunsplit((new.scheme, new.netloc, parts.path, parts.query, parts.fragment))

    def _redirected(self, url: str, answer: Redirect) -> str:
        """The next hop; a move for good of the whole site (same path and query, permanent or
        an upgrade to https) is remembered, and a host the site's own pages send us to is the
        site's too."""
        target = answer.location
        old, new = urlsplit(url), urlsplit(target)
        same_place = (old.path, old.query) == (new.path, new.query)
        upgrade = old.scheme == "http" and new.scheme == "https"
        if (
            same_place
            and host_of(url) != host_of(target)
            and (answer.status in (301, 308) or upgrade)
        ):
            self.moved[host_of(url)] = host_of(target)
        if server_of(url) in self.hosts:
            self.hosts.add(server_of(target))
        return target

    def _retrying(self, attempt: Callable[[], T]) -> T:
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.retries + 1),
            wait=self._wait,
            retry=retry_if_exception_type(Retryable),
            sleep=self.clock.sleep,
            reraise=True,
        )
        try:
            result: T = retrying(attempt)
            return result
        except Retryable as exc:
            tries = self.settings.retries + 1
            if isinstance(exc.__cause__, httpx.ConnectError):
                raise SiteUnreachable(f"{exc} ({tries} tries)") from exc
            raise FetchError(f"{exc} (gave up after {tries} tries)") from exc

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, Retryable) and exc.retry_after is not None:
            return exc.retry_after
        doubled = self.settings.backoff * 2 ** (state.attempt_number - 1)
        return float(min(self.settings.max_wait, doubled))

    def _once(
        self, url: str, handle: Callable[[httpx.Response], T], headers: Mapping[str, str]
    ) -> T | Redirect:
        server = server_of(url)
        self.throttle.wait(server)
        try:
            with self._stream(url, headers) as response:
                location = response.headers.get("Location")
                if response.status_code in REDIRECT_STATUS and location:
                    return Redirect(response.status_code, absolute(url, location))
                self._check(url, response)
                return handle(response)
        finally:
            self.throttle.done(server)

    @contextmanager
    def _stream(self, url: str, headers: Mapping[str, str]) -> Iterator[httpx.Response]:
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                yield response
        except httpx.ConnectError as exc:
            raise Retryable(f"cannot reach {host_of(url)}: {_reason(exc)}") from exc
        except httpx.TimeoutException as exc:
            raise Retryable(f"{url}: timed out ({_reason(exc)})") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise Retryable(f"{url}: transfer cut off ({_reason(exc)})") from exc

    def _check(self, url: str, response: httpx.Response) -> None:
        status = response.status_code
        if 200 <= status < 300 or status == 304:
            return
        if status in (404, 410):
            raise NotFound(f"{url}: HTTP {status} (not found)")
        if status in RETRY_STATUS:
            wait = retry_after(response.headers.get("Retry-After"))
            if wait is not None and wait > self.settings.max_wait:
                raise FetchError(
                    f"{url}: HTTP {status}, and the site asks to wait {wait:.0f} s before "
                    "trying again (Retry-After): try later"
                )
            raise Retryable(f"{url}: HTTP {status}", wait)
        raise FetchError(f"{url}: HTTP {status}")

    def _read_body(self, response: httpx.Response) -> Body:
        content = b"".join(capped(response, self.settings.max_bytes))
        kind = response.headers.get("Content-Type", "")
        return Body(str(response.url), response.status_code, kind, content)

    def _read_robots(self, url: str) -> tuple[int, str]:
        def read(response: httpx.Response) -> tuple[int, str]:
            body = self._read_body(response)
            return body.status, body.content.decode("utf-8", "replace")

        try:
            return self._follow(url, read, {}, ROBOTS_REDIRECTS, obey_robots=False)
        except (NotFound, TooManyRedirects):  # RFC 9309 2.3.1.2: unavailable, as a 4xx is
            return 404, ""
        except SiteUnreachable:
            raise
        except FetchError as exc:
            match = re.search(r"HTTP (\d{3})", str(exc))
            return (int(match.group(1)) if match else 500), ""


def capped(response: httpx.Response, limit: int) -> Iterator[bytes]:
    """The body's chunks, refused as soon as it is known to be over `limit` bytes."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{response.url}: {int(declared):,} bytes is over the {limit:,}-byte cap")
    seen = 0
    for chunk in response.iter_bytes():
        seen += len(chunk)
        if seen > limit:
            raise FetchError(f"{response.url}: over the {limit:,}-byte cap")
        yield chunk


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
