"""ItemsTableModel: lazy rows over an id list, checked by QAbstractItemModelTester throughout."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.items import item_ids, items_by_ids, mark_items
from core.feeds.sources import add_source
from core.storage.database import Database
from ui.models.items_table import (
    BATCH,
    PAGE,
    PUBLISHED,
    SOURCE,
    STAR,
    TITLE,
    ItemsTableModel,
    RawRole,
    SortRole,
)

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
DISPLAY = Qt.ItemDataRole.DisplayRole
FONT = Qt.ItemDataRole.FontRole


class FakeCore:
    """1,000 items in memory; records every fetch_rows call."""

    def __init__(self, count: int = 1000) -> None:
        self.rows = {
            n: {"id": n, "source_id": 1, "source_title": "Embassy News", "title": f"Item {n}",
                "author": None, "published": NOW - timedelta(minutes=n),
                "sort_date": NOW - timedelta(minutes=n), "read": n % 3 == 0,
                "starred": n % 5 == 0, "url": f"https://e.test/{n}"}
            for n in range(1, count + 1)
        }
        self.row_calls: list[list[int]] = []
        self.id_calls: list[dict] = []

    def ids(self, **order: object) -> list[int]:
        self.id_calls.append(order)
        ids = sorted(self.rows)  # id 1 is the newest
        if order.get("order") == "title":
            ids.sort(key=lambda i: self.rows[i]["title"], reverse=bool(order["descending"]))
        return ids

    def fetch(self, ids: Sequence[int]) -> dict[int, dict]:
        self.row_calls.append(list(ids))
        return {i: dict(self.rows[i]) for i in ids if i in self.rows}


@pytest.fixture
def core() -> FakeCore:
    return FakeCore()


@pytest.fixture
def model(qtbot, core: FakeCore) -> ItemsTableModel:
    return ItemsTableModel(core.ids, core.fetch)


def model_tester(model: ItemsTableModel) -> QAbstractItemModelTester:
    checked = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    # By default the tester calls fetchMore itself from inside its modelReset/rowsInserted
    # handlers, which it connects before its own bookkeeping: the nested rowsAboutToBeInserted
    # then fails its "no change in flight" check for any model whose fetchMore inserts rows
    # (Qt 6.12 qabstractitemmodeltester.cpp). Views fetch from a timer, never nested; the
    # tests call fetchMore themselves, and the tester checks every insertion they cause.
    checked.setUseFetchMore(False)
    return checked


def test_rows_appear_in_batches_as_the_view_fetches_more(model: ItemsTableModel) -> None:
    checked = model_tester(model)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
    model.reload()
    assert model.total() == 1000
    assert model.rowCount() == BATCH == 200
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    model.fetchMore(QModelIndex())  # nothing left: a no-op, not an error
    assert model.rowCount() == 1000
    assert model.item_id(0) == 1 and model.item_id(999) == 1000 and model.item_id(1000) is None
    assert model.canFetchMore(model.index(0, 0)) is False  # a table: no children
    del checked


def test_rows_are_read_a_page_at_a_time_not_one_by_one(model: ItemsTableModel,
                                                       core: FakeCore) -> None:
    model.reload()
    model.fetchMore(QModelIndex())
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            model.data(model.index(row, column), DISPLAY)
    assert [len(call) for call in core.row_calls] == [PAGE, PAGE]
    assert core.row_calls[0] == list(range(1, 201))
    # Roles that need no row (the id, alignment, decoration) never hit fetch_rows.
    model.reload()
    core.row_calls.clear()
    assert model.data(model.index(5, TITLE), model.ItemIdRole) == 6
    assert model.data(model.index(5, TITLE), Qt.ItemDataRole.DecorationRole) is None
    assert core.row_calls == []
    # A row in the middle of a page brings its whole page.
    assert model.data(model.index(150, TITLE), DISPLAY) == "Item 151"
    assert core.row_calls == [list(range(1, 201))]


def test_the_row_cache_is_bounded_and_refills(core: FakeCore, qtbot) -> None:
    model = ItemsTableModel(core.ids, core.fetch, cache_rows=400)
    model.reload()
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    for row in range(0, 1000, 100):
        model.data(model.index(row, TITLE), DISPLAY)
    assert len(model._cache) <= 400
    calls = len(core.row_calls)
    assert calls == 5
    model.data(model.index(0, TITLE), DISPLAY)  # evicted long ago: one more page
    assert len(core.row_calls) == calls + 1


def test_unread_rows_are_bold_and_stars_show(model: ItemsTableModel) -> None:
    checked = model_tester(model)
    model.reload()
    unread, read = model.index(0, TITLE), model.index(2, TITLE)  # ids 1 and 3
    assert model.data(unread, FONT).bold()
    assert model.data(read, FONT) is None
    assert model.data(model.index(4, STAR), DISPLAY) == "★"  # id 5
    assert model.data(model.index(0, STAR), DISPLAY) == "☆"
    assert model.data(model.index(0, SOURCE), DISPLAY) == "Embassy News"
    expected = (NOW - timedelta(minutes=1)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert model.data(model.index(0, PUBLISHED), DISPLAY) == expected
    assert model.data(model.index(0, TITLE), RawRole)["url"] == "https://e.test/1"
    assert model.data(model.index(0, PUBLISHED), SortRole) > model.data(
        model.index(1, PUBLISHED), SortRole)
    assert model.headerData(STAR, Qt.Orientation.Horizontal, DISPLAY) == "★"
    assert model.headerData(TITLE, Qt.Orientation.Horizontal, DISPLAY) == "Title"
    del checked


def test_set_read_and_starred_update_the_row_and_emit_data_changed(
        qtbot, model: ItemsTableModel, core: FakeCore) -> None:
    checked = model_tester(model)
    model.reload()
    assert model.data(model.index(1, TITLE), FONT).bold()  # id 2, unread
    calls = len(core.row_calls)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_read(2, True)
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), top.column(), bottom.row(), bottom.column()) == (1, 0, 1, 3)
    assert model.data(model.index(1, TITLE), FONT) is None
    with qtbot.waitSignal(model.dataChanged):
        model.set_starred(2, True)
    assert model.data(model.index(1, STAR), DISPLAY) == "★"
    assert len(core.row_calls) == calls  # served from the cache, no new fetch
    # An item outside the loaded rows changes nothing on screen: no signal.
    with qtbot.assertNotEmitted(model.dataChanged):
        model.set_read(900, True)
    del checked


def test_sorting_asks_core_for_all_items_in_the_new_order(model: ItemsTableModel,
                                                          core: FakeCore) -> None:
    checked = model_tester(model)
    model.reload()
    assert core.id_calls == [{}]  # by date: fetch_ids() with no arguments
    model.sort(PUBLISHED, Qt.SortOrder.DescendingOrder)  # already so: nothing to do
    assert len(core.id_calls) == 1
    model.sort(PUBLISHED, Qt.SortOrder.AscendingOrder)
    assert model.item_id(0) == 1000  # oldest of all 1,000, not of the loaded 200
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert core.id_calls[-1] == {"order": "title", "descending": False}
    assert model.data(model.index(0, TITLE), DISPLAY) == "Item 1"
    assert model.data(model.index(2, TITLE), DISPLAY) == "Item 100"  # string order
    assert model.sort_order() == (TITLE, Qt.SortOrder.AscendingOrder)
    calls = len(core.id_calls)
    model.sort(7, Qt.SortOrder.AscendingOrder)  # no such column: ignored
    assert len(core.id_calls) == calls
    model.sort(STAR, Qt.SortOrder.DescendingOrder)
    assert core.id_calls[-1] == {"order": "starred", "descending": True}
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    model.reload()  # keeps the order
    assert core.id_calls[-1] == {"order": "title", "descending": False}
    del checked


def test_deleted_items_show_as_empty_rows_without_refetching(qtbot, core: FakeCore) -> None:
    ids = core.ids()
    del core.rows[3]  # deleted between reading the ids and showing the rows
    model = ItemsTableModel(lambda: ids, core.fetch)
    checked = model_tester(model)
    model.reload()
    assert model.data(model.index(2, TITLE), DISPLAY) is None
    assert model.data(model.index(2, TITLE), DISPLAY) is None
    assert len(core.row_calls) == 1
    assert model.data(model.index(2, TITLE), model.ItemIdRole) == 3
    del checked


def test_a_real_database_in_a_table_view(qtbot, db: Database) -> None:
    source = add_source(db, "https://e.test/feed", name="Embassy News")
    entries = [
        ParsedEntry(guid=f"g{n}", url=f"https://e.test/{n}", title=f"Story {n}", author=None,
                    published=NOW - timedelta(hours=n), published_raw=None,
                    content_html=f"<p>{n}</p>", content_text=str(n))
        for n in range(450)
    ]
    with db.write() as conn:
        store_entries(conn, source.id, entries, NOW)
    pages: list[int] = []

    def fetch_rows(ids: Sequence[int]) -> dict[int, dict]:
        pages.append(len(ids))
        return items_by_ids(db, ids)

    orders: list[tuple[str, bool]] = []

    def fetch_ids(order: str = "date", descending: bool = True) -> list[int]:
        orders.append((order, descending))
        return item_ids(db, order=order, descending=descending)

    model = ItemsTableModel(fetch_ids, fetch_rows)
    checked = model_tester(model)
    model.reload()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    assert model.data(model.index(0, TITLE), DISPLAY) == "Story 0"
    assert model.data(model.index(0, SOURCE), DISPLAY) == "Embassy News"
    assert model.data(model.index(0, TITLE), FONT).bold()
    first = model.item_id(0)
    mark_items(db, [first], "read")  # what desktop does, then tells the model
    model.set_read(first, True)
    assert model.data(model.index(0, TITLE), FONT) is None

    def scrolled_to_the_end() -> bool:
        view.scrollToBottom()  # each time at the bottom, the view asks for one more batch
        return model.rowCount() == 450

    qtbot.waitUntil(scrolled_to_the_end)
    assert model.data(model.index(449, TITLE), DISPLAY) == "Story 449"
    assert all(size <= PAGE for size in pages) and len(pages) <= 3
    view.horizontalHeader().setSortIndicator(*model.sort_order())
    view.setSortingEnabled(True)
    assert orders == [("date", True)]  # enabling sorting in the current order costs nothing
    view.sortByColumn(TITLE, Qt.SortOrder.DescendingOrder)  # what a header click does
    assert orders[-1] == ("title", True)
    assert model.rowCount() == BATCH
    assert model.data(model.index(0, TITLE), DISPLAY) == "Story 99"
    model.reload()
    assert model.data(model.index(0, TITLE), FONT).bold()  # Story 99 is unread
    del checked
