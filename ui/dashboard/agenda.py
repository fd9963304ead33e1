"""The Dashboard's "Next 14 days" card: planned posts and observances, a day per line-group,
with status and "prepare by" badges. A click on a line opens it in the Calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ui.dashboard.card import Card
from ui.dashboard.rows import BadgeDelegate, Column, RawRole, RowsModel, card_table
from ui.dashboard.text import STATUS_COLORS, clock, post_status_name, short_date, translate
from ui.widgets.counts import counts

if TYPE_CHECKING:
    from core.dashboard import AgendaEntry, DashboardData

CATEGORY_COLORS = {"un": "#3182ce", "us": "#c53030", "host": "#2f855a",
                   "programme": "#805ad5", "custom": "#718096"}
PREP_COLORS = {"due": "#b7791f", "overdue": "#c53030", "planned": "#2f855a"}


def agenda_columns() -> list[Column]:
    def day(e: AgendaEntry) -> str:
        return short_date(e.day)

    def when(e: AgendaEntry) -> str:
        if e.at is not None:
            return clock(e.at)
        if e.end > e.day:
            return translate("Dashboard", "to {0}").format(QLocale().toString(
                QDate(e.end.year, e.end.month, e.end.day), "d MMM"))
        return ""  # all day: a blank reads quieter than the same words on every line

    def what_tip(e: AgendaEntry) -> str:
        if e.kind == "post":
            lines = [e.title, translate("Dashboard", "Planned post · {0}").format(
                post_status_name(e.status))]
            if e.channels:
                lines.append(translate("Dashboard", "On: {0}").format(", ".join(e.channels)))
            if e.campaign:
                lines.append(translate("Dashboard", "Campaign: {0}").format(e.campaign))
            return "\n".join(lines)
        lines = [e.title, translate("Dashboard", "Observance ({0})").format(e.category)]
        if e.start != e.end:
            lines.append(f"{short_date(e.start)} – {short_date(e.end)}")
        if e.estimated:
            lines.append(translate("Dashboard",
                                   "The date is estimated; confirm it before publishing."))
        if e.beyond:
            lines.append(translate("Dashboard",
                                   "After this period; listed because preparation is due."))
        return "\n".join(lines)

    def badge_text(e: AgendaEntry) -> str:
        if e.kind == "post":
            return post_status_name(e.status)
        if e.prep == "planned":
            return translate("Dashboard", "planned ✓")
        if e.prep in ("due", "overdue") and e.prepare_by is not None:
            return translate("Dashboard", "prepare by {0}").format(short_date(e.prepare_by))
        return ""

    def badge_tip(e: AgendaEntry) -> str | None:
        if e.kind == "post":
            return translate("Dashboard", "Status of the planned post")
        if e.prep == "overdue":
            return translate("Dashboard",
                             "Preparation should have started {0} before ({1}).").format(
                counts().days(e.lead_days), short_date(e.prepare_by))  # type: ignore[arg-type]
        if e.prep == "due":
            return translate("Dashboard", "Lead time {0}: start preparing by {1}.").format(
                counts().days(e.lead_days), short_date(e.prepare_by))  # type: ignore[arg-type]
        if e.prep == "planned":
            return translate("Dashboard", "A planned post is linked to this observance.")
        return None

    def badge_color(e: AgendaEntry) -> str | None:
        if e.kind == "post":
            return STATUS_COLORS.get(e.status or "")
        return PREP_COLORS.get(e.prep or "")

    return [
        Column(translate("Dashboard", "Day"), day, color=lambda e: "#718096" if e.beyond else None),
        Column(translate("Dashboard", "Time"), when, color=lambda _e: "#718096"),
        Column(translate("Dashboard", "What"), lambda e: e.title + (" ≈" if e.estimated else ""),
               tip=what_tip,
               decoration=lambda e: (STATUS_COLORS.get(e.status or "") if e.kind == "post"
                                     else CATEGORY_COLORS.get(e.category or "", "#718096")),
               italic=lambda e: e.kind == "observance"),
        Column(translate("Dashboard", "Status"), badge_text, tip=badge_tip, badge=badge_color),
    ]


class AgendaCard(Card):
    post_activated = Signal(int)
    observance_activated = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.model = RowsModel(agenda_columns(), self)
        self.view = card_table(self.model, stretch=2)
        self.view.setObjectName("agenda")
        self.view.setItemDelegateForColumn(3, BadgeDelegate(self.view))
        self.days = _BlankRepeats(self.view)
        self.view.setItemDelegateForColumn(0, self.days)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.set_content(self.tr("Next 14 days"), self.view)

    def show_data(self, data: DashboardData) -> None:
        self.title.setText(self.tr("Next %n day(s)", "", data.agenda_days))
        self.model.set_rows(data.agenda)
        if not data.agenda:
            self.show_empty(self.tr(
                "Nothing planned and no observances in the next %n day(s).\n"
                "Plan posts in the Calendar; observance packs (UN days, US and host-country "
                "holidays, programme deadlines) show here when they are switched on.", "",
                data.agenda_days))
            return
        self.show_content()
        # The day only on the first line of each day: the list reads as a diary.
        self.days.rows = {row for row in range(1, len(data.agenda))
                          if data.agenda[row].day == data.agenda[row - 1].day}

    def _clicked(self, index: QModelIndex) -> None:
        entry = index.data(RawRole)
        if entry is None:
            return
        if entry.kind == "post":
            self.post_activated.emit(entry.id)
        else:
            self.observance_activated.emit(entry.id)


class _BlankRepeats(QStyledItemDelegate):
    """The Day column: a day's name on its first line only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: set[int] = set()

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.row() in self.rows:
            option.text = ""
