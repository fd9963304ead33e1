"""QApplication set-up and the GUI entry point."""

from __future__ import annotations

import sys

from core.errors import KnownError
from core.feeds.sources import list_sources
from core.storage.database import Database
from core.storage.migrate import ensure_schema


def run_gui(db_url: str) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Attaché")
    app.setOrganizationName("Attache")
    try:
        db = Database(db_url)
        ensure_schema(db)
        rows = list_sources(db)
    except KnownError as exc:
        QMessageBox.critical(None, "Attaché cannot open its database", str(exc))
        return 1
    window = MainWindow(db.describe())
    window.show_sources(rows)
    window.show()
    return app.exec()
