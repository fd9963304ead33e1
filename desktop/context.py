"""What every page of the desktop app is given: the database, the task runner, the window,
and a bus of "something changed" signals so one page's edit refreshes the others.

Pages are built by ``desktop/page_<name>.py`` modules, each with ``build(ctx) -> QWidget``.
A page keeps SQL and HTTP out of ``ui/`` by handing its widgets plain callables over core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from core.storage.database import Database

if TYPE_CHECKING:
    from desktop.tasks import TaskRunner
    from ui.main_window import MainWindow


class Bus(QObject):
    """Change notifications, always emitted on the GUI thread (from task callbacks)."""

    sources_changed = Signal()
    items_changed = Signal()
    posts_changed = Signal()
    replies_changed = Signal()
    settings_changed = Signal()


@dataclass
class AppContext:
    db: Database
    runner: TaskRunner
    window: MainWindow
    bus: Bus
