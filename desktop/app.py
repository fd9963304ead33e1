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
    from ui.monitor import MonitorData


def monitor_data(db: Database) -> MonitorData:
    """The Monitor's window onto core: plain callables, so ui/ never sees SQL."""
    from core.feeds import items
    from ui.monitor import MonitorData

    return MonitorData(
        sources=lambda: list_sources(db),
        item_ids=lambda **filters: items.item_ids(db, **filters),
        item_rows=lambda ids: items.items_by_ids(db, ids),
        item_content=lambda item_id: items.item_content(db, item_id),
        mark=lambda item_id, mark: items.mark_items(db, [item_id], mark),
    )


def create_main_window(db: Database) -> MainWindow:
    """The window filled from the database (raises KnownError if it cannot be opened)."""
    from PySide6.QtGui import QDesktopServices

    from ui.main_window import MainWindow

    ensure_schema(db)
    window = MainWindow(db.describe(), monitor_data(db))
    window.monitor.open_link.connect(QDesktopServices.openUrl)
    window.show_sources()

    def add_starter_sources() -> None:
        from core.feeds.opml import import_opml
        from core.siteconfig import default_sources
        from resources import DEFAULT_SOURCES_OPML

        report = import_opml(db, default_sources() or DEFAULT_SOURCES_OPML)  # IT's list first
        window.show_sources()
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
