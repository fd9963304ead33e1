"""The Dashboard's "Own accounts" card: each own account's rung on the ladder (present → up to
date → engaging) with the numbers behind it, and the platforms the embassy is not on. A click
on an account opens its replies in Listen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.dashboard.card import Card
from ui.dashboard.rows import Column, RawRole, RowsModel, card_table
from ui.dashboard.text import (
    days_ago,
    hours_text,
    number,
    percent,
    platform_name,
    translate,
)
from ui.widgets.counts import counts

if TYPE_CHECKING:
    from core.dashboard import AccountRung, DashboardData

LEVEL_COLORS = {"present": "#a0aec0", "up-to-date": "#3182ce", "engaging": "#2f855a"}


def account_columns(weeks: int) -> list[Column]:
    def level(r: AccountRung) -> str:
        names = {"present": translate("Dashboard", "present"),
                 "up-to-date": translate("Dashboard", "up to date"),
                 "engaging": translate("Dashboard", "engaging")}
        return "●" * r.rung + "○" * (3 - r.rung) + " " + names[r.level]

    level_tip = translate("Dashboard", "Presence → up to date (posted in the last 7 days) → "
                                       "engaging (up to date, and at least 1 reply per post on "
                                       "average)")
    return [
        Column(translate("Dashboard", "Account"), lambda r: r.name, tip=lambda r: r.url),
        Column(translate("Dashboard", "Platform"), lambda r: platform_name(r.platform)),
        Column(translate("Dashboard", "Last post"), lambda r: days_ago(r.days_since_last_post),
               tip=lambda r: r.last_post.strftime("%Y-%m-%d %H:%M UTC") if r.last_post
               else None,
               color=lambda r: "#c53030" if r.level == "present" else None),  # not up to date
        Column(translate("Dashboard", "Posts/week"), lambda r: number(r.posts_per_week),
               tip=lambda r: translate("Dashboard", "{0} in the last {1}").format(
                   counts().posts(r.posts), counts().weeks(weeks)),
               align_right=True),
        Column(translate("Dashboard", "Replies/post"), lambda r: number(r.replies_per_post),
               tip=lambda r: translate("Dashboard", "{0} to those posts").format(
                   counts().replies(r.replies)),
               align_right=True),
        Column(translate("Dashboard", "Negative"), lambda r: percent(r.negative_share),
               tip=lambda r: translate("Dashboard", "{0} negative out of {1}; replies in "
                                                    "languages without an analyzer are not "
                                                    "counted").format(
                   r.negative, counts().analysed_replies(r.supported)),
               color=lambda r: "#c53030" if (r.negative_share or 0) >= 0.4 else None,
               align_right=True),
        Column(translate("Dashboard", "Answered"), lambda r: percent(r.answered_share),
               tip=lambda r: translate("Dashboard", "Answered from Attaché: {0} of "
                                                    "{1}").format(r.answered, r.replies),
               align_right=True),
        Column(translate("Dashboard", "Time to answer"),
               lambda r: hours_text(r.median_hours_to_answer),
               tip=lambda _r: translate("Dashboard", "Median time from a reply to the "
                                                     "embassy's answer"),
               align_right=True),
        Column(translate("Dashboard", "Level"), level, tip=lambda _r: level_tip,
               color=lambda r: LEVEL_COLORS[r.level]),
    ]


class AccountsCard(Card):
    account_activated = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.model = RowsModel(account_columns(4), self)
        self.view = card_table(self.model, stretch=0)
        self.view.setObjectName("accounts")
        self.view.activated.connect(self._clicked)
        self.view.clicked.connect(self._clicked)
        self.absent = QLabel()
        self.absent.setObjectName("absent")
        self.absent.setWordWrap(True)
        self.absent.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        accounts = QWidget()
        column = QVBoxLayout(accounts)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addWidget(self.absent)
        self.set_content(self.tr("Own accounts"), accounts)

    def show_data(self, data: DashboardData) -> None:
        self.model.columns = account_columns(data.ladder_weeks)
        self.model.set_rows(data.accounts)
        if not data.accounts:
            self.show_empty(self.tr(
                "No own accounts yet — add your embassy's Mastodon/Bluesky/Telegram in "
                "Sources and mark them as your own."))
            return
        self.show_content()
        absent = [platform_name(p) for p in data.absent_platforms]
        self.absent.setText(self.tr("Not present on: {0}").format(", ".join(absent))
                            if absent else "")
        self.absent.setVisible(bool(absent))

    def _clicked(self, index: QModelIndex) -> None:
        rung = index.data(RawRole)
        if rung is not None:
            self.account_activated.emit(rung.source_id)
