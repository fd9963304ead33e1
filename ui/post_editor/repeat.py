"""Whether a post repeats: a preset (daily, weekly on its weekday, monthly on its day) that
ends never, on a day or after so many times — or a custom iCalendar RRULE, checked by core as
it is typed.

Presets are spelled as RRULEs by core (``PostEditorData.repeat_rule``), and a saved rule is
shown as the preset it is when it is one (``repeat_preset``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.post_editor.lengths import OVER_COLOR
from ui.post_editor.model import PostEditorData

EVERY = ("", "daily", "weekly", "monthly", "custom")


class RepeatRow(QWidget):
    def __init__(self, data: PostEditorData, when: Callable[[], tuple[date, bool]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.when = when  # the post's (first day, all day) now
        self.repeat = QComboBox(objectName="repeat")
        for key in EVERY:
            self.repeat.addItem(key, key)  # texts set by _update_labels
        self.rrule = QLineEdit(objectName="rrule")
        self.rrule.setPlaceholderText("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10")
        self.rrule.setToolTip(self.tr("An iCalendar RRULE, as calendar programs write it"))
        self.ends = QComboBox(objectName="repeat-ends")
        self.ends.addItem(self.tr("Forever"), "never")
        self.ends.addItem(self.tr("Until"), "until")
        self.ends.addItem(self.tr("Times:"), "count")
        self.until = QDateEdit(objectName="repeat-until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("d MMM yyyy")
        self.count = QSpinBox(objectName="repeat-count")
        self.count.setRange(2, 999)
        self.count.setValue(10)
        self.rrule_error = QLabel(objectName="rrule-error")
        self.rrule_error.setWordWrap(True)
        self.rrule_error.setTextFormat(Qt.TextFormat.PlainText)
        self.rrule_error.setStyleSheet(f"color: {OVER_COLOR};")
        self.rrule_error.hide()

        row = QHBoxLayout()
        row.addWidget(self.repeat)
        row.addWidget(self.rrule, 1)
        row.addWidget(self.ends)
        row.addWidget(self.until)
        row.addWidget(self.count)
        row.addStretch(0)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.rrule_error)

        self.repeat.currentIndexChanged.connect(self._every_chosen)
        self.rrule.textChanged.connect(self.refresh)
        self.ends.currentIndexChanged.connect(self.refresh)

    def show_rule(self, rrule: str, day: date, all_day: bool) -> None:
        """A saved rule, as its preset when it is one, else as Custom with its text."""
        widgets = (self.repeat, self.rrule, self.ends, self.until, self.count)
        for widget in widgets:
            widget.blockSignals(True)
        rule = rrule.strip()
        preset = self.data.repeat_preset(rule, day, all_day) if rule else None
        self.ends.setCurrentIndex(0)
        self.until.setDate(QDate(day.year, day.month, day.day).addMonths(3))
        if not rule:
            self.repeat.setCurrentIndex(0)
            self.rrule.clear()
        elif preset is None:
            self.repeat.setCurrentIndex(self.repeat.findData("custom"))
            self.rrule.setText(rule)
        else:
            every, until, count = preset
            self.repeat.setCurrentIndex(self.repeat.findData(every))
            self.rrule.setText(rule)
            if until is not None:
                self.ends.setCurrentIndex(self.ends.findData("until"))
                self.until.setDate(QDate(until.year, until.month, until.day))
            elif count:
                self.ends.setCurrentIndex(self.ends.findData("count"))
                self.count.setValue(count)
        for widget in widgets:
            widget.blockSignals(False)

    def rule(self) -> str:
        """The RRULE the fields say: a preset's is spelled by core."""
        every = self.repeat.currentData()
        if not every:
            return ""
        if every == "custom":
            return self.rrule.text().strip()
        ends = self.ends.currentData()
        qdate = self.until.date()
        until = date(qdate.year(), qdate.month(), qdate.day()) if ends == "until" else None
        count = self.count.value() if ends == "count" else None
        day, all_day = self.when()
        return self.data.repeat_rule(every, day, until, count, all_day)

    def problem(self) -> str:
        """Why core refuses the custom RRULE ("" when it is fine or not custom)."""
        if self.repeat.currentData() != "custom":
            return ""
        text = self.rrule.text().strip()
        if not text:
            return self.tr("Write the rule, e.g. FREQ=WEEKLY;BYDAY=TU,TH, or choose "
                           "another Repeat.")
        return self.data.rrule_error(text)

    def _every_chosen(self) -> None:
        if self.repeat.currentData() == "custom" and not self.rrule.text().strip():
            self.rrule.setText(self.rrule.property("preset") or "")  # start from what was shown
        self.refresh()

    def refresh(self) -> None:
        """Show the fields the chosen repeat needs, and core's word on a custom rule."""
        every = self.repeat.currentData()
        custom = every == "custom"
        self.rrule.setVisible(custom)
        self.ends.setVisible(bool(every) and not custom)
        ends = self.ends.currentData()
        self.until.setVisible(bool(every) and not custom and ends == "until")
        self.count.setVisible(bool(every) and not custom and ends == "count")
        if every and not custom:
            self.rrule.setProperty("preset", self.rule())
        self._update_labels()
        problem = self.problem()
        self.rrule_error.setText(problem)
        self.rrule_error.setVisible(bool(problem))

    def _update_labels(self) -> None:
        day, _all_day = self.when()
        weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.LongFormat)
        texts = {"": self.tr("Does not repeat"), "daily": self.tr("Daily"),
                 "weekly": self.tr("Weekly on {0}").format(weekday),
                 "monthly": self.tr("Monthly on day {0}").format(day.day),
                 "custom": self.tr("Custom (RRULE)…")}
        for i in range(self.repeat.count()):
            self.repeat.setItemText(i, texts[self.repeat.itemData(i)])
