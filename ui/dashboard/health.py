"""The Dashboard's "Source health" card: how many sources work, fail, are gone or new, and
the failing ones worst first. A click on a failing source opens it in Sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.dashboard.card import Card
from ui.dashboard.rows import Column, RawRole, RowsModel, card_table
from ui.dashboard.text import translate

if TYPE_CHECKING:
    from core.dashboard import SourceHealth, SourceProblem

HEALTH = (("ok", "●", "#2f855a"), ("error", "▲", "#c53030"), ("gone", "✕", "#718096"),
          ("new", "○", "#3182ce"))


def problem_columns() -> list[Column]:
    def tip(p: SourceProblem) -> str:
        lines = [p.url, p.error or translate("Dashboard", "(no error text)")]
        if not p.enabled:
            lines.append(translate("Dashboard", "Disabled"))
        return "\n".join(lines)

    def last_worked(p: SourceProblem) -> str:
        if p.last_new_item is None:
            return translate("Dashboard", "never")
        day = p.last_new_item.date()
        return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")

    return [
        Column(translate("Dashboard", "Source"), lambda p: p.name, tip=tip,
               decoration=lambda p: dict((k, c) for k, _m, c in HEALTH).get(p.status)),
        Column(translate("Dashboard", "Failures"),
               lambda p: translate("Dashboard", "gone") if p.status == "gone" else str(
                   p.error_count),
               tip=lambda _p: translate("Dashboard", "Failed fetches in a row"),
               align_right=True),
        Column(translate("Dashboard", "Last item"), last_worked, color=lambda _p: "#718096",
               tip=lambda _p: translate("Dashboard", "When the source last brought a new item")),
    ]


class HealthCard(Card):
    source_activated = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.counts = QLabel()
        self.counts.setObjectName("health-counts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setWordWrap(True)
        self.problems_model = RowsModel(problem_columns(), self)
        self.problems_view = card_table(self.problems_model, stretch=0)
        self.problems_view.setObjectName("problems")
        self.problems_view.clicked.connect(self._clicked)
        self.problems_view.activated.connect(self._clicked)
        self.problems_title = QLabel(self.tr("Failing sources, worst first"))
        self.problems_title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.all_well = QLabel(self.tr("Every source fetched fine the last time it was due."))
        self.all_well.setObjectName("all-well")
        self.all_well.setWordWrap(True)
        health = QWidget()
        column = QVBoxLayout(health)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.counts)
        column.addWidget(self.problems_title)
        column.addWidget(self.problems_view, 1)
        column.addWidget(self.all_well)
        column.addStretch(0)
        self.set_content(self.tr("Source health"), health)

    def show_data(self, health: SourceHealth) -> None:
        if not health.total:
            self.show_empty(self.tr(
                "No sources yet — add feeds and social accounts in Sources."))
            return
        self.show_content()
        names = {"ok": self.tr("working"), "error": self.tr("failing"),
                 "gone": self.tr("gone"), "new": self.tr("not fetched yet")}
        parts = [f'<span style="color:{color}">{mark}</span>&nbsp;<b>{health.counts[key]}</b>'
                 f"&nbsp;{names[key]}" for key, mark, color in HEALTH if health.counts.get(key)]
        if health.disabled:
            parts.append(self.tr("{0} disabled").format(health.disabled))
        self.counts.setText(" &nbsp; ".join(parts))
        self.problems_model.set_rows(health.worst)
        failing = bool(health.worst)
        self.problems_title.setVisible(failing)
        self.problems_view.setVisible(failing)
        self.all_well.setVisible(not failing)

    def _clicked(self, index: QModelIndex) -> None:
        problem = index.data(RawRole)
        if problem is not None:
            self.source_activated.emit(problem.id)
