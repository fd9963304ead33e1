"""Parsing feed bodies in worker processes.

feedparser is pure Python: in threads it holds the GIL, so a big refresh uses one core and
starves whatever else runs in the process (the GUI above all). A small process pool spreads
parsing over the cores, and a parser that crashes on a hostile document (a segfault, a
runaway) takes down a worker, not Attaché: that source gets an error and the pool is renewed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from core.feeds.parse import ParsedFeed, ParseError, parse_feed

log = logging.getLogger("attache.parse")


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


class ParsePool:
    """A lazily started pool; ``parse`` blocks the calling (fetch) thread, not the GIL."""

    def __init__(self, processes: int | None = None,
                 target: Callable[[bytes, str, str], ParsedFeed] = parse_feed) -> None:
        """``target`` must be importable by name (it runs in another process)."""
        self.processes = processes or default_processes()
        self.target = target
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # spawn, never fork: forking a process that runs threads (and Qt) is unsafe.
                context = multiprocessing.get_context("spawn")
                self._executor = ProcessPoolExecutor(self.processes, mp_context=context)
            return self._executor

    def parse(self, body: bytes, content_type: str, url: str) -> ParsedFeed:
        pool = self._pool()
        try:
            return pool.submit(self.target, body, content_type, url).result()
        except BrokenProcessPool:
            self._discard(pool)
        # A dying worker breaks every parse in flight, not only its own: retry this document
        # alone in a fresh process, so only the one that really crashes the parser fails.
        log.warning("a parser process died while %s was being parsed; retrying it alone", url)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=context) as alone:
            try:
                return alone.submit(self.target, body, content_type, url).result()
            except BrokenProcessPool:
                log.error("the parser crashed on %s", url)
                raise ParseError("the parser crashed on this feed (it may be malicious)") from None

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is pool:
                self._executor = None
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
