"""The PostgreSQL store against a real server: same schema, migrations and data as SQLite.

The server comes from COUNCILPAPERS_TEST_PG (a postgresql:// URL with rights to create
databases) or is started by scripts/start-postgres.sh; each test gets a database of its own.
Two ingests at once into one database, fresh or already migrated, must end with the data of one
clean run, ten times out of ten.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from councilpapers.cli import app
from councilpapers.corpus import batch
from councilpapers.corpus.batch import extract_file, ingest_paths
from councilpapers.corpus.migrations import LATEST
from councilpapers.corpus.store import Store
from councilpapers.errors import StoreError
from councilpapers.records import ExtractedDocument
from tests.batchfiles import broken_files, snapshot, split_sample, with_hostile_cell

psycopg = pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "start-postgres.sh"


@pytest.fixture(scope="module")
def server() -> str:
    url = os.environ.get("COUNCILPAPERS_TEST_PG")
    if url:
        return url
    started = subprocess.run(["sh", str(SCRIPT)], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.skip(f"no PostgreSQL server: {SCRIPT.name} failed: {started.stderr.strip()[:200]}")
    return started.stdout.strip()


@pytest.fixture
def db(server: str) -> Iterator[str]:
    name = f"councilpapers_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pg-inputs")
    split_sample(folder, per_file=6)
    broken_files(folder / "broken")
    return folder


@pytest.fixture(scope="module")
def on_sqlite(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with Store.open(str(tmp_path_factory.mktemp("sqlite") / "s.sqlite")) as store:
        ingest_paths([inputs], store, jobs=1)
        return snapshot(store)


def test_migrations_apply_once(db: str) -> None:
    with Store.open(db) as store:
        assert store.backend.dialect == "postgresql"
        assert store.schema_version == LATEST
    with Store.open(db) as store:
        assert store.rows("SELECT COUNT(*) FROM schema_version")[0][0] == LATEST


def test_same_data_as_sqlite(db: str, inputs: Path, on_sqlite: dict[str, Any]) -> None:
    with Store.open(db) as store:
        report = ingest_paths([inputs], store, jobs=2)
        assert snapshot(store) == on_sqlite
        again = ingest_paths([inputs], store, jobs=2)
    assert report.count("imported") == 4
    assert again.count("imported") == 0 and again.count("unchanged") == 4


def test_changed_file_replaced_in_one_transaction(db: str, inputs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(inputs / "part-01.pdf", folder / "plan.pdf")
    with Store.open(db) as store:
        ingest_paths([folder], store, jobs=1)
        shutil.copy(inputs / "part-02.pdf", folder / "plan.pdf")
        report = ingest_paths([folder], store, jobs=1)
        counts = store.counts()
    assert [r.status for r in report.results] == ["imported"]
    assert counts["documents"] == 1 and counts["files_imported"] == 1


def test_cli_ingest_and_status(db: str, inputs: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(inputs / "part-01.pdf"), "--db", db, "-j", "1"])
    assert done.exit_code == 0 and "1 imported" in done.output
    status = runner.invoke(app, ["status", "--db", db])
    assert status.exit_code == 0 and "documents" in status.output


def test_unreachable_server_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot connect to postgresql://")


def test_nul_and_odd_text_stored_clean(db: str, inputs: Path) -> None:
    extracted = extract_file(str(inputs / "part-01.pdf"))
    with Store.open(db) as store:
        store.save(with_hostile_cell(extracted))
        texts = [t for (t,) in store.rows("SELECT text FROM row_cells")]
    assert '=HYPERLINK("x") [/red] \\xff' in texts


def test_readonly_opening_creates_nothing_and_writes_nothing(db: str) -> None:
    with pytest.raises(StoreError, match="not a councilpapers store"):
        Store.open(db, readonly=True)
    with psycopg.connect(db) as connection:
        assert connection.execute("SELECT to_regclass('schema_version')").fetchone() == (None,)
    Store.open(db).close()
    with Store.open(db, readonly=True) as store:
        assert store.schema_version == LATEST
        with pytest.raises(StoreError, match="read-only transaction"):
            store.record_file("x.pdf", None, None, None, "refused", "why")


@pytest.fixture(scope="module")
def extracted(inputs: Path) -> dict[str, ExtractedDocument]:
    return {str(p): extract_file(str(p)) for p in sorted(inputs.glob("*.pdf"))}


def _fresh_database(server: str) -> str:
    name = f"councilpapers_race_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + f"/{name}"


def _drop(server: str, url: str) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {url.rsplit('/', 1)[1]} WITH (FORCE)")


def _two_at_once(url: str, inputs: Path) -> list[BaseException]:
    """Two ingests of the same folder into one database, started together (each its own
    connection; the reading is cached, so the writes overlap as much as they can)."""
    start, errors = threading.Barrier(2), []

    def ingest() -> None:
        start.wait()
        try:
            with Store.open(url) as store:
                ingest_paths([inputs], store, jobs=1, isolate=False)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.parametrize("migrated", [False, True], ids=["fresh", "migrated"])
def test_two_ingests_at_once_equal_one_clean_run(
    server: str,
    inputs: Path,
    on_sqlite: dict[str, Any],
    extracted: dict[str, ExtractedDocument],
    monkeypatch: pytest.MonkeyPatch,
    migrated: bool,
) -> None:
    real = batch.extract_file
    monkeypatch.setattr(
        batch,
        "extract_file",
        lambda path, sha256=None, limits=None: extracted.get(path) or real(path, sha256, limits),
    )
    for _ in range(10):
        url = _fresh_database(server)
        try:
            if migrated:
                Store.open(url).close()
            assert _two_at_once(url, inputs) == []
            with Store.open(url, readonly=True) as store:
                assert snapshot(store) == on_sqlite
        finally:
            _drop(server, url)
