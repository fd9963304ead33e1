"""Column titles that fit their column: "Polar…" with the whole title in a tooltip.

Qt's header clips a title wider than its column on both sides (a centred "Полярность" in a
narrow column reads "лярно"), because ``QHeaderView`` does not elide by default. Every table
and tree of the app passes its header through ``elide_titles``: the title ends in "…" and
hovering it shows the title whole (unless the model gives the header a tooltip of its own).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QToolTip

from ui.widgets.plain import plain_tooltip

_ROLE = Qt.ItemDataRole


class _WholeTitleTips(QObject):
    """Shows a cut title whole when the pointer rests on it."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.header = header

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        section = self.header.logicalIndexAt(event.pos())
        text = self.cut_title(section)
        if text is None:
            return False  # the header's own tooltip, if the model has one
        QToolTip.showText(event.globalPos(), plain_tooltip(text), self.header)
        return True

    def cut_title(self, section: int) -> str | None:
        """The title of ``section`` when it does not fit (and the model gives no tooltip)."""
        model = self.header.model()
        if section < 0 or model is None:
            return None
        orientation = self.header.orientation()
        if model.headerData(section, orientation, _ROLE.ToolTipRole):
            return None
        title = model.headerData(section, orientation, _ROLE.DisplayRole)
        if not title:
            return None
        return str(title) if title_width(self.header, section) > self.header.sectionSize(
            section) else None


def title_width(header: QHeaderView, section: int) -> int:
    """The room the section's title needs: its text, the style's margins and, on the sorted
    column, the sort arrow."""
    text = str(header.model().headerData(section, header.orientation(), _ROLE.DisplayRole)
               or "")
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    width = header.fontMetrics().horizontalAdvance(text) + 2 * margin
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
        width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    return width


def elide_titles(view: QAbstractItemView) -> QHeaderView:
    """Make the view's column header elide titles that do not fit, with the whole title as
    their tooltip; returns the header."""
    header = view.header() if hasattr(view, "header") else view.horizontalHeader()
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    header.viewport().installEventFilter(_WholeTitleTips(header))
    return header
