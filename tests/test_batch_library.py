"""The library call and the command give one store: `ingest_paths(...)` then every export equals,
byte for byte, what `councilpapers ingest` then the same exports give.

The batch does every ingest step (discovery, skipping non-PDFs, the source path of each file
written with its document, the tracking refresh); the command only parses and prints. On a folder
of the bundled samples laid out in subfolders (with a non-PDF and a bad file) in every run, and on
../shared/corpus where the floors run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from councilpapers.batch.run import ingest_paths
from councilpapers.cli import app
from councilpapers.corpus.store import Store
from councilpapers.corpus.trackstore import documents_fingerprint, load_state
from tests.conftest import CORPUS, needs_corpus, needs_floors, sample_pdfs

runner = CliRunner()
EXPORTS = {
    "actions.csv": ["export", "actions"],
    "actions.jsonl": ["export", "actions", "--raw"],
    "tables.json": ["export", "tables"],
    "documents.json": ["export", "documents"],
    "history.json": ["export", "history"],
    "recs.csv": ["recs", "-f", "csv", "--kind", "all"],
    "status.json": ["status", "-f", "json"],
}


def exports(db: Path | str, out: Path) -> dict[str, bytes]:
    """Every export and CSV view of the store at `db`, as bytes, by file name (`export tables`
    writes a file per table kind)."""
    out.mkdir()
    for name, command in EXPORTS.items():
        result = runner.invoke(app, [*command, "--db", str(db), "-o", str(out / name)])
        assert result.exit_code == 0, (name, result.output)
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def _both_ways(folder: Path, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    library = tmp_path / "library.sqlite"
    with Store.open(str(library)) as store:
        report = ingest_paths([folder], store, jobs=2)
        state = load_state(store)  # tracking stored by the batch, for these documents
        assert state is not None and state[0] == documents_fingerprint(store)
    assert report.count("imported") > 0
    command = tmp_path / "command.sqlite"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(command), "-j", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == report.summary().headline()
    return exports(library, tmp_path / "from-library"), exports(command, tmp_path / "from-command")


def _papers(folder: Path) -> Path:
    """The samples in two subfolders (so each file's source is a relative path), a README and a
    damaged PDF beside them."""
    for index, pdf in enumerate(sample_pdfs()):
        (folder / f"meeting-{index}").mkdir(parents=True)
        shutil.copy(pdf, folder / f"meeting-{index}" / "Appendix A.pdf")
    (folder / "README.md").write_text("# papers\n")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    return folder


def test_library_and_command_give_the_same_exports(tmp_path: Path) -> None:
    from_library, from_command = _both_ways(_papers(tmp_path / "papers"), tmp_path)
    assert b"meeting-1/Appendix A.pdf" in from_library["actions.csv"]  # sources were written
    assert b"rag" in from_library["recs.csv"]  # tracking was refreshed by the library call
    assert len(from_library) > len(EXPORTS)  # a tables file per kind
    assert from_library.keys() == from_command.keys()
    for name in from_library:
        assert from_library[name] == from_command[name], name


@needs_floors
@needs_corpus
def test_library_and_command_give_the_same_exports_on_the_corpus(tmp_path: Path) -> None:
    from_library, from_command = _both_ways(CORPUS, tmp_path)
    assert from_library.keys() == from_command.keys()
    for name in from_library:
        assert from_library[name] == from_command[name], name
