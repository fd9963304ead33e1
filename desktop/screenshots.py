"""``attache screenshots DIR [--demo]``: render every page and dialog offscreen to PNG files.

For the README, for reviewers, and for CI proving that a bundle can draw its windows. A page
module may offer ``screenshot_extras(ctx) -> dict[str, QWidget]`` (the post editor, say);
each is shown, grabbed and closed; and ``screenshot_states(page)``, a generator putting the
page in its other views (the Calendar's week and agenda), yielding each picture's name.
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

SIZE = (1280, 800)  # the main window without --screen, as the README pictures have been


def screen_size(text: str) -> tuple[int, int]:
    """"1366x768" → (1366, 768); KnownError for anything else."""
    from core.errors import KnownError

    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not (sep and width.strip().isdigit() and height.strip().isdigit()):
        raise KnownError(f"--screen: expected WIDTHxHEIGHT such as 1366x768, not {text!r}")
    size = int(width), int(height)
    if min(size) < 320:
        raise KnownError(f"--screen: {text} is too small to show the app (320x320 at least)")
    return size


def take_screenshots(db: Database, folder: Path, *, open_first_item: bool = False,
                     screen: tuple[int, int] | None = None,
                     language: str | None = None) -> list[Path]:
    """Render every page and dialog to ``folder``; ``open_first_item`` shows the Monitor with
    its newest item in the reader (it is then marked read: for the demo database only).

    ``screen`` (width, height): everything opens as it would on a screen that size — the main
    window at its first-run size for it, dialogs fitted to it — so no picture is larger.
    ``language`` ("ru", "en"…): the interface language; None = the ``interface_language``
    setting, as the app does.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from core.errors import KnownError
    from core.settings import Settings
    from desktop.app import create_main_window
    from desktop.fonts import install_emoji_font
    from desktop.i18n import install_translator, remove_translators
    from ui.main_window import first_run_size
    from ui.widgets.screen_fit import ScreenFit, set_screen_override

    app = QApplication.instance() or QApplication([])
    install_emoji_font()
    fit = ScreenFit(app)
    if screen is not None:  # without --screen, sizes as they have always been
        set_screen_override(QSize(*screen))
        app.installEventFilter(fit)
    # The pictures show the interface the user chose (``interface_language``), as the app does.
    if language is None:
        try:
            language = Settings.load().interface_language
        except KnownError:
            language = None
    translators = install_translator(app, language)
    try:
        window = create_main_window(db)
        window.resize(first_run_size(window) if screen is not None else QSize(*SIZE))
        return _grab_all(app, window, folder, open_first_item)
    finally:
        # A caller's QApplication stays as it was.
        remove_translators(app, translators)
        app.removeEventFilter(fit)
        set_screen_override(None)


WINDOW_DIALOG_MODULES = ("desktop.settings_dialog", "desktop.help", "desktop.reports")


def window_extras(window: MainWindow) -> dict:
    """The dialogs that belong to no page (Settings, first run, About, shortcuts)."""
    found: dict = {}
    for name in WINDOW_DIALOG_MODULES:
        found.update(importlib.import_module(name).screenshot_extras(window.ctx))
    return found


def all_dialogs(window: MainWindow) -> dict:
    """Every dialog the screenshots show: the window's, then each page's (tests open them)."""
    found = window_extras(window)
    for key in window.page_keys:
        try:
            module = importlib.import_module(f"desktop.page_{key}")
        except ImportError:
            continue
        extras = getattr(module, "screenshot_extras", None)
        found.update(extras(window.ctx) if extras else {})
    return found


def _worth_reading(model) -> int:  # noqa: ANN001 - a RepliesTableModel
    """The newest reply that shows what the reading pane is for: one the embassy answered
    (its answer under it), else a reply to a reply, else a sentence or more with likes."""
    rows = [(row, model.record(row) or {}) for row in range(min(model.rowCount(), 200))]
    for wanted in (lambda r: r.get("answered_at") and len(r.get("text") or "") > 40,
                   lambda r: r.get("parent_id") and len(r.get("text") or "") > 60,
                   lambda r: r.get("likes") and len(r.get("text") or "") > 60):
        found = next((row for row, record in rows if wanted(record)), None)
        if found is not None:
            return found
    return 0


def _grab_all(app: QApplication, window: MainWindow, folder: Path,
              open_first_item: bool) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
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
            if open_first_item:  # the newest item in the reader, the newest reply in its pane
                shown = window.monitor if key == "monitor" else window.page(key)
                table, model = getattr(shown, "table", None), getattr(shown, "model", None)
                if key in ("monitor", "listen") and table is not None and model.rowCount():
                    row = _worth_reading(model) if key == "listen" else 0
                    table.selectRow(row)
                    table.scrollTo(model.index(row, 0),
                                   table.ScrollHint.PositionAtCenter)  # not cut at the edge
            save(window, key)
            try:
                module = importlib.import_module(f"desktop.page_{key}")
            except ImportError:
                continue
            # The page's other views (the Calendar's week and agenda): each state it is put
            # in is named by the generator, which puts the page back when it ends.
            states = getattr(module, "screenshot_states", None)
            for name in (states(window.page(key)) if states else ()):
                save(window, name)
            extras = getattr(module, "screenshot_extras", None)
            for name, widget in (extras(window.ctx) if extras else {}).items():
                widget.show()
                save(widget, name)
                widget.close()
        for name, widget in window_extras(window).items():
            widget.show()
            save(widget, name)
            widget.close()
        window.show_page("monitor")
        save(window, "main-window")  # the name CI and the README have always used
    finally:
        window.close()
    return written
