"""The task runner: where jobs run, where their results arrive, and how they stop."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from core.errors import KnownError
from desktop.tasks import Cancelled, Progress, TaskRunner, failure_message

WAIT_MS = 10_000


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    assert tasks.shutdown(5)


@pytest.fixture(params=["threaded", "synchronous"])
def any_runner(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[TaskRunner]:
    """Behaviour that must not depend on threads is checked in both modes."""
    tasks = TaskRunner(synchronous=request.param == "synchronous")
    yield tasks
    assert tasks.shutdown(5)


def on_gui_thread() -> bool:
    return QThread.currentThread() == QApplication.instance().thread()


def qt_worker_threads() -> list[str]:
    """Names of this process's Qt worker threads (Linux), to see that they really ended."""
    names = []
    for tid in os.listdir("/proc/self/task"):
        try:
            name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
        except OSError:  # the thread ended while we looked
            continue
        if name in ("attache-writer", "Thread (pooled)"):
            names.append(name)
    return names


# ---------------------------------------------------------------------------- delivery

@pytest.mark.parametrize("kind", ["network", "write"])
def test_results_and_progress_arrive_on_the_gui_thread(qtbot, runner: TaskRunner,
                                                       kind: str) -> None:
    seen: dict[str, object] = {}

    def job(progress: Progress) -> int:
        seen["job_on_gui_thread"] = on_gui_thread()
        progress.report(1, 1, "one")
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["done_on_gui_thread"] = on_gui_thread()

    def progressed(done_: int, total: int, text: str) -> None:
        seen["progress"] = (done_, total, text)
        seen["progress_on_gui_thread"] = on_gui_thread()

    with qtbot.waitSignal(runner.task_finished, timeout=WAIT_MS) as finished:
        runner.run(job, on_done=done, on_progress=progressed, kind=kind, name="answer")
    assert finished.args == ["answer"]
    assert seen == {"job_on_gui_thread": False, "result": 42, "done_on_gui_thread": True,
                    "progress": (1, 1, "one"), "progress_on_gui_thread": True}


def test_write_jobs_run_one_at_a_time_in_order_on_one_thread(qtbot, runner: TaskRunner) -> None:
    ran: list[tuple[int, int]] = []
    delivered: list[int] = []
    running = 0
    most_at_once = 0
    lock = threading.Lock()

    def write(n: int):  # noqa: ANN202
        def job(progress: Progress) -> int:
            nonlocal running, most_at_once
            with lock:
                running += 1
                most_at_once = max(most_at_once, running)
            time.sleep(0.002)  # give a second writer, if there were one, a chance to overlap
            ran.append((n, threading.get_ident()))
            with lock:
                running -= 1
            return n
        return job

    for n in range(20):
        runner.run(write(n), on_done=delivered.append, kind="write", name=f"write {n}")
    qtbot.waitUntil(lambda: len(delivered) == 20, timeout=WAIT_MS)
    assert [n for n, _ in ran] == list(range(20))
    assert delivered == list(range(20))
    assert len({ident for _, ident in ran}) == 1
    assert ran[0][1] != threading.get_ident()
    assert most_at_once == 1


def test_network_jobs_run_concurrently(qtbot, runner: TaskRunner) -> None:
    both_waiting = threading.Barrier(2, timeout=5)  # deadlocks (BrokenBarrierError) if serial
    results: list[str] = []
    errors: list[BaseException] = []

    def job(progress: Progress) -> str:
        both_waiting.wait()
        return "met"

    runner.run(job, on_done=results.append, on_error=errors.append, name="a")
    runner.run(job, on_done=results.append, on_error=errors.append, name="b")
    qtbot.waitUntil(lambda: len(results) + len(errors) == 2, timeout=WAIT_MS)
    assert errors == []
    assert results == ["met", "met"]


def test_status_bar_signals_and_active_tasks(qtbot, runner: TaskRunner) -> None:
    release = threading.Event()
    busy: list[bool] = []
    started: list[str] = []
    runner.busy_changed.connect(busy.append)
    runner.task_started.connect(started.append)

    first = runner.run(lambda progress: release.wait(5), on_done=None, name="first")
    second = runner.run(lambda progress: release.wait(5), on_done=None, kind="write",
                        name="second")
    assert started == ["first", "second"]
    assert runner.active_tasks() == [first, second]
    assert runner.busy and busy == [True]
    with qtbot.waitSignal(runner.busy_changed, timeout=WAIT_MS,
                          check_params_cb=lambda value: value is False):
        release.set()
    assert busy == [True, False]
    assert runner.active_tasks() == []
    assert first.finished and second.finished


