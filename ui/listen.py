"""The Listen page: every reply to the embassy's posts, its sentiment, and how posts landed.

Left, the reply table with its filters; keys 1/2/3 label the selected replies positive,
neutral or negative by hand, 0 gives them back to the analyzer (also on the context menu),
and Ctrl+Z undoes it. Right, the charts — replies per day or week and post by post — and the
posts that need attention; clicking one of those filters the table to it.

Replies in languages no analyzer reads (Uzbek, Kyrgyz, Tajik…) are "not analysed" in their
own colour everywhere on this page, and the page says so in words: counting them as neutral
would tell an officer that an angry thread was calm.

The page never touches the database: ``desktop/page_listen.py`` gives it a ``ListenData`` of
plain callables over core, and (optionally) a task runner for the chart queries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.links import openable_link
from ui.answer_box import AnswerBox, AnswerData
from ui.listen_analyzers import AnalyzersNote
from ui.models.replies_table import (
    AUTHOR,
    DATE,
    LABEL,
    LABEL_COLORS,
    LANGUAGE,
    POLARITY,
    POST,
    TEXT,
    RepliesTableModel,
    label_name,
    language_name,
    short_time_text,
)
from ui.reply_reader import ReplyReader
from ui.sentiment_chart import PostBreakdownChart, TimelineChart
from ui.widgets.headers import elide_titles
from ui.widgets.keep_selection import remember, restore
from ui.widgets.plain import plain_tooltip
from ui.widgets.runner import Runner
from ui.widgets.search_box import (
    NO_MATCH_LINK,
    NoMatchNotice,
    clear_on_escape,
    focus_search,
    quoted,
)
from ui.widgets.search_delay import search_after_pause

RELABEL_KEYS = {Qt.Key.Key_1: "positive", Qt.Key.Key_2: "neutral", Qt.Key.Key_3: "negative",
                Qt.Key.Key_0: "auto"}
MOVE_KEYS = {Qt.Key.Key_J: 1, Qt.Key.Key_K: -1}
REPLY_SHARE = 0.4  # of the table's width, at least, for the Reply column
MIN_COLUMN = 36
KEPT_COLUMNS = frozenset({DATE, LABEL})
PERIODS = (("all", 0), ("7", 7), ("30", 30), ("90", 90), ("custom", 0))
BREAKDOWN_POSTS = 8


@dataclass
class ListenData:
    """What the Listen page may ask of core (wired by desktop).

    Filters are keyword arguments: ``source_id`` (an own account), ``item_id``,
    ``campaign_id``, ``language`` ("" = could not be told), ``start``/``end`` (dates, both
    included) and, for replies only, ``label`` and ``search``.
    """

    reply_ids: Callable[..., list[int]]  # (**filters, order, descending)
    reply_rows: Callable[[Sequence[int]], dict[int, dict]]
    relabel: Callable[[int, str], object]  # (reply id, positive|neutral|negative|auto)
    restore_label: Callable[[int, str | None, str | None], None]  # undo: label, label_source
    languages: Callable[[], list[dict]]  # language, replies, unsupported
    posts: Callable[[], list[dict]]  # posts with replies: id, title, replies
    campaigns: Callable[[], list[dict]]  # id, name
    timeline: Callable[..., list[dict]]  # (by, **filters)
    breakdown: Callable[..., list[dict]]  # (limit, **filters)
    needs_attention: Callable[..., list[dict]]  # (start=..., source_id=...)
    score_pending: Callable[[], int] | None = None
    # How many replies are not scored yet (counted in core, not by fetching their ids).
    unscored_count: Callable[[], int] | None = None
    # The own accounts an "Account" filter offers: id, title, url, replies.
    accounts: Callable[[], list[dict]] | None = None
    # The reading pane's thread context for a reply row: {"post": {title, text, url} | None,
    # "parent": the reply it answers (a row like reply_rows gives) | None}.
    thread: Callable[[dict], dict] | None = None
    # Which analyzer reads each language and how good it measured (ui/listen_analyzers.py).
    analyzers: Callable[[], dict] | None = None
    # The Answer box under the reading pane (ui/answer_box.py); None: no box.
    answering: AnswerData | None = None


class RelabelCommand(QUndoCommand):
    """One reply's label change; undo writes back the exact label and its source."""

    def __init__(self, view: ListenView, reply_id: int, label: str, previous: str | None,
                 previous_source: str | None) -> None:
        super().__init__(QCoreApplication.translate("ListenView", "Label reply as {0}").format(
            QCoreApplication.translate("ListenView", "automatic") if label == "auto"
            else label_name(label)))
        self.view, self.reply_id, self.label = view, reply_id, label
        self.previous, self.previous_source = previous, previous_source

    def redo(self) -> None:
        if not self.view.write_label(self.reply_id, self.label):
            self.setObsolete(True)  # it failed: nothing to undo

    def undo(self) -> None:
        self.view.write_restore(self.reply_id, self.previous, self.previous_source)


