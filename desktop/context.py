"""What every page of the desktop app is given: the database, the task runner, the window,
the settings, and a bus of "something changed" signals so one page's edit refreshes the others.

Pages are built by ``desktop/page_<name>.py`` modules, each with ``build(ctx) -> QWidget``.
A page keeps SQL and HTTP out of ``ui/`` by handing its widgets plain callables over core.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from core.storage.database import Database

if TYPE_CHECKING:
    from core.settings import Settings
    from desktop.tasks import TaskRunner
    from ui.main_window import MainWindow


log = logging.getLogger("attache.desktop")


class Bus(QObject):
    """Change notifications, emitted on the GUI thread (from task callbacks) — except
    ``database_busy``."""

    sources_changed = Signal()
    items_changed = Signal()
    posts_changed = Signal()
    replies_changed = Signal()
    settings_changed = Signal()
    # From the thread that writes: another process holds SQLite's write lock, so the write
    # waits and retries (core's BUSY_RETRYING), then "" when it goes ahead or gives up. Qt
    # queues it to receivers on the GUI thread, such as the window's status bar.
    database_busy = Signal(str)


def _load_settings() -> Settings:
    from core.settings import Settings

    return Settings.load()


class AppSettings(QObject):
    """The settings the app runs with: read once, shared by every page and job, read again
    when the Settings dialog saves (``bus.settings_changed``) — one object instead of each
    page reading ``settings.json`` itself. ``current()`` may be called from worker threads."""

    changed = Signal()

    def __init__(self, load: Callable[[], Settings] = _load_settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self._current: Settings | None = None
        self._lock = threading.Lock()

    def current(self) -> Settings:
        """The settings now (a KnownError from a broken file reaches the caller)."""
        with self._lock:
            if self._current is None:
                self._current = self._load()
            return self._current

    def or_defaults(self) -> Settings:
        """``current()``, or the defaults (and a line in the log) when the settings file
        cannot be read: for the pages and dialogs that must keep working meanwhile."""
        from core.errors import KnownError

        try:
            return self.current()
        except KnownError as exc:
            from core.settings import Settings

            log.warning("settings not read, using defaults: %s", exc)
            return Settings()

    def reload(self) -> None:
        """The file changed (Settings saved, first run): read it again on next use."""
        with self._lock:
            self._current = None
        self.changed.emit()


@dataclass
class AppContext:
    db: Database
    runner: TaskRunner
    window: MainWindow
    bus: Bus
    settings: AppSettings = field(default_factory=AppSettings)

    def __post_init__(self) -> None:
        # Connected first, so every page that reacts to settings_changed reads the new ones.
        self.bus.settings_changed.connect(self.settings.reload)
        self.bus.database_busy.connect(self.window.show_database_busy)
        self.db.busy_listeners.append(self._database_busy)
        # The database may outlive the window (tests, a restart): stop telling a gone bus.
        self.bus.destroyed.connect(lambda: self._forget_busy_listener())

    def _database_busy(self, message: str) -> None:
        """``db.busy_listeners``' entry, called on the writing thread: on to the window."""
        try:
            self.bus.database_busy.emit(message)
        except RuntimeError:  # the window and its bus are gone; the write itself goes on
            pass

    def _forget_busy_listener(self) -> None:
        if self._database_busy in self.db.busy_listeners:
            self.db.busy_listeners.remove(self._database_busy)
