"""The app's one place for background work (Anki's ``aqt/taskman.py`` is the model).

Widgets never start threads. They hand a job — a plain function of a ``Progress`` — to the
``TaskRunner`` and get its result, its error and its progress back as callbacks that always run
on the GUI thread, so callbacks may touch widgets and jobs must not:

* ``kind="network"`` jobs (fetching, anything that mostly waits) and ``kind="read"`` jobs (big
  queries: a page's data, a chart's series) share a QThreadPool of four;
* ``kind="write"`` jobs run one at a time, in submission order, on one dedicated writer QThread,
  so SQLite sees a single writer from the app and two writes never race for its lock.

Workers never call GUI code: they emit private signals of the runner, which lives in the GUI
thread, through queued connections; Qt then runs the slot in the GUI thread's event loop.
Progress reports are throttled per task (about 20 a second, the last one always delivered), so
a job reporting every item cannot flood the event loop. Cancellation is cooperative: a job
checks ``progress.cancelled`` (or calls ``progress.raise_if_cancelled()``).

``TaskRunner(synchronous=True)`` runs every job at once in the calling thread and calls the
callbacks directly, in the same order as the threaded runner; tests of code that uses the
runner then need no event loop nor waiting (Picard's ``FakeThreadPool``).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, QThreadPool, Signal, Slot

from core.errors import KnownError

log = logging.getLogger("attache.tasks")

T = TypeVar("T")
Kind = Literal["network", "read", "write"]

NETWORK_THREADS = 4
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress deliveries a second per task
MESSAGE_CHARS = 300  # a task_failed message is one line, short enough for a status bar


class Cancelled(Exception):  # noqa: N818 - it is not an error: the user asked for it
    """Raised by ``Progress.raise_if_cancelled``; a job ending this way gets no callback."""


class Progress:
    """What a job knows of the outside world: where to report, and whether to stop.

    Plain Python and thread-safe: the job calls ``report`` from its worker thread, the GUI
    calls ``cancel`` from its own.
    """

    def __init__(self, sink: Callable[[int, int, str], None] | None = None, *,
                 interval_s: float = PROGRESS_INTERVAL_S) -> None:
        self._sink = sink
        self._interval = interval_s
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._unsent = False
        self._sent_at = -float("inf")

    # ------------------------------------------------------------------ cancelling

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        """For core APIs that take an Event (``FeedRefresher.refresh(cancel=...)``)."""
        return self._cancel

    def cancel(self) -> None:
        self._cancel.set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    # ------------------------------------------------------------------ reporting

    @property
    def latest(self) -> tuple[int, int, str] | None:
        """The last (done, total, text) reported, delivered or not."""
        with self._lock:
            return self._latest

    def report(self, done: int, total: int, text: str = "") -> None:
        """Record progress; delivered now unless one was delivered less than 50 ms ago.

        ``done >= total`` (the end) is always delivered; so is the last report of a job
        (``flush`` runs when the job returns), so the GUI never shows a stale count.
        """
        now = time.monotonic()
        with self._lock:
            self._latest = (done, total, text)
            if done < total and now - self._sent_at < self._interval:
                self._unsent = True
                return
            self._unsent = False
            self._sent_at = now
            # Under the lock: two threads reporting for one task stay in order.
            if self._sink is not None:
                self._sink(done, total, text)

    def flush(self) -> None:
        """Deliver the last report if the throttle held it back."""
        with self._lock:
            if not self._unsent or self._latest is None:
                return
            self._unsent = False
            self._sent_at = time.monotonic()
            if self._sink is not None:
                self._sink(*self._latest)


@dataclass(eq=False)
class Task(Generic[T]):
    """A submitted job: its ``name`` for the status bar and its ``progress`` to cancel it."""

    name: str
    kind: Kind
    progress: Progress
    job: Callable[[Progress], T] = field(repr=False)
    on_done: Callable[[T], None] | None = field(default=None, repr=False)
    on_error: Callable[[BaseException], None] | None = field(default=None, repr=False)
    on_progress: Callable[[int, int, str], None] | None = field(default=None, repr=False)
    id: int = 0
    finished: bool = False

    def cancel(self) -> None:
        self.progress.cancel()


# How a job ended, carried from the worker thread to the GUI thread.
_DONE, _FAILED, _CANCELLED = "done", "failed", "cancelled"


def _execute(task: Task[Any]) -> tuple[str, Any]:
    """Run one job in whatever thread calls this; never raises."""
    if task.progress.cancelled:
        return _CANCELLED, None  # cancelled while queued: the job never starts
    try:
        result = task.job(task.progress)
    except Cancelled:
        outcome: tuple[str, Any] = (_CANCELLED, None)
    except BaseException as exc:  # noqa: BLE001 - every ending must reach the GUI thread
        outcome = (_FAILED, exc)
    else:
        outcome = (_DONE, result)
    task.progress.flush()
    return outcome


def failure_message(task_name: str, exc: BaseException) -> str:
    """One line for the status bar: a KnownError as it is, a bug as its type and first line."""
    if isinstance(exc, KnownError):
        text = str(exc)
    else:
        detail = str(exc).strip().splitlines()
        text = f"{task_name} failed: {type(exc).__name__}" + (f": {detail[0]}" if detail else "")
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS - 1] + "…"


class _WriterThread(QThread):
    """The one thread that runs write jobs, in the order they were submitted.

    A plain queue rather than an event loop in the thread: FIFO order is then obvious, and
    ``stop`` (a sentinel after everything queued) lets already cancelled jobs drain quickly.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("attache-writer")  # the OS thread name (ps -L, debuggers)
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()

    def submit(self, work: Callable[[], None]) -> None:
        self._jobs.put(work)

    def stop(self) -> None:
        self._jobs.put(None)

    def run(self) -> None:
        while (work := self._jobs.get()) is not None:
            work()


