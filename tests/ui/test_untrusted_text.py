"""Feed titles, reply authors and error messages are shown as text, never as rich text.

Qt draws a tooltip or an AutoText label as HTML when ``Qt.mightBeRichText`` guesses so (a tag
on the first line): a hostile title could then load an image (a read receipt) or fake a link.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from sqlalchemy import update

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source, list_sources
from core.social.base import SocialReply
from core.social.replies import replies_by_ids, reply_ids, store_replies
from core.storage.database import Database
from core.storage.models import SOURCES
from desktop.context import AppContext
from ui.models.items_table import SOURCE
from ui.models.items_table import TITLE as ITEM_TITLE
from ui.models.replies_table import AUTHOR, POST, TEXT, RepliesTableModel
from ui.models.sources_table import ERROR, SourcesTableModel
from ui.models.sources_tree import SourcesTreeModel
from ui.widgets.plain import plain_label, plain_tooltip

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
TIP = Qt.ItemDataRole.ToolTipRole
HOSTILE = "<img src=x>T"


def shown_as(tooltip: str) -> str:
    """What Qt draws for a tooltip string: rich text made plain."""
    assert QtGui.Qt.mightBeRichText(tooltip)  # so Qt renders it as the escaped HTML it is
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def seed(db: Database) -> int:
    source = add_source(db, "https://e.test/feed", name="<b>Bold</b> feed", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry("g1", "https://e.test/1", HOSTILE, None,
                                                    NOW, None, "", "")], NOW)
        store_replies(conn, source.id, "mastodon", [SocialReply(
            "r1", "g1", None, "bob", "<b>x</b>", "<p>hi</p>", "hi", NOW)], NOW)
        conn.execute(update(SOURCES).where(SOURCES.c.id == source.id).values(
            status="error", error="<a href='https://evil.test'>click</a>"))
    return source.id


def test_plain_tooltip_escapes_and_keeps_lines(qtbot) -> None:  # noqa: ANN001
    tip = plain_tooltip("Bob <b>x</b>\nsecond & line")
    assert "&lt;b&gt;" in tip and "<br>" in tip
    assert shown_as(tip) == "Bob <b>x</b>\nsecond & line"
    assert plain_tooltip(None) == "" and plain_tooltip("") == ""
    label = plain_label("<b>x</b>")
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_item_and_source_titles_are_escaped(ctx: AppContext) -> None:
    seed(ctx.db)
    ctx.window.show_sources()
    model = ctx.window.monitor.model
    title = model.index(0, ITEM_TITLE).data(TIP)
    assert "&lt;img" in title and "<img" not in title
    assert shown_as(title) == HOSTILE
    assert shown_as(model.index(0, SOURCE).data(TIP)) == "<b>Bold</b> feed"
    tree = SourcesTreeModel()
    tree.set_sources(list_sources(ctx.db))
    source_tip = tree.index_for_key(("source", list_sources(ctx.db)[0]["id"])).data(TIP)
    assert "&lt;b&gt;Bold" in source_tip and "<b>Bold" not in source_tip
    table = SourcesTableModel()
    table.set_sources(list_sources(ctx.db))
    error_tip = table.index(0, ERROR).data(TIP)
    assert "&lt;a href" in error_tip and "<a href" not in error_tip


def test_reply_author_and_post_are_escaped(db: Database, qtbot) -> None:  # noqa: ANN001
    seed(db)
    model = RepliesTableModel(lambda **_order: reply_ids(db), lambda ids: replies_by_ids(db, ids))
    model.reload()
    author = model.index(0, AUTHOR).data(TIP)
    assert "&lt;b&gt;x" in author and shown_as(author) == "<b>x</b>"
    assert "&lt;img" in model.index(0, POST).data(TIP)
    assert "&lt;b&gt;x" in model.index(0, TEXT).data(TIP)  # the rich reply tooltip too


def test_needs_attention_tooltip_is_escaped(ctx: AppContext, db: Database) -> None:
    from desktop.page_listen import build

    page = build(ctx)
    page.show_summaries({"by": "day", "timeline": [], "breakdown": [], "attention": [
        {"key": 1, "name": HOSTILE, "negative_share": 0.5, "supported": 4,
         "reasons": ["50% of 4 analysed replies are negative"]}]})
    tip = page.attention.item(0).toolTip()
    assert "&lt;img" in tip and shown_as(tip).startswith(HOSTILE)


def test_dashboard_error_and_terms_are_plain(ctx: AppContext) -> None:
    from ui.dashboard import DashboardView

    view = DashboardView()
    view.show_error("<img src=x>")
    assert view.updated.textFormat() == Qt.TextFormat.PlainText
