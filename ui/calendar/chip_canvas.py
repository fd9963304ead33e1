"""A hand-painted surface of chips: what the month grid and the week's columns share.

Both views paint their chips themselves and keep where each one landed (``PlacedChip``), so
the same code can answer what is under the pointer: its tooltip, a double-click (edit the
post, plan for the observance, or the view's own action on an empty spot), dragging a post
off it, and a post dropped on it. A view says only where a drop would land
(``drop_target``), how to show that (``show_drop``) and what a drop does (``dropped``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from ui.calendar.chips import POST, Chip, paint_chip
from ui.calendar.dragging import DraggedPost, read_mime, start_drag


@dataclass(frozen=True)
class PlacedChip:
    rect: QRectF
    chip: Chip


class ChipCanvas(QWidget):
    """Hover, double-click, drag and drop for a widget that paints ``PlacedChip``s."""

    post_activated = Signal(int)
    observance_activated = Signal(object)  # ObservanceEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self._press: tuple[QPoint, PlacedChip] | None = None

    # ------------------------------------------------------------------ for the views

    def chip_at(self, pos: QPointF | QPoint) -> PlacedChip | None:
        raise NotImplementedError

    def empty_double_clicked(self, pos: QPointF) -> None:
        """A double-click beside the chips (plan a post there)."""

    def chip_wraps(self, placed: PlacedChip) -> bool:
        """Whether the chip's text wraps (tall week-view boxes) rather than being elided."""
        return False

    def drop_target(self, pos: QPointF, dragged: DraggedPost) -> datetime | date | None:
        """Where ``dragged`` would land if dropped at ``pos`` (None: not here)."""
        raise NotImplementedError

    def show_drop(self, target: datetime | date | None, dragged: DraggedPost | None) -> None:
        """Mark where a drop would land (``target`` None: clear the mark)."""
        raise NotImplementedError

    def dropped(self, post_id: int, target: datetime | date) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        placed = self.chip_at(event.position())
        self._press = ((event.position().toPoint(), placed)
                       if placed and event.button() == Qt.MouseButton.LeftButton else None)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        origin, placed = self._press
        if (event.position().toPoint() - origin).manhattanLength() < \
                QApplication.startDragDistance():
            return
        self._press = None
        post = placed.chip.post
        if placed.chip.kind != POST or post is None or post.recurring:
            return  # a recurring post moves as a whole, in the editor
        start_drag(self, post, self._chip_pixmap(placed),
                   origin - placed.rect.topLeft().toPoint(), origin.y() - placed.rect.top())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        placed = self.chip_at(event.position())
        if placed and placed.chip.post is not None:
            self.post_activated.emit(placed.chip.post.post_id)
        elif placed and placed.chip.observance is not None:
            self.observance_activated.emit(placed.chip.observance)
        else:
            self.empty_double_clicked(event.position())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            placed = self.chip_at(event.pos())
            if placed:
                QToolTip.showText(event.globalPos(), placed.chip.tooltip, self,
                                  placed.rect.toRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _chip_pixmap(self, placed: PlacedChip) -> QPixmap:
        """The chip as the pointer carries it while dragging."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap((placed.rect.size() * ratio).toSize())
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_chip(painter, QRectF(QPointF(0, 0), placed.rect.size()), placed.chip, self.font(),
                   wrap=self.chip_wraps(placed), selected=True)
        painter.end()
        return pixmap

    # ------------------------------------------------------------------ dropping

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if read_mime(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.show_drop(None, None)

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        dragged = read_mime(event.mimeData())
        target = self.drop_target(event.position(), dragged) if dragged else None
        self.show_drop(target, dragged)
        if target is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        dragged = read_mime(event.mimeData())
        target = self.drop_target(event.position(), dragged) if dragged else None
        self.show_drop(None, None)
        if dragged is None or target is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.dropped(dragged.post_id, target)
