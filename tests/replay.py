"""A local replay server for the fetch tests: 127.0.0.1, a thread in the test process.

Nothing here is a test. `Replay` serves whatever its `handler` answers for each GET, logs every
request (path, query, headers, status, body bytes sent), and can be scripted to misbehave for a
path: answer a given status first (429 with Retry-After, 503), or cut a body off mid-way. No test
that uses it touches the network.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from councilpapers.fetch.polite import Clock


@dataclass(frozen=True)
class Request:
    path: str  # percent-decoded
    query: dict[str, str]  # keys lower-cased
    headers: dict[str, str]  # keys lower-cased
    target: str = ""  # the request line's path and query, as sent


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    cut_after: int | None = None  # send this many bytes of the body, then drop the connection
    hold: threading.Event | None = None  # after cut_after bytes, wait for this before dropping


@dataclass(frozen=True)
class Logged:
    request: Request
    status: int
    sent: int


Handler = Callable[[Request], Reply]


class FakeClock(Clock):
    """A clock that never sleeps: it moves on by each wait asked for, and remembers them."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.sleeps.append(round(seconds, 3))
            self.time += seconds


def xml(text: str | bytes, status: int = 200) -> Reply:
    body = text.encode("utf-8") if isinstance(text, str) else text
    return Reply(status, body, (("Content-Type", "text/xml; charset=utf-8"),))


def html(text: str, status: int = 200) -> Reply:
    return Reply(status, text.encode("utf-8"), (("Content-Type", "text/html; charset=utf-8"),))


def not_found() -> Reply:
    return html("<html><body><h1>404 - File or directory not found.</h1></body></html>", 404)


@dataclass
class Replay:
    handler: Handler
    log: list[Logged] = field(default_factory=list)
    script: dict[str, list[Reply]] = field(default_factory=dict)  # path -> replies to give first
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def requests(self, path_part: str = "") -> list[Logged]:
        return [e for e in self.log if path_part.lower() in e.request.path.lower()]

    def bodies(self, suffix: str = ".pdf") -> int:
        """How many answers to paths ending in `suffix` carried a body (a 304 carries none)."""
        return sum(
            1
            for e in self.log
            if e.sent > 0 and e.status == 200 and _is_document(e.request.path, suffix)
        )

    def answer(self, request: Request) -> Reply:
        queued = self.script.get(request.path)
        if queued:
            return queued.pop(0)
        return self.handler(request)


def _is_document(path: str, suffix: str) -> bool:
    return path.lower().endswith(suffix) or path.lower().endswith("mgconvert2pdf.aspx")


def _handler_class(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between header and body
        wbufsize = 1 << 16

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            request = Request(
                unquote(parts.path),
                {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)},
                {k.lower(): v for k, v in self.headers.items()},
                self.path,
            )
            reply = replay.answer(request)
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            body = b"" if reply.status == 304 else reply.body
            self.send_header("Content-Length", str(len(body)))
            if reply.cut_after is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            sent = body if reply.cut_after is None else body[: reply.cut_after]
            replay.log.append(
                Logged(request, reply.status, len(sent))
            )  # before the client can go on
            self.wfile.write(sent)
            self.wfile.flush()
            if reply.hold is not None:
                reply.hold.wait(timeout=30)
            if reply.cut_after is not None:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


@contextmanager
def serving(handler: Handler, host: str = "127.0.0.1") -> Iterator[Replay]:
    """`handler` served on a free port of `host` (another loopback address, 127.0.0.2, is
    another host to the fetcher: its own robots.txt and delay)."""
    replay = Replay(handler)
    server = ThreadingHTTPServer((host, 0), _handler_class(replay))
    server.daemon_threads = True
    replay.server = server
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield replay
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
