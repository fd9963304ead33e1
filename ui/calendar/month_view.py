"""The month grid: six weeks of seven days, each day a cell of chips.

Painted by hand (one widget, no child per day): 42 cells of a dozen chips would be hundreds
of widgets, and a single widget makes hit-testing for drag-and-drop one lookup. The layout
of every chip is computed once per resize or data change and used both to paint and to find
what is under the pointer.

Mouse: drag a post to another day (its time of day is kept); double-click a post to edit it,
an observance to plan a post for it, an empty spot to plan a post that day; "+N more" opens
the day's week. Keys: arrows move the selected day, Page Up/Down change month, Home goes to
today, Enter plans a post on the selected day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from ui.calendar.chip_canvas import ChipCanvas, PlacedChip
from ui.calendar.chips import Chip, chips_for_day, observance_chip, paint_chip
from ui.calendar.data import ObservanceEntry, PostEntry, month_grid_first
from ui.calendar.dragging import DraggedPost
from ui.calendar.palette import with_alpha

ROWS, COLUMNS = 6, 7
HEADER_HEIGHT = 24
CHIP_GAP = 2
PADDING = 3


class MonthGrid(ChipCanvas):
    post_dropped_on_day = Signal(int, object)  # post id, date: keep its time of day
    day_activated = Signal(object)  # date: plan a post on it
    more_requested = Signal(object)  # date: show all of that day
    day_selected = Signal(object)  # date
    page_requested = Signal(int)  # months to move: -1 previous, +1 next
    today_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("month-grid")
        self.setAccessibleName(self.tr("Month calendar"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(560, 380)
        self.month = date.today().replace(day=1)
        self.today = date.today()
        self.selected = self.today
        self.posts: list[PostEntry] = []
        self.observances: list[ObservanceEntry] = []
        self.campaigns: dict[str, str | None] = {}
        self._placed: dict[date, list[PlacedChip]] = {}
        self._more: dict[date, tuple[QRectF, int]] = {}
        self._spans: list[PlacedChip] = []
        self._drop_day: date | None = None

    # ------------------------------------------------------------------ data

    @property
    def first_day(self) -> date:
        return month_grid_first(self.month)

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=ROWS * COLUMNS - 1)

    def set_month(self, month: date, today: date) -> None:
        self.month = month.replace(day=1)
        self.today = today
        if not self.first_day <= self.selected <= self.last_day:
            self.selected = month
        self._relayout()

    def set_entries(self, posts: list[PostEntry], observances: list[ObservanceEntry],
                    campaigns: dict[str, str | None]) -> None:
        self.posts, self.observances, self.campaigns = list(posts), list(observances), campaigns
        self._relayout()

    def select_day(self, day: date) -> None:
        if day != self.selected:
            self.selected = day
            self.day_selected.emit(day)
            self.update()

    # ------------------------------------------------------------------ geometry

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(840, 640)

    def cell_rect(self, day: date) -> QRectF:
        index = (day - self.first_day).days
        width = self.width() / COLUMNS
        height = (self.height() - HEADER_HEIGHT) / ROWS
        row, column = divmod(index, COLUMNS)
        return QRectF(column * width, HEADER_HEIGHT + row * height, width, height)

    def day_at(self, pos: QPointF | QPoint) -> date | None:
        x, y = pos.x(), pos.y() - HEADER_HEIGHT
        if x < 0 or y < 0 or x >= self.width() or y >= self.height() - HEADER_HEIGHT:
            return None
        column = int(x // (self.width() / COLUMNS))
        row = int(y // ((self.height() - HEADER_HEIGHT) / ROWS))
        return self.first_day + timedelta(days=min(row, ROWS - 1) * COLUMNS
                                          + min(column, COLUMNS - 1))

    def chip_at(self, pos: QPointF | QPoint) -> PlacedChip | None:
        day = self.day_at(pos)
        for placed in self._placed.get(day, []) if day else []:
            if placed.rect.contains(QPointF(pos)):
                return placed
        return None

    def chips_on(self, day: date) -> list[Chip]:
        """The chips shown in ``day``'s cell (tests and accessibility)."""
        return [placed.chip for placed in self._placed.get(day, [])]

    def hidden_count(self, day: date) -> int:
        return self._more.get(day, (QRectF(), 0))[1]

    def _chip_height(self) -> int:
        return QFontMetrics(self.font()).height() + 4

    def _relayout(self) -> None:
        self._placed, self._more, self._spans = {}, {}, []
        for row in range(ROWS):
            self._layout_week(self.first_day + timedelta(days=row * COLUMNS))
        self.update()

    def _layout_week(self, first: date) -> None:
        """One row of the grid: observances lasting days as bars on top, then each day's."""
        last = first + timedelta(days=COLUMNS - 1)
        chip_height = self._chip_height()
        step = chip_height + CHIP_GAP
        top = self.cell_rect(first).top() + QFontMetrics(self.font()).height() + 6
        room = int((self.cell_rect(first).bottom() - PADDING - top + CHIP_GAP) // step)
        lanes = _span_lanes([o for o in self.observances
                             if o.first != o.last and o.first <= last and o.last >= first])
        used = min(len(lanes), room)
        hidden: dict[date, int] = {}
        for index, lane in enumerate(lanes):
            for observance in lane:
                begin, end = max(observance.first, first), min(observance.last, last)
                days = [begin + timedelta(days=i) for i in range((end - begin).days + 1)]
                if index >= used:
                    for day in days:
                        hidden[day] = hidden.get(day, 0) + 1
                    continue
                rect = QRectF(self.cell_rect(begin).left() + PADDING, top + index * step,
                              self.cell_rect(end).right() - self.cell_rect(begin).left()
                              - 2 * PADDING, chip_height)
                placed = PlacedChip(rect, observance_chip(observance, begin))
                self._spans.append(placed)
                for day in days:
                    self._placed.setdefault(day, []).append(placed)
        for column in range(COLUMNS):
            day = first + timedelta(days=column)
            cell = self.cell_rect(day)
            chips = chips_for_day(day, self.posts, self.observances, self.campaigns,
                                  with_spans=False)
            free = room - used
            total = len(chips) + hidden.get(day, 0)
            shown = chips if total <= free else chips[:max(free - 1, 0)]
            y = top + used * step
            for chip in shown:
                rect = QRectF(cell.left() + PADDING, y, cell.width() - 2 * PADDING, chip_height)
                self._placed.setdefault(day, []).append(PlacedChip(rect, chip))
                y += step
            if total > len(shown):
                rect = QRectF(cell.left() + PADDING, y, cell.width() - 2 * PADDING, chip_height)
                self._more[day] = (rect, total - len(shown))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._relayout()

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(110)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter.fillRect(self.rect(), base)
        self._paint_header(painter, muted)
        bold = QFont(self.font())
        bold.setBold(True)
        spans = {id(placed) for placed in self._spans}
        day = self.first_day
        while day <= self.last_day:
            cell = self.cell_rect(day)
            outside = day.month != self.month.month
            if outside:
                painter.fillRect(cell, palette.color(QPalette.ColorRole.Window))
            elif day.weekday() >= 5:
                painter.fillRect(cell, _mix(base, palette.color(QPalette.ColorRole.Window), 0.5))
            if day == self.today:
                painter.fillRect(cell, with_alpha(accent, 28))
            if day == self._drop_day:
                painter.fillRect(cell, with_alpha(accent, 60))
            self._paint_day_number(painter, cell, day, bold, muted if outside else text, accent)
            for placed in self._placed.get(day, []):
                if id(placed) not in spans:  # bars are painted once, over the cells
                    paint_chip(painter, placed.rect, placed.chip, self.font())
            more = self._more.get(day)
            if more:
                painter.setPen(accent.darker(120))
                painter.setFont(bold)
                painter.drawText(more[0].adjusted(4, 0, 0, 0),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 self.tr("+{0} more").format(more[1]))
                painter.setFont(self.font())
            day += timedelta(days=1)
        for placed in self._spans:
            paint_chip(painter, placed.rect, placed.chip, self.font())
        painter.setPen(QPen(grid, 1))
        for column in range(1, COLUMNS):
            x = round(column * self.width() / COLUMNS) + 0.5
            painter.drawLine(QPointF(x, HEADER_HEIGHT), QPointF(x, self.height()))
        for row in range(ROWS + 1):
            y = round(HEADER_HEIGHT + row * (self.height() - HEADER_HEIGHT) / ROWS) + 0.5
            painter.drawLine(QPointF(0, y), QPointF(self.width(), y))
        if self.first_day <= self.selected <= self.last_day:
            pen = QPen(accent, 2 if self.hasFocus() else 1)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(self.selected).adjusted(1, 1, -1, -1))
        painter.end()

    def _paint_header(self, painter: QPainter, colour: QColor) -> None:
        painter.setPen(colour)
        locale = QLocale()
        width = self.width() / COLUMNS
        for column in range(COLUMNS):
            name = locale.dayName(column + 1, QLocale.FormatType.ShortFormat)  # 1 = Monday
            painter.drawText(QRectF(column * width, 0, width, HEADER_HEIGHT),
                             int(Qt.AlignmentFlag.AlignCenter), name)

    def _paint_day_number(self, painter: QPainter, cell: QRectF, day: date, bold: QFont,
                          colour: QColor, accent: QColor) -> None:
        metrics = QFontMetrics(bold)
        label = str(day.day) if day.day != 1 else QLocale().toString(day, "d MMM")
        box = QRectF(cell.left() + PADDING, cell.top() + 2, metrics.horizontalAdvance(label) + 10,
                     metrics.height() + 2)
        painter.setFont(bold)
        if day == self.today:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        else:
            painter.setPen(colour)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
        painter.setFont(self.font())

    # ------------------------------------------------------------------ mouse and keys

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        day = self.day_at(event.position())
        if day is not None:
            self.select_day(day)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        for day, (rect, _count) in self._more.items():
            if rect.contains(event.position()):
                self._press = None
                self.more_requested.emit(day)
                return
        super().mouseReleaseEvent(event)

    def empty_double_clicked(self, pos: QPointF) -> None:
        day = self.day_at(pos)
        if day is not None and not any(r.contains(pos) for r, _ in self._more.values()):
            self.day_activated.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7,
                 Qt.Key.Key_Down: 7}
        key = Qt.Key(event.key())
        if key in steps:
            day = self.selected + timedelta(days=steps[key])
            self.select_day(day)
            months = (day.year - self.month.year) * 12 + day.month - self.month.month
            if months:
                self.page_requested.emit(months)
        elif key == Qt.Key.Key_PageUp:
            self.page_requested.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.page_requested.emit(1)
        elif key == Qt.Key.Key_Home:
            self.today_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.day_activated.emit(self.selected)
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ dropping

    def drop_target(self, pos: QPointF, dragged: DraggedPost) -> date | None:
        return self.day_at(pos)

    def show_drop(self, target: datetime | date | None, dragged: DraggedPost | None) -> None:
        if target != self._drop_day:
            self._drop_day = target
            self.update()

    def dropped(self, post_id: int, target: datetime | date) -> None:
        self.post_dropped_on_day.emit(post_id, target)


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                           a.greenF() + (b.greenF() - a.greenF()) * amount,
                           a.blueF() + (b.blueF() - a.blueF()) * amount)


def _span_lanes(spans: list[ObservanceEntry]) -> list[list[ObservanceEntry]]:
    """Rows for the week's multi-day bars: the longest first, sharing a row when apart."""
    lanes: list[list[ObservanceEntry]] = []
    for span in sorted(spans, key=lambda o: (o.first, -(o.last - o.first).days, o.name)):
        lane = next((lane for lane in lanes if lane[-1].last < span.first), None)
        if lane is None:
            lanes.append([span])
        else:
            lane.append(span)
    return lanes
