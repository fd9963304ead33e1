"""The agenda: every post, observance and "prepare by" marker of a range, one per row.

A flat table model (the range is a month: tens of rows, so no lazy loading is needed) with
named columns, a role for the raw entry and one for sorting, so a ``QSortFilterProxyModel``
can sort any column correctly (dates by date, not by their text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from ui.calendar.chips import post_sort_key, time_text
from ui.calendar.data import ObservanceEntry, PostEntry
from ui.calendar.palette import (
    campaign_colour,
    category_colour,
    category_label,
    status_colour,
    status_label,
)
from ui.widgets.counts import counts
from ui.widgets.plain import plain_tooltip

DATE, TIME, KIND, TITLE, STATUS, CHANNELS, CAMPAIGN = range(7)
COLUMN_COUNT = 7

RawRole = int(Qt.ItemDataRole.UserRole) + 1  # the AgendaRow
SortRole = int(Qt.ItemDataRole.UserRole) + 2  # a value that sorts the column correctly

POST_ROW, OBSERVANCE_ROW, PREPARE_ROW = "post", "observance", "prepare"
_ANY = QModelIndex | QPersistentModelIndex


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


@dataclass(frozen=True)
class AgendaRow:
    kind: str  # POST_ROW | OBSERVANCE_ROW | PREPARE_ROW
    day: date
    post: PostEntry | None = None
    observance: ObservanceEntry | None = None

    def sort_key(self) -> tuple:
        order = {OBSERVANCE_ROW: 0, POST_ROW: 1, PREPARE_ROW: 2}[self.kind]
        inner = post_sort_key(self.post) if self.post else ()
        name = self.observance.name if self.observance else ""
        return (self.day, order, inner, name)


def agenda_rows(first: date, last: date, posts: list[PostEntry],
                observances: list[ObservanceEntry]) -> list[AgendaRow]:
    """The range's rows by day: observances first, then posts by time, then reminders."""
    rows = [AgendaRow(POST_ROW, p.day, post=p) for p in posts if first <= p.day <= last]
    for observance in observances:
        if observance.last >= first and observance.first <= last:
            rows.append(AgendaRow(OBSERVANCE_ROW, max(observance.first, first),
                                  observance=observance))
        prepare = observance.prepare_by
        if prepare is not None and first <= prepare <= last:
            rows.append(AgendaRow(PREPARE_ROW, prepare, observance=observance))
    rows.sort(key=AgendaRow.sort_key)
    return rows


class AgendaModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AgendaRow] = []
        self.campaigns: dict[str, str | None] = {}
        self.channel_names: dict[int, str] = {}
        self.today: date | None = None

    def set_rows(self, rows: list[AgendaRow], *, campaigns: dict[str, str | None],
                 channel_names: dict[int, str], today: date | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.campaigns = campaigns
        self.channel_names = channel_names
        self.today = today
        self.endResetModel()

    def row_at(self, row: int) -> AgendaRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # ------------------------------------------------------------------ Qt's interface

    def rowCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ANY = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's API
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {DATE: translate("Calendar", "Date"), TIME: translate("Calendar", "Time"),
                   KIND: translate("Calendar", "Kind"), TITLE: translate("Calendar", "Title"),
                   STATUS: translate("Calendar", "Status"),
                   CHANNELS: translate("Calendar", "Channels"),
                   CAMPAIGN: translate("Calendar", "Campaign")}
        return headers.get(section)

    def flags(self, index: _ANY) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ANY, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == RawRole:
            return row
        if role == SortRole:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return (status_colour(row.post.status) if row.post
                    else category_colour(row.observance.category))
        if role == Qt.ItemDataRole.DecorationRole and column == CAMPAIGN and row.post \
                and row.post.campaign:
            return campaign_colour(row.post.campaign, self.campaigns.get(row.post.campaign))
        if role == Qt.ItemDataRole.ForegroundRole:
            if (row.post and row.post.status == "cancelled") or row.kind == PREPARE_ROW:
                return QColor("#7b8591")
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if row.post and row.post.status == "cancelled":
                font.setStrikeOut(True)
                return font
            if column == DATE and row.day == self.today:
                font.setBold(True)
                return font
            if row.kind == PREPARE_ROW:
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            # Kind, title and campaign may be cut to fit their column: the tooltip has them
            # whole (with the warnings or description under a title).
            whole = self._text(row, column) if column in (KIND, TITLE, CAMPAIGN, CHANNELS) \
                else ""
            extra = self._tooltip(row) if column in (TITLE, STATUS, DATE) else None
            text = "\n".join(t for t in (whole, extra) if t)
            return plain_tooltip(text) or None  # descriptions come from files
        return None

    # ------------------------------------------------------------------ cell contents

    def _text(self, row: AgendaRow, column: int) -> str:
        post, observance = row.post, row.observance
        if column == DATE:
            text = QLocale().toString(row.day, "ddd d MMM")
            if observance and row.kind == OBSERVANCE_ROW and observance.last > row.day:
                text += f" – {QLocale().toString(observance.last, 'd MMM')}"
            return text
        if column == TIME:
            if post:
                return time_text(post) or translate("Calendar", "all day")
            return translate("Calendar", "all day") if row.kind == OBSERVANCE_ROW else ""
        if column == KIND:
            if post:
                return (translate("Calendar", "Post ↻") if post.recurring
                        else translate("Calendar", "Post"))
            if row.kind == PREPARE_ROW:
                return translate("Calendar", "Prepare")
            label = category_label(observance.category)
            return label[:1].upper() + label[1:]
        if column == TITLE:
            if post:
                return (f"⚠ {post.title}" if post.warnings else post.title)
            if row.kind == PREPARE_ROW:
                return translate("Calendar", "For {0} ({1})").format(
                    observance.name, QLocale().toString(observance.first, "d MMM"))
            return f"≈ {observance.name}" if observance.estimated else observance.name
        if column == STATUS:
            if post:
                return status_label(post.status)
            return translate("Calendar", "date estimated") if observance.estimated and \
                row.kind == OBSERVANCE_ROW else ""
        if column == CHANNELS:
            if not post:
                return ""
            return ", ".join(self.channel_names.get(c, f"#{c}") for c in post.channels)
        if column == CAMPAIGN:
            return post.campaign or "" if post else ""
        return ""

    def _sort_value(self, row: AgendaRow, column: int) -> object:
        if column in (DATE, TIME):  # by day, then observances, posts by time, reminders
            order = {OBSERVANCE_ROW: 0, POST_ROW: 1, PREPARE_ROW: 2}[row.kind]
            clock = time_text(row.post) if row.post else ""
            return f"{row.day.isoformat()} {order} {clock or '-----'} {self._text(row, TITLE)}"
        return self._text(row, column).lower()

    def _tooltip(self, row: AgendaRow) -> str | None:
        if row.post and row.post.warnings:
            return "\n".join(row.post.warnings)
        if row.observance and row.observance.description:
            return row.observance.description
        if row.kind == PREPARE_ROW and row.observance:
            return translate("Calendar", "{0} before {1}").format(
                counts().days(row.observance.lead_days), row.observance.name)
        return None

