"""The Dashboard view: the next two weeks, source health, watch terms, sentiment, own accounts.

It shows one ``core.dashboard.DashboardData`` snapshot at a time and never computes one:
``desktop/page_dashboard.py`` builds the snapshot in a background job and calls
``show_data``. Asking for fresh numbers (the Refresh button, F5 is the window's) emits
``reload_requested``. Lines that lead somewhere emit a signal (a post or observance → the
Calendar, a failing source → Sources, an account → Listen); desktop decides where that is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.sparkline import Sparkline
from ui.widgets.counts import counts
from ui.widgets.plain import plain_label, plain_tooltip

if TYPE_CHECKING:
    from core.dashboard import (
        AccountRung,
        AgendaEntry,
        DashboardData,
        SentimentWeek,
        SourceHealth,
        SourceProblem,
        TermActivity,
    )

RawRole = int(Qt.ItemDataRole.UserRole) + 1  # the row's dataclass
BadgeColorRole = int(Qt.ItemDataRole.UserRole) + 2  # QColor behind a badge cell's text

STATUS_COLORS = {"idea": "#8a8f98", "draft": "#b7791f", "review": "#dd6b20",
                 "approved": "#2f855a", "scheduled": "#2b6cb0", "published": "#4a5568"}
CATEGORY_COLORS = {"un": "#3182ce", "us": "#c53030", "host": "#2f855a",
                   "programme": "#805ad5", "custom": "#718096"}
PREP_COLORS = {"due": "#b7791f", "overdue": "#c53030", "planned": "#2f855a"}
HEALTH = (("ok", "●", "#2f855a"), ("error", "▲", "#c53030"), ("gone", "✕", "#718096"),
          ("new", "○", "#3182ce"))
SENTIMENT_COLORS = {"positive": "#38a169", "neutral": "#a0aec0", "negative": "#e53e3e",
                    "unsupported": "#b794f4", "unscored": "#cbd5e0"}
LEVEL_COLORS = {"present": "#a0aec0", "up-to-date": "#3182ce", "engaging": "#2f855a"}
PLATFORMS = {"mastodon": "Mastodon", "bluesky": "Bluesky", "youtube": "YouTube",
             "telegram": "Telegram", "facebook": "Facebook", "instagram": "Instagram",
             "vk": "VK",
             "feed": QT_TRANSLATE_NOOP("Dashboard", "Feed"),
             "rss": QT_TRANSLATE_NOOP("Dashboard", "Feed")}
# A planned post's status as the agenda shows it; looked up at run time and translated with
# translate("Dashboard", …), so QT_TRANSLATE_NOOP marks them for lupdate.
POST_STATUS_NAMES = {"idea": QT_TRANSLATE_NOOP("Dashboard", "idea"),
                     "draft": QT_TRANSLATE_NOOP("Dashboard", "draft"),
                     "review": QT_TRANSLATE_NOOP("Dashboard", "review"),
                     "approved": QT_TRANSLATE_NOOP("Dashboard", "approved"),
                     "scheduled": QT_TRANSLATE_NOOP("Dashboard", "scheduled"),
                     "published": QT_TRANSLATE_NOOP("Dashboard", "published"),
                     "cancelled": QT_TRANSLATE_NOOP("Dashboard", "cancelled")}
MAX_TERMS = 8  # a dashboard shows the busiest; the rest are counted, not listed


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


def platform_name(platform: str) -> str:
    return translate("Dashboard", PLATFORMS[platform]) if platform in PLATFORMS else platform


def post_status_name(status: str | None) -> str:
    if status in POST_STATUS_NAMES:
        return translate("Dashboard", POST_STATUS_NAMES[status])
    return status or ""


def short_date(day: date) -> str:
    """'Mon 1 Dec' in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def clock(at: datetime) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def days_ago(days: int | None) -> str:
    if days is None:
        return translate("Dashboard", "never")
    if days == 0:
        return translate("Dashboard", "today")
    if days == 1:
        return translate("Dashboard", "yesterday")
    return counts().days_ago(days)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------------------ models

