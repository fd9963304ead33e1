"""Telegram comments and VK in the interface: a source that was read but carries a note (a
channel without comments, a page Attaché no longer fully understands) says so on the Sources
page without looking broken; VK is recognised, offered and named like the other platforms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import update

from core.feeds.sources import insert_source, list_sources
from core.social.telegram import NO_COMMENTS
from core.storage.database import Database
from core.storage.models import SOURCES
from desktop.context import AppContext
from desktop.source_actions import add_source_services
from ui.add_source_dialog import AddSourceDialog
from ui.models.sources_table import ERROR, KIND, STATUS, SourcesTableModel


def test_a_note_shows_next_to_an_ok_health(qtbot, db: Database) -> None:  # noqa: ANN001
    channel = insert_source(db, url="https://t.me/usembassytashkent", kind="telegram",
                            title="AQSh elchixonasi", category=None, own=True,
                            interval_minutes=60)
    with db.write() as conn:
        conn.execute(update(SOURCES).where(SOURCES.c.id == channel.id).values(
            status="ok", parse_warning=NO_COMMENTS))
    model = SourcesTableModel()
    model.set_sources(list_sources(db))
    row = model.row_of(channel.id)
    assert model.index(row, STATUS).data() == "OK"
    assert model.index(row, KIND).data() == "Telegram"
    assert model.index(row, ERROR).data() == f"Note: {NO_COMMENTS}"
    tooltip = model.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "OK, with a note" in tooltip and "no comments" in tooltip

    with db.write() as conn:  # an error wins over an older note
        conn.execute(update(SOURCES).where(SOURCES.c.id == channel.id).values(
            status="error", error="HTTP 503 Service Unavailable"))
    model.set_sources(list_sources(db))
    assert model.index(row, ERROR).data() == "HTTP 503 Service Unavailable"


def test_vk_is_recognised_offered_and_named(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    dialog = AddSourceDialog(add_source_services(ctx), ctx.window)
    qtbot.addWidget(dialog)
    assert "VK community or page" in [dialog.kind.itemText(n) for n in
                                      range(dialog.kind.count())]
    dialog.address.setText("vk.com/usembassytashkent")
    dialog.update_kind()
    assert dialog.kind.itemText(0) == "Recognise automatically — VK community or page"
    assert dialog.chosen_kind() == "vk"

    community = insert_source(ctx.db, url="https://vk.com/usembassytashkent", kind="vk",
                              title="Посольство", category=None, own=True,
                              interval_minutes=60, account_id="-219876543")
    model = SourcesTableModel()
    model.set_sources(list_sources(ctx.db))
    assert model.index(model.row_of(community.id), KIND).data() == "VK"