# ---------------------------------------------------------------------------- cancelling

def test_cancel_stops_a_cooperative_job(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    results: list[int] = []

    def count_until_cancelled(progress: Progress) -> int:
        started.set()
        rounds = 0
        while not progress.cancelled:
            rounds += 1
            time.sleep(0.001)
        return rounds

    task = runner.run(count_until_cancelled, on_done=results.append, name="counting")
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: results != [], timeout=WAIT_MS)
    assert task.progress.cancelled and task.finished


def test_cancel_all_skips_queued_jobs_and_raising_cancelled_gets_no_callback(
        qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    calls: list[str] = []
    never_ran: list[str] = []

    def blocking(progress: Progress) -> None:
        started.set()
        while True:
            progress.raise_if_cancelled()
            time.sleep(0.001)

    def queued(progress: Progress) -> None:
        never_ran.append("ran")

    runner.run(blocking, on_done=lambda _: calls.append("done"),
               on_error=lambda _: calls.append("error"), kind="write")
    runner.run(queued, on_done=lambda _: calls.append("done"), kind="write")
    assert started.wait(5)
    runner.cancel_all()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    assert calls == [] and never_ran == []


# ---------------------------------------------------------------------------- progress

def test_progress_is_throttled_but_the_last_report_arrives(qtbot, any_runner: TaskRunner) -> None:
    reports: list[tuple[int, int, str]] = []
    signalled: list[tuple[str, int, int, str]] = []
    any_runner.task_progress.connect(lambda *args: signalled.append(args))
    finished: list[str] = []
    any_runner.task_finished.connect(finished.append)

    def chatty(progress: Progress) -> None:
        for n in range(1, 10_001):
            progress.report(n, 10_000, f"item {n}")

    any_runner.run(chatty, on_done=None, on_progress=lambda *a: reports.append(a),
                   name="chatty")
    qtbot.waitUntil(lambda: finished == ["chatty"], timeout=WAIT_MS)
    assert 1 <= len(reports) < 1_000
    assert reports[-1] == (10_000, 10_000, "item 10000")
    assert [d for d, _, _ in reports] == sorted(d for d, _, _ in reports)
    assert signalled == [("chatty", *r) for r in reports]


def test_a_held_back_report_is_delivered_when_the_job_returns() -> None:
    delivered: list[tuple[int, int, str]] = []
    progress = Progress(lambda *r: delivered.append(r), interval_s=3600)
    for n in range(1, 10):
        progress.report(n, 10)
    assert delivered == [(1, 10, "")]  # the first goes out, the rest wait for the interval
    progress.flush()
    assert delivered == [(1, 10, ""), (9, 10, "")]
    progress.flush()  # nothing new: nothing sent twice
    assert len(delivered) == 2
    assert progress.latest == (9, 10, "")
    progress.report(10, 10)  # the end is never held back
    assert delivered[-1] == (10, 10, "")


# ---------------------------------------------------------------------------- errors

def test_errors_go_to_on_error_on_the_gui_thread(qtbot, any_runner: TaskRunner) -> None:
    received: list[tuple[BaseException, bool]] = []
    failed: list[tuple[str, str]] = []
    any_runner.task_failed.connect(lambda *args: failed.append(args))

    def broken(progress: Progress) -> None:
        raise ValueError("no such feed")

    any_runner.run(broken, on_done=lambda _: pytest.fail("not done"),
                   on_error=lambda exc: received.append((exc, on_gui_thread())), kind="write")
    qtbot.waitUntil(lambda: received != [], timeout=WAIT_MS)
    exc, gui = received[0]
    assert isinstance(exc, ValueError) and str(exc) == "no such feed" and gui
    assert failed == []  # the caller handled it


def test_unhandled_errors_are_logged_and_signalled(qtbot, any_runner: TaskRunner,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    failed: list[tuple[str, str]] = []
    any_runner.task_failed.connect(lambda *args: failed.append(args))

    def bug(progress: Progress) -> None:
        raise ValueError("etag missing\nsecond line")

    def offline(progress: Progress) -> None:
        raise KnownError("You are offline: check the network connection.")

    with caplog.at_level(logging.WARNING, logger="attache.tasks"):
        any_runner.run(bug, on_done=None, name="Refresh")
        any_runner.run(offline, on_done=None, name="Refresh", kind="write")
        qtbot.waitUntil(lambda: len(failed) == 2, timeout=WAIT_MS)
    assert sorted(failed) == [
        ("Refresh", "Refresh failed: ValueError: etag missing"),
        ("Refresh", "You are offline: check the network connection."),
    ]
    bug_record = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert bug_record.exc_info is not None and bug_record.exc_info[0] is ValueError
    known_record = next(r for r in caplog.records if r.levelno == logging.WARNING)
    assert known_record.exc_info is None and "offline" in known_record.getMessage()


def test_failure_messages_are_one_short_line() -> None:
    assert failure_message("Export", RuntimeError()) == "Export failed: RuntimeError"
    long = failure_message("Export", KnownError("word " * 200))
    assert "\n" not in long and len(long) <= 300 and long.endswith("…")


# ---------------------------------------------------------------------------- shutdown

def test_shutdown_cancels_everything_and_leaves_no_running_thread(qtbot, qapp) -> None:
    before = qt_worker_threads() if Path("/proc/self/task").is_dir() else []
    runner = TaskRunner()
    running = threading.Barrier(3, timeout=5)  # two stubborn jobs and this test
    calls: list[object] = []

    def stubborn(progress: Progress) -> str:
        running.wait()
        while not progress.cancelled:
            time.sleep(0.001)
        return "stopped"

    runner.run(stubborn, on_done=calls.append, kind="write")
    runner.run(stubborn, on_done=calls.append, kind="network")
    runner.run(stubborn, on_done=calls.append, kind="write")  # queued behind the first
    running.wait()
    assert runner.shutdown(5)
    assert runner.active_tasks() == []
    assert runner._writer is not None and runner._writer.isFinished()
    assert runner._pool is not None and runner._pool.activeThreadCount() == 0
    if Path("/proc/self/task").is_dir():
        qtbot.waitUntil(lambda: sorted(qt_worker_threads()) == sorted(before), timeout=WAIT_MS)
    qtbot.wait(50)  # let any queued delivery through: a closed runner drops it
    assert calls == []
    with pytest.raises(RuntimeError):
        runner.run(stubborn, on_done=None)


def test_shutdown_of_an_unused_runner_starts_nothing(qapp) -> None:
    runner = TaskRunner()
    assert runner.shutdown(1)
    assert runner._writer is None
    assert runner.shutdown(1)  # twice is harmless


# ---------------------------------------------------------------------------- synchronous

def test_synchronous_mode_runs_in_the_calling_thread_in_order(qapp) -> None:
    runner = TaskRunner(synchronous=True)
    events: list[str] = []
    runner.task_started.connect(lambda name: events.append(f"started {name}"))
    runner.task_finished.connect(lambda name: events.append(f"finished {name}"))
    runner.busy_changed.connect(lambda busy: events.append(f"busy {busy}"))

    def job(progress: Progress) -> int:
        assert on_gui_thread()
        progress.report(1, 1)
        return threading.get_ident()

    for kind in ("network", "write"):
        task = runner.run(job, on_done=lambda ident: events.append(f"done {ident}"),
                          on_progress=lambda *r: events.append(f"progress {r}"),
                          kind=kind, name=kind)  # type: ignore[arg-type]
        assert task.finished
    me = threading.get_ident()
    assert events == [
        "started network", "busy True", "progress (1, 1, '')", f"done {me}",
        "finished network", "busy False",
        "started write", "busy True", "progress (1, 1, '')", f"done {me}",
        "finished write", "busy False",
    ]
    assert runner._pool is None and runner._writer is None


def test_synchronous_mode_cancel_and_cancelled(qapp) -> None:
    runner = TaskRunner(synchronous=True)
    calls: list[object] = []

    def gives_up(progress: Progress) -> None:
        raise Cancelled

    task = runner.run(gives_up, on_done=calls.append, on_error=calls.append)
    assert task.finished and calls == [] and not runner.busy


def test_run_refuses_other_threads_and_unknown_kinds(runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def from_a_thread() -> None:
        try:
            runner.run(lambda progress: None, on_done=None)
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=from_a_thread)
    thread.start()
    thread.join(5)
    assert len(errors) == 1
    with pytest.raises(ValueError):
        runner.run(lambda progress: None, on_done=None, kind="disk")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- PySide6 6.12.0

def test_emitting_signals_keeps_the_references_to_true() -> None:
    """PySide6 6.12.0's ``emit`` took a reference from ``True`` on every call, and Python 3.11
    then aborted ("bool_dealloc") after a few hundred emits; pyproject excludes that release.
    This fails if such a PySide6 is installed."""

    runner = TaskRunner(synchronous=True)
    before = sys.getrefcount(True)
    for _ in range(200):
        runner.task_finished.emit("x")
    assert before - sys.getrefcount(True) < 50
