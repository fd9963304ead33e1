"""The Dashboard's "Sentiment, last 7 days" card: the week's replies as one stacked bar, its
legend, and the mean polarity of the replies that could be analysed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.dashboard.card import Card
from ui.dashboard.text import percent

if TYPE_CHECKING:
    from core.dashboard import SentimentWeek

SENTIMENT_COLORS = {"positive": "#38a169", "neutral": "#a0aec0", "negative": "#e53e3e",
                    "unsupported": "#b794f4", "unscored": "#cbd5e0"}


class SentimentCard(Card):
    def __init__(self) -> None:
        super().__init__()
        self.bar = SentimentBar()
        self.bar.setObjectName("sentiment-bar")
        self.legend = QLabel()
        self.legend.setObjectName("sentiment-legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("sentiment-note")
        self.note.setWordWrap(True)
        sentiment = QWidget()
        column = QVBoxLayout(sentiment)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.bar)
        column.addWidget(self.legend)
        column.addWidget(self.note)
        column.addStretch(1)
        self.set_content(self.tr("Sentiment, last 7 days"), sentiment)

    def show_data(self, week: SentimentWeek) -> None:
        self.title.setText(self.tr("Sentiment, last %n day(s)", "", week.days))
        if not week.total:
            self.show_empty(self.tr(
                "No replies in the last %n day(s). Replies to your own accounts' posts are "
                "collected when sources refresh.", "", week.days))
            return
        self.show_content()
        counts = {"positive": week.positive, "neutral": week.neutral,
                  "negative": week.negative, "unsupported": week.unsupported,
                  "unscored": week.unscored}
        self.bar.set_counts(counts)
        names = {"positive": self.tr("positive"), "neutral": self.tr("neutral"),
                 "negative": self.tr("negative"),
                 "unsupported": self.tr("not analysed (language)"),
                 "unscored": self.tr("not scored yet")}
        parts = [f'<span style="color:{SENTIMENT_COLORS[key]}">■</span>&nbsp;'
                 f"<b>{counts[key]}</b>&nbsp;{names[key]}"
                 for key in SentimentBar.ORDER if counts[key] or key != "unscored"]
        self.legend.setText("<br>".join(parts))
        self.bar.setToolTip("\n".join(f"{names[k]}: {counts[k]}" for k in SentimentBar.ORDER))
        if week.supported:
            polarity = f"{week.mean_polarity:+.2f}" if week.mean_polarity is not None else "—"
            self.note.setText(self.tr(
                "Mean polarity {0}, {1} negative — over the %n analysed reply(ies); "
                "replies in languages Attaché does not analyse are counted apart.", "",
                week.supported).format(
                    polarity, percent(week.negative_share)))
        else:
            self.note.setText(self.tr(
                "None of these replies could be analysed: their languages are not analysed "
                "(Listen says which languages are)."))


class SentimentBar(QWidget):
    """One stacked bar: positive, neutral, negative, not analysed, not scored — in that order."""

    ORDER = ("positive", "neutral", "negative", "unsupported", "unscored")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[str, int] = {}
        self.setMinimumHeight(16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 18)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        total = sum(self.counts.get(k, 0) for k in self.ORDER)
        if not total:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x, width = 0.0, float(self.width())
        for key in self.ORDER:
            share = self.counts.get(key, 0) / total
            if share:
                painter.fillRect(QRectF(x, 0, width * share, self.height()),
                                 QColor(SENTIMENT_COLORS[key]))
                x += width * share
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRect(0, 0, self.width() - 1, self.height() - 1))
        painter.end()
