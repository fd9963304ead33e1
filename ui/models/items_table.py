"""The Monitor's item table: 100k items open instantly because no row is read until shown.

Anki's browser model is the pattern (``qt/aqt/browser/table/model.py``): the model holds the
ordered list of item ids — one cheap query — and a bounded LRU cache of row dicts filled a page
at a time for the rows the view actually paints. On top of that the view sees the rows in
batches of ``BATCH`` through ``canFetchMore``/``fetchMore`` (as in Qt's Fetch More example and
qutebrowser's completion models), so ``rowCount`` grows as the user scrolls and the view never
lays out 100k rows up front.

The model never touches the database: ``desktop/`` hands it two plain callables over core
(``core.feeds.items.item_ids`` and ``items_by_ids``).

Sorting is done by the database, not by a ``QSortFilterProxyModel``: a proxy can only sort the
rows already fetched, so "title A–Z" would show the A–Z of the newest 200 items, not of all
items, and it would force every loaded row into memory. Instead ``sort()`` asks ``fetch_ids``
again for the new order: ``fetch_ids(order="title"|"source"|"starred", descending=...)``.
By date (the default, newest first) it calls ``fetch_ids()`` without arguments and reverses the
list for oldest first, so a plain ``lambda: ids`` is a valid ``fetch_ids`` for a table that is
only ever sorted by date. Re-sorting costs one id query (~0.15 s for 100k items) and resets
the view to the first batch.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

# Columns, left to right.
STAR, TITLE, SOURCE, PUBLISHED = range(4)
COLUMN_COUNT = 4
HEADERS = {STAR: "★", TITLE: "Title", SOURCE: "Source", PUBLISHED: "Published"}
HEADER_TIPS = {STAR: "Starred", TITLE: "Title", SOURCE: "Source",
               PUBLISHED: "Published (local time)"}

# Roles beyond Qt's own.
ItemIdRole = int(Qt.ItemDataRole.UserRole) + 1  # int: the item's id (no row fetch needed)
RawRole = int(Qt.ItemDataRole.UserRole) + 2  # dict: the row as given by fetch_rows
SortRole = int(Qt.ItemDataRole.UserRole) + 3  # a value that sorts the column correctly

BATCH = 200  # rows added to rowCount per fetchMore
PAGE = 200  # rows asked of fetch_rows at once when a shown row is not cached
DEFAULT_CACHE_ROWS = 2_000
DATE_FORMAT = "yyyy-MM-dd HH:mm"

# What core is asked to order by when the user sorts on each column.
SORT_ORDERS = {STAR: "starred", TITLE: "title", SOURCE: "source", PUBLISHED: "date"}

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_ROW_ROLES = frozenset({_DISPLAY, _FONT, _TOOLTIP, RawRole, SortRole})
_MISSING = object()
_ROOT = QModelIndex()  # the invisible root: a table has no other parent

FetchIds = Callable[..., list[int]]
FetchRows = Callable[[Sequence[int]], dict[int, dict]]


def local_time_text(value: datetime | None) -> str:
    """A UTC-aware datetime as the user's local ``yyyy-MM-dd HH:mm``."""
    if value is None:
        return ""
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toString(DATE_FORMAT)