@dataclass(frozen=True)
class Column:
    """One column of a ``RowsModel``: its header and how a row fills each role."""

    header: str
    text: Callable[[Any], str]
    tip: Callable[[Any], str | None] = lambda _row: None
    color: Callable[[Any], str | None] = lambda _row: None  # text colour
    badge: Callable[[Any], str | None] = lambda _row: None  # a pill behind the text
    decoration: Callable[[Any], str | None] = lambda _row: None  # a colour swatch
    italic: Callable[[Any], bool] = lambda _row: False
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    """A read-only table over a short list of dataclasses (a dashboard shows few rows)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Titles, addresses and fetch errors come from outside: never rendered as HTML.
            return plain_tooltip(column.tip(row)) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = column.color(row)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.DecorationRole:
            color = column.decoration(row)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.FontRole and column.italic(row):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column.align_right
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == BadgeColorRole:
            color = column.badge(row)
            return QColor(color) if color else None
        if role == RawRole:
            return row
        return None


class BadgeDelegate(QStyledItemDelegate):
    """Draws a cell with a ``BadgeColorRole`` as a rounded pill: status and lead-time badges."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        color = index.data(BadgeColorRole)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(color, QColor) or not text:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection and focus background, without the text
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        metrics = option.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 14, option.rect.width() - 4)
        height = min(metrics.height() + 4, option.rect.height() - 2)
        pill = QRectF(option.rect.left() + 2, option.rect.center().y() - height / 2 + 1,
                      width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor("white"))
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width) - 10)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 16, max(size.height(), option.fontMetrics.height() + 8))


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
               tip=lambda r: translate("Dashboard", "{0} of {1} analysed replies; replies in "
                                                    "languages without an analyzer are not "
                                                    "counted").format(r.negative, r.supported),
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


def hours_text(hours: float | None) -> str:
    """A waiting time as the officer reads it: 40 min, 5.5 h, 3 d."""
    if hours is None:
        return "—"
    if hours < 1:
        return translate("Dashboard", "{0} min").format(round(hours * 60))
    if hours < 48:
        return translate("Dashboard", "{0} h").format(f"{hours:.1f}".rstrip("0").rstrip("."))
    return translate("Dashboard", "{0} d").format(round(hours / 24))


# ------------------------------------------------------------------------------ widgets

class Card(QFrame):
    """A titled panel that shows either its content or a sentence saying what to do."""

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        if font.pointSizeF() > 0:  # a font set in pixels has no point size to scale
            font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.empty = QLabel()
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)

    def show_content(self) -> None:
        self.stack.setCurrentIndex(0)

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentIndex(1)

    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1


