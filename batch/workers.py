"""Worker processes that each read one file at a time, watched by the parent.

The batch's local runner (run.py): every worker gets one job at a time over a pipe, so when a
worker dies (killed, out of memory, a crash in C code) the parent knows which file it was
reading. That file goes back to the queue once and is refused if it kills a second worker; a file
over its wall time has its worker killed and is refused; a new worker takes the dead one's place
and the batch goes on. Workers cap their own address space (RLIMIT_AS), and exit when the batch
process dies: the kernel signals them when their parent (the forkserver, which itself exits when
the batch process goes) dies, and a watchdog thread checks the batch process is still there.

Workers are forked from a forkserver started with Python's safe-path mode (`-P`, no current folder
on sys.path), so they import the installed councilpapers wherever the batch is run from, even
from a folder holding a `councilpapers/` directory of its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from councilpapers.errors import CouncilPapersError
from councilpapers.ingest.limits import MIB, Limits

PRELOAD = ["councilpapers.batch.preload"]  # modules and models loaded before the first fork
DEATHS_ALLOWED = 1  # a file that kills this many workers goes back to the queue; one more: refused
WATCH_SECONDS = 1.0

Task = Callable[[Any, Limits], tuple[Any, bool]]  # job -> (outcome, whether the worker goes on)
Refuse = Callable[[Any, str], Any]  # job, why -> the outcome that refuses it


def context() -> Any:
    """The forkserver context, its server started in safe-path mode with our modules preloaded."""
    try:
        os.getcwd()  # the forkserver starts in it: a deleted folder would be a traceback there
    except FileNotFoundError:
        raise CouncilPapersError(
            "the current folder no longer exists (deleted or moved): run from an existing folder"
        ) from None
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before
    return ctx


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False  # started and warmed up: the clock runs from a job's dispatch
    job: Any = None
    started: float = 0.0
    done: int = 0


class Pool:
    """Run `task` over jobs in `size` watched worker processes, yielding (job, outcome)."""

    def __init__(
        self,
        task: Task,
        refuse: Refuse,
        size: int,
        limits: Limits,
        tasks_per_worker: int,
        warm: Callable[[], object] | None = None,
    ) -> None:
        self.task, self.refuse, self.size, self.warm = task, refuse, size, warm
        self.limits, self.tasks_per_worker = limits, tasks_per_worker
        self.ctx = context()
        self.workers: list[_Worker] = []
        self.queue: deque[Any] = deque()
        self.deaths: Counter[int] = Counter()
        self.stillborn = 0

    def run(self, jobs: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        self.queue.extend(jobs)
        try:
            while self.queue or any(w.job is not None for w in self.workers):
                self._fill()
                yield from self._collect()
        finally:
            self._shutdown()

    def _fill(self) -> None:
        idle = [w for w in self.workers if w.ready and w.job is None]
        for worker in [w for w in idle if not w.process.is_alive()]:
            self._retire(worker)  # died idle (killed from outside): no file to blame
        for worker in self.workers:
            if worker.ready and worker.job is None and self.queue:
                self._assign(worker, self.queue.popleft())
        starting = sum(not w.ready for w in self.workers)
        while len(self.workers) < self.size and len(self.queue) > starting:
            self._start()
            starting += 1

    def _start(self) -> None:
        ours, theirs = self.ctx.Pipe()
        process = self.ctx.Process(
            target=serve,
            args=(theirs, self.task, self.limits, os.getpid(), self.warm),
            daemon=True,
        )
        process.start()
        theirs.close()
        self.workers.append(_Worker(process, ours, started=time.monotonic()))

    def _assign(self, worker: _Worker, job: Any) -> None:
        worker.job, worker.started = job, time.monotonic()
        with contextlib.suppress(OSError):  # a worker already dead shows up at its pipe's end
            worker.conn.send(job)

    def _collect(self) -> Iterator[tuple[Any, Any]]:
        watched = [w for w in self.workers if w.job is not None or not w.ready]
        deadline = min((w.started for w in watched), default=time.monotonic()) + self.limits.seconds
        timeout = max(0.0, deadline - time.monotonic())
        ready = set(wait([w.conn for w in watched], timeout=timeout))
        for worker in watched:
            late = time.monotonic() - worker.started > self.limits.seconds
            if worker.conn in ready and not worker.ready:
                self._greet(worker)
            elif worker.conn in ready:
                yield from self._receive(worker)
            elif late and worker.job is not None:
                yield worker.job, self.refuse(worker.job, self._timed_out())
                self._retire(worker, kill=True)
            elif late:  # stuck starting: counts as dying at start
                worker.process.kill()
                self._greet(worker)

    def _greet(self, worker: _Worker) -> None:
        """A new worker reports ready, or died starting (three in a row end the batch)."""
        try:
            worker.ready = worker.conn.recv() == "ready"
            self.stillborn = 0
        except (EOFError, OSError):
            self._retire(worker, kill=True)
            self.stillborn += 1
            if self.stillborn >= 3:
                raise CouncilPapersError(
                    f"worker processes die as they start (exit code {worker.process.exitcode}; "
                    "their error, if any, is printed above): is Limits.memory_mb "
                    f"({self.limits.memory_mb} MiB) too low?"
                ) from None

    def _receive(self, worker: _Worker) -> Iterator[tuple[Any, Any]]:
        job = worker.job
        try:
            outcome, goes_on = worker.conn.recv()
        except (EOFError, OSError):  # the worker died before it could answer
            worker.process.join(timeout=1)  # reap it, so its exit code is its own
            self._retire(worker, kill=True)
            yield from self._died(job, worker.process.exitcode)
            return
        worker.job, worker.done = None, worker.done + 1
        if not goes_on or worker.done >= self.tasks_per_worker:
            self._retire(worker)
        elif self.queue:  # the next file before this one is stored: no idle worker meanwhile
            self._assign(worker, self.queue.popleft())
        yield job, outcome

    def _died(self, job: Any, exitcode: int | None) -> Iterator[tuple[Any, Any]]:
        self.deaths[id(job)] += 1
        if self.deaths[id(job)] <= DEATHS_ALLOWED:
            self.queue.appendleft(job)
            return
        yield job, self.refuse(job, death_reason(exitcode, self.limits))

    def _timed_out(self) -> str:
        return (
            f"took over {self.limits.seconds:g} s, the time limit (Limits.seconds); "
            "retryable: the next run tries it again"
        )

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        self.workers.remove(worker)
        if kill and worker.process.is_alive():
            worker.process.kill()
        else:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        worker.conn.close()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()

    def _shutdown(self) -> None:
        for worker in list(self.workers):
            self._retire(worker, kill=worker.job is not None)


def death_reason(exitcode: int | None, limits: Limits) -> str:
    """Why a file whose worker died twice is refused. However the worker died (MemoryError while
    it sent its answer: exit code 1; a C library that crashed on a failed allocation: SIGSEGV or
    SIGABRT; the kernel's OOM killer: SIGKILL), the cause may be the memory cap, so the reason
    always names it the way every memory refusal does: "(Limits.memory_mb …)"."""
    how = (
        f"killed by {signal.Signals(-exitcode).name}"
        if exitcode is not None and exitcode < 0 and -exitcode in signal.valid_signals()
        else f"exit code {exitcode}"
    )
    return (
        f"the worker reading it died twice ({how}): out of memory (Limits.memory_mb = "
        f"{limits.memory_mb} MiB) or a crash; retryable: the next run tries it again"
    )


def serve(
    conn: Connection,
    task: Task,
    limits: Limits,
    parent: int,
    warm: Callable[[], object] | None = None,
) -> None:
    """A worker's life: bound to the batch process, capped, warmed up (models loaded, so a
    file's clock does not count them), then one job at a time until told to stop."""
    _bind_to_parent(parent)
    _cap_memory(limits.memory_mb)
    if warm is not None:
        with contextlib.suppress(Exception):  # a failure shows again, as a file's refusal
            warm()
    with contextlib.suppress(EOFError, OSError):  # the batch went away: nothing to answer
        conn.send("ready")
        while (job := conn.recv()) is not None:
            outcome, goes_on = task(job, limits)
            conn.send((outcome, goes_on))
            if not goes_on:
                return


def _bind_to_parent(parent: int) -> None:
    """Die with the batch: PR_SET_PDEATHSIG on Linux, and a thread polling for the parent."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: when our parent dies
    server = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != server or not _alive(parent):
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _cap_memory(megabytes: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * MIB
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
