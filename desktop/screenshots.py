"""``attache screenshots DIR``: render the app's views offscreen to PNG files.

For the README, for reviewers, and for CI proving that a bundle can draw its windows.
Grows with the views (Monitor, Calendar, Listen, Dashboard) as they land.
"""

from __future__ import annotations

import os
from pathlib import Path

from core.storage.database import Database


def take_screenshots(db: Database, folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window

    app = QApplication.instance() or QApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    window = create_main_window(db)
    window.resize(1200, 760)
    window.show()
    app.processEvents()
    written = []
    target = folder / "main-window.png"
    if not window.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    written.append(target)
    window.close()
    return written
