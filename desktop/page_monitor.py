"""The Monitor page: wires ui.monitor to core (sources, items, search, read/star marks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.feeds.sources import list_sources
from core.storage.database import Database

if TYPE_CHECKING:
    from desktop.context import AppContext
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


def connect(ctx: AppContext) -> None:
    """Links, the starter sources and change notifications for the Monitor the window owns."""
    from PySide6.QtGui import QDesktopServices

    window = ctx.window
    window.monitor.open_link.connect(QDesktopServices.openUrl)

    def add_starter_sources() -> None:
        from core.feeds.opml import import_opml
        from core.siteconfig import default_sources
        from resources import DEFAULT_SOURCES_OPML

        report = import_opml(ctx.db, default_sources() or DEFAULT_SOURCES_OPML)  # IT's first
        ctx.bus.sources_changed.emit()
        window.statusBar().showMessage(window.tr(
            "Added {0} starter sources; press F5 to fetch them").format(len(report.added)))

    window.starter_sources_requested.connect(add_starter_sources)
    ctx.bus.sources_changed.connect(window.show_sources)
    ctx.bus.items_changed.connect(window.monitor.reload_items)
