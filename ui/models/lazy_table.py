"""The lazy-table machinery shared by the Monitor's item table and the Listen page's replies.

Anki's browser model is the pattern (``qt/aqt/browser/table/model.py``): the model holds the
ordered list of row ids — one cheap query — and a bounded LRU cache of row dicts filled a page
at a time for the rows the view actually paints. On top of that the view sees the rows in
batches of ``BATCH`` through ``canFetchMore``/``fetchMore`` (as in Qt's Fetch More example and
qutebrowser's completion models), so ``rowCount`` grows as the user scrolls and the view never
lays out 100k rows up front.

Sorting is done by the database, not by a ``QSortFilterProxyModel``: a proxy can only sort the
rows already fetched (the A–Z of the newest 200 rows, not of all of them) and would force every
row into memory. ``sort()`` asks ``fetch_ids`` again for the new order and resets the view to
the first batch.

A subclass says what its rows look like: ``COLUMN_COUNT``, ``SORT_ORDERS`` (column → the order
name core understands), ``ROW_ROLES`` (the roles that need the row dict; any other role is
answered by ``_cell_without_row`` without touching the cache), the header texts in
``self._headers``/``self._header_tips``, and ``_cell(record, column, role)``. The model never
touches the database: ``desktop/`` hands it two plain callables over core.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

# Roles every lazy table answers; a subclass numbers its own from UserRole + 3.
IdRole = int(Qt.ItemDataRole.UserRole) + 1  # int: the row's id (no row fetch needed)
RawRole = int(Qt.ItemDataRole.UserRole) + 2  # dict: the row as given by fetch_rows

BATCH = 200  # rows added to rowCount per fetchMore
PAGE = 200  # rows asked of fetch_rows at once when a shown row is not cached
DEFAULT_CACHE_ROWS = 2_000

FetchIds = Callable[..., list[int]]
FetchRows = Callable[[Sequence[int]], dict[int, dict]]

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_MISSING = object()
_ROOT = QModelIndex()  # the invisible root: a table has no other parent


class LazyTableModel(QAbstractTableModel):
    """Rows are ids from ``fetch_ids``; their dicts come from ``fetch_rows`` a page at a time."""

    IdRole = IdRole
    RawRole = RawRole

    COLUMN_COUNT = 0
    SORT_ORDERS: dict[int, str] = {}
    ROW_ROLES: frozenset[int] = frozenset({RawRole})

    def __init__(self, fetch_ids: FetchIds, fetch_rows: FetchRows, *,
                 cache_rows: int = DEFAULT_CACHE_ROWS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch_ids = fetch_ids
        self._fetch_rows = fetch_rows
        # At least two pages, so loading one page never evicts the one being painted.
        self._cache_rows = max(cache_rows, 2 * PAGE)
        self._ids: list[int] = []
        self._loaded = 0  # what rowCount reports: the first _loaded ids
        self._cache: OrderedDict[int, dict | None] = OrderedDict()  # None: no longer in core
        self._positions: dict[int, int] | None = None  # id -> row, built when first needed
        self._order = "date"
        self._descending = True
        self._headers: dict[int, str] = {}
        self._header_tips: dict[int, str] = {}

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Ask for the ids again (new rows, changed filters) and show the first batch."""
        ids = self._request_ids()
        self.beginResetModel()
        self._ids = ids
        self._loaded = min(BATCH, len(ids))
        self._cache.clear()
        self._positions = None
        self.endResetModel()

    def total(self) -> int:
        """How many rows match, loaded into rowCount or not (for a status line)."""
        return len(self._ids)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid():
            return
        count = min(BATCH, len(self._ids) - self._loaded)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    def invalidate_rows(self) -> None:
        """Forget cached rows and repaint (after a bulk change such as "mark all read")."""
        self._cache.clear()
        if self._loaded:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._loaded - 1, self.COLUMN_COUNT - 1))

    def refresh_ids(self, ids: Sequence[int]) -> None:
        """Read these rows again (after an edit) and repaint them where they are shown."""
        found = self._fetch_rows(list(ids))
        for row_id in ids:
            if row_id in self._cache:
                self._cache[row_id] = found.get(row_id)
            self._row_changed(row_id)

    def _request_ids(self) -> list[int]:
        return list(self._fetch_ids(order=self._order, descending=self._descending))

    def _record(self, row: int) -> dict | None:
        """The cached row dict for a row, fetching its page first if needed."""
        row_id = self._ids[row]
        record = self._cache.get(row_id, _MISSING)
        if record is _MISSING:
            self._load_page(row)
            record = self._cache.get(row_id)
        else:
            self._cache.move_to_end(row_id)
        return record  # type: ignore[return-value]

    def _load_page(self, row: int) -> None:
        start = row - row % PAGE
        wanted = [i for i in self._ids[start:start + PAGE] if i not in self._cache]
        found = self._fetch_rows(wanted)
        for row_id in wanted:
            self._cache[row_id] = found.get(row_id)  # None: deleted since the ids were read
        while len(self._cache) > self._cache_rows:
            self._cache.popitem(last=False)

    def _row_changed(self, row_id: int, roles: list[int] | None = None) -> None:
        """Repaint the row showing ``row_id``, if it is loaded."""
        row = self.row_of(row_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1),
                                  roles or [])

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or section not in self._headers:
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _TOOLTIP:
            return self._header_tips.get(section)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        role = int(role)
        if role == IdRole:
            return self._ids[index.row()]
        if role not in self.ROW_ROLES:
            # Alignment, decoration, size hints...: answered without touching the cache.
            return self._cell_without_row(index.column(), role)
        record = self._record(index.row())
        if record is None:
            return None
        if role == RawRole:
            return record
        return self._cell(record, index.column(), role)

    def _cell_without_row(self, column: int, role: int) -> object:
        """A role outside ``ROW_ROLES``: the same for every row of a column."""
        return None

    def _cell(self, record: dict, column: int, role: int) -> object:
        """A role in ``ROW_ROLES`` (other than RawRole) for one cell of a fetched row."""
        raise NotImplementedError

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-order all rows (not just the loaded ones) by asking core; see the module doc."""
        key = self.SORT_ORDERS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._order, self._descending):
            return
        self._order, self._descending = key, descending
        self.reload()

    def sort_order(self) -> tuple[int, Qt.SortOrder]:
        """The column and direction the rows are in.

        Set it as the header's sort indicator before ``setSortingEnabled(True)``, which
        otherwise sorts at once by whatever the indicator says.
        """
        column = next(c for c, key in self.SORT_ORDERS.items() if key == self._order)
        direction = (Qt.SortOrder.DescendingOrder if self._descending
                     else Qt.SortOrder.AscendingOrder)
        return column, direction

    # ------------------------------------------------------------------ for the page

    def row_id(self, row: int) -> int | None:
        """The id shown in ``row``, or None outside the loaded rows."""
        return self._ids[row] if 0 <= row < self._loaded else None

    def record(self, row: int) -> dict | None:
        """The row's dict (fetched if needed), or None outside the loaded rows."""
        return self._record(row) if 0 <= row < self._loaded else None

    def row_of(self, row_id: int) -> int | None:
        """The row showing ``row_id`` if it is loaded, else None."""
        if self._positions is None:
            self._positions = {value: row for row, value in enumerate(self._ids)}
        row = self._positions.get(row_id)
        return row if row is not None and row < self._loaded else None

    def load_through(self, row_id: int) -> int | None:
        """The row showing ``row_id``, fetching more batches first if it lies past them.

        After a background reload the row the officer had selected may sit beyond the first
        batch; restoring the selection needs it loaded. None if the id is no longer listed.
        """
        self.row_of(row_id)  # builds the positions
        assert self._positions is not None
        position = self._positions.get(row_id)
        if position is None:
            return None
        while self._loaded <= position and self.canFetchMore():
            self.fetchMore()
        return self.row_of(row_id)
