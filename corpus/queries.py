"""The store's small reads for the outputs, the batch and the command line.

Every SQL statement of councilpapers lives in `corpus/` (tracking's in `corpus.trackstore`, tables'
in `corpus.reader`, documents' in `corpus.store`); these are the rest: which documents are held
and where their files were, how their pages were read, what the files table says.
"""

from __future__ import annotations

from councilpapers.corpus.store import Store


def documents(store: Store) -> list[tuple[int, str, int, str]]:
    """(id, name, pages, SHA-256) of every stored document, in name order."""
    rows = store.rows("SELECT id, name, pages, sha256 FROM documents ORDER BY name, id")
    return [(int(i), str(name), int(pages), str(sha)) for i, name, pages, sha in rows]


def text_sources(store: Store, document_id: int) -> dict[str, int]:
    """How the document's pages were read: text source ("pdf", "ocr", "none") -> pages."""
    rows = store.rows(
        "SELECT text_source, COUNT(*) FROM pages WHERE document_id = ? GROUP BY text_source",
        (document_id,),
    )
    return {str(source): int(n) for source, n in rows}


def source_paths(store: Store) -> dict[str, str]:
    """Document SHA-256 -> its file's path relative to the ingest root (where one was recorded)."""
    rows = store.rows(
        "SELECT d.sha256, f.source, f.path = d.path FROM documents d "
        "JOIN files f ON f.document_id = d.id WHERE f.source IS NOT NULL ORDER BY 3"
    )
    return {sha: source for sha, source, _ in rows}  # the document's own path wins (sorted last)


def document_places(store: Store) -> dict[str, tuple[str, str]]:
    """Document SHA-256 -> (the path it was imported from, when)."""
    rows = store.rows("SELECT sha256, path, imported_at FROM documents")
    return {sha: (path, imported) for sha, path, imported in rows}


def page_sizes(store: Store) -> list[tuple[str, int, float, float]]:
    """(document SHA-256, page number, width, height) of every stored page."""
    rows = store.rows(
        "SELECT d.sha256, p.number, p.width, p.height FROM pages p "
        "JOIN documents d ON d.id = p.document_id"
    )
    return [(str(sha), int(n), float(w), float(h)) for sha, n, w, h in rows]


def file_states(store: Store) -> list[tuple[str, str, str | None]]:
    """(path, status, SHA-256) of every file the store has seen."""
    return [
        (str(p), str(s), sha) for p, s, sha in store.rows("SELECT path, status, sha256 FROM files")
    ]


def file_holders(store: Store) -> dict[str, str]:
    """File path -> the path of the stored document with the same content."""
    rows = store.rows("SELECT f.path, d.path FROM files f JOIN documents d ON d.sha256 = f.sha256")
    return {str(f): str(d) for f, d in rows}
