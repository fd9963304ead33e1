"""The Sources page's table: every source with its health, schedule and counts.

Rows are ``core.feeds.sources.list_sources`` dicts, replaced wholesale by ``set_sources``
(hundreds of rows at most). ``SortRole`` gives each column a value that sorts correctly
(dates as timestamps, counts as numbers, never-fetched last), for a QSortFilterProxyModel.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from core.platforms import PLATFORMS
from ui.models.items_table import local_time_text
from ui.models.sources_tree import health, health_icon, health_text
from ui.widgets.numbers import count_text
from ui.widgets.plain import plain_tooltip

TITLE, KIND, CATEGORY, STATUS, LAST_FETCHED, NEXT_CHECK, ITEMS, UNREAD, ERROR = range(9)
COLUMN_COUNT = 9

RawRole = int(Qt.ItemDataRole.UserRole) + 2  # the row dict
SortRole = int(Qt.ItemDataRole.UserRole) + 3
SourceIdRole = int(Qt.ItemDataRole.UserRole) + 4

# Looked up at run time and translated then: QT_TRANSLATE_NOOP lets lupdate see them.
KIND_NAMES = {"feed": QT_TRANSLATE_NOOP("SourcesTable", "Feed"),
              "rss": QT_TRANSLATE_NOOP("SourcesTable", "Feed"),
              **{p.key: p.name for p in PLATFORMS}}
STATUS_NAMES = {"ok": QT_TRANSLATE_NOOP("SourcesTable", "OK"),
                "error": QT_TRANSLATE_NOOP("SourcesTable", "Error"),
                "gone": QT_TRANSLATE_NOOP("SourcesTable", "Gone"),
                "new": QT_TRANSLATE_NOOP("SourcesTable", "New"),
                "off": QT_TRANSLATE_NOOP("SourcesTable", "Disabled")}
_NEVER = float("inf")  # never fetched / no next check: sorts after every date
_ROOT = QModelIndex()


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


def _headers() -> dict[int, str]:
    return {TITLE: translate("SourcesTable", "Title"), KIND: translate("SourcesTable", "Kind"),
            CATEGORY: translate("SourcesTable", "Category"),
            STATUS: translate("SourcesTable", "Status"),
            LAST_FETCHED: translate("SourcesTable", "Last fetched"),
            NEXT_CHECK: translate("SourcesTable", "Next check"),
            ITEMS: translate("SourcesTable", "Items"),
            UNREAD: translate("SourcesTable", "Unread"),
            ERROR: translate("SourcesTable", "Error")}


def _stamp(value: datetime | None) -> float:
    return value.timestamp() if value is not None else _NEVER


class SourcesTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_sources(self, rows: Sequence[dict]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def row_dict(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, source_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r["id"] == source_id), -1)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers().get(section)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        role = int(role)
        if role == RawRole:
            return row
        if role == SourceIdRole:
            return row["id"]
        if role == int(Qt.ItemDataRole.DisplayRole):
            return self._display(row, column)
        if role == SortRole:
            return self._sort_key(row, column)
        if role == int(Qt.ItemDataRole.DecorationRole) and column == STATUS:
            return health_icon(health(row))
        if role == int(Qt.ItemDataRole.ToolTipRole):
            # Errors quote what servers said; addresses are whatever was added: escaped.
            if column in (STATUS, ERROR):
                return plain_tooltip(health_text(row)) or None
            if column == TITLE:
                return plain_tooltip(row.get("url")) or None
            return None
        if role == int(Qt.ItemDataRole.FontRole) and column == UNREAD and row.get("unread"):
            return self._bold
        if role == int(Qt.ItemDataRole.ForegroundRole) and health(row) in ("off", "gone"):
            return QBrush(QColor("#808080"))
        if role == int(Qt.ItemDataRole.TextAlignmentRole) and column in (ITEMS, UNREAD):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: dict, column: int) -> str:
        if column == TITLE:
            return row.get("title") or row.get("url") or ""
        if column == KIND:
            kind = row.get("kind") or "feed"
            return translate("SourcesTable", KIND_NAMES.get(kind, row.get("kind") or ""))
        if column == CATEGORY:
            return row.get("category") or ""
        if column == STATUS:
            return translate("SourcesTable", STATUS_NAMES[health(row)])
        if column == LAST_FETCHED:
            return local_time_text(row.get("last_fetched")) or translate("SourcesTable", "never")
        if column == NEXT_CHECK:
            return self._next_check(row)
        if column == ITEMS:
            return count_text(int(row.get('item_count') or 0))
        if column == UNREAD:
            unread = int(row.get("unread") or 0)
            return count_text(unread) if unread else ""
        if column == ERROR:
            text = row.get("error") or ""
            if not text and row.get("parse_warning") and health(row) == "ok":
                text = translate("SourcesTable", "Note: {0}").format(row["parse_warning"])
            return " ".join(text.split())
        return ""

    @staticmethod
    def _next_check(row: dict) -> str:
        state = health(row)
        if state == "off":
            return translate("SourcesTable", "disabled")
        if state == "gone":
            return translate("SourcesTable", "not checked")
        later = max((d for d in (row.get("next_fetch"), row.get("retry_after")) if d),
                    default=None)
        return local_time_text(later) if later else translate("SourcesTable", "next refresh")

    def _sort_key(self, row: dict, column: int) -> object:
        if column == LAST_FETCHED:
            return _stamp(row.get("last_fetched"))
        if column == NEXT_CHECK:
            return _stamp(row.get("next_fetch"))
        if column == ITEMS:
            return int(row.get("item_count") or 0)
        if column == UNREAD:
            return int(row.get("unread") or 0)
        if column == STATUS:
            return ["error", "gone", "new", "ok", "off"].index(health(row))
        return self._display(row, column).casefold()
