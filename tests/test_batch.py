"""Batch import: parallel equals serial, re-imports skip, changes replace, Dask does the same."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from councilpapers.batch.report import BatchReport
from councilpapers.batch.run import ingest_paths
from councilpapers.corpus.store import Store
from councilpapers.errors import CouncilPapersError
from tests.batchfiles import snapshot, split_sample


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parts")
    split_sample(folder, per_file=4)
    return folder


@pytest.fixture(scope="module")
def serial(parts: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with Store.open(str(tmp_path_factory.mktemp("serial") / "s.sqlite")) as store:
        report = ingest_paths([parts], store, jobs=1)
        assert report.count("imported") == 6
        return snapshot(store)


def _run(parts: Path, db: Path, **options: Any) -> tuple[BatchReport, dict[str, Any]]:
    with Store.open(str(db)) as store:
        report = ingest_paths([parts], store, **options)
        return report, snapshot(store)


def test_serial_run_stores_rows(serial: dict[str, Any]) -> None:
    assert serial["counts"]["documents"] == 6
    assert serial["counts"]["rows"] > 10


def test_parallel_run_equals_serial(parts: Path, serial: dict[str, Any], tmp_path: Path) -> None:
    report, stored = _run(parts, tmp_path / "p.sqlite", jobs=2, tasks_per_worker=1)
    assert report.count("imported") == 6
    assert stored == serial


def _two(parts: Path, folder: Path) -> Path:
    folder.mkdir()
    for name in ("part-01.pdf", "part-02.pdf"):
        shutil.copy(parts / name, folder / name)
    return folder


def test_reimport_skips_unchanged_and_touched(parts: Path, tmp_path: Path) -> None:
    copy = _two(parts, tmp_path / "in")
    db = tmp_path / "s.sqlite"
    _run(copy, db, jobs=1)
    touched = copy / "part-01.pdf"
    os.utime(touched, (1, 1))  # new time, same bytes: hashed, found unchanged
    report, _ = _run(copy, db, jobs=1)
    assert report.count("unchanged") == 2 and report.count("imported") == 0


def test_changed_file_replaces_its_document(parts: Path, tmp_path: Path) -> None:
    copy = _two(parts, tmp_path / "in")
    db = tmp_path / "s.sqlite"
    _, before = _run(copy, db, jobs=1)
    shutil.copy(copy / "part-02.pdf", copy / "part-01.pdf")
    report, after = _run(copy, db, jobs=1)
    assert [Path(r.path).name for r in report.results if r.status == "imported"] == []
    assert after["counts"]["documents"] == before["counts"]["documents"] - 1
    reasons = {Path(r.path).name: r.reason for r in report.results}
    assert reasons["part-01.pdf"] == f"same content as {copy / 'part-02.pdf'}"


def test_fail_fast_stops_at_first_refusal(parts: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(parts / "part-01.pdf", folder / "a.pdf")
    (folder / "b.pdf").write_bytes(b"not a pdf")
    with (
        Store.open(str(tmp_path / "s.sqlite")) as store,
        pytest.raises(
            CouncilPapersError, match=r"stopped at the first refused file: b\.pdf: not a PDF"
        ),
    ):
        ingest_paths([folder], store, jobs=1, fail_fast=True)


def test_dask_local_cluster_equals_serial(
    parts: Path, serial: dict[str, Any], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        report, stored = _run(parts, tmp_path / "d.sqlite", scheduler=cluster.scheduler_address)
    assert report.count("imported") == 6
    assert stored == serial


def test_unreachable_scheduler_is_one_line_error(
    parts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from councilpapers.batch import distributed

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(CouncilPapersError, match="cannot reach the Dask scheduler"):
        _run(parts, tmp_path / "d.sqlite", scheduler="tcp://127.0.0.1:1")