class ReplyTable(QTableView):
    """The table; 1/2/3/0 relabel the selection and J/K move to the next/previous reply
    (keys handled here, not as window shortcuts, so they never fire while the officer types
    in the search box)."""

    relabel_requested = Signal(str)
    move_requested = Signal(int)  # +1 next (J), -1 previous (K)
    resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = Qt.Key(event.key())
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        label = RELABEL_KEYS.get(key)
        if label is not None and plain:
            self.relabel_requested.emit(label)
            event.accept()
            return
        step = MOVE_KEYS.get(key)
        if step is not None and not event.modifiers():
            self.move_requested.emit(step)
            event.accept()
            return
        super().keyPressEvent(event)


class ListenView(QWidget):
    replies_edited = Signal()  # a label was written (or undone): desktop tells the other pages
    open_link = Signal(QUrl)
    status = Signal(str)

    def __init__(self, data: ListenData, *, runner: Runner | None = None,
                 undo_stack: QUndoStack | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listen")
        self.data = data
        self.runner = runner
        self.undo_stack = undo_stack
        self.loaded = False
        self.stale = False
        self._generation = 0
        self._edited = False  # a label was written since the last undo-stack step
        self._filling = False  # True while combos are refilled: no reload per added entry
        self._chart_totals: dict | None = None
        self._total_replies = 0
        self._languages: list[dict] = []
        self.attention_rows: list[dict] = []

        self._build_filters()
        self._build_table()
        self.analyzers_note = AnalyzersNote()
        self.model.describe_analyzer = self.analyzers_note.describe
        self._build_charts()
        self._build_empty_state()

        self.unscored_banner = QFrame()
        self.unscored_banner.setObjectName("unscored-banner")
        self.unscored_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.unscored_text = QLabel()
        self.unscored_text.setWordWrap(True)
        self.score_button = QPushButton(self.tr("Analyse them now"))
        self.score_button.clicked.connect(self.score_pending)
        banner = QHBoxLayout(self.unscored_banner)
        banner.setContentsMargins(8, 4, 8, 4)
        banner.addWidget(self.unscored_text, 1)
        banner.addWidget(self.score_button)
        self.unscored_banner.hide()

        table_box = QWidget()
        left_column = QVBoxLayout(table_box)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.counts)
        left_column.addWidget(self.table, 1)
        left_column.addWidget(self.hint)
        # The reading pane under the table: the whole reply and its thread.
        self.reader = ReplyReader(data.thread)
        self.reader.open_link.connect(self.open_link)
        self.reading_splitter = QSplitter(Qt.Orientation.Vertical)
        self.reading_splitter.setObjectName("reading-splitter")
        self.reading_splitter.addWidget(table_box)
        self.answer_box: AnswerBox | None = None
        if data.answering is not None:  # the reply, and under it the embassy's answer
            self.answer_box = AnswerBox(data.answering, runner)
            self.answer_box.open_link.connect(self.open_link)
            self.answer_box.answered.connect(self._answered)
            reading = QWidget()
            reading_column = QVBoxLayout(reading)
            reading_column.setContentsMargins(0, 0, 0, 0)
            reading_column.addWidget(self.reader, 1)
            reading_column.addWidget(self.answer_box)
            self.reading_splitter.addWidget(reading)
        else:
            self.reading_splitter.addWidget(self.reader)
        self.reading_splitter.setStretchFactor(0, 3)
        self.reading_splitter.setStretchFactor(1, 2)
        # The reply, its thread and the Answer box need room too: at 1366×768 the reply and
        # the embassy's answer under it show without scrolling.
        self.reading_splitter.setSizes([360, 320])
        self.splitter = QSplitter()
        self.splitter.addWidget(self.reading_splitter)
        self.splitter.addWidget(self.chart_panel)
        # The replies get most of the width: the Reply column is what an officer reads.
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 340])
        content = QWidget()
        content_column = QVBoxLayout(content)
        content_column.setContentsMargins(0, 0, 0, 0)
        content_column.addWidget(self.filter_bar)
        content_column.addWidget(self.analyzers_note)
        content_column.addWidget(self.unscored_banner)
        content_column.addWidget(self.splitter, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(content)
        self.stack.setCurrentWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        if self.undo_stack is not None:
            self.undo_stack.indexChanged.connect(self._after_undo_step)

    # ------------------------------------------------------------------ building

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("reply-search")
        self.search.setPlaceholderText(self.tr("Search replies and authors"))
        self.search.setClearButtonEnabled(True)
        self.label_filter = QComboBox()
        self.label_filter.setObjectName("label-filter")
        for text, value in ((self.tr("All sentiments"), None), (self.tr("Positive"), "positive"),
                            (self.tr("Neutral"), "neutral"), (self.tr("Negative"), "negative"),
                            (self.tr("Not analysed (language not supported)"), "unsupported"),
                            (self.tr("Not scored yet"), "unscored")):
            self.label_filter.addItem(text, value)
        self.language_filter = QComboBox()
        self.language_filter.setObjectName("language-filter")
        self.unsupported_only = QCheckBox(self.tr("Not analysed only"))
        self.unsupported_only.setToolTip(self.tr(
            "Only replies in languages no analyzer reads (Uzbek, Kyrgyz, Tajik…): "
            "read them yourself and label them with 1/2/3"))
        self.account_filter = QComboBox()
        self.account_filter.setObjectName("account-filter")
        self.account_filter.setToolTip(self.tr("Only replies to the posts of one of your "
                                               "own accounts"))
        self.post_filter = QComboBox()
        self.post_filter.setObjectName("post-filter")
        self.campaign_filter = QComboBox()
        self.campaign_filter.setObjectName("campaign-filter")
        for combo in (self.account_filter, self.post_filter, self.campaign_filter,
                      self.language_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.account_filter.setMinimumContentsLength(16)
        self.post_filter.setMinimumContentsLength(26)
        self.campaign_filter.setMinimumContentsLength(14)
        self.language_filter.setMinimumContentsLength(14)
        self.period = QComboBox()
        self.period.setObjectName("period")
        names = {"all": self.tr("Any time"), "7": self.tr("Last 7 days"),
                 "30": self.tr("Last 30 days"), "90": self.tr("Last 90 days"),
                 "custom": self.tr("Between dates…")}
        for key, _days in PERIODS:
            self.period.addItem(names[key], key)
        today = QDate.currentDate()
        self.start_date = QDateEdit(today.addDays(-30))
        self.end_date = QDateEdit(today)
        for edit in (self.start_date, self.end_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
        self.clear_filters = QPushButton(self.tr("Clear filters"))

        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.search, 2)
        first.addWidget(self.label_filter)
        first.addWidget(self.language_filter)
        first.addWidget(self.unsupported_only)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        self.account_label = QLabel(self.tr("Account:"))
        self.account_label.setBuddy(self.account_filter)
        second.addWidget(self.account_label)
        second.addWidget(self.account_filter, 1)
        second.addWidget(QLabel(self.tr("Post:")))
        second.addWidget(self.post_filter, 2)
        second.addWidget(QLabel(self.tr("Campaign:")))
        second.addWidget(self.campaign_filter, 1)
        second.addWidget(QLabel(self.tr("When:")))
        second.addWidget(self.period)
        second.addWidget(self.start_date)
        second.addWidget(self.end_date)
        second.addStretch()
        second.addWidget(self.clear_filters)
        self.filter_bar = QWidget()
        bar = QVBoxLayout(self.filter_bar)
        bar.setContentsMargins(0, 0, 0, 4)
        bar.setSpacing(4)
        bar.addLayout(first)
        bar.addLayout(second)

        self._debounce = search_after_pause(self.search, self.reload_table)
        self.label_filter.currentIndexChanged.connect(lambda _: self.reload_table())
        self.unsupported_only.toggled.connect(self._on_unsupported_only)
        for combo in (self.language_filter, self.account_filter, self.post_filter,
                      self.campaign_filter):
            combo.currentIndexChanged.connect(lambda _: self._filters_changed())
        self.period.currentIndexChanged.connect(self._on_period)
        self.start_date.dateChanged.connect(lambda _: self._filters_changed())
        self.end_date.dateChanged.connect(lambda _: self._filters_changed())
        self.clear_filters.clicked.connect(self.reset_filters)

    def _build_table(self) -> None:
        self.model = RepliesTableModel(self._fetch_ids, self.data.reply_rows, parent=self)
        self.table = ReplyTable()
        self.table.setObjectName("replies")
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_current())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        header = elide_titles(self.table)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        metrics = self.table.fontMetrics()
        # Wide enough for their usual content and title, so the reply text gets the rest.
        # Samples in the interface language: «✎ не проанализировано» is longer than English.
        samples = {AUTHOR: "aziz.karimov", LABEL: "✎ " + self.tr("not analysed"),
                   POLARITY: "−0.00",
                   LANGUAGE: max((language_name(c) for c in ("en", "ru", "uz")),
                                  key=metrics.horizontalAdvance),
                   POST: "🎓 Fulbright 2027", DATE: short_time_text(
                       datetime(2026, 12, 30, 23, 59, tzinfo=UTC),
                       QDate(2026, 1, 1)) + "0"}
        header_metrics = header.fontMetrics()
        self._column_wants: dict[int, int] = {}
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self._column_wants[column] = max(metrics.horizontalAdvance(sample) + 14,
                                             header_metrics.horizontalAdvance(title) + 12)
            header.resizeSection(column, self._column_wants[column])
        self.table.resized.connect(self._fit_columns)
        header.setSortIndicator(*self.model.sort_order())
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.relabel_requested.connect(self.relabel_selected)
        self.table.move_requested.connect(self.move)
        clear_on_escape(self.search)
        self.no_match = NoMatchNotice(self.table, self.search, lambda text: self.tr(
            "No replies match “{0}” — <a href='{1}'>clear the search</a>").format(
            quoted(text), NO_MATCH_LINK))
        self.counts = QLabel()
        self.counts.setObjectName("reply-counts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setWordWrap(True)  # a long count in Russian takes two lines, never cut
        self.hint = QLabel(self.tr(
            "Correct a label: select replies and press 1 positive · 2 neutral · 3 negative · "
            "0 back to the analyzer (or right-click). Ctrl+Z undoes."))
        self.hint.setObjectName("relabel-hint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn in the palette's quieter colour

    def _build_charts(self) -> None:
        self.timeline = TimelineChart()
        self.breakdown = PostBreakdownChart()
        self.by_day = QToolButton()
        self.by_day.setText(self.tr("Per day"))
        self.by_week = QToolButton()
        self.by_week.setText(self.tr("Per week"))
        self.granularity = QButtonGroup(self)
        for button in (self.by_day, self.by_week):
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.granularity.addButton(button)
        self.by_day.setChecked(True)
        self.granularity.buttonToggled.connect(
            lambda _button, checked: checked and self.reload_summaries())
        over_time = QWidget()
        column = QVBoxLayout(over_time)
        column.setContentsMargins(0, 2, 0, 0)
        toggles = QHBoxLayout()
        toggles.addStretch()
        toggles.addWidget(self.by_day)
        toggles.addWidget(self.by_week)
        column.addLayout(toggles)
        column.addWidget(self.timeline, 1)
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setDocumentMode(True)
        self.chart_tabs.addTab(over_time, self.tr("Over time"))
        self.chart_tabs.addTab(self.breakdown, self.tr("By post"))
        self.unsupported_note = QLabel()
        self.unsupported_note.setObjectName("unsupported-note")
        self.unsupported_note.setWordWrap(True)
        self.unsupported_note.setTextFormat(Qt.TextFormat.RichText)

        self.attention = QListWidget()
        self.attention.setObjectName("needs-attention")
        self.attention.setWordWrap(True)
        self.attention.setSpacing(2)
        self.attention.setAlternatingRowColors(True)
        self.attention.itemActivated.connect(self._on_attention)
        self.attention.itemClicked.connect(self._on_attention)
        self.attention_empty = QLabel(self.tr(
            "No post needs attention: none has an unusually high share of negative replies."))
        self.attention_empty.setWordWrap(True)
        self.attention_empty.setEnabled(False)
        attention_title = QLabel(self.tr("<b>Needs attention</b> — click a post to see its "
                                         "replies"))
        attention_box = QWidget()
        box = QVBoxLayout(attention_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(attention_title)
        box.addWidget(self.attention, 1)
        box.addWidget(self.attention_empty)
        self.chart_panel = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addWidget(self.chart_tabs, 1)
        top_column.addWidget(self.unsupported_note)
        self.chart_panel.addWidget(top)
        self.chart_panel.addWidget(attention_box)
        self.chart_panel.setSizes([480, 170])

    def _build_empty_state(self) -> None:
        self.empty_state = QWidget()
        self.empty_state.setObjectName("listen-empty")
        self.empty_text = QLabel(self.tr(
            "<h3>No replies yet</h3>"
            "<p>Listen shows how people react to the embassy's own posts: every reply, "
            "positive, neutral or negative, and which posts need attention.</p>"
            "<p>Add your own accounts in <b>Sources</b> (Mastodon, Bluesky, YouTube, Telegram, "
            "Facebook, Instagram) as <i>own</i> accounts, then refresh (F5): replies to posts "
            "of the last 30 days are collected.</p>"
            "<p>Or import an X or Meta Business Suite export:<br>"
            "<code>attache replies import export.csv --platform x</code></p>"))
        self.empty_text.setObjectName("listen-empty-text")
        self.empty_text.setWordWrap(True)
        self.empty_text.setTextFormat(Qt.TextFormat.RichText)
        # A fixed width lets the wrapped label report its full height (no clipped lines).
        self.empty_text.setFixedWidth(600)
        self.empty_text.setMinimumHeight(self.empty_text.heightForWidth(600) + 8)
        column = QVBoxLayout(self.empty_state)
        column.addStretch()
        column.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

    # ------------------------------------------------------------------ filters

    def filters(self) -> dict:
        """What the charts are filtered by (the table adds label and search)."""
        result: dict = {}
        for key, combo in (("source_id", self.account_filter), ("item_id", self.post_filter),
                           ("campaign_id", self.campaign_filter),
                           ("language", self.language_filter)):
            value = combo.currentData()
            if value is not None:
                result[key] = value
        start, end = self.date_range()
        if start is not None:
            result["start"] = start
        if end is not None:
            result["end"] = end
        return result

    def table_filters(self) -> dict:
        result = self.filters()
        label = ("unsupported" if self.unsupported_only.isChecked()
                 else self.label_filter.currentData())
        if label is not None:
            result["label"] = label
        if self.search.text().strip():
            result["search"] = self.search.text().strip()
        return result

    def date_range(self) -> tuple[date | None, date | None]:
        key = self.period.currentData()
        if key == "custom":
            return self.start_date.date().toPython(), self.end_date.date().toPython()
        days = dict(PERIODS).get(key, 0)
        if not days:
            return None, None
        today = QDate.currentDate()
        return today.addDays(1 - days).toPython(), today.toPython()

    def _fetch_ids(self, order: str = "date", descending: bool = True) -> list[int]:
        return self.data.reply_ids(order=order, descending=descending, **self.table_filters())

    def _on_unsupported_only(self, checked: bool) -> None:
        self.label_filter.setEnabled(not checked)
        self.reload_table()

    def _on_period(self, _index: int) -> None:
        custom = self.period.currentData() == "custom"
        self.start_date.setVisible(custom)
        self.end_date.setVisible(custom)
        self._filters_changed()

    def _filters_changed(self) -> None:
        if self._filling:
            return
        self.reload_table()
        self.reload_summaries()

    def reset_filters(self) -> None:
        self._filling = True
        try:
            self._clear_filters()
        finally:
            self._filling = False
        self._debounce.stop()
        self.reload_table()
        self.reload_summaries()

    def _clear_filters(self) -> None:
        self.search.clear()
        self.label_filter.setCurrentIndex(0)
        self.unsupported_only.setChecked(False)
        for combo in (self.language_filter, self.account_filter, self.post_filter,
                      self.campaign_filter, self.period):
            combo.setCurrentIndex(0)

    def focus_search(self) -> None:
        """Ctrl+F (the window's Find action)."""
        focus_search(self.search)

    def show_account(self, source_id: int) -> None:
        """Every reply to one own account (from the Dashboard): the other filters are
        cleared, so what shows is that account's replies and nothing less."""
        if not self.loaded or self.stale:
            self.reload()
        if self.account_filter.findData(source_id) < 0:
            self._fill_combos()  # an account added since the page was filled
        index = self.account_filter.findData(source_id)
        if index < 0:
            return  # not an account (deleted meanwhile): leave the page as it is
        self._filling = True
        try:
            self._clear_filters()
            self.account_filter.setCurrentIndex(index)
        finally:
            self._filling = False
        self._debounce.stop()
        self.reload_table()
        self.reload_summaries()

    def select_post(self, item_id: int) -> None:
        """Filter the table and charts to one post (from "needs attention")."""
        index = self.post_filter.findData(item_id)
        if index >= 0:
            self.post_filter.setCurrentIndex(index)

    def _fill_combos(self) -> None:
        self._filling = True
        try:
            self._languages = list(self.data.languages())
            self._total_replies = sum(r["replies"] for r in self._languages)
            self._refill(self.language_filter, self.tr("All languages"), [
                (self._language_entry(r), "" if r["language"] is None else r["language"])
                for r in self._languages])
            accounts = list(self.data.accounts()) if self.data.accounts is not None else []
            self._refill(self.account_filter, self.tr("All accounts"), [
                (self.tr("{0} ({1})").format(
                    " ".join((a["title"] or a["url"]).split())[:60], a["replies"]), a["id"])
                for a in accounts])
            # One account (or none) is nothing to choose between.
            self.account_label.setVisible(len(accounts) > 1)
            self.account_filter.setVisible(len(accounts) > 1)
            self._refill(self.post_filter, self.tr("All posts"), [
                (self.tr("{0} ({1})").format(
                    " ".join((p["title"] or self.tr("(untitled post)")).split())[:80],
                    p["replies"]), p["id"])
                for p in self.data.posts()])
            self._refill(self.campaign_filter, self.tr("All campaigns"),
                         [(c["name"], c["id"]) for c in self.data.campaigns()])
        finally:
            self._filling = False

    def _language_entry(self, row: dict) -> str:
        if row["language"] is None:
            return self.tr("Unknown — emoji, numbers ({0})").format(row["replies"])
        text = f"{language_name(row['language'])} ({row['replies']})"
        if row["unsupported"]:
            text += " — " + self.tr("not analysed")
        return text

    @staticmethod
    def _refill(combo: QComboBox, everything: str, entries: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.clear()
        combo.addItem(everything, None)
        for text, value in entries:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))

    # ------------------------------------------------------------------ loading

    def activated(self) -> None:
        """Shown: load the first time, and again if replies changed while hidden."""
        if not self.loaded or self.stale:
            self.reload()

    def replies_changed(self) -> None:
        """Replies were added or relabelled elsewhere: reload now if shown, else when shown."""
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def reload(self) -> None:
        self.loaded, self.stale = True, False
        self._fill_combos()
        if not self._total_replies:
            self.stack.setCurrentWidget(self.empty_state)
            self.model.reload()
            self.status.emit(self.tr("No replies yet"))
            return
        self.stack.setCurrentIndex(1)
        self.reload_table(keep_selection=True)
        self.reload_summaries()
        self._update_unscored()
        self.analyzers_note.refresh(self.data.analyzers, self._languages, self.runner)

    def reload_table(self, keep_selection: bool = False) -> None:
        """Ask for the rows again. ``keep_selection`` when the replies changed underneath
        (a refresh, an import): the replies being labelled stay selected. A filter change
        starts from the top with nothing selected."""
        self._debounce.stop()
        state = remember(self.table, self.model) if keep_selection else None
        self.model.reload()
        if state is not None:
            restore(self.table, self.model, state)
        self.show_current()
        self._update_counts()

    def _fit_columns(self) -> None:
        """The Reply column keeps at least REPLY_SHARE of the width: on a narrow window (or in
        Russian, whose labels are long) the other columns give way, their text cut with "…"
        (the cell's tooltip and the reading pane have it whole)."""
        room = self.table.viewport().width()
        limit = int(room * (1 - REPLY_SHARE))
        wants = self._column_wants
        kept = {c: w for c, w in wants.items() if c in KEPT_COLUMNS}  # date and sentiment
        shrinkable = {c: w for c, w in wants.items() if c not in KEPT_COLUMNS}
        # The post, language, polarity and author give way first; date and sentiment last.
        rest = max(limit - sum(kept.values()), MIN_COLUMN * len(shrinkable))
        scale = min(1.0, rest / sum(shrinkable.values())) if shrinkable else 1.0
        widths = {c: max(MIN_COLUMN, int(w * scale)) for c, w in shrinkable.items()}
        left = max(limit - sum(widths.values()), MIN_COLUMN * len(kept))
        scale = min(1.0, left / sum(kept.values())) if kept else 1.0
        widths.update({c: max(MIN_COLUMN, int(w * scale)) for c, w in kept.items()})
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, width)

    # ------------------------------------------------------------------ reading

    def show_current(self) -> None:
        """The reading pane follows the table's current reply (or says how to pick one)."""
        index = self.table.currentIndex()
        record = self.model.record(index.row()) if index.isValid() else None
        if record is None:
            self.reader.clear_reply()
        else:
            self.reader.show_reply(record)
        if self.answer_box is not None:
            self.answer_box.set_reply(record)

    def _answered(self, reply_id: int) -> None:
        """An answer went out: it is now a reply of the embassy's in the thread, and the one
        answered is marked; the other pages (the dashboard's ladder) hear of it."""
        self.reload()
        self.replies_edited.emit()

    def move(self, step: int) -> None:
        """J/K: select the next (+1) or previous (-1) reply; the pane follows."""
        row = self.table.currentIndex().row()
        target = max(0, row + step) if row >= 0 else 0
        if target >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if target < self.model.rowCount():
            self.table.selectRow(target)
            self.table.scrollTo(self.model.index(target, 0))

    def _update_unscored(self) -> None:
        count = (self.data.unscored_count() if self.data.unscored_count is not None
                 else len(self.data.reply_ids(label="unscored")))
        self.unscored_banner.setVisible(bool(count))
        self.score_button.setVisible(self.data.score_pending is not None)
        self.unscored_text.setText(self.tr(
            "%Ln reply(ies) not analysed yet (imported from a file, or the analyzer was "
            "changed), counted as “not scored yet”.", "", count))

    def reload_summaries(self) -> None:
        """Charts and needs-attention: one background read; a newer request wins."""
        if self._filling:
            return
        self._generation += 1
        generation = self._generation
        by = "week" if self.by_week.isChecked() else "day"
        filters = self.filters()
        start, account = filters.get("start"), filters.get("source_id")
        data = self.data

        def job(_progress: object) -> dict:
            return {"by": by,
                    "timeline": data.timeline(by, **filters),
                    "breakdown": data.breakdown(BREAKDOWN_POSTS, **filters),
                    "attention": data.needs_attention(start=start, source_id=account)}

        def done(result: dict) -> None:
            if generation == self._generation:
                self.show_summaries(result)

        if self.runner is None:
            done(job(None))
        else:
            self.runner.run(job, on_done=done, kind="read", name=self.tr("Sentiment charts"))

    def show_summaries(self, result: dict) -> None:
        timeline = result["timeline"]
        self.timeline.set_rows(timeline, result["by"])
        self.breakdown.set_rows(result["breakdown"])
        self._show_attention(result["attention"])
        totals = {k: sum(r[k] for r in timeline)
                  for k in ("positive", "neutral", "negative", "unsupported", "unscored")}
        self._chart_totals = totals
        self._update_counts()
        if totals["unsupported"]:
            names = ", ".join(language_name(r["language"]) for r in self._languages
                              if r["unsupported"] and r["language"])
            self.unsupported_note.setText(self.tr(
                "<span style='color:{0}'>■</span> <b>{1} not analysed: language not "
                "supported</b>{2}. Shown on their own, never counted as neutral — read them "
                "and press 1/2/3 to label them by hand.").format(
                LABEL_COLORS["unsupported"], totals["unsupported"],
                f" ({names})" if names else ""))
            self.unsupported_note.show()
        else:
            self.unsupported_note.hide()

    def _update_counts(self) -> None:
        shown = self.model.total()
        totals = self._chart_totals
        if totals is None:
            self.counts.setText(self.tr("%Ln reply(ies)", "", shown))
            self.status.emit(self.tr("%Ln reply(ies)", "", shown))
            return
        everything = sum(totals.values())
        parts = []
        for key, text in (("positive", self.tr("positive")), ("neutral", self.tr("neutral")),
                          ("negative", self.tr("negative")),
                          ("unsupported", self.tr("not analysed")),
                          ("unscored", self.tr("not scored yet"))):
            if totals[key] or key in ("positive", "neutral", "negative"):
                parts.append(f"<span style='color:{LABEL_COLORS[key]}'>{totals[key]} "
                             f"{text}</span>")
        lead = (self.tr("<b>%Ln</b> reply(ies)", "", everything) if shown == everything
                else self.tr("<b>{0}</b> of %Ln reply(ies)", "", everything).format(shown))
        self.counts.setText(f"{lead}: " + " · ".join(parts))
        self.status.emit(self.tr("%Ln reply(ies)", "", shown))

    def _show_attention(self, rows: list[dict]) -> None:
        """Each flagged post on two lines: its title, then how bad and why."""
        self.attention_rows = list(rows)
        self.attention.clear()
        for row in rows:
            share = row["negative_share"]
            title = " ".join((row["name"] or self.tr("(untitled post)")).split())
            numbers = self.tr("{0} negative of %n analysed reply(ies)", "",
                              row["supported"]).format(_percent(share))
            # Core gives each reason as numbers (``details``); older callers may give only
            # its English sentences (``reasons``), shown as they came.
            details = row.get("details")
            if details is None:
                reasons, extra = list(row.get("reasons", ())), list(row.get("reasons", ()))
            else:
                reasons = [self.reason_text(d) for d in details]
                # The threshold reason repeats the numbers line; only the others are added.
                extra = [text for d, text in zip(details, reasons, strict=True)
                         if d.get("reason") != "share"]
            entry = QListWidgetItem("\n".join([title, "; ".join([numbers, *extra])]))
            entry.setData(Qt.ItemDataRole.UserRole, row["key"])
            entry.setToolTip(plain_tooltip("\n".join([title, *reasons, self.tr(
                "Click to show the replies to this post")])))  # a post title: not HTML
            entry.setIcon(self._swatch("negative"))
            self.attention.addItem(entry)
        self.attention.setVisible(bool(rows))
        self.attention_empty.setVisible(not rows)

    def reason_text(self, detail: dict) -> str:
        """One of core's ``needs_attention`` reasons, worded in the interface language from
        its numbers (core has no Qt, so it cannot translate its own sentences)."""
        share = _percent(detail.get("negative_share"))
        if detail.get("reason") == "share":
            return self.tr("{0} of %n analysed reply(ies) are negative", "",
                           detail.get("supported") or 0).format(share)
        if detail.get("reason") == "jump":
            return self.tr("negative share {0} vs the account's usual {1}").format(
                share, _percent(detail.get("baseline_share")))
        return self.tr("unusually many negative replies ({0})").format(share)

    def _swatch(self, label: str) -> QIcon:
        pixmap = QPixmap(10, 10)
        pixmap.fill(QColor(LABEL_COLORS[label]))
        return QIcon(pixmap)

    def _on_attention(self, item: QListWidgetItem) -> None:
        item_id = item.data(Qt.ItemDataRole.UserRole)
        if item_id is not None:
            self.select_post(item_id)

    # ------------------------------------------------------------------ relabelling

    def selected_reply_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [i for i in (self.model.reply_id(r) for r in rows) if i is not None]

    def relabel_selected(self, label: str) -> None:
        """Label the selected replies (``auto``: back to the analyzer), as one undo step."""
        targets = []
        for reply_id in self.selected_reply_ids():
            row = self.model.row_of(reply_id)
            record = self.model.record(row) if row is not None else None
            if record is not None:
                targets.append((reply_id, record["sentiment_label"], record["label_source"]))
        if not targets:
            return
        if self.undo_stack is None:
            for reply_id, *_ in targets:
                self.write_label(reply_id, label)
            self._announce_edit()
            return
        if len(targets) > 1:
            self.undo_stack.beginMacro(self.tr("Label %n reply(ies) as {0}", "", len(targets))
                                       .format(self.tr("automatic") if label == "auto"
                                               else label_name(label)))
        for reply_id, previous, source in targets:
            self.undo_stack.push(RelabelCommand(self, reply_id, label, previous, source))
        if len(targets) > 1:
            self.undo_stack.endMacro()

    def write_label(self, reply_id: int, label: str) -> bool:
        """Write one label through core and repaint its row; False (and a message) on error."""
        try:
            self.data.relabel(reply_id, label)
        except Exception as exc:  # noqa: BLE001 - shown to the officer in plain words
            QMessageBox.warning(self, self.tr("Could not change the label"), str(exc))
            return False
        self.model.refresh_ids([reply_id])
        self._edited = True
        if self.reader.reply_id == reply_id:
            self.show_current()
        return True

    def write_restore(self, reply_id: int, label: str | None, source: str | None) -> None:
        try:
            self.data.restore_label(reply_id, label, source)
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, self.tr("Could not undo the label"), str(exc))
            return
        self.model.refresh_ids([reply_id])
        self._edited = True
        if self.reader.reply_id == reply_id:
            self.show_current()

    def _after_undo_step(self, _index: int) -> None:
        if self._edited:
            self._announce_edit()

    def _announce_edit(self) -> None:
        """After a label change (or its undo): the counts move, other pages are told."""
        self._edited = False
        self.reload_summaries()
        self.replies_edited.emit()

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        if index.row() not in {i.row() for i in self.table.selectionModel().selectedRows()}:
            self.table.selectRow(index.row())
        record = self.model.record(index.row()) or {}
        self.reply_menu(record).popup(self.table.viewport().mapToGlobal(position))

    def reply_menu(self, record: dict) -> QMenu:
        """Relabel, filter to its post, open (safe links only) and copy, for one reply."""
        menu = QMenu(self)
        for text, label, key in ((self.tr("Positive"), "positive", "1"),
                                 (self.tr("Neutral"), "neutral", "2"),
                                 (self.tr("Negative"), "negative", "3"),
                                 (self.tr("Back to the analyzer"), "auto", "0")):
            action = QAction(text, menu)
            action.setShortcut(key)  # shown as a reminder; the table handles the key
            action.triggered.connect(lambda _=False, value=label: self.relabel_selected(value))
            menu.addAction(action)
        menu.addSeparator()
        if record.get("item_id") is not None:
            menu.addAction(self.tr("Show only replies to this post"),
                           lambda: self.select_post(record["item_id"]))
        link = openable_link(record.get("url"))
        if link:  # a stored link is checked again: older databases may hold any scheme
            menu.addAction(self.tr("Open reply in browser"),
                           lambda: self.open_link.emit(QUrl(link)))
        menu.addAction(self.tr("Copy text"),
                       lambda: QGuiApplication.clipboard().setText(record.get("text") or ""))
        return menu

    # ------------------------------------------------------------------ scoring

    def score_pending(self) -> None:
        """Analyse replies never scored (imports) in the background, then reload."""
        if self.data.score_pending is None:
            return
        self.score_button.setEnabled(False)
        score = self.data.score_pending

        def done(_count: int) -> None:
            self.score_button.setEnabled(True)
            self.reload()
            self.replies_edited.emit()

        def failed(exc: BaseException) -> None:
            self.score_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("Could not analyse the replies"), str(exc))

        if self.runner is None:
            try:
                done(score())
            except Exception as exc:  # noqa: BLE001
                failed(exc)
            return
        self.runner.run(lambda _p: score(), on_done=done, on_error=failed, kind="write",
                        name=self.tr("Analysing replies"))



def _percent(share: float | None) -> str:
    """A share as a whole percentage (0.667 → 67%), or a dash when nothing was analysed."""
    return f"{share:.0%}" if share is not None else "—"
