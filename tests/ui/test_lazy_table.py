"""LazyTableModel, the machinery under the Monitor's and the Listen page's tables.

The two real models have their own tests (test_items_table.py, test_listen.py); these pin
what the base promises any subclass: ids first, rows a page at a time, re-sorting through
core, and a row re-read on request. The fake core is the item table's (1,000 items).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from tests.ui.test_items_table import FakeCore
from ui.models.lazy_table import BATCH, PAGE, IdRole, LazyTableModel, RawRole

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TITLE, URL = range(2)


class Headlines(LazyTableModel):
    """The smallest subclass: two columns, sortable by title only."""

    COLUMN_COUNT = 2
    SORT_ORDERS = {TITLE: "title"}
    ROW_ROLES = frozenset({DISPLAY, RawRole})

    def __init__(self, core: FakeCore) -> None:
        super().__init__(core.ids, core.fetch)
        self._headers = {TITLE: "Title", URL: "Address"}
        self._order = "title"

    def _cell(self, record: dict, column: int, role: int) -> object:
        return record["title"] if column == TITLE else record["url"]


@pytest.fixture
def core() -> FakeCore:
    return FakeCore()


@pytest.fixture
def model(qtbot, core: FakeCore) -> Headlines:  # noqa: ANN001
    model = Headlines(core)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.reload()
    return model


def test_ids_first_rows_a_page_at_a_time(model: Headlines, core: FakeCore) -> None:
    assert core.id_calls == [{"order": "title", "descending": True}]
    assert model.rowCount() == BATCH and model.total() == len(core.rows)
    assert not core.row_calls
    assert model.index(5, URL).data(IdRole) == model.row_id(5)  # no fetch for the id
    assert not core.row_calls
    assert model.index(5, TITLE).data() == core.rows[model.row_id(5)]["title"]
    assert [len(call) for call in core.row_calls] == [PAGE]
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(core.rows)


def test_a_row_deleted_since_the_ids_were_read_is_blank(model: Headlines,
                                                        core: FakeCore) -> None:
    del core.rows[model.row_id(3)]
    assert model.index(3, TITLE).data() is None
    assert model.record(3) is None
    assert model.record(BATCH + 1) is None  # not loaded yet: nothing is fetched


def test_sorting_asks_core_and_starts_again_at_the_first_batch(model: Headlines,
                                                               core: FakeCore) -> None:
    model.fetchMore()
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert core.id_calls[-1] == {"order": "title", "descending": False}
    assert model.rowCount() == BATCH
    assert model.sort_order() == (TITLE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, TITLE).data() == "Item 1"
    calls = len(core.id_calls)
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)  # already so: core is not asked again
    model.sort(URL, Qt.SortOrder.AscendingOrder)  # not sortable
    assert len(core.id_calls) == calls


def test_refresh_ids_rereads_and_repaints_only_those_rows(qtbot, model: Headlines,  # noqa: ANN001
                                                          core: FakeCore) -> None:
    first = model.row_id(0)
    assert model.index(0, TITLE).data() == core.rows[first]["title"]
    core.rows[first]["title"] = "Renamed"
    assert model.index(0, TITLE).data() != "Renamed"  # cached
    core.row_calls.clear()
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.refresh_ids([first])
    assert core.row_calls == [[first]]
    assert changed.args[0].row() == changed.args[1].row() == 0
    assert model.index(0, TITLE).data() == "Renamed"
    assert model.row_of(model.row_id(BATCH - 1)) == BATCH - 1
    assert model.row_of(1) is None  # "Item 1" sorts last: not loaded yet


def test_headers_come_from_the_subclass(model: Headlines) -> None:
    assert model.headerData(TITLE, Qt.Orientation.Horizontal) == "Title"
    assert model.headerData(URL, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(9, Qt.Orientation.Horizontal) is None


def test_a_selection_deep_in_the_list_survives_a_reload(qtbot, model: Headlines) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QTableView

    from ui.widgets.keep_selection import remember, restore

    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    model.fetchMore()
    model.fetchMore()
    deep = 2 * BATCH + 7  # past the first batch: a reload shows only that one
    table.selectRow(deep)
    wanted = model.row_id(deep)
    state = remember(table, model)
    model.reload()
    assert model.rowCount() == BATCH
    assert restore(table, model, state)
    assert model.row_id(table.currentIndex().row()) == wanted
    assert model.load_through(-1) is None  # an id no longer listed
