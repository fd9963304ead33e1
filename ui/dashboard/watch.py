"""The Dashboard's "Watch terms, last 7 days" card: the busiest terms with their mentions and
a sparkline each; quieter terms beyond the first few are counted, not listed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.dashboard.card import Card
from ui.dashboard.text import short_date
from ui.sparkline import Sparkline
from ui.widgets.counts import counts
from ui.widgets.plain import plain_label

if TYPE_CHECKING:
    from core.dashboard import TermActivity

MAX_TERMS = 8  # a dashboard shows the busiest; the rest are counted, not listed


class WatchCard(Card):
    def __init__(self) -> None:
        super().__init__()
        self.terms = QWidget()
        self.terms.setObjectName("terms")
        self.terms_grid = QGridLayout(self.terms)
        self.terms_grid.setContentsMargins(0, 4, 0, 0)
        self.terms_grid.setHorizontalSpacing(12)
        self.terms_grid.setVerticalSpacing(4)
        self.term_rows: list[tuple[QLabel, QLabel, Sparkline]] = []
        self.terms_more = QLabel()
        self.terms_more.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        terms_box = QWidget()
        column = QVBoxLayout(terms_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.terms)
        column.addWidget(self.terms_more)
        column.addStretch(1)
        self.set_content(self.tr("Watch terms, last 7 days"), terms_box)

    def show_data(self, terms: Sequence[TermActivity], today: date) -> None:
        if not terms:
            self.show_empty(self.tr(
                "No watch terms yet — add the words, #hashtags and @mentions you follow "
                "(Sources, or: attache watch add TERM)."))
            return
        self.show_content()
        for widgets in self.term_rows:
            for widget in widgets:
                self.terms_grid.removeWidget(widget)
                widget.deleteLater()
        self.term_rows = []
        shown = list(terms)[:MAX_TERMS]
        for row, term in enumerate(shown):
            name = plain_label(term.term)  # "<b>" in a term is text, not markup
            name.setObjectName("term")
            total = QLabel(str(term.total))
            total.setObjectName("term-total")
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            total.setToolTip(self.tr("{0} in {1}").format(
                counts().mentions(term.total), counts().days(len(term.per_day))))
            spark = Sparkline()
            days = len(term.per_day)
            labels = [short_date(date.fromordinal(today.toordinal() - days + 1 + i))
                      for i in range(days)]
            spark.set_values(term.per_day, labels)
            if not term.total:
                spark.color = self.palette().color(QPalette.ColorRole.Mid)
            self.terms_grid.addWidget(name, row, 0)
            self.terms_grid.addWidget(total, row, 1)
            self.terms_grid.addWidget(spark, row, 2)
            self.term_rows.append((name, total, spark))
        self.terms_grid.setColumnStretch(0, 1)
        self.terms_grid.setColumnStretch(2, 2)
        hidden = len(terms) - len(shown)
        self.terms_more.setText(self.tr("and %n quieter term(s)", "", hidden) if hidden
                                else "")
        self.terms_more.setVisible(bool(hidden))
