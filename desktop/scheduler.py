"""Background refresh while the app runs: every minute, fetch whatever sources are due.

Each source keeps its own interval and back-off in the database (core/net/schedule.py), so
the timer only asks "is anything due?"; a tick with nothing due costs one small query on the
writer thread and changes nothing on screen. A refresh the user started (F5) is never
doubled: the controller runs one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from desktop.notify import Notifier, refresh_news

if TYPE_CHECKING:
    from core.feeds.refresh import RefreshResult
    from core.settings import Settings
    from desktop.context import AppContext
    from desktop.refresh import RefreshController

TICK_MS = 60_000


class RefreshScheduler(QObject):
    def __init__(self, ctx: AppContext, refresher: RefreshController, notifier: Notifier,
                 settings: Callable[[], Settings], *, tick_ms: int = TICK_MS) -> None:
        super().__init__(ctx.window)
        self.refresher = refresher
        self.notifier = notifier
        self._settings = settings
        self._scheduled = False
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        refresher.finished_callbacks.append(self._finished)
        ctx.window.closing.connect(self.timer.stop)

    def start(self) -> None:
        self.timer.start()

    def tick(self) -> bool:
        """Start a quiet refresh of due sources; False when switched off or one is running."""
        if not self._settings().auto_refresh or self.refresher.running:
            return False
        self._scheduled = True  # before start(): a synchronous runner finishes inside it
        started = self.refresher.start(force=False, quiet=True)
        self._scheduled = self._scheduled and started
        return started

    def _finished(self, results: Sequence[RefreshResult]) -> None:
        scheduled, self._scheduled = self._scheduled, False
        if not scheduled:
            return  # the user pressed F5 and is looking at the window
        news = refresh_news(results)
        if news:
            self.notifier.notify(QCoreApplication.translate("Notifier", "Attaché"), news,
                                 enabled=self._settings().notifications)
