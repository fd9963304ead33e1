"""A sparkline: a word-sized line chart of a few daily counts (Tufte's "data-intense,
design-simple, word-sized graphic").

QtCharts would do, but a chart view per watch term is heavy (a scene, axes, a legend to hide)
and draws nothing useful at 90×22 pixels; a few lines of QPainter draw exactly the trend.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 3.0  # room for the end dot and the pen, so nothing is clipped at the edges


class Sparkline(QWidget):
    """Counts drawn left (oldest) to right (newest); the last value is marked with a dot.

    The scale starts at zero so a flat line near the bottom means "quiet", not "steady at
    some level"; all-zero series draw a flat baseline.
    """

    def __init__(self, values: Sequence[float] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[float] = []
        self.color: QColor | None = None  # None: the palette's highlight colour
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.set_values(values)

    def values(self) -> list[float]:
        return list(self._values)

    def set_values(self, values: Sequence[float], labels: Sequence[str] = ()) -> None:
        """New data; ``labels`` (one per value, e.g. day names) make the tooltip."""
        self._values = [max(float(v), 0.0) for v in values]
        if labels and len(labels) == len(self._values):
            self.setToolTip("\n".join(f"{label}: {value:g}"
                                      for label, value in zip(labels, self._values,
                                                              strict=True)))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(96, 22)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(40, 16)

    def points(self) -> list[QPointF]:
        """Where each value is drawn in the widget (public for tests)."""
        n = len(self._values)
        if n == 0:
            return []
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        top = max(self._values) or 1.0
        step = area.width() / (n - 1) if n > 1 else 0.0
        return [QPointF(area.left() + i * step if n > 1 else area.center().x(),
                        area.bottom() - (v / top) * area.height())
                for i, v in enumerate(self._values)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        points = self.points()
        if not points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self.color or self.palette().color(QPalette.ColorRole.Highlight)
        bottom = self.height() - MARGIN
        line = QPainterPath(points[0])
        for point in points[1:]:
            line.lineTo(point)
        area = QPainterPath(line)
        area.lineTo(points[-1].x(), bottom)
        area.lineTo(points[0].x(), bottom)
        area.closeSubpath()
        fill = QColor(color)
        fill.setAlpha(50)
        painter.fillPath(area, fill)
        painter.setPen(QPen(color, 1.5))
        painter.drawPath(line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(points[-1], 2.5, 2.5)
        painter.end()
