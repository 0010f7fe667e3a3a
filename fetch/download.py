"""Download one planned file: conditionally, into a temporary name, checked, then renamed.

A second run sends the validators the sidecar kept (If-None-Match / If-Modified-Since); a 304
transfers no body. Where a site sends neither validator, the body is compared by SHA-256 with the
file already there and an unchanged file is left alone (same mtime, so ingest skips it too). A
body is written to a hidden `.<name>.part` beside its target, refused if the site served an HTML
or XML page instead of a PDF (content type, and no `%PDF` in its first kilobyte) or a body cut
short (no `%%EOF` near its end), and only renamed over the target once whole: a run killed
mid-download leaves no truncated file, only a hidden temporary one that the next run overwrites.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import httpx

from councilpapers.fetch.errors import FetchError, Retryable, SiteUnreachable
from councilpapers.fetch.plan import Planned
from councilpapers.fetch.sidecar import write_sidecar
from councilpapers.fetch.site import Site, capped
from councilpapers.ingest.sidecar import read_sidecar
from councilpapers.records import FetchedFile

Status = Literal["downloaded", "unchanged", "failed"]
HEAD = 1024  # a PDF's header may follow a little junk
TAIL = 4096


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one planned file; `received` counts body bytes transferred."""

    path: Path
    status: Status
    reason: str = ""
    received: int = 0


@dataclass(frozen=True, slots=True)
class Received:
    status: int
    temporary: Path | None = None
    sha256: str = ""
    size: int = 0
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


def download(site: Site, job: Planned) -> FileOutcome:
    prior = _prior(job.path)
    headers = {}
    if prior and prior.etag:
        headers["If-None-Match"] = prior.etag
    if prior and prior.last_modified:
        headers["If-Modified-Since"] = prior.last_modified
    try:
        got = site.request(job.paper.url, lambda r: _receive(r, job.path, site), headers)
    except SiteUnreachable:
        raise
    except FetchError as exc:
        return FileOutcome(job.path, "failed", " ".join(str(exc).split()))
    if got.status == 304 or got.temporary is None:
        return FileOutcome(job.path, "unchanged", "not modified (HTTP 304)")
    record = _record(site, job, got)
    if prior is not None and prior.sha256 == got.sha256:
        got.temporary.unlink(missing_ok=True)
        write_sidecar(job.path, _keep_fetched_at(record, prior))
        return FileOutcome(job.path, "unchanged", "same content", got.size)
    os.replace(got.temporary, job.path)
    write_sidecar(job.path, record)
    return FileOutcome(job.path, "downloaded", "", got.size)


def _prior(path: Path) -> FetchedFile | None:
    """The sidecar of the file already there, if it still describes that file."""
    record = read_sidecar(path)
    if record is None or not path.is_file() or path.stat().st_size != record.size:
        return None
    return record if _sha256(path) == record.sha256 else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _receive(response: httpx.Response, target: Path, site: Site) -> Received:
    if response.status_code == 304:
        return Received(304)
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if "html" in kind or "xml" in kind:
        raise FetchError(f"{response.url}: the site served a {kind} page, not a PDF")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.part")
    try:
        digest, size, tail = _write(response, temporary, site.settings.max_bytes)
        if b"%%EOF" not in tail:
            raise Retryable(f"{response.url}: the PDF ends before its %%EOF (cut short)")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    headers = response.headers
    return Received(
        response.status_code,
        temporary,
        digest,
        size,
        headers.get("ETag"),
        headers.get("Last-Modified"),
        kind or None,
    )


def _write(response: httpx.Response, temporary: Path, limit: int) -> tuple[str, int, bytes]:
    digest, size, head, tail = hashlib.sha256(), 0, b"", b""
    with temporary.open("wb") as out:
        for chunk in capped(response, limit):
            if len(head) < HEAD:
                head += chunk
                if len(head) >= HEAD:
                    _check_head(head[:HEAD], str(response.url))
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
            tail = (tail + chunk)[-TAIL:]
        if len(head) < HEAD:
            _check_head(head, str(response.url))
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size, tail


def _check_head(head: bytes, url: str) -> None:
    if b"%PDF" not in head:
        looks = head.lstrip()[:1] == b"<"
        what = "an HTML page" if looks else "something that is not a PDF"
        raise FetchError(f"{url}: the site served {what} where a PDF was expected")


def _record(site: Site, job: Planned, got: Received) -> FetchedFile:
    meeting, paper = job.meeting, job.paper
    return FetchedFile(
        site=site.base,
        committee=meeting.committee.title,
        committee_id=meeting.committee.id,
        meeting_id=meeting.id,
        date=meeting.date.isoformat(),
        url=paper.url,
        sha256=got.sha256,
        size=got.size,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        time=meeting.time,
        kind=paper.kind,
        title=paper.title,
        item=paper.item,
        item_title=paper.item_title,
        etag=got.etag,
        last_modified=got.last_modified,
        content_type=got.content_type,
    )


def _keep_fetched_at(record: FetchedFile, prior: FetchedFile) -> FetchedFile:
    return replace(record, fetched_at=prior.fetched_at)
