"""The Dashboard's small tables: a read-only model over a short list of dataclasses, its
columns, the pill a status is drawn in, and the table those cards show them in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ui.widgets.headers import elide_titles
from ui.widgets.plain import plain_tooltip

RawRole = int(Qt.ItemDataRole.UserRole) + 1  # the row's dataclass
BadgeColorRole = int(Qt.ItemDataRole.UserRole) + 2  # QColor behind a badge cell's text


@dataclass(frozen=True)
class Column:
    """One column of a ``RowsModel``: its header and how a row fills each role."""

    header: str
    text: Callable[[Any], str]
    tip: Callable[[Any], str | None] = lambda _row: None
    color: Callable[[Any], str | None] = lambda _row: None  # text colour
    badge: Callable[[Any], str | None] = lambda _row: None  # a pill behind the text
    decoration: Callable[[Any], str | None] = lambda _row: None  # a colour swatch
    italic: Callable[[Any], bool] = lambda _row: False
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    """A read-only table over a short list of dataclasses (a dashboard shows few rows)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Titles, addresses and fetch errors come from outside: never rendered as HTML.
            return plain_tooltip(column.tip(row)) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = column.color(row)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.DecorationRole:
            color = column.decoration(row)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.FontRole and column.italic(row):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column.align_right
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == BadgeColorRole:
            color = column.badge(row)
            return QColor(color) if color else None
        if role == RawRole:
            return row
        return None


class BadgeDelegate(QStyledItemDelegate):
    """Draws a cell with a ``BadgeColorRole`` as a rounded pill: status and lead-time badges."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        color = index.data(BadgeColorRole)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(color, QColor) or not text:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection and focus background, without the text
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        metrics = option.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 14, option.rect.width() - 4)
        height = min(metrics.height() + 4, option.rect.height() - 2)
        pill = QRectF(option.rect.left() + 2, option.rect.center().y() - height / 2 + 1,
                      width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor("white"))
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width) - 10)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 16, max(size.height(), option.fontMetrics.height() + 8))


def card_table(model: QAbstractTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setWordWrap(False)
    view.setFrameShape(QFrame.Shape.NoFrame)
    header = elide_titles(view)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view
