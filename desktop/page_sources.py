"""The Sources page: every source with its health, schedule and counts.

Wires ``ui.sources_page`` to core; the source commands it shares with the Monitor's tree and
the File menu live in ``desktop/source_actions.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from core.feeds import sources
from desktop.source_actions import add_source_services, source_actions

if TYPE_CHECKING:
    from desktop.context import AppContext
    from ui.sources_page import SourcesPage


def build(ctx: AppContext) -> SourcesPage:
    from ui.sources_page import SourcesPage

    page = SourcesPage(lambda: sources.list_sources(ctx.db), source_actions(ctx),
                       runner=ctx.runner)
    ctx.bus.sources_changed.connect(lambda: page.reload() if page.isVisible() else None)
    return page


def screenshot_extras(ctx: AppContext) -> dict[str, QWidget]:
    """The add-source dialog (empty, as the officer first sees it) and the edit dialog."""
    from ui.add_source_dialog import AddSourceDialog
    from ui.source_edit_dialog import SourceEditDialog

    extras: dict[str, QWidget] = {}
    dialog = AddSourceDialog(add_source_services(ctx), ctx.window)
    dialog.address.setText("@usembassy@mastodon.social")
    dialog.update_kind()  # show the recognised kind without waiting
    extras["add-source"] = dialog
    rows = sources.list_sources(ctx.db)
    if rows:
        extras["edit-source"] = SourceEditDialog(rows[0], sources.categories(ctx.db),
                                                 ctx.window)
    return extras