class TaskRunner(QObject):
    """Runs jobs off the GUI thread and brings their outcome back to it.

    Create it in the GUI thread and call ``run`` from there; call ``shutdown`` from the main
    window's ``closeEvent``.
    """

    task_started = Signal(str)
    task_progress = Signal(str, int, int, str)
    task_finished = Signal(str)
    task_failed = Signal(str, str)  # name, one-line message (only when the job had no on_error)
    busy_changed = Signal(bool)

    # Emitted from worker threads; queued to the runner's (the GUI) thread.
    _ended = Signal(object, str, object)
    _progressed = Signal(object, int, int, str)

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False,
                 network_threads: int = NETWORK_THREADS) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._ids = itertools.count(1)
        self._active: dict[int, Task[Any]] = {}
        self._closed = False
        self._pool: QThreadPool | None = None
        self._writer: _WriterThread | None = None
        if not synchronous:
            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(network_threads)
            # Explicitly queued: the slots must run in the GUI thread even if a job were ever
            # run in the GUI thread itself (AutoConnection would then call them re-entrantly).
            self._ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)
            self._progressed.connect(self._on_progressed, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------------ submitting

    def run(self, job: Callable[[Progress], T], *,
            on_done: Callable[[T], None] | None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None,
            kind: Kind = "network", name: str = "") -> Task[T]:
        """Start ``job(progress)`` in the background; callbacks run on the GUI thread.

        A job that returns (even after a cancel) gets ``on_done(result)``; one that raises
        gets ``on_error(exc)``, or is logged and announced by ``task_failed`` when there is no
        ``on_error``; one cancelled before it starts, or that raises ``Cancelled``, gets
        neither. Every task ends with ``task_finished``.
        """
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        if kind not in ("network", "read", "write"):
            raise ValueError(f"unknown task kind {kind!r}")
        if not self.synchronous and QThread.currentThread() != self.thread():
            raise RuntimeError("TaskRunner.run must be called from the thread it lives in")
        task: Task[T] = Task(name or getattr(job, "__name__", "task"), kind, Progress(), job,
                             on_done, on_error, on_progress, next(self._ids))
        task.progress._sink = self._progress_sink(task)
        self._active[task.id] = task
        self.task_started.emit(task.name)
        if len(self._active) == 1:
            self.busy_changed.emit(True)

        if self.synchronous:
            state, value = _execute(task)
            self._finish(task, state, value)
        elif kind == "write":
            self._writer_thread().submit(lambda: self._ended.emit(task, *_execute(task)))
        else:
            assert self._pool is not None
            self._pool.start(lambda: self._ended.emit(task, *_execute(task)))
        return task

    def _progress_sink(self, task: Task[Any]) -> Callable[[int, int, str], None]:
        if self.synchronous:
            return lambda done, total, text: self._deliver_progress(task, done, total, text)
        return lambda done, total, text: self._progressed.emit(task, done, total, text)

    def _writer_thread(self) -> _WriterThread:
        # Started on first use: a window that never writes in the background has no thread.
        if self._writer is None:
            self._writer = _WriterThread(self)
            self._writer.start()
        return self._writer

    # ------------------------------------------------------------------ state

    def active_tasks(self) -> list[Task[Any]]:
        """Tasks submitted and not finished, oldest first."""
        return list(self._active.values())

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def cancel_all(self) -> None:
        for task in list(self._active.values()):
            task.cancel()

    def shutdown(self, timeout_s: float = 5.0) -> bool:
        """Cancel everything and wait for the threads; True if they all stopped in time.

        Callbacks of jobs still finishing are dropped: the window they would update is
        closing. A job that ignores ``cancelled`` for longer than the timeout keeps its
        thread; that is logged (Qt offers no safe way to stop it).
        """
        if self._closed:
            return True
        self._closed = True
        self.cancel_all()
        deadline = time.monotonic() + max(0.0, timeout_s)
        stopped = True
        if self._writer is not None:
            self._writer.stop()
            stopped = self._writer.wait(_ms_left(deadline)) and stopped
        if self._pool is not None:
            stopped = self._pool.waitForDone(_ms_left(deadline)) and stopped
        if not stopped:
            log.warning("background work did not stop within %.1f s: %s", timeout_s,
                        ", ".join(t.name for t in self._active.values()) or "(unknown)")
        self._active.clear()
        return stopped

    # ------------------------------------------------------------------ GUI-thread side

    @Slot(object, int, int, str)
    def _on_progressed(self, task: Task[Any], done: int, total: int, text: str) -> None:
        if not self._closed and not task.finished:
            self._deliver_progress(task, done, total, text)

    @Slot(object, str, object)
    def _on_ended(self, task: Task[Any], state: str, value: Any) -> None:
        if not self._closed:
            self._finish(task, state, value)

    def _deliver_progress(self, task: Task[Any], done: int, total: int, text: str) -> None:
        self.task_progress.emit(task.name, done, total, text)
        if task.on_progress is not None:
            task.on_progress(done, total, text)

    def _finish(self, task: Task[Any], state: str, value: Any) -> None:
        # A callback that raises is a GUI bug: it propagates (to sys.excepthook, the crash
        # handler, in the app; to the test in synchronous mode), the bookkeeping still ends.
        task.finished = True
        try:
            if state == _DONE:
                if task.on_done is not None:
                    task.on_done(value)
            elif state == _FAILED:
                self._failed(task, value)
        finally:
            self._active.pop(task.id, None)
            self.task_finished.emit(task.name)
            if not self._active:
                self.busy_changed.emit(False)

    def _failed(self, task: Task[Any], exc: BaseException) -> None:
        if task.on_error is not None:
            task.on_error(exc)
            return
        if isinstance(exc, KnownError):  # the user can act on it: a message, no traceback
            log.warning("%s: %s", task.name, exc)
        else:
            log.error("task %s failed", task.name, exc_info=(type(exc), exc, exc.__traceback__))
        self.task_failed.emit(task.name, failure_message(task.name, exc))


def _ms_left(deadline: float) -> int:
    return max(0, int((deadline - time.monotonic()) * 1000))


__all__ = ["Cancelled", "Progress", "Task", "TaskRunner", "failure_message"]
