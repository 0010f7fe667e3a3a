"""The fetcher is polite and says clearly what went wrong: robots.txt, the delay per host, the
User-Agent, retries on 429 (honouring Retry-After) and 5xx, a size cap, and one-line errors for a
site that does not answer or is not ModernGov. All against the local replay server; the clock is
a fake one, so no test sleeps for the waits it checks."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from councilpapers import __version__
from councilpapers.fetch.errors import Disallowed, FetchError, NotModernGov, SiteUnreachable
from councilpapers.fetch.plan import Wanted
from councilpapers.fetch.run import FetchReport, Selection, fetch_papers
from councilpapers.fetch.settings import FetchSettings
from councilpapers.fetch.site import Site, retry_after
from tests.replay import FakeClock, Replay, Reply, Request, html, serving
from tests.standin import CSSP, Council, other_council

YEAR = Selection((str(CSSP),), date(2024, 1, 1), date(2024, 12, 31))
PANEL = "Children's Services Scrutiny Panel"
PACK = f"/documents/g9101/Public reports pack 15th-Jan-2024 18.00 {PANEL}.pdf"


def run(
    site: Replay,
    out: Path,
    clock: FakeClock | None = None,
    selection: Selection = YEAR,
    **kw: object,
) -> FetchReport:
    settings = FetchSettings(**kw)  # type: ignore[arg-type]
    return fetch_papers(site.base, selection, out, settings, clock or FakeClock())


def test_defaults_are_the_polite_ones() -> None:
    settings = FetchSettings()
    assert (settings.delay, settings.retries, settings.read_timeout) == (1.0, 4, 120.0)
    assert settings.user_agent.startswith(f"councilpapers/{__version__} (+http")


def test_user_agent_delay_per_host_and_robots_read_once(tmp_path: Path) -> None:
    clock = FakeClock()
    with serving(other_council()) as site:
        report = run(site, tmp_path, clock, contact="mailto:research@example.org")
    agents = {e.request.headers["user-agent"] for e in site.log}
    assert agents == {f"councilpapers/{__version__} (+mailto:research@example.org)"}
    assert [e.request.path for e in site.log].count("/robots.txt") == 1
    assert site.log[0].request.path == "/robots.txt"
    # one wait before every request but the first, each the full default second
    assert len(clock.sleeps) == len(site.log) - 1 and set(clock.sleeps) == {1.0}
    assert report.requests == len(site.log)


def test_robots_crawl_delay_wins_when_longer(tmp_path: Path) -> None:
    council = other_council()
    council.robots = "User-agent: *\nCrawl-delay: 5\n"
    clock = FakeClock()
    with serving(council) as site:
        run(site, tmp_path, clock)
    assert set(clock.sleeps) == {5.0}


def test_robots_disallow_is_obeyed_and_said(tmp_path: Path) -> None:
    council = other_council()
    council.robots = "User-agent: councilpapers\nDisallow: /documents/\n"
    with serving(council) as site:
        report = run(site, tmp_path)
    assert not site.requests("/documents/")  # never asked
    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 2 and all(
        "robots.txt" in f.reason and "disallows" in f.reason for f in failed
    )
    # the item document the web service links through mgConvert2PDF.aspx is not disallowed
    assert [p.name for p in tmp_path.rglob("*.pdf")] == ["Performance report Q4.pdf"]


def test_robots_keep_off_everything_when_it_cannot_be_read(tmp_path: Path) -> None:
    with serving(other_council()) as site:
        site.script["/robots.txt"] = [Reply(500)] * 5
        with pytest.raises(NotModernGov, match=r"robots.txt could not be read \(HTTP 500\)"):
            run(site, tmp_path)
    assert [e.request.path for e in site.log] == ["/robots.txt"] * 5


def test_429_waits_as_long_as_retry_after_says(tmp_path: Path) -> None:
    clock = FakeClock()
    with serving(other_council()) as site:
        site.script[PACK] = [Reply(429, b"slow down", (("Retry-After", "7"),))] * 2
        report = run(site, tmp_path, clock, delay=0)
    assert clock.sleeps == [7.0, 7.0]
    assert report.count("downloaded") == 3 and report.count("failed") == 0


def test_5xx_is_tried_again_with_doubling_waits_then_given_up(tmp_path: Path) -> None:
    clock = FakeClock()
    with serving(other_council()) as site:
        site.script[PACK] = [Reply(503), Reply(502)]
        assert run(site, tmp_path, clock, delay=0).count("failed") == 0
        assert clock.sleeps == [2.0, 4.0]
        site.script[PACK] = [Reply(500)] * 3
        report = run(site, tmp_path / "again", clock, delay=0, retries=2)
    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 1 and "HTTP 500 (gave up after 3 tries)" in failed[0].reason


def test_a_retry_after_beyond_the_limit_gives_up_at_once(tmp_path: Path) -> None:
    clock = FakeClock()
    with serving(other_council()) as site:
        site.script[PACK] = [Reply(429, b"", (("Retry-After", "86400"),))]
        report = run(site, tmp_path, clock, delay=0)
    assert "asks to wait 86400 s" in next(f.reason for f in report.files if f.status == "failed")
    assert clock.sleeps == []


def test_retry_after_as_a_date() -> None:
    assert retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == 30.0
    assert retry_after("soon") is None and retry_after("12") == 12.0


def test_size_cap(tmp_path: Path) -> None:
    big = b"%PDF-1.4\n" + b"0" * 60_000 + b"\n%%EOF\n"
    pdf = (("Content-Type", "application/pdf"),)
    with serving(other_council()) as site:
        site.script[PACK] = [Reply(200, big, pdf)]
        report = run(site, tmp_path, delay=0, max_bytes=50_000)
    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 1 and "60,016 bytes is over the 50,000-byte cap" in failed[0].reason
    assert not list(tmp_path.rglob("*15th-Jan*")) and not list(tmp_path.rglob(".*.part"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_site_is_one_clear_error(tmp_path: Path) -> None:
    clock = FakeClock()
    address = f"http://127.0.0.1:{_free_port()}/"
    with pytest.raises(SiteUnreachable, match=r"cannot reach http://127.0.0.1:\d+.*\(5 tries\)"):
        fetch_papers(address, YEAR, tmp_path, FetchSettings(), clock)
    assert clock.sleeps == [2.0, 4.0, 8.0, 16.0]


def test_a_site_that_is_not_moderngov(tmp_path: Path) -> None:
    def blog(request: object) -> Reply:
        return html("<html><body><h1>Welcome to our blog</h1><a href='/about'>About</a></body>")

    with serving(blog) as site, pytest.raises(NotModernGov, match="does not look like a ModernGov"):
        run(site, tmp_path)


def test_web_service_switched_off_falls_back_to_the_pages(tmp_path: Path) -> None:
    with serving(other_council(webservice=False)) as site:
        report = run(site, tmp_path, delay=0)
    assert report.route == "pages" and report.count("downloaded") == 3
    assert site.requests("/mgWebService.asmx/GetCommittees")[0].status == 404
    assert len(site.requests("/mgWebService.asmx")) == 1  # asked once, then left alone


def test_disallowed_raises_before_any_request(tmp_path: Path) -> None:
    council = Council([], [], robots="User-agent: *\nDisallow: /\n")
    with serving(council) as site, Site(site.base, FetchSettings(delay=0), FakeClock()) as polite:
        with pytest.raises(Disallowed):
            polite.get(polite.url("mgListCommittees.aspx"))
        assert [e.request.path for e in site.log] == ["/robots.txt"]


def test_extras_asked_for_are_fetched_and_their_absence_said(tmp_path: Path) -> None:
    notes: list[str] = []
    wanted = Selection(YEAR.committees, YEAR.start, YEAR.end, Wanted(True, True, True))
    with serving(other_council()) as site:
        report = fetch_papers(
            site.base,
            wanted,
            tmp_path,
            FetchSettings(delay=0),
            FakeClock(),
            on_event=lambda e: notes.append(e.message),
        )
    names = sorted(p.name.split(" 1")[0] for p in tmp_path.glob("*/2024-01-15/*.pdf"))
    assert names == [
        "Agenda frontsheet",
        "Improvement plan update.pdf",
        "Printed minutes",
        "Public reports pack",
    ]
    assert report.count("failed") == 0
    assert any("2024-07-15" in n and "no printed minutes published" in n for n in notes)


def test_fetch_error_names_the_url() -> None:
    with (
        pytest.raises(FetchError, match=r"http://127\.0\.0\.1:\d+/nothing: HTTP 403"),
        serving(lambda r: Reply(403) if r.path == "/nothing" else Reply(404)) as site,
        Site(site.base, FetchSettings(delay=0), FakeClock()) as polite,
    ):
        polite.get(polite.url("nothing"))


OTHER_HOST = "127.0.0.2"  # loopback too, but another host name to the fetcher


def _pdf_at(path: str, body: bytes, robots: str) -> Callable[[Request], Reply]:
    def answer(request: Request) -> Reply:
        if request.path == "/robots.txt":
            return Reply(200, robots.encode())
        if request.path == path:
            return Reply(200, body, (("Content-Type", "application/pdf"),))
        return Reply(404)

    return answer


def test_a_redirect_to_another_host_reads_its_robots_and_keeps_its_delay(tmp_path: Path) -> None:
    council, clock = other_council(), FakeClock()
    pack = council.files()[PACK]
    with (
        serving(council) as site,
        serving(
            _pdf_at("/files/pack.pdf", pack, "User-agent: *\nCrawl-delay: 7\n"), OTHER_HOST
        ) as files,
    ):
        site.script[PACK] = [Reply(302, b"", (("Location", f"{files.base}files/pack.pdf"),))]
        report = run(site, tmp_path, clock, delay=0)
    assert report.count("downloaded") == 3 and report.count("failed") == 0
    assert [e.request.path for e in files.log] == ["/robots.txt", "/files/pack.pdf"]
    assert clock.sleeps == [7.0]  # the other host's Crawl-delay, after its robots.txt
    assert next(tmp_path.rglob("Public reports pack 15th-Jan*.pdf")).read_bytes() == pack


def test_a_redirect_to_another_host_that_disallows_it_is_not_followed(tmp_path: Path) -> None:
    council = other_council()
    with (
        serving(council) as site,
        serving(
            _pdf_at("/files/pack.pdf", b"", "User-agent: *\nDisallow: /files/\n"), OTHER_HOST
        ) as files,
    ):
        site.script[PACK] = [Reply(302, b"", (("Location", f"{files.base}files/pack.pdf"),))]
        report = run(site, tmp_path, delay=0)
    assert [e.request.path for e in files.log] == ["/robots.txt"]
    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 1
    assert f"robots.txt of {files.base.rstrip('/')} disallows" in failed[0].reason


def test_a_site_that_moved_for_good_is_asked_at_its_new_address(tmp_path: Path) -> None:
    """An old address answering 301 to the same path elsewhere (as http:// -> https:// does):
    asked once, then every request goes to the new host, whose links count as the site's."""
    with serving(other_council()) as site:

        def moved(request: Request) -> Reply:
            return Reply(301, b"", (("Location", site.base.rstrip("/") + request.target),))

        with serving(moved, OTHER_HOST) as old:
            report = fetch_papers(old.base, YEAR, tmp_path, FetchSettings(delay=0), FakeClock())
    assert report.count("downloaded") == 3 and report.count("failed") == 0
    assert [e.request.path for e in old.log] == ["/robots.txt", "/mgWebService.asmx/GetCommittees"]
    assert site.requests("/robots.txt")


def test_a_redirect_loop_is_one_clear_error() -> None:
    def loop(request: Request) -> Reply:
        return Reply(302, b"", (("Location", "/again" if request.path == "/once" else "/once"),))

    with (
        pytest.raises(FetchError, match=r"more than 10 redirects"),
        serving(loop) as site,
        Site(site.base, FetchSettings(delay=0), FakeClock()) as polite,
    ):
        polite.get(polite.url("once"))
