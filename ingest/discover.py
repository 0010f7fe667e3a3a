"""Find the files a batch should process, fingerprint them, and name them printably.

Every path that cannot be used is reported, never skipped in silence: a named path that does not
exist, a folder that cannot be opened, a dangling link, a symlink loop, something that is not a
regular file (a FIFO would block the reader for ever). Hidden files and folders are skipped by
design. File names need not be UTF-8: they stay as Python gives them (surrogate escapes) for
opening, and `records.printable` turns them into text that can be stored and printed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from councilpapers.records import printable

CHUNK = 1 << 20

OnSkip = Callable[[Path, str], None]


def find_files(paths: Iterable[str | Path], on_skip: OnSkip | None = None) -> Iterator[Path]:
    """Yield files named directly, and every non-hidden file below named folders, sorted.

    Each path that cannot be used is passed to `on_skip` with a one-line reason."""
    skip = on_skip or (lambda path, reason: None)
    seen: set[str] = set()
    for raw in paths:
        for candidate in _expand(Path(raw), skip):
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                yield candidate


def _expand(path: Path, skip: OnSkip) -> Iterator[Path]:
    kind = _kind(path, skip)
    if kind == "dir":
        yield from _walk(path, skip, frozenset())
    elif kind == "file":
        yield path


def _walk(folder: Path, skip: OnSkip, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path]:
    try:
        info = folder.stat()
        with os.scandir(folder) as found:
            names = sorted(entry.name for entry in found if not entry.name.startswith("."))
    except OSError as exc:
        skip(folder, f"{printable(folder)}: cannot open the folder ({_why(exc)})")
        return
    here = ancestors | {(info.st_dev, info.st_ino)}
    for name in names:
        path = folder / name
        kind = _kind(path, skip)
        if kind == "file":
            yield path
        elif kind == "dir":
            target = path.stat()
            if (target.st_dev, target.st_ino) in here:
                skip(path, f"{printable(path)}: symlink loop (links back to a folder above it)")
            else:
                yield from _walk(path, skip, here)


def _kind(path: Path, skip: OnSkip) -> str | None:
    """'file', 'dir', or None after reporting why the path cannot be used."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        skip(path, f"{printable(path)}: {_broken(path, exc)}")
        return None
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    skip(path, f"{printable(path)}: not a regular file (a device, pipe or socket)")
    return None


def _broken(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return f"dangling link (to {printable(os.readlink(path))}, which does not exist)"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read ({_why(exc)})"


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
