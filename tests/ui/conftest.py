"""GUI fixtures: an AppContext around a bare main window, with a synchronous task runner.

A page built with ``ctx`` runs its background jobs at once in the test's thread, so tests
need no waiting: ``page = build(ctx)`` then assert.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator

from core.storage.database import Database
from desktop.context import AppContext, Bus
from desktop.i18n import install_translator, remove_translators
from desktop.page_monitor import monitor_data
from desktop.tasks import TaskRunner
from ui.main_window import MainWindow


@pytest.fixture
def ctx(qtbot, db: Database) -> AppContext:  # noqa: ANN001
    window = MainWindow(db.describe(), monitor_data(db))
    qtbot.addWidget(window)
    context = AppContext(db=db, runner=TaskRunner(window, synchronous=True), window=window,
                         bus=Bus(window))
    window.ctx = context  # type: ignore[attr-defined]
    return context


@pytest.fixture
def translators(qapp) -> Iterator[list[QTranslator]]:  # noqa: ANN001
    """Whatever a test installs is removed again: other tests expect English."""
    installed: list[QTranslator] = []
    yield installed
    remove_translators(qapp, installed)


@pytest.fixture(autouse=True)
def english(qapp, translators: list[QTranslator]) -> None:  # noqa: ANN001
    """The English file: plural forms ("1 like", "7 likes"), as the app installs it
    whatever the system's language (a test installing Russian puts it on top)."""
    translators += install_translator(qapp, "en")
