"""The side panel of what is coming: the next 60 days' observances, each one click from a post.

"Plan a post" (or a double-click, or Enter) asks for the post editor pre-filled with the
observance's name, date and link. Entries say how far away they are, when preparation should
start, and whether a post is already planned for them, so the panel doubles as a to-do list.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.calendar.data import ObservanceEntry
from ui.calendar.palette import category_colour, category_label
from ui.widgets.plain import plain_tooltip

UPCOMING_DAYS = 60
EntryRole = int(Qt.ItemDataRole.UserRole) + 1


class ObservancePanel(QWidget):
    plan_requested = Signal(object)  # ObservanceEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("observance-panel")
        self.title = QLabel(self.tr("<b>Coming up</b> — next %n day(s)", "", UPCOMING_DAYS))
        self.list = QListWidget()
        self.list.setObjectName("upcoming-observances")
        self.list.setAccessibleName(self.tr("Upcoming observances"))
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(12, 12))
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)
        self.empty = QLabel(self.tr(
            "No observances in the next %n day(s).\nChoose host countries and packs with:\n"
            "attache config set countries UZ\nattache config set packs un,us,host,programme",
            "", UPCOMING_DAYS))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty.hide()
        self.plan = QPushButton(self.tr("&Plan a post…"))
        self.plan.setObjectName("plan-post")
        self.plan.setToolTip(self.tr("Open the post editor with this observance's name and "
                                     "date filled in"))
        self.plan.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.plan)
        self.list.currentItemChanged.connect(lambda item, _: self.plan.setEnabled(item
                                                                                  is not None))
        self.list.itemActivated.connect(lambda _: self.plan_selected())
        self.plan.clicked.connect(self.plan_selected)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(270, 500)

    def set_upcoming(self, observances: list[ObservanceEntry], today: date,
                     planned: set[int]) -> None:
        """Show ``observances`` (already limited to the coming days), marking planned ones."""
        current = self.selected()
        self.list.clear()
        locale = QLocale()
        for observance in sorted(observances, key=lambda o: (o.first, o.name)):
            if observance.last < today:
                continue
            days = (observance.first - today).days
            when = (self.tr("today") if days <= 0 else self.tr("tomorrow") if days == 1
                    else self.tr("in %n day(s)", "", days))
            name = f"≈ {observance.name}" if observance.estimated else observance.name
            details = [f"{locale.toString(observance.first, 'd MMM')} · {when}"]
            if observance.observance_id in planned:
                details.append(self.tr("✓ post planned"))
            elif observance.prepare_by is not None:
                if observance.prepare_by <= today:
                    details.append(self.tr("⚑ prepare now"))
                else:
                    details.append(self.tr("⚑ from {0}").format(
                        locale.toString(observance.prepare_by, "d MMM")))
            item = QListWidgetItem(f"{name}\n{' · '.join(details)}")
            item.setData(EntryRole, observance)
            item.setIcon(_dot(category_colour(observance.category)))
            tip = [category_label(observance.category)]
            if observance.prepare_by is not None:
                tip.append(self.tr("⚑ Start preparing on {0} (%n day(s) ahead)", "",
                                   observance.lead_days).format(
                    locale.toString(observance.prepare_by, "ddd d MMM")))
            if observance.estimated:
                tip.append(self.tr("The date is an estimate: confirm it before publishing."))
            if observance.description:
                tip.append(observance.description)
            item.setToolTip(plain_tooltip("\n".join(tip)))  # descriptions come from packs
            self.list.addItem(item)
            if current and current.observance_id == observance.observance_id \
                    and current.first == observance.first:
                self.list.setCurrentItem(item)
        has_rows = self.list.count() > 0
        self.list.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.plan.setEnabled(self.list.currentItem() is not None)

    def entries(self) -> list[ObservanceEntry]:
        return [self.list.item(i).data(EntryRole) for i in range(self.list.count())]

    def selected(self) -> ObservanceEntry | None:
        item = self.list.currentItem()
        return item.data(EntryRole) if item else None

    def plan_selected(self) -> None:
        observance = self.selected()
        if observance is not None:
            self.plan_requested.emit(observance)


def _dot(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)
