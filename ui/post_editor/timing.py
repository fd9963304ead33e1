"""When a post goes out: its day and time (or all day), the time zone that time is in, and
how long it runs — one row of the editor each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from ui.settings_tabs.choices import time_zone_combo

DEFAULT_TIME = time(10, 0)  # what the time shows for an all-day post turned timed


def _row(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout(widget)
    row.setContentsMargins(0, 0, 0, 0)
    return row


class WhenRow(QWidget):
    """The day, the time, and "All day" (which greys the time out)."""

    day_changed = Signal()
    time_changed = Signal()
    all_day_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = QDateEdit(objectName="day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.at = QTimeEdit(objectName="time")
        self.at.setDisplayFormat("HH:mm")
        self.all_day = QCheckBox(self.tr("All day"), objectName="all-day")
        row = _row(self)
        row.addWidget(self.day)
        row.addWidget(self.at)
        row.addWidget(self.all_day)
        row.addStretch(1)
        self.day.dateChanged.connect(lambda _day: self.day_changed.emit())
        self.at.timeChanged.connect(lambda _at: self.time_changed.emit())
        self.all_day.toggled.connect(self._all_day_toggled)

    def show_when(self, day: date, at: time | None) -> None:
        """A saved day and time (None: all day), without saying anything changed."""
        for widget in (self.day, self.at, self.all_day):
            widget.blockSignals(True)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.all_day.setChecked(at is None)
        self.at.setEnabled(at is not None)
        shown = at or DEFAULT_TIME
        self.at.setTime(QTime(shown.hour, shown.minute))
        for widget in (self.day, self.at, self.all_day):
            widget.blockSignals(False)

    def first_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def is_all_day(self) -> bool:
        return self.all_day.isChecked()

    def time_of_day(self) -> time | None:
        """The time, None for an all-day post."""
        if self.all_day.isChecked():
            return None
        qtime = self.at.time()
        return time(qtime.hour(), qtime.minute())

    def _all_day_toggled(self, checked: bool) -> None:
        self.at.setEnabled(not checked)
        self.all_day_toggled.emit(checked)


class ZoneRow(QWidget):
    """The zone the wall-clock time is in, and its offset on the post's day.

    "10:00 in New York" stays 10:00 when the zone changes, because that is what was planned;
    the stored instant moves instead.
    """

    chosen = Signal()  # the officer picked another zone

    def __init__(self, zones: Sequence[str], offset: Callable[[str, date], str],
                 default_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offset = offset  # (zone, day) -> "UTC+05:00"
        self.tz_combo = time_zone_combo(self, zones, None)
        self.tz_combo.setObjectName("tz-combo")
        self.tz_combo.setToolTip(self.tr("The time zone the time above is in"))
        self.tz = QLabel(objectName="tz")  # the zone's offset on the post's day
        self.tz.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = default_zone
        row = _row(self)
        row.addWidget(self.tz_combo, 1)
        row.addWidget(self.tz)
        self.tz_combo.currentIndexChanged.connect(self._picked)

    def show_zone(self, name: str) -> None:
        """A saved zone, listed even when the list leaves it out (US/Eastern)."""
        self.tz_combo.blockSignals(True)
        self.name = name
        if self.tz_combo.findData(name) < 0:
            self.tz_combo.addItem(name, name)
        self.tz_combo.setCurrentIndex(self.tz_combo.findData(name))
        self.tz_combo.blockSignals(False)

    def show_offset(self, day: date) -> None:
        self.tz.setText(self.offset(self.name, day))

    def _picked(self) -> None:
        name = self.tz_combo.currentData()
        if not name or name == self.name:
            return
        self.name = name
        self.chosen.emit()


class DurationRow(QWidget):
    """How long a timed post runs (a live session, an event), and when it then ends."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.duration = QSpinBox(objectName="duration")
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setSpecialValueText(self.tr("None"))
        self.duration.setToolTip(self.tr("How long it runs (a live session, an event); "
                                         "none for a post that simply goes out"))
        self.ends_at = QLabel(objectName="ends-at")
        row = _row(self)
        row.addWidget(self.duration)
        row.addWidget(self.ends_at)
        row.addStretch(1)
        self.duration.valueChanged.connect(lambda _minutes: self.changed.emit())

    def show_minutes(self, minutes: int | None) -> None:
        self.duration.blockSignals(True)
        self.duration.setValue(minutes or 0)
        self.duration.blockSignals(False)

    def minutes(self) -> int | None:
        return self.duration.value() or None

    def show_end(self, start: time | None) -> None:
        """Enabled for a timed post (``start``), with the time it ends."""
        minutes = self.duration.value()
        self.duration.setEnabled(start is not None)
        if start is not None and minutes:
            end = QTime(start.hour, start.minute).addSecs(minutes * 60)
            self.ends_at.setText(self.tr("ends {0}").format(end.toString("HH:mm")))
        else:
            self.ends_at.setText(self.tr("all-day posts have no duration") if start is None
                                 else "")
