"""GUI stall benchmark: how long the event loop freezes while background work runs.

    .venv/bin/python -m benchmarks.bench_ui_stall [--feeds 200] [--items 100] [--replies 10000]

A QTimer ticking every 10 ms stands in for the window: each gap between ticks beyond 10 ms is
a stall, time in which the window could not repaint nor answer a click. Measured while work
runs through ``desktop.tasks.TaskRunner``, exactly as the app submits it:

  * idle: the loop alone (the timer's own jitter on this machine);
  * a refresh of N synthetic feeds (served from a separate process on 127.0.0.1, as
    ``bench_refresh`` does) as a "network" job, parsing in the ParsePool worker processes
    (the app's configuration), then the same refresh parsing in the fetch threads;
  * scoring M stored replies (as ``bench_sentiment`` stores them) as a "write" job;
  * the real main window, every page built, pressing F5 on the same feeds: the refresh plus
    the reloads it triggers in the pages.

Progress is reported per feed / per chunk and reaches the loop through the runner's throttle.
Target: max stall <= 50 ms. Runs offscreen. No thresholds are enforced: the numbers are for
people, and the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

TICK_MS = 10
TARGET_MS = 50


@dataclass
class Measurement:
    scenario: str
    seconds: float
    stalls_ms: list[float]
    progress_calls: int
    outcome: str

    @property
    def max_ms(self) -> float:
        return max(self.stalls_ms, default=0.0)

    @property
    def p99_ms(self) -> float:
        if len(self.stalls_ms) < 2:
            return self.max_ms
        return statistics.quantiles(self.stalls_ms, n=100, method="inclusive")[98]

    @property
    def over_target(self) -> int:
        return sum(s > TARGET_MS for s in self.stalls_ms)


def measure(scenario: str, runner: Any, job: Callable[[Any], Any], kind: str,
            idle_s: float = 0.0) -> Measurement:
    """Run ``job`` through the runner while a 10 ms timer records the loop's gaps."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop = QEventLoop()
    ticks: list[float] = []
    outcome: list[str] = []
    progress_calls = 0

    def tick() -> None:
        ticks.append(time.perf_counter())

    def progressed(done: int, total: int, text: str) -> None:
        nonlocal progress_calls
        progress_calls += 1

    def finished(result: object) -> None:
        outcome.append(f"ok: {result}")
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome.append(f"failed: {type(exc).__name__}: {exc}")
        loop.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    ticks.append(started)
    if idle_s:
        QTimer.singleShot(int(idle_s * 1000), lambda: finished("idle"))
    else:
        runner.run(job, on_done=finished, on_error=failed, on_progress=progressed, kind=kind,
                   name=scenario)
    loop.exec()
    seconds = time.perf_counter() - started
    timer.stop()
    ticks.append(time.perf_counter())
    stalls = [max(0.0, (b - a) * 1000 - TICK_MS) for a, b in pairwise(ticks)]
    return Measurement(scenario, seconds, stalls, progress_calls, outcome[0] if outcome else "?")


# ---------------------------------------------------------------------------- scenarios

def start_feed_server(feeds: int, items: int) -> tuple[Any, list[int]]:
    from benchmarks.bench_refresh import PORTS, serve

    ctx = mp.get_context("spawn")
    port_queue, ready = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=serve, args=(port_queue, feeds, items, ready), daemon=True)
    server.start()
    if not ready.wait(30):
        raise SystemExit("the feed server did not start")
    return server, [port_queue.get() for _ in range(PORTS)]


def refresh_job(folder: Path, urls: list[str], parse_in_processes: bool):  # noqa: ANN201
    """A job refreshing ``urls`` into a fresh database, configured as the app configures it."""
    from benchmarks.bench_refresh import add_sources
    from core.feeds.parsepool import ParsePool
    from core.feeds.refresh import FeedRefresher
    from core.net.fetch import Fetcher
    from core.settings import Settings
    from core.storage.database import Database
    from core.storage.migrate import ensure_schema

    settings = Settings()
    db = Database(f"sqlite:///{folder / ('pool.db' if parse_in_processes else 'threads.db')}")
    ensure_schema(db)
    add_sources(db, urls)

    def job(progress: Any) -> str:
        fetcher = Fetcher()
        pool = ParsePool(settings.parse_processes or None) if parse_in_processes else None
        refresher = FeedRefresher(db, fetcher, workers=settings.workers,
                                  per_host=settings.per_host, parse_pool=pool)
        try:
            results = refresher.refresh(
                force=True, cancel=progress.cancel_event,
                on_result=lambda r, done, total: progress.report(done, total, r.url))
        finally:
            fetcher.close()
            if pool is not None:
                pool.close()
            db.dispose()
        stored = sum(r.new_items for r in results)
        failed = sum(r.failed for r in results)
        return f"{len(results)} feeds, {stored} items stored, {failed} failed"

    return job


