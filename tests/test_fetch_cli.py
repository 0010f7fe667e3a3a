"""`councilpapers fetch` end to end against the stand-in council (web service on, then off), with
`--db`, twice; and every kind of bad input as one line and the right exit code."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilpapers.batch.jobs import extract_file
from councilpapers.cli import app
from tests.replay import Replay, serving
from tests.standin import CSSP, OTHER, Markup, other_council

runner = CliRunner()
PANEL = "Children's Services Scrutiny Panel"
RANGE = ["--from", "2024-01-01", "--to", "2024-12-31", "--delay", "0"]


def fetch(site: Replay, out: Path, *extra: str, folder: str = "") -> tuple[int, str]:
    address = site.base + folder
    args = ["fetch", address, "--committee", PANEL, *RANGE, "--out", str(out), *extra]
    result = runner.invoke(app, args)
    return result.exit_code, result.output


def stored_meetings(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT d.path, m.committee, m.meeting_date FROM documents d "
            "JOIN meetings m ON m.document_id = d.id"
        ).fetchall()
    return {Path(path).name: (committee, day) for path, committee, day in rows}


def stored_sources(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return sorted(source for (source,) in con.execute("SELECT source FROM files"))


@pytest.mark.parametrize(
    ("webservice", "style"),
    [(True, Markup()), (False, Markup()), (True, OTHER), (False, OTHER)],
    ids=["web service on", "web service off", "on, other markup", "off, other markup"],
)
def test_stand_in_council_end_to_end_twice_with_db(
    tmp_path: Path, webservice: bool, style: Markup
) -> None:
    council = other_council(webservice, style)
    out, db = tmp_path / "papers", tmp_path / "store.sqlite"
    folder = style.prefix.lstrip("/")
    with serving(council) as site:
        code, output = fetch(site, out, "--db", str(db), folder=folder)
        bodies = site.bodies()
        code_again, again = fetch(site, out, "--db", str(db), folder=folder)
    assert code == 0 and code_again == 0, output + again
    route = "web service" if webservice else "pages"
    assert f"5 meetings via the {route}: 3 downloaded, 0 unchanged, 0 failed" in output
    assert f"skipped {PANEL} 2024-03-11 (meeting 9102): cancelled" in output
    assert f"skipped {PANEL} 2024-11-18 (meeting 9105): unpublished" in output
    # every published pack in the range (and the items of the meeting without one), byte-identical
    served = {hashlib.sha256(b).hexdigest() for b in council.files().values()}
    got = sorted(out.rglob("*.pdf"))
    assert [p.relative_to(out).parts[1] for p in got] == ["2024-01-15", "2024-05-20", "2024-07-15"]
    assert all(hashlib.sha256(p.read_bytes()).hexdigest() in served for p in got)
    assert "3 imported" in output
    # the store has the site's committee and meeting date, not what the pages print (9104's
    # pack was printed for 8 July; the site says the panel met on 15 July)
    assert stored_meetings(db) == {p.name: (PANEL, p.parent.name) for p in got}
    # one batch rooted at --out: each file's source is <committee>/<yyyy-mm-dd>/<file>.pdf
    assert stored_sources(db) == [str(p.relative_to(out)) for p in got]
    assert all(s.startswith(f"{PANEL}/2024-") for s in stored_sources(db))
    # the second run: asked conditionally, no PDF body moved, nothing re-ingested
    assert "0 downloaded, 3 unchanged, 0 failed" in again and site.bodies() == bodies
    assert "0 imported, 3 unchanged" in again
    assert site.requests("/robots.txt")


def test_fetch_stores_alike_however_the_store_is_addressed(tmp_path: Path) -> None:
    """`fetch --db` goes through the one store address type, as every other command does: FILE
    and sqlite:///FILE give the same stored meetings and sources."""
    stored = []
    for form in ("FILE", "sqlite:///FILE"):
        out, db = tmp_path / form.replace("/", "_") / "papers", tmp_path / f"{len(stored)}.sqlite"
        address = str(db) if form == "FILE" else f"sqlite:///{db}"
        with serving(other_council(True, Markup())) as site:
            code, output = fetch(site, out, "--db", address)
        assert code == 0, output
        stored.append((stored_meetings(db), stored_sources(db)))
    assert stored[0] == stored[1] and stored[0][0]


