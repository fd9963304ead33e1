"""The Monitor's item table: 100k items open instantly because no row is read until shown.

The id list, row cache, ``fetchMore`` batches and database-side sorting are
``ui/models/lazy_table.py`` (Anki's browser model); this module says what an item row shows:
star, title, source, published, unread rows in bold.

The model never touches the database: ``desktop/`` hands it two plain callables over core
(``core.feeds.items.item_ids`` and ``items_by_ids``). Sorting asks ``fetch_ids`` for a new
order: ``fetch_ids(order="title"|"source"|"starred", descending=...)``. By date (the default,
newest first) it calls ``fetch_ids()`` without arguments and reverses the list for oldest
first, so a plain ``lambda: ids`` is a valid ``fetch_ids`` for a table that is only ever sorted
by date. Re-sorting costs one id query (~0.15 s for 100k items) and resets the view to the
first batch.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QObject, Qt
from PySide6.QtGui import QFont

# BATCH and PAGE are re-exported: tests and the benchmark read them from here.
from ui.models.lazy_table import BATCH as BATCH
from ui.models.lazy_table import DEFAULT_CACHE_ROWS, FetchIds, FetchRows, IdRole, LazyTableModel
from ui.models.lazy_table import PAGE as PAGE
from ui.models.lazy_table import RawRole as RawRole
from ui.widgets.plain import plain_tooltip

# Columns, left to right.
STAR, TITLE, SOURCE, PUBLISHED = range(4)
COLUMN_COUNT = 4
# Translated when a model is made; QT_TRANSLATE_NOOP lets lupdate see them.
HEADERS = {STAR: "★", TITLE: QT_TRANSLATE_NOOP("ItemsTable", "Title"),
           SOURCE: QT_TRANSLATE_NOOP("ItemsTable", "Source"),
           PUBLISHED: QT_TRANSLATE_NOOP("ItemsTable", "Published")}
HEADER_TIPS = {STAR: QT_TRANSLATE_NOOP("ItemsTable",
                                     "Starred (S); ▤ in the media summary (D)"),
               TITLE: QT_TRANSLATE_NOOP("ItemsTable", "Title"),
               SOURCE: QT_TRANSLATE_NOOP("ItemsTable", "Source"),
               PUBLISHED: QT_TRANSLATE_NOOP("ItemsTable", "Published (local time)")}

# Roles beyond Qt's own.
ItemIdRole = IdRole  # int: the item's id (no row fetch needed)
SortRole = int(Qt.ItemDataRole.UserRole) + 3  # a value that sorts the column correctly

DATE_FORMAT = "yyyy-MM-dd HH:mm"

# What core is asked to order by when the user sorts on each column.
SORT_ORDERS = {STAR: "starred", TITLE: "title", SOURCE: "source", PUBLISHED: "date"}

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


def local_time_text(value: datetime | None) -> str:
    """A UTC-aware datetime as the user's local ``yyyy-MM-dd HH:mm``."""
    if value is None:
        return ""
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toString(DATE_FORMAT)


class ItemsTableModel(LazyTableModel):
    """Items as rows: star, title, source, published. Unread rows are bold."""

    ItemIdRole = ItemIdRole
    SortRole = SortRole

    COLUMN_COUNT = COLUMN_COUNT
    SORT_ORDERS = SORT_ORDERS
    ROW_ROLES = frozenset({_DISPLAY, _FONT, _TOOLTIP, RawRole, SortRole})

    def __init__(self, fetch_ids: FetchIds, fetch_rows: FetchRows, *,
                 cache_rows: int = DEFAULT_CACHE_ROWS, parent: QObject | None = None) -> None:
        super().__init__(fetch_ids, fetch_rows, cache_rows=cache_rows, parent=parent)
        self._headers = {k: translate("ItemsTable", v) for k, v in HEADERS.items()}
        self._header_tips = {k: translate("ItemsTable", v) for k, v in HEADER_TIPS.items()}
        self._bold = QFont()
        self._bold.setBold(True)

    def _request_ids(self) -> list[int]:
        if self._order == "date":
            ids = list(self._fetch_ids())
            return ids if self._descending else ids[::-1]
        return super()._request_ids()

    # ------------------------------------------------------------------ cells

    def _cell_without_row(self, column: int, role: int) -> object:
        if role == _ALIGN and column == STAR:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _cell(self, record: dict, column: int, role: int) -> object:
        if role == _FONT:
            return None if record["read"] else self._bold
        if role == _DISPLAY:
            return self._display(record, column)
        if role == _TOOLTIP:
            # Feed text: escaped, or a title like "<b>x</b>" would be drawn as HTML.
            if column == STAR and record.get("summary"):
                note = record.get("summary_note")
                return plain_tooltip(translate("ItemsTable", "In the media summary") + (
                    f": {note}" if note else ""))
            if column == TITLE:
                return plain_tooltip(record["title"]) or None
            if column == SOURCE:
                return plain_tooltip(record["source_title"]) or None
            return None
        return self._sort_key(record, column)

    @staticmethod
    def _display(record: dict, column: int) -> str:
        if column == STAR:
            return ("★" if record["starred"] else "☆") + (" ▤" if record.get("summary") else "")
        if column == TITLE:
            return record["title"] or translate("ItemsTable", "(no title)")
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

    # ------------------------------------------------------------------ for the window

    def item_id(self, row: int) -> int | None:
        """The id shown in ``row``, or None outside the loaded rows."""
        return self.row_id(row)

    def set_read(self, item_id: int, read: bool) -> None:
        """Show an item as read/unread; the caller has already written it through core."""
        self._update(item_id, "read", read, [_FONT, RawRole])

    def set_starred(self, item_id: int, starred: bool) -> None:
        """Show an item as starred or not; the caller has already written it through core."""
        self._update(item_id, "starred", starred, [_DISPLAY, SortRole, RawRole])

    def set_summary(self, item_id: int, chosen: bool, note: str | None | bool = False) -> None:
        """Show an item in or out of the media summary (▤ beside the star), and its note when
        one is given (``False``: the note is unchanged); core has already stored it."""
        record = self._cache.get(item_id)
        if record is not None and note is not False:
            record["summary_note"] = note
        self._update(item_id, "summary", chosen, [_DISPLAY, _TOOLTIP, RawRole])

    def _update(self, item_id: int, key: str, value: bool, roles: list[int]) -> None:
        record = self._cache.get(item_id)
        if record is not None:
            record[key] = value
        self._row_changed(item_id, roles)
