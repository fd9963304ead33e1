"""The Monitor page: wires ui.monitor to core (sources, items, search, filters, read/star
marks), the source tree's context menu, and File → Add source… / Import OPML… / Export OPML…
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core.feeds.sources import list_sources
from core.storage.database import Database
from ui.widgets.counts import counts

translate = QCoreApplication.translate  # lupdate files these under their context

if TYPE_CHECKING:
    from desktop.context import AppContext
    from ui.monitor import MonitorData


def watch_terms(db: Database) -> list[dict]:
    """The terms with how many feed items (what the Monitor lists) and replies mention each."""
    from core import watch

    counts = watch.term_counts(db)
    return [{**term, "items": counts.get(term["id"], {}).get("items", 0),
             "replies": counts.get(term["id"], {}).get("replies", 0)}
            for term in watch.list_terms(db)]


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
        terms=lambda: watch_terms(db),
        summary_note=lambda item_id, note: items.mark_items(db, [item_id], "summary",
                                                            note=note),
    )


def connect(ctx: AppContext) -> None:
    """Links, the starter sources and change notifications for the Monitor the window owns."""
    from PySide6.QtGui import QKeySequence

    from desktop import source_actions
    from desktop.links import open_external

    window = ctx.window
    window.monitor.open_link.connect(open_external)
    window.monitor.set_source_actions(source_actions.source_actions(ctx))

    # File menu: the source entries go above "Refresh sources", where officers look first.
    file_menu = window.menus["file"]
    entries = [
        window.add_action("file", translate("MainWindow", "&Add source…"),
                          QKeySequence("Ctrl+Shift+N"),
                          lambda: source_actions.open_add_source(ctx)),
        window.add_action("file", translate("MainWindow", "&Import OPML…"), None,
                          lambda: source_actions.import_opml_file(ctx)),
        window.add_action("file", translate("MainWindow", "&Export OPML…"), None,
                          lambda: source_actions.export_opml_file(ctx)),
    ]
    first = file_menu.actions()[0] if file_menu.actions() else None
    for action in entries:
        file_menu.removeAction(action)
        file_menu.insertAction(first, action)
    file_menu.insertSeparator(first)
    window.add_source_action, window.import_opml_action, window.export_opml_action = entries

    def add_starter_sources() -> None:
        """Add them, then fetch them at once with the refresh's progress (no "press F5")."""

        def added(ids: list[int]) -> None:
            ctx.bus.sources_changed.emit()
            # Said before the fetch starts: its own "Refreshed …" replaces it when it ends.
            window.statusBar().showMessage(translate(
                "MainWindow", "Added {0}; fetching them").format(
                counts().starter_sources(len(ids))))
            refresher = getattr(window, "refresher", None)
            if refresher is not None:
                refresher.fetch_soon(ids)

        ctx.runner.run(lambda _progress: source_actions.add_starter_sources(ctx),
                       on_done=added, kind="write", name="Starter sources")

    window.starter_sources_requested.connect(add_starter_sources)
    # Read in the background (unread counts over 100k items are not free); a newer request
    # wins over an older one still running.
    generation = [0]

    def reload_sources() -> None:
        generation[0] += 1
        mine = generation[0]
        ctx.runner.run(lambda _progress: list_sources(ctx.db),
                       on_done=lambda rows: window.show_sources(rows)
                       if mine == generation[0] else None,
                       kind="read", name="Loading sources")

    ctx.bus.sources_changed.connect(reload_sources)
    ctx.bus.items_changed.connect(window.monitor.refresh_items)
