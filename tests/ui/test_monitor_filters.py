"""The Monitor's filters (starred, category, watch term, date range) on a real database,
and the tree's unread counts following what is read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.items import item_ids, list_items, mark_items
from core.feeds.sources import add_source
from core.watch import add_term
from desktop.context import AppContext
from ui.models.sources_tree import UNREAD

NOW = datetime.now(UTC).replace(microsecond=0)


def entry(guid: str, title: str, age: timedelta, text: str = "") -> ParsedEntry:
    return ParsedEntry(guid, f"https://e.test/{guid}", title, None, NOW - age, None,
                       f"<p>{text or title}</p>", text or title)


@pytest.fixture
def monitor(ctx: AppContext):  # noqa: ANN201
    db = ctx.db
    embassy = add_source(db, "https://e.test/embassy", name="Embassy News", category="Embassy")
    mfa = add_source(db, "https://e.test/mfa", name="МИД Узбекистана",
                     category="News / Uzbekistan")
    un = add_source(db, "https://e.test/un", name="UN News", category="News")
    with db.write() as conn:
        store_entries(conn, embassy.id, [
            entry("e1", "Fulbright 2027 competition opens", timedelta(seconds=5)),
            entry("e2", "Visa appointment update", timedelta(days=3)),
        ], NOW)
        store_entries(conn, mfa.id, [
            entry("m1", "Брифинг МИД", timedelta(days=20), "Стипендия Fulbright"),
            entry("m2", "Заявление МИД", timedelta(days=60)),
        ], NOW)
        store_entries(conn, un.id, [entry("u1", "UN News digest", timedelta(days=10))], NOW)
    add_term(db, "Fulbright")
    ctx.window.show_sources()
    view = ctx.window.monitor
    view.ids = {"embassy": embassy.id, "mfa": mfa.id, "un": un.id}
    return view


def shown_titles(view) -> list[str]:  # noqa: ANN001
    rows = view.data.item_rows([view.model.item_id(r) for r in range(view.model.rowCount())])
    return sorted(rows[i]["title"] for i in rows)


def test_starred_filter(monitor, ctx: AppContext) -> None:  # noqa: ANN001
    assert monitor.model.rowCount() == 5
    starred = next(i["id"] for i in list_items(ctx.db) if i["title"] == "UN News digest")
    mark_items(ctx.db, [starred], "star")
    monitor.filters.starred_only.setChecked(True)
    assert shown_titles(monitor) == ["UN News digest"]
    monitor.filters.starred_only.setChecked(False)
    assert monitor.model.rowCount() == 5


def test_selecting_a_category_folder_filters_by_it_and_nested_folders(monitor) -> None:  # noqa: ANN001
    assert monitor.select_key(("category", "News"))
    assert monitor.current_category() == "News"
    assert shown_titles(monitor) == ["UN News digest", "Брифинг МИД", "Заявление МИД"]
    assert monitor.select_key(("category", "News / Uzbekistan"))
    assert shown_titles(monitor) == ["Брифинг МИД", "Заявление МИД"]
    assert monitor.select_key(("all", None))
    assert monitor.model.rowCount() == 5


def test_watch_term_filter(monitor, english: None) -> None:  # noqa: ANN001
    monitor.refresh_terms()
    assert monitor.filters.term.isVisibleTo(monitor)  # shown because a term exists
    position = monitor.filters.term.findText("Fulbright (2 items)")
    assert position > 0
    monitor.filters.term.setCurrentIndex(position)
    assert shown_titles(monitor) == ["Fulbright 2027 competition opens", "Брифинг МИД"]
    monitor.select_key(("source", monitor.ids["mfa"]))  # filters combine
    assert shown_titles(monitor) == ["Брифинг МИД"]


def test_watch_term_count_is_the_count_of_the_list_it_filters(
        monitor, ctx: AppContext, english: None) -> None:  # noqa: ANN001
    """Replies mention terms too; the Monitor lists items, so its count is of items and the
    replies are named apart (the dropdown said 8 while the list showed 4)."""
    from core.social.base import SocialReply
    from core.social.replies import store_replies
    from core.watch import add_term

    own = add_source(ctx.db, "https://mastodon.example/@embassy", own=True)
    with ctx.db.write() as conn:
        store_entries(conn, own.id, [entry("p1", "Our post", timedelta(hours=1))], NOW)
        store_replies(conn, own.id, "mastodon", [
            SocialReply(f"r{n}", "p1", None, "u", None, "<p>Visa?</p>", "Visa appointment?",
                        NOW) for n in range(3)], NOW)
    add_term(ctx.db, "Visa")
    monitor.refresh_terms()
    position = monitor.filters.term.findData(next(t["id"] for t in monitor.data.terms()
                                          if t["term"] == "Visa"))
    assert monitor.filters.term.itemText(position) == "Visa (1 item)"
    assert "3 replies too" in monitor.filters.term.itemData(position, Qt.ItemDataRole.ToolTipRole)
    monitor.filters.term.setCurrentIndex(position)
    assert monitor.model.total() == 1 == len(shown_titles(monitor))


def test_date_range_filter(monitor) -> None:  # noqa: ANN001
    dates = monitor.filters.date_range
    dates.setCurrentIndex(dates.findData("today"))
    assert shown_titles(monitor) == ["Fulbright 2027 competition opens"]
    dates.setCurrentIndex(dates.findData("7"))
    assert shown_titles(monitor) == ["Fulbright 2027 competition opens",
                                     "Visa appointment update"]
    dates.setCurrentIndex(dates.findData("30"))
    assert monitor.model.rowCount() == 4
    dates.setCurrentIndex(dates.findData("custom"))
    assert monitor.filters.date_from.isVisibleTo(monitor)
    local = (NOW - timedelta(days=20)).astimezone()
    day = QDate(local.year, local.month, local.day)
    monitor.filters.date_from.setDate(day.addDays(-1))
    monitor.filters.date_to.setDate(day)  # "to" is inclusive: the whole day counts
    assert shown_titles(monitor) == ["Брифинг МИД"]
    dates.setCurrentIndex(dates.findData("any"))
    assert not monitor.filters.date_from.isVisibleTo(monitor)
    assert monitor.model.rowCount() == 5


def test_opening_an_item_marks_it_read_and_the_tree_counts_it(monitor,
                                                               ctx: AppContext) -> None:  # noqa: ANN001
    tree = monitor.sources.tree_model
    source = tree.index_for_key(("source", monitor.ids["embassy"]))
    folder = tree.index_for_key(("category", "Embassy"))
    assert source.siblingAtColumn(UNREAD).data() == "2"
    monitor.select_key(("source", monitor.ids["embassy"]))
    monitor.table.selectRow(0)  # opening marks read
    assert source.siblingAtColumn(UNREAD).data() == "1"
    assert folder.siblingAtColumn(UNREAD).data() == "1"
    assert tree.index_for_key(("all", None)).siblingAtColumn(UNREAD).data() == "4"
    ctx.window.show_sources()  # reload from the database: the same numbers
    assert tree.index_for_key(("source", monitor.ids["embassy"])).siblingAtColumn(
        UNREAD).data() == "1"
    assert tree.index_for_key(("all", None)).siblingAtColumn(UNREAD).data() == "4"
    assert monitor.current_source() == monitor.ids["embassy"]  # the selection survived
    monitor.toggle_read()  # M: unread again
    assert tree.index_for_key(("source", monitor.ids["embassy"])).siblingAtColumn(
        UNREAD).data() == "2"
    assert len(item_ids(ctx.db, unread=True)) == 5


def test_a_background_refresh_keeps_the_item_being_read(monitor,
                                                        ctx: AppContext) -> None:  # noqa: ANN001
    from desktop.page_monitor import connect

    connect(ctx)
    monitor.table.selectRow(1)
    reading = monitor.model.item_id(1)
    shown = monitor.reading.reader.toPlainText()
    assert shown
    monitor.toggle_read()  # M: the officer keeps it unread on purpose
    with ctx.db.write() as conn:  # a refresh brings a newer item: every row moves down
        store_entries(conn, monitor.ids["un"],
                      [entry("u2", "Breaking news", timedelta(seconds=1))], NOW)
    ctx.bus.items_changed.emit()
    assert monitor.model.total() == 6
    row = monitor.table.currentIndex().row()
    assert row == 2 and monitor.model.item_id(row) == reading
    assert [i.row() for i in monitor.table.selectionModel().selectedRows()] == [2]
    assert monitor.reading.reader.toPlainText() == shown
    assert reading in item_ids(ctx.db, unread=True)  # not marked read a second time
    # A filter change is the officer's own: it starts afresh, nothing selected.
    monitor.filters.starred_only.setChecked(True)
    assert not monitor.table.currentIndex().isValid()
    assert monitor.reading.reader.toPlainText() == ""


def test_a_refresh_clears_the_reader_only_when_the_item_is_gone(monitor,
                                                                ctx: AppContext) -> None:  # noqa: ANN001
    from core.feeds.sources import remove_source
    from desktop.page_monitor import connect

    connect(ctx)
    assert monitor.select_key(("category", "News"))
    monitor.table.selectRow(0)
    assert monitor.reading.reader.toPlainText()
    remove_source(ctx.db, monitor.ids["un"])
    ctx.bus.sources_changed.emit()  # the folder stays selected; its items are reloaded
    ctx.bus.items_changed.emit()
    assert monitor.current_category() == "News"
    assert shown_titles(monitor) == ["Брифинг МИД", "Заявление МИД"]
    assert not monitor.table.currentIndex().isValid()
    assert monitor.reading.reader.toPlainText() == ""
