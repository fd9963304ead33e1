"""``attache screenshots DIR [--demo]``: render every page and dialog offscreen to PNG files.

For the README, for reviewers, and for CI proving that a bundle can draw its windows. A page
module may offer ``screenshot_extras(ctx) -> dict[str, QWidget]`` (the post editor, say);
each is shown, grabbed and closed.
"""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from core.storage.database import Database

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

SIZE = (1280, 800)


def take_screenshots(db: Database, folder: Path, *, open_first_item: bool = False) -> list[Path]:
    """Render every page and dialog to ``folder``; ``open_first_item`` shows the Monitor with
    its newest item in the reader (it is then marked read: for the demo database only)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from core.errors import KnownError
    from core.settings import Settings
    from desktop.app import create_main_window
    from desktop.i18n import install_translator, remove_translators

    app = QApplication.instance() or QApplication([])
    # The pictures show the interface the user chose (``interface_language``), as the app does.
    try:
        language = Settings.load().interface_language
    except KnownError:
        language = None
    translators = install_translator(app, language)
    try:
        return _grab_all(app, create_main_window(db), folder, open_first_item)
    finally:
        remove_translators(app, translators)  # a caller's QApplication stays as it was


def _grab_all(app: QApplication, window: MainWindow, folder: Path,
              open_first_item: bool) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []

    def save(widget, name: str) -> None:  # noqa: ANN001
        # Pages load in the background: wait for their jobs (bounded), then let layouts settle.
        deadline = time.monotonic() + 15
        while window.runner.busy and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(3):
            app.processEvents()
        target = folder / f"{name}.png"
        if not widget.grab().save(str(target)):
            raise OSError(f"could not write {target}")
        written.append(target)

    try:
        for key in window.page_keys:
            window.show_page(key)
            if key == "monitor" and open_first_item and window.monitor.model.rowCount():
                window.monitor.table.selectRow(0)
            save(window, key)
            try:
                module = importlib.import_module(f"desktop.page_{key}")
            except ImportError:
                continue
            extras = getattr(module, "screenshot_extras", None)
            for name, widget in (extras(window.ctx) if extras else {}).items():
                widget.show()
                save(widget, name)
                widget.close()
        from desktop.reports import screenshot_extras as report_extras
        from desktop.settings_dialog import screenshot_extras

        extras = {**screenshot_extras(window.ctx), **report_extras(window.ctx)}
        for name, widget in extras.items():
            widget.show()
            save(widget, name)
            widget.close()
        window.show_page("monitor")
        save(window, "main-window")  # the name CI and the README have always used
    finally:
        window.close()
    return written
