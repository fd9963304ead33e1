"""Parsing feed bodies in worker processes.

feedparser is pure Python: in threads it holds the GIL, so a big refresh uses one core and
starves whatever else runs in the process (the GUI above all). A small process pool spreads
parsing over the cores, and a parser that crashes on a hostile document (a segfault, a
runaway) takes down a worker, not Attaché: that source gets an error and the pool is renewed.

A process is also the one place where parsing can be stopped from outside, so each parse
has a deadline (a document that takes longer costs its workers, which are killed and
replaced) and ``abort`` kills the workers when a refresh is cancelled or the app quits.
Workers watch their parent: when it dies (a killed CLI, a crashed app) they exit instead of
waiting forever for work that will never come.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from core.feeds.parse import ParsedFeed, ParseError, parse_feed

log = logging.getLogger("attache.parse")

PARSE_DEADLINE = 60.0  # seconds for one feed; feedparser reads a 15 MiB feed in about 10
CLOSE_GRACE = 2.0  # seconds workers get to finish when the pool closes, then they are killed


class ParseCancelled(Exception):  # noqa: N818 - not an error: the refresh was cancelled
    """The pool was aborted while this document was being parsed."""


def usable_cores() -> int:
    """The CPUs this process may run on: its affinity, which a container, a job scheduler or
    ``taskset`` may set below the machine's count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # Windows, macOS: no affinity API; all of them
        return os.cpu_count() or 1


def default_processes() -> int:
    return max(1, min(usable_cores(), 4))


def processes_pay_off(configured: int = 0) -> bool:
    """Whether a refresh that does not keep a window responsive (the command line) should
    parse in processes: with ``parse_processes`` set, as told; otherwise only with two usable
    cores or more. Measured with benchmarks/bench_refresh.py (200 feeds x 100 items): on two
    cores processes took 0.57-0.62x the time of threads; pinned to one core (``taskset -c 0``)
    threads took 0.90x the time of one process (no spawning, no copying between processes).
    The app parses in processes regardless: there a parse in a thread holds the GIL and
    freezes the window (benchmarks/bench_ui_stall.py)."""
    return configured > 0 or usable_cores() > 1


def watch_parent() -> None:
    """Worker initializer: exit as soon as the process that started us is gone.

    A spawned worker holds both ends of its call queue, so a dead parent never closes it;
    the parent's sentinel (a pipe on POSIX, a process handle on Windows) does become ready.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def wait_then_exit() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=wait_then_exit, name="attache-parent-watch", daemon=True).start()


class ParsePool:
    """A lazily started pool; ``parse`` blocks the calling (fetch) thread, not the GIL."""

    def __init__(self, processes: int | None = None,
                 target: Callable[[bytes, str, str], ParsedFeed] = parse_feed,
                 deadline: float = PARSE_DEADLINE) -> None:
        """``target`` must be importable by name (it runs in another process)."""
        self.processes = processes or default_processes()
        self.target = target
        self.deadline = deadline
        self._executor: ProcessPoolExecutor | None = None
        self._aborted: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()
        self._lock = threading.Lock()

    def _new_executor(self, processes: int) -> ProcessPoolExecutor:
        # spawn, never fork: forking a process that runs threads (and Qt) is unsafe.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(processes, mp_context=context, initializer=watch_parent)

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = self._new_executor(self.processes)
            return self._executor

    def parse(self, body: bytes, content_type: str, url: str) -> ParsedFeed:
        pool = self._pool()
        try:
            return self._run(pool, body, content_type, url)
        except BrokenProcessPool:
            if pool in self._aborted:
                raise ParseCancelled from None
            self._discard(pool)
        # A dying worker breaks every parse in flight, not only its own: retry this document
        # alone in a fresh process, so only the one that really crashes the parser fails.
        log.warning("a parser process died while %s was being parsed; retrying it alone", url)
        alone = self._new_executor(1)
        try:
            return self._run(alone, body, content_type, url)
        except BrokenProcessPool:
            if alone in self._aborted:
                raise ParseCancelled from None
            log.error("the parser crashed on %s", url)
            raise ParseError("the parser crashed on this feed (it may be malicious)") from None
        finally:
            _stop(alone)

    def _run(self, pool: ProcessPoolExecutor, body: bytes, content_type: str,
             url: str) -> ParsedFeed:
        future = pool.submit(self.target, body, content_type, url)
        try:
            return future.result(timeout=self.deadline)
        except FutureTimeout:
            # The worker cannot be interrupted, only killed; so are the others of its pool,
            # whose parses then start again alone.
            log.error("parsing %s took longer than %g s; its worker was stopped", url,
                      self.deadline)
            _kill(pool)  # before _discard: its shutdown forgets the pool's processes
            self._discard(pool)
            raise ParseError(f"the feed took longer than {self.deadline:g} s to read; "
                             "it is too large or too complex") from None

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is pool:
                self._executor = None
        pool.shutdown(wait=False, cancel_futures=True)

    def abort(self) -> None:
        """Stop every parse now (a cancelled refresh, a closing window): the documents in
        flight raise ``ParseCancelled``; the next ``parse`` starts new workers."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            self._aborted.add(executor)
            _kill(executor)

    def close(self) -> None:
        """Let idle workers exit; any still busy after ``CLOSE_GRACE`` seconds are killed."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            self._aborted.add(executor)
            _stop(executor)

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _processes(pool: ProcessPoolExecutor) -> list[multiprocessing.process.BaseProcess]:
    # concurrent.futures keeps its workers in a private dict; there is no public way to stop
    # a running one.
    return list((getattr(pool, "_processes", None) or {}).values())


def _kill(pool: ProcessPoolExecutor) -> None:
    workers = _processes(pool)
    for worker in workers:
        if worker.is_alive():
            worker.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    _join(workers)


def _stop(pool: ProcessPoolExecutor) -> None:
    workers = _processes(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    _join(workers)
    busy = [worker for worker in workers if worker.is_alive()]
    for worker in busy:
        worker.kill()
    _join(busy)


def _join(workers: list[multiprocessing.process.BaseProcess]) -> None:
    deadline = time.monotonic() + CLOSE_GRACE
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
