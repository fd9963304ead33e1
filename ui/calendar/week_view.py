"""The week view: seven day columns, hours down the side, posts placed at their time.

On top, a strip of the days' all-day entries (observances, all-day posts, "prepare by"
markers); below it, a scrolling grid of hours. Dropping a post in the grid moves it to that
day and time, snapped to ``SNAP_MINUTES``, with the dragged chip's top (not the pointer) on
the new time; dropping it on the all-day strip makes it an all-day post of that day.
Posts that overlap share their column side by side, as in any desktop calendar.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.calendar.chip_canvas import ChipCanvas, PlacedChip
from ui.calendar.chips import Chip, chips_for_day, paint_chip, post_chip, post_sort_key
from ui.calendar.data import ObservanceEntry, PostEntry, week_start
from ui.calendar.dragging import DraggedPost
from ui.calendar.palette import with_alpha

GUTTER = 56  # the hour labels, at least
HOUR_HEIGHT = 48
SNAP_MINUTES = 15
MIN_BLOCK_MINUTES = 30  # a post without a duration still gets a readable box
DAY_MINUTES = 24 * 60
NAMES_HEIGHT = 28
ALL_DAY_ROWS = 3  # shown before "+N more" (click it to show them all)
FIRST_HOUR_SHOWN = 8


def all_day_label() -> str:
    return QCoreApplication.translate("AllDayStrip", "all day")


class WeekState:
    """What both halves of the week view draw: the days, the entries, the zone."""

    def __init__(self) -> None:
        self.first_day = week_start(date.today())
        self.today = date.today()
        self.zone: tzinfo | None = None
        self.posts: list[PostEntry] = []
        self.observances: list[ObservanceEntry] = []
        self.campaigns: dict[str, str | None] = {}

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=i) for i in range(7)]


class _DayColumns(ChipCanvas):
    """Shared by the all-day strip and the hour grid: the day columns and their hit-testing."""

    post_dropped = Signal(int, object)  # post id, a date (all-day strip) or aware datetime

    def __init__(self, state: WeekState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.right_margin = 0  # the grid's scroll bar, so header columns line up with it
        self._placed: list[PlacedChip] = []

    def column_width(self) -> float:
        return max(self.width() - self.gutter() - self.right_margin, 7) / 7

    def gutter(self) -> int:
        """The hour labels' width, and the all-day strip's label's ("весь день" is wider):
        the same in the strip and the grid, so their columns line up."""
        return max(GUTTER, self.fontMetrics().horizontalAdvance(all_day_label()) + 10)

    def column_left(self, index: int) -> float:
        return self.gutter() + index * self.column_width()

    def day_at(self, pos: QPointF | QPoint) -> date | None:
        x = pos.x() - self.gutter()
        if x < 0 or x >= 7 * self.column_width():
            return None
        return self.state.first_day + timedelta(days=int(x // self.column_width()))

    def chip_at(self, pos: QPointF | QPoint) -> PlacedChip | None:
        for placed in reversed(self._placed):  # the last painted is on top
            if placed.rect.contains(QPointF(pos)):
                return placed
        return None

    def placed_chips(self) -> list[PlacedChip]:
        return list(self._placed)

    def relayout(self) -> None:
        raise NotImplementedError

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self.relayout()

    def _begin_painting(self) -> QPainter:
        """Start painting: the background, today and weekends tinted, the column lines."""
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(110)
        accent = palette.color(QPalette.ColorRole.Highlight)
        for index, day in enumerate(self.state.days()):
            column = QRectF(self.column_left(index), 0, self.column_width(), self.height())
            if day == self.state.today:
                painter.fillRect(column, with_alpha(accent, 22))
            elif day.weekday() >= 5:
                painter.fillRect(column, with_alpha(palette.color(QPalette.ColorRole.Window), 140))
        painter.setPen(QPen(grid, 1))
        for index in range(8):
            x = round(self.column_left(index)) + 0.5
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        return painter

    def chip_wraps(self, placed: PlacedChip) -> bool:
        return placed.rect.height() > 30

    def dropped(self, post_id: int, target: datetime | date) -> None:
        self.post_dropped.emit(post_id, target)


class AllDayStrip(_DayColumns):
    """Day names and the days' all-day entries, above the hour grid."""

    day_activated = Signal(object)  # date

    def __init__(self, state: WeekState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("week-all-day")
        self.expanded = False
        self._more: dict[date, tuple[QRectF, int]] = {}
        self._drop_day: date | None = None
        self._rows = 0

    def _chip_height(self) -> int:
        return QFontMetrics(self.font()).height() + 4

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        rows = self._rows if self.expanded else min(self._rows, ALL_DAY_ROWS + 1)
        return QSize(600, NAMES_HEIGHT + max(rows, 1) * (self._chip_height() + 2) + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()

    def day_chips(self, day: date) -> list[Chip]:
        all_day = [p for p in self.state.posts if p.all_day]
        return chips_for_day(day, all_day, self.state.observances, self.state.campaigns)

    def relayout(self) -> None:
        self._placed, self._more = [], {}
        per_day = {day: self.day_chips(day) for day in self.state.days()}
        rows = max((len(c) for c in per_day.values()), default=0)
        if rows != self._rows:
            self._rows = rows
            self.updateGeometry()
        limit = rows if self.expanded or rows <= ALL_DAY_ROWS + 1 else ALL_DAY_ROWS
        height = self._chip_height()
        for index, day in enumerate(self.state.days()):
            left = self.column_left(index) + 2
            width = self.column_width() - 4
            chips = per_day[day]
            for row, chip in enumerate(chips[:limit]):
                rect = QRectF(left, NAMES_HEIGHT + row * (height + 2), width, height)
                self._placed.append(PlacedChip(rect, chip))
            if len(chips) > limit:
                rect = QRectF(left, NAMES_HEIGHT + limit * (height + 2), width, height)
                self._more[day] = (rect, len(chips) - limit)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = self._begin_painting()
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        bold = QFont(self.font())
        bold.setBold(True)
        locale = QLocale()
        for index, day in enumerate(self.state.days()):
            name = QRectF(self.column_left(index), 0, self.column_width(), NAMES_HEIGHT)
            if day == self._drop_day:
                painter.fillRect(QRectF(name.left(), 0, name.width(), self.height()),
                                 with_alpha(accent, 60))
            painter.setFont(bold if day == self.state.today else self.font())
            painter.setPen(accent if day == self.state.today
                           else palette.color(QPalette.ColorRole.Text))
            painter.drawText(name, int(Qt.AlignmentFlag.AlignCenter),
                             locale.toString(day, "ddd d MMM"))
        painter.setFont(self.font())
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRectF(0, NAMES_HEIGHT, self.gutter() - 4, self._chip_height()),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         all_day_label())
        for placed in self._placed:
            paint_chip(painter, placed.rect, placed.chip, self.font())
        painter.setPen(accent.darker(120))
        painter.setFont(bold)
        for rect, count in self._more.values():
            painter.drawText(rect.adjusted(4, 0, 0, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             self.tr("+{0} more").format(count))
        grid = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(grid)
        painter.drawLine(QPointF(0, self.height() - 0.5), QPointF(self.width(),
                                                                  self.height() - 0.5))
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if any(rect.contains(event.position()) for rect, _ in self._more.values()):
            self.expanded = True
            self.relayout()
            self.updateGeometry()
            return
        super().mouseReleaseEvent(event)

    def empty_double_clicked(self, pos: QPointF) -> None:
        day = self.day_at(pos)
        if day is not None:
            self.day_activated.emit(day)

    def drop_target(self, pos: QPointF, dragged: DraggedPost) -> date | None:
        return self.day_at(pos)

    def show_drop(self, target: datetime | date | None, dragged: DraggedPost | None) -> None:
        day = target if isinstance(target, date) and not isinstance(target, datetime) else None
        if day != self._drop_day:
            self._drop_day = day
            self.update()


class HourGrid(_DayColumns):
    """The hours of the week's days, with the timed posts at their times."""

    slot_activated = Signal(object)  # aware datetime: plan a post then

    def __init__(self, state: WeekState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("week-hours")
        self.setMinimumHeight(24 * HOUR_HEIGHT)
        self.now: datetime | None = None
        self._drop: tuple[date, int, int] | None = None  # day, minute, height in minutes

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, 24 * HOUR_HEIGHT)

    # geometry
    def y_for(self, minutes: float) -> float:
        return minutes * HOUR_HEIGHT / 60

    def minutes_at(self, y: float) -> int:
        """The snapped minute of the day at ``y`` (clamped to the day)."""
        minutes = int(y * 60 / HOUR_HEIGHT // SNAP_MINUTES * SNAP_MINUTES)
        return max(0, min(minutes, DAY_MINUTES - SNAP_MINUTES))

    def slot_time(self, day: date, minutes: int) -> datetime:
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.state.zone)

    def relayout(self) -> None:
        self._placed = []
        for index, day in enumerate(self.state.days()):
            timed = sorted((p for p in self.state.posts
                            if not p.all_day and p.timed_start and p.day == day),
                           key=post_sort_key)
            for post, lane, lanes in _lanes(timed):
                start = post.timed_start
                minutes = start.hour * 60 + start.minute
                length = max(post.duration_minutes or 0, MIN_BLOCK_MINUTES)
                length = min(length, DAY_MINUTES - minutes)
                width = (self.column_width() - 6) / lanes
                rect = QRectF(self.column_left(index) + 2 + lane * width,
                              self.y_for(minutes) + 1, width - 1,
                              max(self.y_for(length) - 2, QFontMetrics(self.font()).height()))
                self._placed.append(PlacedChip(rect, post_chip(post, self.state.campaigns)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = self._begin_painting()
        palette = self.palette()
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(110)
        faint = QColor(grid)
        faint.setAlpha(45)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        for hour in range(24):
            y = round(self.y_for(hour * 60)) + 0.5
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(self.gutter() - 4, y), QPointF(self.width(), y))
            painter.setPen(QPen(faint, 1, Qt.PenStyle.DotLine))
            half = round(self.y_for(hour * 60 + 30)) + 0.5
            painter.drawLine(QPointF(self.gutter(), half), QPointF(self.width(), half))
            if hour:
                painter.setPen(muted)
                painter.drawText(QRectF(0, y - 9, self.gutter() - 8, 18),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                                 f"{hour:02d}:00")
        accent = palette.color(QPalette.ColorRole.Highlight)
        if self._drop is not None:
            day, minutes, length = self._drop
            index = (day - self.state.first_day).days
            rect = QRectF(self.column_left(index) + 1, self.y_for(minutes),
                          self.column_width() - 2, self.y_for(length))
            painter.fillRect(rect, with_alpha(accent, 60))
            painter.setPen(QPen(accent, 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect)
            painter.setPen(accent.darker(140))
            painter.drawText(rect.adjusted(4, 1, -2, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                             f"{minutes // 60:02d}:{minutes % 60:02d}")
        for placed in self._placed:
            paint_chip(painter, placed.rect, placed.chip, self.font(),
                       wrap=placed.rect.height() > 30)
        if self.now is not None and self.state.first_day <= self.now.date() <= \
                self.state.first_day + timedelta(days=6):
            index = (self.now.date() - self.state.first_day).days
            y = self.y_for(self.now.hour * 60 + self.now.minute)
            painter.setPen(QPen(QColor("#d93025"), 2))
            painter.drawLine(QPointF(self.column_left(index), y),
                             QPointF(self.column_left(index + 1), y))
        painter.end()

    def empty_double_clicked(self, pos: QPointF) -> None:
        day = self.day_at(pos)
        if day is not None:
            minutes = self.minutes_at(pos.y()) // 30 * 30
            self.slot_activated.emit(self.slot_time(day, minutes))

    def drop_target(self, pos: QPointF, dragged: DraggedPost) -> datetime | None:
        day = self.day_at(pos)
        if day is None:
            return None
        return self.slot_time(day, self.minutes_at(pos.y() - dragged.grab_y))

    def show_drop(self, target: datetime | date | None, dragged: DraggedPost | None) -> None:
        drop = None
        if isinstance(target, datetime) and dragged is not None:
            post = next((p for p in self.state.posts if p.post_id == dragged.post_id), None)
            length = max((post.duration_minutes or 0) if post else 0, MIN_BLOCK_MINUTES)
            drop = (target.date(), target.hour * 60 + target.minute, length)
        if drop != self._drop:
            self._drop = drop
            self.update()


class WeekView(QWidget):
    """The all-day strip over the scrolling hour grid, as one view."""

    post_dropped = Signal(int, object)  # post id, aware datetime (timed) or date (all-day)
    post_activated = Signal(int)
    observance_activated = Signal(object)
    day_activated = Signal(object)  # date
    slot_activated = Signal(object)  # datetime

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("week-view")
        self.state = WeekState()
        self.all_day = AllDayStrip(self.state)
        self.hours = HourGrid(self.state)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.hours)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.all_day.right_margin = self.scroll.verticalScrollBar().sizeHint().width()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.all_day)
        layout.addWidget(self.scroll, 1)
        for part in (self.all_day, self.hours):
            part.post_dropped.connect(self.post_dropped)
            part.post_activated.connect(self.post_activated)
            part.observance_activated.connect(self.observance_activated)
        self.all_day.day_activated.connect(self.day_activated)
        self.hours.slot_activated.connect(self.slot_activated)
        self._scrolled = False

    @property
    def first_day(self) -> date:
        return self.state.first_day

    @property
    def last_day(self) -> date:
        return self.state.first_day + timedelta(days=6)

    def set_week(self, day: date, today: date, zone: tzinfo, now: datetime | None = None) -> None:
        self.state.first_day = week_start(day)
        self.state.today = today
        self.state.zone = zone
        self.hours.now = now
        self.all_day.expanded = False
        self._relayout()

    def set_entries(self, posts: list[PostEntry], observances: list[ObservanceEntry],
                    campaigns: dict[str, str | None]) -> None:
        self.state.posts, self.state.observances = list(posts), list(observances)
        self.state.campaigns = campaigns
        self._relayout()

    def _relayout(self) -> None:
        self.all_day.relayout()
        self.hours.relayout()

    def scroll_to_hour(self, hour: int = FIRST_HOUR_SHOWN) -> None:
        self.scroll.verticalScrollBar().setValue(int(hour * HOUR_HEIGHT) - 4)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        if not self._scrolled:  # the working day first; the night is a scroll away
            self._scrolled = True
            self.scroll_to_hour()


def _lanes(posts: list[PostEntry]) -> list[tuple[PostEntry, int, int]]:
    """Side-by-side lanes for overlapping posts: (post, its lane, lanes in its cluster)."""
    placed: list[tuple[PostEntry, int, int]] = []
    cluster: list[tuple[PostEntry, int]] = []
    lane_ends: list[datetime] = []
    cluster_end: datetime | None = None

    def close() -> None:
        lanes = max((lane for _, lane in cluster), default=-1) + 1
        placed.extend((post, lane, lanes) for post, lane in cluster)

    for post in posts:
        start = post.timed_start
        end = start + timedelta(minutes=max(post.duration_minutes or 0, MIN_BLOCK_MINUTES))
        if cluster_end is not None and start >= cluster_end:
            close()
            cluster, lane_ends, cluster_end = [], [], None
        lane = next((i for i, lane_end in enumerate(lane_ends) if lane_end <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        cluster.append((post, lane))
        cluster_end = end if cluster_end is None else max(cluster_end, end)
    close()
    return placed
