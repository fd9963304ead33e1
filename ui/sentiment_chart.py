"""Sentiment charts for the Listen page (QtCharts): reactions over time, and post by post.

Both charts stack positive / neutral / negative / *not analysed* as four separate bars, in the
table's colours. Replies in a language no analyzer reads are never merged into neutral: an
officer looking at a grey bar must be able to trust that those people really were calm. Replies
not scored yet get a fifth, pale set — only when there are any.

The widgets take plain rows as returned by ``core.sentiment.aggregates`` (``timeline`` and
``post_breakdown``); they never query anything themselves.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from ui.models.replies_table import CHART_LABELS, LABEL_COLORS

TITLE_CHARS = 30  # a post title on the breakdown axis


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


def set_names() -> dict[str, str]:
    """Legend entries (the note under the chart says why "not analysed" is separate)."""
    return {"positive": translate("Listen", "Positive"),
            "neutral": translate("Listen", "Neutral"),
            "negative": translate("Listen", "Negative"),
            "unsupported": translate("Listen", "Not analysed"),
            "unscored": translate("Listen", "Not scored yet")}


def _bucket_start(key: str) -> date:
    if "-W" in key:
        year, week = key.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    return date.fromisoformat(key)


def bucket_label(key: str, by: str = "day") -> str:
    """"2026-12-10" → "10 Dec"; a week "2026-W50" by its Monday, "7 Dec": short for an axis."""
    try:
        start = _bucket_start(key)
    except ValueError:
        return key
    return QLocale().toString(QDate(start.year, start.month, start.day), "d MMM")


def nice_step(raw: float) -> int:
    """A whole, round tick step (1, 2, 5, 10, 20, 50…) at least ``raw``: counts are people."""
    step = 1
    while step < raw:
        for factor in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            step = round(step * factor)
            if step >= raw:
                break
    return step


def _unique_blank(n: int) -> str:
    # QBarCategoryAxis needs distinct categories; thinning the labels out uses invisible ones.
    return "\u200b" * (n + 1)


class _StackedChart(QChartView):
    """Shared set-up: no animation, a legend at the bottom, one QBarSet per label.

    The series and both axes live as long as the view; new rows replace the bar sets and the
    categories. (Removing and re-adding axes leaves their old labels painted on the scene.)
    """

    def __init__(self, series: QStackedBarSeries | QHorizontalStackedBarSeries,
                 category_side: Qt.AlignmentFlag, value_side: Qt.AlignmentFlag,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(small)
        self.series = series
        self.series.setBarWidth(0.75)
        chart.addSeries(self.series)
        self.category_axis = QBarCategoryAxis()
        self.category_axis.setGridLineVisible(False)
        self.category_axis.setLabelsFont(small)
        self.value_axis = QValueAxis()
        self.value_axis.setLabelFormat("%d")
        self.value_axis.setLabelsFont(small)
        chart.addAxis(self.category_axis, category_side)
        chart.addAxis(self.value_axis, value_side)
        self.series.attachAxis(self.category_axis)
        self.series.attachAxis(self.value_axis)
        self.setChart(chart)
        self.sets: dict[str, QBarSet] = {}
        self.categories: list[str] = []
        self.keys: list[object] = []
        self._rows: list[dict] = []

    def _show_rows(self, rows: Sequence[dict]) -> None:
        """Replace the bar sets with these rows' counts and rescale the value axis."""
        self._rows = list(rows)
        self.keys = [r["key"] for r in rows]
        self.series.clear()
        names = set_names()
        labels = list(CHART_LABELS)
        if any(r.get("unscored") for r in rows):
            labels.append("unscored")
        self.sets = {}
        for label in labels:
            bar_set = QBarSet(names[label])
            color = QColor(LABEL_COLORS[label])
            bar_set.setColor(color)
            bar_set.setBorderColor(color)
            bar_set.append([float(r.get(label) or 0) for r in rows])
            bar_set.hovered.connect(self._hovered)
            self.sets[label] = bar_set
            self.series.append(bar_set)
        high = max((sum(r.get(k) or 0 for k in (*CHART_LABELS, "unscored")) for r in rows),
                   default=0)
        step = nice_step(high / 5)
        ticks = max(1, math.ceil(high / step))
        self.value_axis.setRange(0, step * ticks)
        self.value_axis.setTickCount(ticks + 1)
        self.chart().legend().setVisible(bool(rows))

    def _set_categories(self, categories: list[str]) -> None:
        self.categories = categories
        self.category_axis.setCategories(categories)

    def _hovered(self, status: bool, index: int) -> None:
        if not status or not 0 <= index < len(self._rows):
            QToolTip.hideText()
            return
        row = self._rows[index]
        names = set_names()
        lines = [f"<b>{html.escape(self._row_title(row))}</b>"]
        for label in self.sets:
            count = row.get(label) or 0
            if count:
                lines.append(f"<span style='color:{LABEL_COLORS[label]}'>■</span> "
                             f"{names[label]}: {count}")
        if len(lines) == 1:
            lines.append(translate("Listen", "No replies"))
        QToolTip.showText(QCursor.pos(), "<br>".join(lines), self)

    def _row_title(self, row: dict) -> str:
        return str(row.get("name") or row.get("key"))

    def series_counts(self) -> dict[str, list[int]]:
        """What the bars show, per label (for tests and the status line)."""
        return {label: [int(bar_set.at(i)) for i in range(bar_set.count())]
                for label, bar_set in self.sets.items()}


