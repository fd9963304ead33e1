"""The Monitor's filter bar: the search box, Unread, Starred, a watch term and a date range.

It only holds the choices: ``changed`` says one of the toggles, the term or the dates moved
(the Monitor decides when typing in the search box reloads), and ``values`` gives them as
``item_ids``' keyword arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

# The date filter's choices: key -> days back (None: no bound; "custom": the two date edits).
# Translated with self.tr where the combo is filled; QT_TRANSLATE_NOOP lets lupdate see them.
DATE_RANGES = (("any", QT_TRANSLATE_NOOP("ItemFilters", "Any time")),
               ("today", QT_TRANSLATE_NOOP("ItemFilters", "Today")),
               ("7", QT_TRANSLATE_NOOP("ItemFilters", "Last 7 days")),
               ("30", QT_TRANSLATE_NOOP("ItemFilters", "Last 30 days")),
               ("custom", QT_TRANSLATE_NOOP("ItemFilters", "Custom range…")))


class ItemFilters(QWidget):
    changed = Signal()  # a toggle, the term or the dates (not the search text)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search titles and text (Ctrl+F) — Cyrillic "
                                               "and O‘zbek work too"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.unread_only = QCheckBox(self.tr("Unread"))
        self.unread_only.setToolTip(self.tr("Only items not read yet"))
        self.starred_only = QCheckBox(self.tr("Starred"))
        self.starred_only.setToolTip(self.tr("Only starred items (S stars the current item)"))
        self.term = QComboBox()
        self.term.setObjectName("term-filter")
        self.term.setToolTip(self.tr("Only items that mention a watch term"))
        self.term.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.term.addItem(self.tr("Any watch term"), None)
        self.date_range = QComboBox()
        self.date_range.setObjectName("date-filter")
        for key, label in DATE_RANGES:
            self.date_range.addItem(self.tr(label), key)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7))
        self.date_to = QDateEdit(today)
        for edit, tip in ((self.date_from, self.tr("From (inclusive)")),
                          (self.date_to, self.tr("To (inclusive)"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setToolTip(tip)
            edit.setVisible(False)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        for widget in (self.unread_only, self.starred_only, self.term, self.date_range,
                       self.date_from, self.date_to):
            row.addWidget(widget)

        for box in (self.unread_only, self.starred_only):
            box.toggled.connect(lambda _: self.changed.emit())
        self.term.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.date_range.currentIndexChanged.connect(self._date_range_chosen)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _: self._custom_dates_changed())

    def set_terms(self, terms: Sequence[dict]) -> bool:
        """The watch-term choices, keeping the chosen term if it is still there; False when
        the chosen term was removed (the filter is then "any term")."""
        chosen = self.term.currentData()
        self.term.blockSignals(True)
        self.term.clear()
        self.term.addItem(self.tr("Any watch term"), None)
        for term in terms:
            # The count is of items, what this list shows; replies mentioning the term are
            # on the Listen page, and the tooltip says so.
            items = term.get("items", term.get("hits", 0))
            self.term.addItem(self.tr("{0} (%n item(s))", "", items).format(term["term"]),
                              term["id"])
            replies = term.get("replies", 0)
            self.term.setItemData(self.term.count() - 1, self.tr(
                "%n item(s) in all sources mention it", "", items) + (
                "; " + self.tr("%n reply(ies) too (see Listen)", "", replies)
                if replies else ""), Qt.ItemDataRole.ToolTipRole)
        position = self.term.findData(chosen) if chosen is not None else 0
        self.term.setCurrentIndex(max(position, 0))
        self.term.blockSignals(False)
        self.term.setVisible(self.term.count() > 1)
        return chosen is None or position >= 0

    def _date_range_chosen(self, _position: int) -> None:
        custom = self.date_range.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.changed.emit()

    def _custom_dates_changed(self) -> None:
        if self.date_range.currentData() == "custom":
            self.changed.emit()

    def date_bounds(self) -> tuple[datetime | None, datetime | None]:
        """(since, until) of the date filter, as aware datetimes; days are local days."""
        choice = self.date_range.currentData()
        today = QDate.currentDate()
        if choice == "today":
            return _local_midnight(today), None
        if choice in ("7", "30"):
            return datetime.now().astimezone() - timedelta(days=int(choice)), None
        if choice == "custom":
            first, last = sorted((self.date_from.date(), self.date_to.date()),
                                 key=lambda d: d.toJulianDay())
            return _local_midnight(first), _local_midnight(last.addDays(1))
        return None, None

    def values(self) -> dict:
        """The choices as ``item_ids``' keyword arguments (the tree adds source/category)."""
        since, until = self.date_bounds()
        return {"search": self.search.text().strip() or None,
                "unread": self.unread_only.isChecked(), "starred": self.starred_only.isChecked(),
                "term_id": self.term.currentData(), "since": since, "until": until}


def _local_midnight(day: QDate) -> datetime:
    """The start of a local calendar day, as an aware datetime core can compare."""
    moment = QDateTime(day, QTime(0, 0))
    return datetime.fromtimestamp(moment.toSecsSinceEpoch()).astimezone()