def scoring_job(folder: Path, count: int):  # noqa: ANN201
    """Replies stored as ``bench_sentiment`` stores them; the job scores them all."""
    from benchmarks.bench_replies import make_replies
    from benchmarks.bench_sentiment import corpus, seeded_database, varied
    from core.sentiment.scoring import Scorer, score_pending
    from core.settings import Settings

    rng = random.Random(7)
    english, other = corpus()
    now = datetime(2026, 11, 20, tzinfo=UTC)
    replies = make_replies(count, 100, now)
    for n, reply in enumerate(replies):
        reply.text = varied(n, rng, english, other)
    db = seeded_database(folder / "replies.db", replies, now)

    def job(progress: Any) -> str:
        # Loading the language model and the lexicon is part of the work the app does.
        scorer = Scorer.from_settings(Settings())
        try:
            scored = score_pending(db, scorer,
                                   progress=lambda done, total: progress.report(done, total))
        finally:
            db.dispose()
        return f"{scored} replies scored"

    return job


def window_refresh(folder: Path, urls: list[str]) -> Measurement:
    """The real window, every page built and the Dashboard showing: F5 on ``urls``, timed
    until the refresh and the page reloads it triggers (sources tree, items, Dashboard
    recount) are all done."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from benchmarks.bench_refresh import add_sources
    from core.storage.database import Database
    from desktop.app import create_main_window, finish_start

    db = Database(f"sqlite:///{folder / 'window.db'}")
    window = create_main_window(db, build_pages=False)  # migrates
    built = QEventLoop()
    finish_start(window, built.quit)  # as the app does once its window shows: page by page
    built.exec()
    add_sources(db, urls)
    window.show()
    window.show_page("dashboard")
    loop = QEventLoop()
    ticks: list[float] = []
    progress_calls = 0
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def progressed(*_args: object) -> None:
        nonlocal progress_calls
        progress_calls += 1

    def settle() -> None:  # done when nothing has run for half a second
        if window.runner.busy or window.refresher.running:
            QTimer.singleShot(500, settle)
        else:
            loop.quit()

    window.runner.task_progress.connect(progressed)
    window.refresher.finished_callbacks.append(lambda _r: QTimer.singleShot(500, settle))
    started = time.perf_counter()
    ticks.append(started)
    timer.start()
    window.refresher.start(force=True)
    loop.exec()
    seconds = time.perf_counter() - started
    timer.stop()
    ticks.append(time.perf_counter())
    message = window.statusBar().currentMessage()
    window.close()
    db.dispose()
    stalls = [max(0.0, (b - a) * 1000 - TICK_MS) for a, b in pairwise(ticks)]
    return Measurement(f"window: F5 on {len(urls)} feeds + reloads", seconds, stalls,
                       progress_calls, f"ok: {message}")


# ---------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--replies", type=int, default=10_000)
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    runner = TaskRunner()
    server, ports = start_feed_server(args.feeds, args.items)
    urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/feed/{i}.xml" for i in range(args.feeds)]
    results: list[Measurement] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            results.append(measure("idle loop, 2 s", runner, lambda p: None, "network",
                                   idle_s=2.0))
            results.append(measure(f"refresh {args.feeds} feeds, ParsePool", runner,
                                   refresh_job(folder, urls, True), "network"))
            results.append(measure(f"refresh {args.feeds} feeds, parse in threads", runner,
                                   refresh_job(folder, urls, False), "network"))
            results.append(measure(f"score {args.replies} replies (write job)", runner,
                                   scoring_job(folder, args.replies), "write"))
            os.environ["ATTACHE_DATA_DIR"] = str(folder / "data")  # the window's settings
            results.append(window_refresh(folder, urls))
    finally:
        runner.shutdown(30)
        server.terminate()
        app.processEvents()

    print(f"event-loop stalls (gap between {TICK_MS} ms timer ticks minus {TICK_MS} ms); "
          f"{os.cpu_count()} CPUs; target max <= {TARGET_MS} ms")
    header = (f"{'scenario':<40} {'total s':>8} {'max ms':>8} {'p99 ms':>8} "
              f"{'>50 ms':>7} {'ticks':>6} {'progress':>9}")
    print(header)
    print("-" * len(header))
    for m in results:
        print(f"{m.scenario:<40} {m.seconds:8.2f} {m.max_ms:8.1f} {m.p99_ms:8.1f} "
              f"{m.over_target:7d} {len(m.stalls_ms):6d} {m.progress_calls:9d}")
    for m in results:
        print(f"  {m.scenario}: {m.outcome}")
    return 0 if all(m.outcome.startswith("ok") for m in results) else 1


if __name__ == "__main__":
    sys.exit(main())