class ItemsTableModel(QAbstractTableModel):
    """Items as rows: star, title, source, published. Unread rows are bold."""

    ItemIdRole = ItemIdRole
    RawRole = RawRole
    SortRole = SortRole

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
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Ask for the ids again (new items, changed filters) and show the first batch."""
        ids = self._request_ids()
        self.beginResetModel()
        self._ids = ids
        self._loaded = min(BATCH, len(ids))
        self._cache.clear()
        self._positions = None
        self.endResetModel()

    def total(self) -> int:
        """How many items match, loaded into rowCount or not (for a status line)."""
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
                                  self.index(self._loaded - 1, COLUMN_COUNT - 1))

    def _request_ids(self) -> list[int]:
        if self._order == "date":
            ids = list(self._fetch_ids())
            return ids if self._descending else ids[::-1]
        return list(self._fetch_ids(order=self._order, descending=self._descending))

    def _record(self, row: int) -> dict | None:
        """The cached row dict for a row, fetching its page first if needed."""
        item_id = self._ids[row]
        record = self._cache.get(item_id, _MISSING)
        if record is _MISSING:
            self._load_page(row)
            record = self._cache.get(item_id)
        else:
            self._cache.move_to_end(item_id)
        return record  # type: ignore[return-value]

    def _load_page(self, row: int) -> None:
        start = row - row % PAGE
        wanted = [i for i in self._ids[start:start + PAGE] if i not in self._cache]
        found = self._fetch_rows(wanted)
        for item_id in wanted:
            self._cache[item_id] = found.get(item_id)  # None: deleted since the ids were read
        while len(self._cache) > self._cache_rows:
            self._cache.popitem(last=False)

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or section not in HEADERS:
            return None
        if role == _DISPLAY:
            return HEADERS[section]
        if role == _TOOLTIP:
            return HEADER_TIPS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        role = int(role)
        column = index.column()
        if role == ItemIdRole:
            return self._ids[index.row()]
        if role == _ALIGN:
            return Qt.AlignmentFlag.AlignCenter if column == STAR else None
        if role not in _ROW_ROLES:
            return None  # decoration, size hints...: answered without touching the cache
        record = self._record(index.row())
        if record is None:
            return None
        if role == RawRole:
            return record
        if role == _FONT:
            return None if record["read"] else self._bold
        if role == _DISPLAY:
            return self._display(record, column)
        if role == _TOOLTIP:
            if column == TITLE:
                return record["title"] or None
            if column == SOURCE:
                return record["source_title"]
            return None
        return self._sort_key(record, column)

    @staticmethod
    def _display(record: dict, column: int) -> str:
        if column == STAR:
            return "★" if record["starred"] else "☆"
        if column == TITLE:
            return record["title"] or "(no title)"
        if column == SOURCE:
            return record["source_title"] or ""
        return local_time_text(record["published"] or record["sort_date"])

    @staticmethod
    def _sort_key(record: dict, column: int) -> object:
        if column == STAR:
            return int(record["starred"])
        if column == TITLE:
            return (record["title"] or "").casefold()
        if column == SOURCE:
            return (record["source_title"] or "").casefold()
        return record["sort_date"].timestamp()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-order all items (not just the loaded ones) by asking core; see the module doc."""
        key = SORT_ORDERS.get(column)
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
        column = next(c for c, key in SORT_ORDERS.items() if key == self._order)
        direction = (Qt.SortOrder.DescendingOrder if self._descending
                     else Qt.SortOrder.AscendingOrder)
        return column, direction

    # ------------------------------------------------------------------ for the window

    def item_id(self, row: int) -> int | None:
        """The id shown in ``row``, or None outside the loaded rows."""
        return self._ids[row] if 0 <= row < self._loaded else None

    def row_of(self, item_id: int) -> int | None:
        """The row showing ``item_id`` if it is loaded, else None."""
        if self._positions is None:
            self._positions = {value: row for row, value in enumerate(self._ids)}
        row = self._positions.get(item_id)
        return row if row is not None and row < self._loaded else None

    def set_read(self, item_id: int, read: bool) -> None:
        """Show an item as read/unread; the caller has already written it through core."""
        self._update(item_id, "read", read, [_FONT, RawRole])

    def set_starred(self, item_id: int, starred: bool) -> None:
        """Show an item as starred or not; the caller has already written it through core."""
        self._update(item_id, "starred", starred, [_DISPLAY, SortRole, RawRole])

    def _update(self, item_id: int, key: str, value: bool, roles: list[int]) -> None:
        record = self._cache.get(item_id)
        if record is not None:
            record[key] = value
        row = self.row_of(item_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1), roles)
