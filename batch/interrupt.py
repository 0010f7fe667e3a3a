"""Ctrl-C during a batch: the document being written lands whole, then the batch stops.

While the store is inside a write transaction, SIGINT is held until the transaction commits and
raised as KeyboardInterrupt just after it; outside one it interrupts at once. Either way every
stored document is whole and a re-run carries on where this one stopped. Signal handlers belong
to the main thread, so elsewhere (a batch run from a thread) this does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from councilpapers.corpus.store import Store


@contextmanager
def finishing_writes(store: Store) -> Iterator[None]:
    """Ctrl-C during a store transaction waits for it to commit, then interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    state = {"writing": False, "pending": False}
    original = store.transaction

    @contextmanager
    def guarded() -> Iterator[None]:
        state["writing"] = True
        try:
            with original():
                yield
        finally:
            state["writing"] = False
        if state["pending"]:
            raise KeyboardInterrupt

    def handler(signum: int, frame: FrameType | None) -> None:
        if state["writing"]:
            state["pending"] = True
        else:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    store.transaction = guarded  # type: ignore[method-assign]
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        del store.transaction
