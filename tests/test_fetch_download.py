"""Downloads are incremental and never leave a truncated file: 304s on the second run (bodies
counted at the server), content hashes where a site sends no validators, a changed file replaced,
an HTML error page posing as a PDF refused, a transfer cut off or a process killed mid-download
leaving nothing but a hidden temporary file that the next run replaces."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from councilpapers.fetch.run import FetchReport, Selection, fetch_papers
from councilpapers.fetch.settings import FetchSettings
from councilpapers.ingest.sidecar import read_sidecar, site_meeting
from councilpapers.records import MeetingFacts
from tests.replay import FakeClock, Replay, Reply, serving
from tests.standin import CSSP, other_council, pdf

ROOT = Path(__file__).resolve().parents[1]
YEAR = Selection((str(CSSP),), date(2024, 1, 1), date(2024, 12, 31))
PANEL = "Children's Services Scrutiny Panel"
PACK = f"/documents/g9101/Public reports pack 15th-Jan-2024 18.00 {PANEL}.pdf"
PDF = (("Content-Type", "application/pdf"),)


def run(site: Replay, out: Path) -> FetchReport:
    return fetch_papers(site.base, YEAR, out, FetchSettings(delay=0), FakeClock())


def pdfs(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every PDF under a folder (hidden files included)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".json")
    }


def test_second_run_is_answered_304_and_moves_no_body(tmp_path: Path) -> None:
    council = other_council()
    with serving(council) as site:
        first = run(site, tmp_path)
        bodies = site.bodies()
        second = run(site, tmp_path)
    assert first.count("downloaded") == 3 and bodies == 3
    assert second.count("unchanged") == 3 and second.count("downloaded") == 0
    assert site.bodies() == bodies  # nothing more transferred
    conditional = [e for e in site.log[len(site.log) // 2 :] if e.status == 304]
    assert len(conditional) == 3 and all("if-none-match" in e.request.headers for e in conditional)
    served = council.files()
    for path, digest in pdfs(tmp_path).items():
        assert digest in {hashlib.sha256(b).hexdigest() for b in served.values()}, path


def test_sidecar_says_what_the_file_is(tmp_path: Path) -> None:
    with serving(other_council()) as site:
        run(site, tmp_path)
    pack = next(tmp_path.rglob("Public reports pack 15th-Jan-2024*.pdf"))
    record = read_sidecar(pack)
    assert record is not None
    assert (record.site, record.committee, record.committee_id) == (site.base, PANEL, CSSP)
    assert (record.meeting_id, record.date, record.time, record.kind) == (
        9101,
        "2024-01-15",
        "18:00",
        "pack",
    )
    assert record.sha256 == hashlib.sha256(pack.read_bytes()).hexdigest()
    assert record.etag and record.last_modified and record.fetched_at.endswith("+00:00")
    assert record.url.startswith(site.base) and "T=10" in record.url
    assert site_meeting(pack) == MeetingFacts(PANEL, "2024-01-15")
    item = read_sidecar(next(tmp_path.rglob("Performance report Q4.pdf")))
    assert item is not None and (item.kind, item.item, item.item_title) == (
        "item",
        "4",
        "Performance",
    )
    raw = json.loads(Path(f"{pack}.json").read_text())
    assert raw["format"] == "councilpapers-fetch/1"


def test_without_validators_the_content_hash_decides(tmp_path: Path) -> None:
    council = other_council()
    council.validators = False
    with serving(council) as site:
        run(site, tmp_path)
        pack = next(tmp_path.rglob("Public reports pack 15th-Jan*.pdf"))
        stamp = pack.stat().st_mtime_ns
        second = run(site, tmp_path)
        assert second.count("unchanged") == 3
        assert {f.reason for f in second.files} == {"same content"}
        assert pack.stat().st_mtime_ns == stamp  # left alone, so ingest skips it too
        council.sittings[1] = replace(council.sittings[1], pack=pdf(["A corrected pack"]))
        third = run(site, tmp_path)
    assert third.count("downloaded") == 1
    assert read_sidecar(pack).sha256 == hashlib.sha256(pack.read_bytes()).hexdigest()  # type: ignore[union-attr]


def test_a_changed_file_replaces_the_old(tmp_path: Path) -> None:
    council = other_council()
    with serving(council) as site:
        run(site, tmp_path)
        council.sittings[1] = replace(council.sittings[1], pack=pdf(["Republished pack"]))
        again = run(site, tmp_path)
    assert again.count("downloaded") == 1 and again.count("unchanged") == 2
    pack = next(tmp_path.rglob("Public reports pack 15th-Jan*.pdf"))
    assert pack.read_bytes() == pdf(["Republished pack"])


def test_a_file_without_its_sidecar_is_asked_again_and_kept(tmp_path: Path) -> None:
    with serving(other_council()) as site:
        run(site, tmp_path)
        sidecar = next(tmp_path.rglob("Public reports pack 15th-Jan*.pdf.json"))
        sidecar.unlink()
        again = run(site, tmp_path)
    assert again.count("downloaded") == 1 and sidecar.is_file()  # asked without conditions


def test_an_html_error_page_posing_as_a_pdf_is_refused(tmp_path: Path) -> None:
    error_page = b"<!DOCTYPE html><html><body><h1>Runtime Error</h1></body></html>"
    with serving(other_council()) as site:
        site.script[PACK] = [Reply(200, error_page, (("Content-Type", "text/html"),))]
        site.script[PACK.replace("g9101", "g9104").replace("15th-Jan", "15th-Jul")] = [
            Reply(200, error_page, (("Content-Type", "application/octet-stream"),))
        ]
        report = run(site, tmp_path)
    reasons = sorted(f.reason for f in report.files if f.status == "failed")
    assert len(reasons) == 2
    assert "served a text/html page, not a PDF" in reasons[0] + reasons[1]
    assert "served an HTML page where a PDF was expected" in reasons[0] + reasons[1]
    assert [p.name for p in tmp_path.rglob("*.pdf")] == ["Performance report Q4.pdf"]
    assert not list(tmp_path.rglob(".*"))


def test_a_transfer_cut_off_is_tried_again_and_never_kept_truncated(tmp_path: Path) -> None:
    council = other_council()
    body = council.files()[PACK]
    with serving(council) as site:
        site.script[PACK] = [Reply(200, body, PDF, cut_after=500)]
        report = run(site, tmp_path)
        assert report.count("failed") == 0  # the second try got it whole
        pack = next(tmp_path.rglob("Public reports pack 15th-Jan*.pdf"))
        assert pack.read_bytes() == body
        site.script[PACK] = [Reply(200, body, PDF, cut_after=500)] * 5
        pack.unlink()
        report = run(site, tmp_path)
    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 1 and "transfer cut off" in failed[0].reason
    assert not pack.exists() and not list(tmp_path.rglob(".*.part"))


def test_a_process_killed_mid_download_leaves_no_truncated_file(tmp_path: Path) -> None:
    council = other_council()
    body = council.files()[PACK]
    hold = threading.Event()
    out = tmp_path / "papers"
    with serving(council) as site:
        site.script[PACK] = [Reply(200, body, PDF, cut_after=len(body) // 2, hold=hold)]
        command = [
            sys.executable,
            "-m",
            "councilpapers.cli",
            "fetch",
            site.base,
            "-c",
            str(CSSP),
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--out",
            str(out),
            "--delay",
            "0",
        ]
        quiet = subprocess.DEVNULL
        child = subprocess.Popen(command, cwd=ROOT, stdout=quiet, stderr=quiet)
        try:
            deadline = time.monotonic() + 60
            while not site.requests(PACK) and time.monotonic() < deadline:
                time.sleep(0.05)
            while not list(out.rglob(".*.part")) and time.monotonic() < deadline:
                time.sleep(0.05)  # half the body is going into the temporary file
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            hold.set()
            if child.poll() is None:
                child.kill()
        assert site.requests(PACK), "the child never asked for the pack"
        assert list(out.rglob(".*.part")), "killed before the download began"
        assert not [p for p in out.rglob("*.pdf") if "15th-Jan" in p.name]
        run(site, out)  # the next run replaces the temporary file with the whole one
    pack = next(out.rglob("Public reports pack 15th-Jan*.pdf"))
    assert pack.read_bytes() == body and not list(out.rglob(".*.part"))
