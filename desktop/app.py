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
    connect_refresh(window, db)
    return window


def connect_refresh(window: MainWindow, db: Database) -> None:
    """F5 / File → Refresh: every due source, in the background, with progress and cancel."""
    from core.feeds.fetch import Fetcher
    from core.feeds.parsepool import ParsePool
    from core.feeds.refresh import FeedRefresher
    from core.sentiment.scoring import Scorer
    from core.settings import Settings
    from desktop.tasks import TaskRunner

    runner = TaskRunner(window)
    window.runner = runner
    state: dict = {}

    def job(progress):  # noqa: ANN001, ANN202 - runs on the writer thread
        settings = Settings.load()
        if "pool" not in state:  # parser processes live as long as the window
            state["pool"] = ParsePool(settings.parse_processes or None)
        fetcher = Fetcher.from_settings(settings)
        failed = 0

        def on_result(result, done: int, total: int) -> None:  # noqa: ANN001
            nonlocal failed
            failed += result.failed
            errors = f" — {failed} errors" if failed else ""
            progress.report(done, total, f"Refreshing {done}/{total}{errors}")

        refresher = FeedRefresher(db, fetcher, workers=settings.workers,
                                  per_host=settings.per_host, parse_pool=state["pool"],
                                  scorer=Scorer.from_settings(settings))
        try:
            return refresher.refresh(on_result=on_result, cancel=progress.cancel_event)
        finally:
            fetcher.close()

    def done(results) -> None:  # noqa: ANN001
        new = sum(r.new_items for r in results)
        failed = sum(r.failed for r in results)
        window.show_sources()
        window.monitor.reload_items()
        window.hide_task(f"Refreshed {len(results)} sources: {new} new items"
                         + (f", {failed} failed" if failed else ""))

    def failed(error: BaseException) -> None:
        window.hide_task(f"Refresh failed: {error}")

    def start() -> None:
        window.show_task("Refreshing…")
        state["task"] = runner.run(job, on_done=done, on_error=failed, kind="write",
                                   name="Refresh",
                                   on_progress=lambda d, t, text: window.show_task(text, d, t))

    def cancel() -> None:
        if state.get("task") is not None:
            state["task"].progress.cancel()

    def shut_down() -> None:
        runner.shutdown(10.0)
        if "pool" in state:
            state["pool"].close()

    # A refresh cancelled before it began gets no callback: the bar still has to go.
    runner.task_finished.connect(lambda name: window.hide_task() if name == "Refresh" else None)
    window.refresh_requested.connect(start)
    window.cancel_requested.connect(cancel)
    window.closing.connect(shut_down)


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
