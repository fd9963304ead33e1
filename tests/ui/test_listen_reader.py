"""The Listen reading pane: the whole reply, who/where/when, likes, its link and its thread;
J/K move through the replies and the pane follows; emoji-only replies keep their emoji."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QUrl

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.sources import add_source
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage.database import Database
from desktop.context import AppContext
from desktop.page_listen import build
from ui.models.replies_table import TEXT

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LONG = ("The application form asks for a transcript, but my university only issues them in "
        "Uzbek. Do I need a certified translation, and can the translator be anyone licensed "
        "in Tashkent, or must it be one from the embassy's list? Thank you for the answer.")
POST_TEXT = ("Fulbright 2027–2028 applications are open until 15 February. Master's and PhD "
             "candidates from every region may apply; the information session is in Nukus.")


@pytest.fixture
def thread(db: Database) -> None:
    source = add_source(db, "https://mastodon.example/@embassy", own=True)
    with db.write() as conn:
        store_entries(conn, source.id, [ParsedEntry(
            "p1", "https://mastodon.example/@embassy/1", "Fulbright applications are open",
            None, NOW, None, f"<p>{POST_TEXT}</p>", POST_TEXT)], NOW)
        store_replies(conn, source.id, "mastodon", [
            SocialReply("r1", "p1", None, "aziz", "Aziz Karimov", f"<p>{LONG}</p>", LONG,
                        NOW + timedelta(hours=1), likes=7,
                        url="https://mastodon.example/@aziz/11"),
            SocialReply("r2", "p1", "r1", "embassy", "U.S. Embassy", "<p>Any licensed "
                        "translator will do.</p>", "Any licensed translator will do.",
                        NOW + timedelta(hours=2), url="javascript:alert(1)"),
            SocialReply("r4", "p1", "r1", "embassy", "U.S. Embassy", "<p>A licensed "
                        "translator, yes.</p>", "A licensed translator, yes.",
                        NOW + timedelta(hours=4), own=True),
            SocialReply("r3", "p1", None, "madina", None, "<p>🔥🎉</p>", "🔥🎉",
                        NOW + timedelta(hours=3)),
        ], NOW)


def page_for(ctx: AppContext):  # noqa: ANN201
    page = build(ctx)
    ctx.window.add_page("listen", "Listen", page)
    ctx.window.show_page("listen")
    page.activated()
    return page


def select(page, text: str) -> int:  # noqa: ANN001
    model = page.model
    row = next(r for r in range(model.rowCount())
               if model.index(r, TEXT).data() == " ".join(text.split())[:300])
    page.table.setCurrentIndex(model.index(row, TEXT))
    return row


def test_pane_shows_the_whole_reply_with_author_platform_time_likes_and_post(
        ctx: AppContext, thread: None, english: None) -> None:
    page = page_for(ctx)
    assert page.reader.reply_id is None  # nothing selected: the pane says how to pick one
    assert "J and K" in page.reader.toPlainText()
    select(page, LONG)
    shown = page.reader.toPlainText()
    assert LONG in " ".join(shown.split())  # the whole reply, not an excerpt
    assert "Aziz Karimov" in shown and "@aziz" in shown
    assert "Mastodon" in shown and "7 likes" in shown
    assert "December 2026" in shown
    assert "Fulbright 2027–2028 applications are open" in shown  # the post's first lines
    assert "In reply to" not in shown  # it answers the post itself
    assert "https://mastodon.example/@aziz/11" in page.reader.toHtml()


def test_nested_reply_shows_its_parent_and_unsafe_links_are_not_offered(
        ctx: AppContext, thread: None, qtbot) -> None:  # noqa: ANN001
    page = page_for(ctx)
    select(page, "Any licensed translator will do.")
    shown = " ".join(page.reader.toPlainText().split())
    assert "In reply to Aziz Karimov" in shown
    assert LONG[:120] in shown  # the parent reply, in part
    assert "javascript:" not in page.reader.toHtml()  # its own link is not openable
    opened: list[QUrl] = []
    page.open_link.connect(opened.append)
    page.reader.anchorClicked.emit(QUrl("javascript:alert(1)"))
    page.reader.anchorClicked.emit(QUrl("https://mastodon.example/@embassy/1"))
    assert [u.toString() for u in opened] == ["https://mastodon.example/@embassy/1"]


def test_j_and_k_move_and_the_pane_follows(ctx: AppContext, thread: None, qtbot) -> None:  # noqa: ANN001
    page = page_for(ctx)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_J)
    first = page.reader.reply_id
    assert first == page.model.reply_id(0)
    qtbot.keyClick(page.table, Qt.Key.Key_J)
    assert page.reader.reply_id == page.model.reply_id(1) != first
    qtbot.keyClick(page.table, Qt.Key.Key_K)
    assert page.reader.reply_id == first
    assert page.table.currentIndex().row() == 0


def test_the_embassys_own_answer_is_shown_marked_in_the_thread_not_counted(
        ctx: AppContext, thread: None, english: None) -> None:
    """r4 is the embassy answering Aziz in Mastodon's app: under his reply, with a badge;
    never a row of the table, never in its count; Aziz counts as answered."""
    page = page_for(ctx)
    texts = [page.model.index(r, TEXT).data() for r in range(page.model.rowCount())]
    assert "A licensed translator, yes." not in texts and len(texts) == 3
    assert "3 replies" in page.counts.text().replace("<b>", "").replace("</b>", "")
    select(page, LONG)
    shown = " ".join(page.reader.toPlainText().split())
    assert "The embassy answered Embassy U.S. Embassy" in shown
    assert "A licensed translator, yes." in shown
    assert "Already answered on Mastodon, outside Attaché." in page.answer_box.status.text()
    select(page, "🔥🎉")
    assert "The embassy answered" not in page.reader.toPlainText()


def test_emoji_only_reply_shows_its_emoji_in_table_and_pane(ctx: AppContext,
                                                             thread: None) -> None:
    page = page_for(ctx)
    row = select(page, "🔥🎉")
    assert page.model.index(row, TEXT).data() == "🔥🎉"
    assert "🔥🎉" in page.reader.toPlainText()


def test_relabel_updates_the_pane(ctx: AppContext, thread: None, qtbot) -> None:  # noqa: ANN001
    page = page_for(ctx)
    select(page, LONG)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    assert "negative (labelled by hand)" in page.reader.toPlainText()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_reply_column_gets_the_width_on_a_laptop(ctx: AppContext, thread: None, qapp,  # noqa: ANN001
                                                 translators: list, language: str) -> None:
    from desktop.i18n import install_translator
    from ui.models.replies_table import DATE, LANGUAGE, POLARITY

    translators += install_translator(qapp, language)
    page = build(ctx)
    page.resize(1100, 650)  # the page's share of a 1366×768 window
    page.show()
    page.activated()
    header = page.table.horizontalHeader()
    room = page.table.viewport().width()
    assert header.sectionSize(TEXT) >= 0.38 * room
    assert header.sectionSize(TEXT) > header.sectionSize(POLARITY) + header.sectionSize(LANGUAGE)
    stamp = page.model.index(0, DATE).data()
    assert page.table.fontMetrics().horizontalAdvance(stamp) <= header.sectionSize(DATE)


def test_navigation_fits_its_longest_title(ctx: AppContext) -> None:
    window = ctx.window
    window.add_page("x", "Мониторинг и планирование", lambda: None)
    nav = window.navigation
    assert nav.width() >= nav.fontMetrics().horizontalAdvance("Мониторинг и планирование")