def test_progress_off_a_terminal_is_lines_on_stderr_meetings_then_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from councilpapers import commands_fetch

    monkeypatch.setattr(commands_fetch, "LINE_EVERY", 0.0)
    with serving(other_council()) as site:
        loud = runner.invoke(app, ["fetch", site.base, "-c", PANEL, *RANGE, "-o", str(tmp_path)])
        quiet = runner.invoke(
            app, ["fetch", site.base, "-c", PANEL, *RANGE, "-o", str(tmp_path), "-q"]
        )
    assert loud.exit_code == 0, loud.output
    lines = [line for line in loud.stderr.splitlines() if line.startswith("fetch: ")]
    # 5 meetings looked at, then the 3 files: a line after each but the last of each stretch
    assert [line.split(",")[0] for line in lines] == [
        *(f"fetch: {n}/5 meetings looked at" for n in range(1, 5)),
        *(f"fetch: {n}/3 files" for n in range(1, 3)),
    ]
    assert all("elapsed, about" in line and "left" in line for line in lines)
    assert "fetch: 1/3 files, 0 failed" in loud.stderr and "fetch: " not in loud.stdout
    assert loud.stdout.startswith("5 meetings via the web service: 3 downloaded")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout.startswith("5 meetings via the web service: 0 downloaded, 3 unchanged")


def test_committee_by_id_and_since_last_rechecks_a_window(tmp_path: Path) -> None:
    with serving(other_council()) as site:
        args = ["fetch", site.base, "-c", str(CSSP), *RANGE, "-o", str(tmp_path)]
        assert runner.invoke(app, args).exit_code == 0
        later = runner.invoke(app, [*args, "--since-last", "--window", "30"])
    assert later.exit_code == 0, later.output
    # from 30 days before the latest meeting fetched (2024-07-15): that one and 2024-11-18
    assert "2 meetings via the web service: 0 downloaded, 1 unchanged" in later.output


def test_unknown_committee_lists_the_sites_committees(tmp_path: Path) -> None:
    with serving(other_council()) as site:
        args = ["fetch", site.base, "-c", "Cabnet", "-o", str(tmp_path), "--delay", "0"]
        result = runner.invoke(app, args)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and errors[0] == result.output.strip().splitlines()[-1]
    line = errors[0]
    assert line.startswith("Error: the site has no committee 'Cabnet' (did you mean 'Cabinet'?)")
    assert f"Audit Committee (220); Cabinet (201); {PANEL} ({CSSP})" in line
    assert "and 1 that no longer meet" in line


def test_a_name_two_committees_share_picks_the_current_one(tmp_path: Path) -> None:
    with serving(other_council()) as site:
        result = runner.invoke(
            app, ["fetch", site.base, "-c", "cabinet", *RANGE, "-o", str(tmp_path)]
        )
    assert result.exit_code == 0, result.output
    assert [p.parent.name for p in tmp_path.rglob("*.pdf")] == ["2024-02-07"]


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["--from", "2024-12-31", "--to", "2024-01-01"], "--from 2024-12-31 is after --to"),
        (["--from", "31/12/2024"], "--from '31/12/2024' is not a date: write it as YYYY-MM-DD"),
    ],
)
def test_bad_dates_are_a_usage_error(tmp_path: Path, dates: list[str], message: str) -> None:
    result = runner.invoke(app, ["fetch", "http://127.0.0.1:9/", "-c", "1", *dates, "-o", "x"])
    assert result.exit_code == 2 and message in result.output
    assert result.output.count("\n") == 1


def test_unreachable_site_is_one_line_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = ["fetch", f"http://127.0.0.1:{port}/", "-c", "1", "-o", str(tmp_path), "--retries", "0"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot reach http://127.0.0.1:{port}")
    assert result.output.count("\n") == 1


def test_not_moderngov_is_one_line_and_exit_1(tmp_path: Path) -> None:
    from tests.replay import html

    with serving(lambda request: html("<html><body>Parish news</body></html>")) as site:
        args = ["fetch", site.base, "-c", "1", "-o", str(tmp_path), "--delay", "0"]
        result = runner.invoke(app, args)
    assert result.exit_code == 1 and "does not look like a ModernGov site" in result.output
    assert result.output.count("\n") == 1


def test_ingesting_a_fetched_folder_later_takes_the_sites_facts(tmp_path: Path) -> None:
    out, db = tmp_path / "papers", tmp_path / "later.sqlite"
    with serving(other_council()) as site:
        assert fetch(site, out)[0] == 0
    result = runner.invoke(app, ["ingest", str(out), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0 and "3 imported" in result.output, result.output
    assert "0 skipped" in result.output and "skipped, not a PDF" not in result.output  # sidecars
    name = f"Public reports pack 15th-Jul-2024 18.00 {PANEL}.pdf"
    assert stored_meetings(db)[name] == (PANEL, "2024-07-15")
    # what page parsing alone reads from that pack (printed for the date first set, 8 July)
    alone = tmp_path / "alone.pdf"
    alone.write_bytes(next(out.rglob(name)).read_bytes())
    assert extract_file(str(alone)).meeting.date == "2024-07-08"


def test_without_the_fetch_extra_it_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['lxml'] = None\n"
        "from councilpapers.cli import app\n"
        "app(['fetch', 'http://127.0.0.1:9/', '-c', '1', '-o', sys.argv[1]])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr == "Error: fetch needs lxml: pip install 'councilpapers[fetch]'\n"
