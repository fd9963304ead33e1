"""QApplication set-up and the GUI entry point."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from core.errors import KnownError
from core.feeds.sources import list_sources
from core.storage.database import Database
from core.storage.migrate import ensure_schema

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def create_main_window(db: Database) -> MainWindow:
    """The window filled from the database (raises KnownError if it cannot be opened)."""
    from ui.main_window import MainWindow

    ensure_schema(db)
    window = MainWindow(db.describe())
    window.show_sources(list_sources(db))

    def add_starter_sources() -> None:
        from core.feeds.opml import import_opml
        from core.siteconfig import default_sources
        from resources import DEFAULT_SOURCES_OPML

        report = import_opml(db, default_sources() or DEFAULT_SOURCES_OPML)  # IT's list first
        window.show_sources(list_sources(db))
        window.statusBar().showMessage(
            f"Added {len(report.added)} starter sources; refresh with: attache refresh")

    window.starter_sources_requested.connect(add_starter_sources)
    return window


def run_gui(db_url: str) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Attaché")
    app.setOrganizationName("Attache")
    try:
        db = Database(db_url)
        window = create_main_window(db)
    except KnownError as exc:
        QMessageBox.critical(None, "Attaché cannot open its database", str(exc))
        return 1
    window.show()
    if os.environ.get("ATTACHE_EXIT_WHEN_SHOWN"):  # start-up benchmarks and smoke tests
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        db.dispose()