def _table(model: QAbstractTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setWordWrap(False)
    view.setFrameShape(QFrame.Shape.NoFrame)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view


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


class DashboardView(QWidget):
    """The five panels in a grid, inside a scroll area so nothing is ever cut off."""

    reload_requested = Signal()
    post_activated = Signal(int)
    observance_activated = Signal(int)
    source_activated = Signal(int)
    account_activated = Signal(int)

    def __init__(self, data: DashboardData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.data: DashboardData | None = None

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

        # Next 14 days
        self.agenda_model = RowsModel(agenda_columns(), self)
        self.agenda_view = _table(self.agenda_model, stretch=2)
        self.agenda_view.setObjectName("agenda")
        self.agenda_view.setItemDelegateForColumn(3, BadgeDelegate(self.agenda_view))
        self.agenda_days = _BlankRepeats(self.agenda_view)
        self.agenda_view.setItemDelegateForColumn(0, self.agenda_days)
        self.agenda_view.clicked.connect(self._agenda_clicked)
        self.agenda_view.activated.connect(self._agenda_clicked)
        self.agenda_card = Card(self.tr("Next 14 days"), self.agenda_view)

        # Source health
        self.health_counts = QLabel()
        self.health_counts.setObjectName("health-counts")
        self.health_counts.setTextFormat(Qt.TextFormat.RichText)
        self.health_counts.setWordWrap(True)
        self.problems_model = RowsModel(problem_columns(), self)
        self.problems_view = _table(self.problems_model, stretch=0)
        self.problems_view.setObjectName("problems")
        self.problems_view.clicked.connect(self._problem_clicked)
        self.problems_view.activated.connect(self._problem_clicked)
        self.problems_title = QLabel(self.tr("Failing sources, worst first"))
        self.problems_title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.all_well = QLabel(self.tr("Every source fetched fine the last time it was due."))
        self.all_well.setObjectName("all-well")
        self.all_well.setWordWrap(True)
        health = QWidget()
        column = QVBoxLayout(health)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.health_counts)
        column.addWidget(self.problems_title)
        column.addWidget(self.problems_view, 1)
        column.addWidget(self.all_well)
        column.addStretch(0)
        self.health_card = Card(self.tr("Source health"), health)

        # Sentiment
        self.sentiment_bar = SentimentBar()
        self.sentiment_bar.setObjectName("sentiment-bar")
        self.sentiment_legend = QLabel()
        self.sentiment_legend.setObjectName("sentiment-legend")
        self.sentiment_legend.setTextFormat(Qt.TextFormat.RichText)
        self.sentiment_legend.setWordWrap(True)
        self.sentiment_note = QLabel()
        self.sentiment_note.setObjectName("sentiment-note")
        self.sentiment_note.setWordWrap(True)
        sentiment = QWidget()
        column = QVBoxLayout(sentiment)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.sentiment_bar)
        column.addWidget(self.sentiment_legend)
        column.addWidget(self.sentiment_note)
        column.addStretch(1)
        self.sentiment_card = Card(self.tr("Sentiment, last 7 days"), sentiment)

        # Watch terms
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
        self.watch_card = Card(self.tr("Watch terms, last 7 days"), terms_box)

        # Own accounts
        self.accounts_model = RowsModel(account_columns(4), self)
        self.accounts_view = _table(self.accounts_model, stretch=0)
        self.accounts_view.setObjectName("accounts")
        self.accounts_view.activated.connect(self._account_clicked)
        self.accounts_view.clicked.connect(self._account_clicked)
        self.absent = QLabel()
        self.absent.setObjectName("absent")
        self.absent.setWordWrap(True)
        self.absent.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        accounts = QWidget()
        column = QVBoxLayout(accounts)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.accounts_view, 1)
        column.addWidget(self.absent)
        self.accounts_card = Card(self.tr("Own accounts"), accounts)

        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.agenda_card, 0, 0, 2, 1)
        grid.addWidget(self.health_card, 0, 1)
        grid.addWidget(self.sentiment_card, 0, 2)
        grid.addWidget(self.watch_card, 1, 1, 1, 2)
        grid.addWidget(self.accounts_card, 2, 0, 1, 3)
        grid.setColumnStretch(0, 13)
        grid.setColumnStretch(1, 6)
        grid.setColumnStretch(2, 6)
        grid.setRowStretch(0, 5)
        grid.setRowStretch(1, 4)
        grid.setRowStretch(2, 3)
        inner = _Panels()
        inner.setObjectName("dashboard-panels")
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(12, 10, 12, 12)
        outer.addLayout(top)
        outer.addLayout(grid, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(inner)
        inner.setMinimumSize(900, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

        if data is not None:
            self.show_data(data)
        else:
            self.show_loading()

    # ------------------------------------------------------------------ state

    def activated(self) -> None:
        """The window shows this page: ask for fresh numbers."""
        self.reload_requested.emit()

    def show_loading(self) -> None:
        self.updated.setText(self.tr("Counting…"))
        if self.data is None:  # the first time: no stale numbers to keep showing meanwhile
            for card in (self.agenda_card, self.health_card, self.sentiment_card,
                         self.watch_card, self.accounts_card):
                card.show_empty(self.tr("Counting…"))

    def show_error(self, message: str) -> None:
        self.updated.setText(self.tr("Could not update: {0}").format(message))

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        self.updated.setText(self.tr("Updated {0}").format(
            datetime.now().strftime("%H:%M")))
        self._show_agenda(data)
        self._show_health(data.sources)
        self._show_sentiment(data.sentiment)
        self._show_watch(data.watch)
        self._show_accounts(data)

    # ------------------------------------------------------------------ panels

    def _show_agenda(self, data: DashboardData) -> None:
        self.agenda_card.title.setText(self.tr("Next %n day(s)", "", data.agenda_days))
        self.agenda_model.set_rows(data.agenda)
        if not data.agenda:
            self.agenda_card.show_empty(self.tr(
                "Nothing planned and no observances in the next %n day(s).\n"
                "Plan posts in the Calendar; observance packs (UN days, US and host-country "
                "holidays, programme deadlines) show here when they are switched on.", "",
                data.agenda_days))
            return
        self.agenda_card.show_content()
        # The day only on the first line of each day: the list reads as a diary.
        self.agenda_days.rows = {row for row in range(1, len(data.agenda))
                                 if data.agenda[row].day == data.agenda[row - 1].day}

    def _show_health(self, health: SourceHealth) -> None:
        if not health.total:
            self.health_card.show_empty(self.tr(
                "No sources yet — add feeds and social accounts in Sources."))
            return
        self.health_card.show_content()
        names = {"ok": self.tr("working"), "error": self.tr("failing"),
                 "gone": self.tr("gone"), "new": self.tr("not fetched yet")}
        parts = [f'<span style="color:{color}">{mark}</span>&nbsp;<b>{health.counts[key]}</b>'
                 f"&nbsp;{names[key]}" for key, mark, color in HEALTH if health.counts.get(key)]
        if health.disabled:
            parts.append(self.tr("{0} disabled").format(health.disabled))
        self.health_counts.setText(" &nbsp; ".join(parts))
        self.problems_model.set_rows(health.worst)
        failing = bool(health.worst)
        self.problems_title.setVisible(failing)
        self.problems_view.setVisible(failing)
        self.all_well.setVisible(not failing)

    def _show_sentiment(self, week: SentimentWeek) -> None:
        self.sentiment_card.title.setText(self.tr("Sentiment, last %n day(s)", "", week.days))
        if not week.total:
            self.sentiment_card.show_empty(self.tr(
                "No replies in the last %n day(s). Replies to your own accounts' posts are "
                "collected when sources refresh.", "", week.days))
            return
        self.sentiment_card.show_content()
        counts = {"positive": week.positive, "neutral": week.neutral,
                  "negative": week.negative, "unsupported": week.unsupported,
                  "unscored": week.unscored}
        self.sentiment_bar.set_counts(counts)
        names = {"positive": self.tr("positive"), "neutral": self.tr("neutral"),
                 "negative": self.tr("negative"),
                 "unsupported": self.tr("not analysed (language)"),
                 "unscored": self.tr("not scored yet")}
        parts = [f'<span style="color:{SENTIMENT_COLORS[key]}">■</span>&nbsp;'
                 f"<b>{counts[key]}</b>&nbsp;{names[key]}"
                 for key in SentimentBar.ORDER if counts[key] or key != "unscored"]
        self.sentiment_legend.setText("<br>".join(parts))
        self.sentiment_bar.setToolTip("\n".join(f"{names[k]}: {counts[k]}"
                                                for k in SentimentBar.ORDER))
        if week.supported:
            polarity = f"{week.mean_polarity:+.2f}" if week.mean_polarity is not None else "—"
            self.sentiment_note.setText(self.tr(
                "Mean polarity {0}, {1} negative — over the {2} analysed replies; "
                "only English is analysed today.").format(
                    polarity, percent(week.negative_share), week.supported))
        else:
            self.sentiment_note.setText(self.tr(
                "None of these replies could be analysed (only English is analysed today)."))

    def _show_watch(self, terms: Sequence[TermActivity]) -> None:
        if not terms:
            self.watch_card.show_empty(self.tr(
                "No watch terms yet — add the words, #hashtags and @mentions you follow "
                "(Sources, or: attache watch add TERM)."))
            return
        self.watch_card.show_content()
        for widgets in self.term_rows:
            for widget in widgets:
                self.terms_grid.removeWidget(widget)
                widget.deleteLater()
        self.term_rows = []
        today = self.data.today if self.data else date.today()
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
        self.terms_more.setText(self.tr("and {0} quieter terms").format(hidden) if hidden
                                else "")
        self.terms_more.setVisible(bool(hidden))

    def _show_accounts(self, data: DashboardData) -> None:
        self.accounts_model.columns = account_columns(data.ladder_weeks)
        self.accounts_model.set_rows(data.accounts)
        if not data.accounts:
            self.accounts_card.show_empty(self.tr(
                "No own accounts yet — add your embassy's Mastodon/Bluesky/Telegram in "
                "Sources and mark them as your own."))
            return
        self.accounts_card.show_content()
        absent = [platform_name(p) for p in data.absent_platforms]
        self.absent.setText(self.tr("Not present on: {0}").format(", ".join(absent))
                            if absent else "")
        self.absent.setVisible(bool(absent))

    # ------------------------------------------------------------------ clicks

    def _agenda_clicked(self, index: QModelIndex) -> None:
        entry = index.data(RawRole)
        if entry is None:
            return
        if entry.kind == "post":
            self.post_activated.emit(entry.id)
        else:
            self.observance_activated.emit(entry.id)

    def _problem_clicked(self, index: QModelIndex) -> None:
        problem = index.data(RawRole)
        if problem is not None:
            self.source_activated.emit(problem.id)

    def _account_clicked(self, index: QModelIndex) -> None:
        rung = index.data(RawRole)
        if rung is not None:
            self.account_activated.emit(rung.source_id)


class _Panels(QWidget):
    """The scrolled grid. Its wrapped labels would make the scroll area size it by
    height-for-width from *preferred* heights (taller than an 800-pixel window) and scroll for
    nothing; without it the panels share the height there is and scroll below the minimum."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - QScrollArea asks regardless
        return -1


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
