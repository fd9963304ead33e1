"""What every page of the desktop app is given: the database, the task runner, the window,
the settings, and a bus of "something changed" signals so one page's edit refreshes the others.

Pages are built by ``desktop/page_<name>.py`` modules, each with ``build(ctx) -> QWidget``.
A page keeps SQL and HTTP out of ``ui/`` by handing its widgets plain callables over core.
"""

from __future__ import annotations

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


class Bus(QObject):
    """Change notifications, always emitted on the GUI thread (from task callbacks)."""

    sources_changed = Signal()
    items_changed = Signal()
    posts_changed = Signal()
    replies_changed = Signal()
    settings_changed = Signal()


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
