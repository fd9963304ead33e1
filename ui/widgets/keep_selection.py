"""Keep a lazy table's selection and scroll position across a reload of its rows.

A background refresh (every minute when a source is due) or a reply import reloads the item
and reply tables. A model reset forgets the selection, so without this the article the officer
is reading, or the replies being labelled, would vanish under the cursor. The state is kept by
row id, not row number: new rows arrive at the top and shift everything down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.models.lazy_table import LazyTableModel

_ROWS = QItemSelectionModel.SelectionFlag.Rows


@dataclass
class TableState:
    """What to put back: the current row's id, the selected ids and the top visible row's id."""

    current: int | None = None
    selected: list[int] = field(default_factory=list)
    top: int | None = None


def remember(table: QTableView, model: LazyTableModel) -> TableState:
    """The ids selected in ``table`` now, and the id of the row at its top edge."""
    current = table.currentIndex()
    selection = table.selectionModel()
    rows = sorted({index.row() for index in selection.selectedRows()}) if selection else []
    top_row = table.rowAt(0)
    return TableState(
        current=model.row_id(current.row()) if current.isValid() else None,
        selected=[i for i in (model.row_id(r) for r in rows) if i is not None],
        top=model.row_id(top_row) if top_row >= 0 else None)


def restore(table: QTableView, model: LazyTableModel, state: TableState) -> bool:
    """Select the remembered rows that are still listed; True if the current one still is.

    Loads further batches when a remembered row now lies past the first one.
    """
    selection = table.selectionModel()
    last = model.columnCount() - 1
    chosen = QItemSelection()
    for row_id in state.selected:
        row = model.load_through(row_id)
        if row is not None:
            chosen.select(model.index(row, 0), model.index(row, last))
    current_row = model.load_through(state.current) if state.current is not None else None
    if current_row is not None:
        selection.setCurrentIndex(model.index(current_row, 0),
                                  QItemSelectionModel.SelectionFlag.NoUpdate)
    if not chosen.isEmpty():
        selection.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect | _ROWS)
    top_row = model.row_of(state.top) if state.top is not None else None
    if top_row is not None:
        table.scrollTo(model.index(top_row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    elif current_row is not None:
        table.scrollTo(model.index(current_row, 0))
    return current_row is not None

