"""QApplication set-up and the GUI entry point."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import KnownError
from core.storage.database import Database
from core.storage.migrate import ensure_schema

if TYPE_CHECKING:
    from ui.main_window import MainWindow


PAGES = ("calendar", "listen", "dashboard", "sources")


def create_main_window(db: Database, *, build_pages: bool = True,
                       offline: bool = False) -> MainWindow:
    """The window with every page filled from the database (KnownError if it cannot open).

    ``build_pages=False`` leaves the pages to be built on first show (or by
    ``window.build_pages()``): the app shows its window first and builds the rest after.
    ``offline`` (the demo): nothing is fetched, neither by F5 nor in the background.
    """
    import importlib

    from PySide6.QtCore import QCoreApplication

    from core import paths
    from desktop.context import AppContext, Bus
    from desktop.help import install as install_help
    from desktop.notify import Notifier
    from desktop.page_monitor import connect as connect_monitor
    from desktop.page_monitor import monitor_data
    from desktop.publishing import PublishScheduler
    from desktop.refresh import RefreshController
    from desktop.reports import install as install_reports
    from desktop.scheduler import RefreshScheduler
    from desktop.settings_dialog import install as install_settings
    from desktop.tasks import TaskRunner
    from ui.main_window import MainWindow

    ensure_schema(db)
    window = MainWindow(db.describe(), monitor_data(db),
                        state_file=str(paths.config_dir() / "window.ini"))
    ctx = AppContext(db=db, runner=TaskRunner(window), window=window, bus=Bus(window))
    window.ctx = ctx
    window.runner = ctx.runner
    connect_monitor(ctx)
    install_settings(ctx)
    install_help(ctx)
    install_reports(ctx)
    window.refresher = RefreshController(ctx, offline=offline)
    window.notifier = Notifier(window)
    window.scheduler = RefreshScheduler(ctx, window.refresher, window.notifier,
                                        ctx.settings.current)
    window.publisher = PublishScheduler(ctx, window.notifier, offline=offline)
    translate = QCoreApplication.translate  # lupdate files these under MainWindow
    titles = {"calendar": translate("MainWindow", "Calendar"),
              "listen": translate("MainWindow", "Listen"),
              "dashboard": translate("MainWindow", "Dashboard"),
              "sources": translate("MainWindow", "Sources")}
    for key in PAGES:  # built when first shown: start-up pays for the Monitor only
        window.add_page(key, titles[key], lambda key=key: importlib.import_module(
            f"desktop.page_{key}").build(ctx))
    window.show_sources()
    window.restore_state()
    if build_pages:
        window.build_pages()
    return window


def after_show(window: MainWindow, then: Callable[[], None] | None = None, *,
               offline: bool = False) -> None:
    """What the app starts once its window has shown (the first turn of the event loop): the
    refresh timer (not ``offline``: the demo), today's automatic backup (a background job),
    the welcome on a first start, then the other pages (``finish_start``). None of it is
    needed to see and use the Monitor, so none of it delays the window."""
    from desktop.recovery import start_daily_backup
    from desktop.settings_dialog import maybe_first_run

    if not offline:
        window.scheduler.start()
        window.publisher.start()
    start_daily_backup(window.ctx)
    maybe_first_run(window.ctx)  # non-modal: the window stays usable behind it
    finish_start(window, then)


def finish_start(window: MainWindow, then: Callable[[], None] | None = None) -> None:
    """Build the other pages, one per turn of the event loop (the window answers clicks and
    keys between them instead of freezing for all of them at once), then move everything
    alive so far out of the garbage collector's way (``gc.freeze``). Without that, a full
    collection triggered by a worker thread mid-refresh walks every widget wrapper and module
    object while holding the GIL: 100+ ms frozen window (benchmarks/bench_ui_stall.py).
    ``then`` runs after the last page."""
    import gc

    from PySide6.QtCore import QTimer

    pending = list(window.page_keys)

    def next_page() -> None:
        if pending:
            window.page(pending.pop(0))  # already built (the page shown): returns at once
            QTimer.singleShot(0, next_page)
            return
        gc.freeze()
        gc.enable()  # desktop.main disables it for the start-up
        if then is not None:
            then()

    next_page()


def _mark_shown() -> None:
    mark = os.environ.get("ATTACHE_SHOWN_MARK")
    if mark:
        import time

        Path(mark).write_text(repr(time.monotonic()), encoding="utf-8")


def run_gui(db_url: str, log_path: Path | None = None, *, offline: bool = False) -> int:
    """The app on ``db_url``; ``offline`` for the demo (no fetching at all)."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from core.settings import Settings
    from desktop.crash import ExceptionHook, message_box
    from desktop.fonts import install_emoji_font
    from desktop.i18n import install_translator
    from resources import RESOURCES
    from ui.widgets.screen_fit import ScreenFit

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Attaché")
    app.setOrganizationName("Attache")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "attache.png")))
    install_emoji_font()
    app.installEventFilter(ScreenFit(app))  # no window opens larger than the screen
    try:
        language = Settings.load().interface_language
    except KnownError:
        language = None
    install_translator(app, language)
    window: MainWindow | None = None
    hook = ExceptionHook(log_path, message_box(lambda: window)).install()
    db: Database | None = None
    for attempt in (1, 2):  # a damaged database may be restored (with consent) and reopened
        try:
            db = Database(db_url)
            window = create_main_window(db, build_pages=False, offline=offline)
            break
        except KnownError as exc:
            if db is not None:
                db.dispose()  # nothing may hold the file that is moved aside
            from desktop.recovery import ask_with_dialog, offer_restore

            if attempt == 1 and offer_restore(db_url, exc, ask_with_dialog):
                continue
            QMessageBox.critical(None, QCoreApplication.translate(
                "MainWindow", "Attaché cannot open its database"), str(exc))
            hook.uninstall()
            return 1
    assert db is not None and window is not None
    window.show()
    # The Monitor is usable as soon as it shows; the rest starts in the next turns of the
    # event loop (after_show), the other pages (and their menu entries, Ctrl+N among them)
    # last. Start-up benchmarks and smoke tests quit at the first turn after the window shows
    # (ATTACHE_EXIT_WHEN_SHOWN=1), or with "all" once all of that has run; with
    # ATTACHE_SHOWN_MARK=FILE they first write the moment (time.monotonic()) to FILE, so a
    # benchmark times the start without the interpreter's exit.
    exit_when = os.environ.get("ATTACHE_EXIT_WHEN_SHOWN")
    if exit_when and exit_when != "all":
        QTimer.singleShot(0, lambda: (_mark_shown(), app.quit()))
    else:
        def then() -> None:
            _mark_shown()
            app.quit()

        QTimer.singleShot(0, lambda: after_show(window, then if exit_when else None,
                                                offline=offline))
    try:
        return app.exec()
    finally:
        if window.isVisible():  # quit without closing (the start-up benchmark): stop work
            window.close()
        hook.uninstall()
        db.dispose()