class TimelineChart(_StackedChart):
    """Replies per day or week, stacked by label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QStackedBarSeries(), Qt.AlignmentFlag.AlignBottom,
                         Qt.AlignmentFlag.AlignLeft, parent)
        self.setObjectName("timeline-chart")
        self.by = "day"
        self._step = 0
        self.category_axis.setTruncateLabels(False)  # "…" under every bar says nothing

    def set_rows(self, rows: Sequence[dict], by: str) -> None:
        """Rows of ``core.sentiment.aggregates.timeline`` (oldest first)."""
        self.by = by
        self._show_rows(rows)
        self._step = 0
        self._label_axis()

    def _label_axis(self) -> None:
        """Label every n-th bar, as many as fit side by side at the current width.

        Labels sit away from the two ends: QtCharts drops an edge label that overhangs the
        plot, which would hide the most recent day.
        """
        rows = self._rows
        if not rows:
            self._set_categories([])
            return
        room = max(120, self.width() - 80)  # the plot, without the value axis and margins
        metrics = QFontMetrics(self.category_axis.labelsFont())
        widest = max(metrics.horizontalAdvance(bucket_label(r["key"])) for r in rows)
        step = max(1, math.ceil(len(rows) * (widest + 12) / room))
        if step == self._step:
            return
        self._step = step
        offset = (len(rows) - 1 - step // 2) % step if step > 1 else 0
        self._set_categories([bucket_label(r["key"]) if i % step == offset
                              else _unique_blank(i) for i, r in enumerate(rows)])

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._label_axis()

    def _row_title(self, row: dict) -> str:
        key = str(row.get("key"))
        if self.by == "week":
            start = _bucket_start(key)
            end = start + timedelta(days=6)
            return translate("Listen", "Week {0}: {1} – {2}").format(
                key.split("-W")[-1], f"{start.day} {start:%b}", f"{end.day} {end:%b %Y}")
        return f"{bucket_label(key)} {key[:4]}"


class PostBreakdownChart(_StackedChart):
    """One horizontal stacked bar per post: how each post landed, side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QHorizontalStackedBarSeries(), Qt.AlignmentFlag.AlignLeft,
                         Qt.AlignmentFlag.AlignBottom, parent)
        self.setObjectName("post-chart")

    def set_rows(self, rows: Sequence[dict]) -> None:
        """Rows of ``core.sentiment.aggregates.post_breakdown`` (most replied first)."""
        rows = list(reversed(rows))  # QtCharts draws the first category at the bottom
        self._show_rows(rows)
        categories: list[str] = []
        for i, row in enumerate(rows):
            title = " ".join(str(row.get("name") or translate("Listen", "(untitled post)")).split())
            if len(title) > TITLE_CHARS:
                title = title[:TITLE_CHARS - 1].rstrip() + "…"
            while title in categories:  # two posts with one title: keep both bars
                title += _unique_blank(i)
            categories.append(title)
        self._set_categories(categories)


__all__ = ["PostBreakdownChart", "TimelineChart", "bucket_label", "set_names"]
