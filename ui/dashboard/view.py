"""The Dashboard view: the five cards in a grid, under a heading with the time of the numbers
and a Refresh button.

It shows one ``core.dashboard.DashboardData`` snapshot at a time and never computes one:
``desktop/page_dashboard.py`` builds the snapshot in a background job and calls
``show_data``. Asking for fresh numbers (the Refresh button, F5 is the window's) emits
``reload_requested``. Lines that lead somewhere emit a signal (a post or observance → the
Calendar, a failing source → Sources, an account → Listen); desktop decides where that is.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.dashboard.accounts import AccountsCard
from ui.dashboard.agenda import AgendaCard
from ui.dashboard.card import Card
from ui.dashboard.health import HealthCard
from ui.dashboard.sentiment import SentimentCard
from ui.dashboard.watch import WatchCard
from ui.widgets.plain import plain_label

if TYPE_CHECKING:
    from core.dashboard import DashboardData


class DashboardView(QWidget):
    """The five cards in a grid, inside a scroll area so nothing is ever cut off."""

    reload_requested = Signal()
    post_activated = Signal(int)
    observance_activated = Signal(int)
    source_activated = Signal(int)
    account_activated = Signal(int)

    def __init__(self, data: DashboardData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.data: DashboardData | None = None

        self.agenda = AgendaCard()
        self.agenda.post_activated.connect(self.post_activated)
        self.agenda.observance_activated.connect(self.observance_activated)
        self.health = HealthCard()
        self.health.source_activated.connect(self.source_activated)
        self.sentiment = SentimentCard()
        self.watch = WatchCard()
        self.accounts = AccountsCard()
        self.accounts.account_activated.connect(self.account_activated)

        panels = _Panels()
        panels.setObjectName("dashboard-panels")
        column = QVBoxLayout(panels)
        column.setContentsMargins(12, 10, 12, 12)
        column.addLayout(self._heading())
        column.addLayout(self._grid(), 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(panels)
        panels.setMinimumSize(900, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

        if data is not None:
            self.show_data(data)
        else:
            self.show_loading()

    def _heading(self) -> QHBoxLayout:
        """"Dashboard", when the numbers were counted, and Refresh."""
        self.heading = QLabel(self.tr("Dashboard"))
        font = self.heading.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.updated = plain_label()  # may quote an error message
        self.updated.setObjectName("updated")
        self.updated.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Recount everything now"))
        self.refresh_button.clicked.connect(self.reload_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.updated)
        top.addWidget(self.refresh_button)
        return top

    def _grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.agenda, 0, 0, 2, 1)
        grid.addWidget(self.health, 0, 1)
        grid.addWidget(self.sentiment, 0, 2)
        grid.addWidget(self.watch, 1, 1, 1, 2)
        grid.addWidget(self.accounts, 2, 0, 1, 3)
        grid.setColumnStretch(0, 13)
        grid.setColumnStretch(1, 6)
        grid.setColumnStretch(2, 6)
        grid.setRowStretch(0, 5)
        grid.setRowStretch(1, 4)
        grid.setRowStretch(2, 3)
        return grid

    def cards(self) -> tuple[Card, ...]:
        return (self.agenda, self.health, self.sentiment, self.watch, self.accounts)

    # ------------------------------------------------------------------ state

    def activated(self) -> None:
        """The window shows this page: ask for fresh numbers."""
        self.reload_requested.emit()

    def show_loading(self) -> None:
        self.updated.setText(self.tr("Counting…"))
        if self.data is None:  # the first time: no stale numbers to keep showing meanwhile
            for card in self.cards():
                card.show_empty(self.tr("Counting…"))

    def show_error(self, message: str) -> None:
        self.updated.setText(self.tr("Could not update: {0}").format(message))

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        self.updated.setText(self.tr("Updated {0}").format(
            datetime.now().strftime("%H:%M")))
        self.agenda.show_data(data)
        self.health.show_data(data.sources)
        self.sentiment.show_data(data.sentiment)
        self.watch.show_data(data.watch, data.today)
        self.accounts.show_data(data)


class _Panels(QWidget):
    """The scrolled grid. Its wrapped labels would make the scroll area size it by
    height-for-width from *preferred* heights (taller than an 800-pixel window) and scroll for
    nothing; without it the panels share the height there is and scroll below the minimum."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - QScrollArea asks regardless
        return -1
