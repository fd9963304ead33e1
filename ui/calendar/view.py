"""The Calendar page: month, week and agenda views of the plan, with the coming observances.

It owns navigation (today, previous, next, the three modes), loads the visible range through
``CalendarData`` and turns drops into reschedules pushed on the window's undo stack. Opening
the post editor is not its business: it emits ``open_post_requested`` / ``new_post_requested``
and ``desktop/`` opens the dialog.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.calendar import agenda_model
from ui.calendar.agenda_model import AgendaModel, agenda_rows
from ui.calendar.data import (
    LEAD_HORIZON_DAYS,
    CalendarData,
    MoveRefused,
    ObservanceEntry,
    PostEntry,
    add_months,
    month_last,
    week_start,
)
from ui.calendar.month_view import MonthGrid
from ui.calendar.moves import MovePostCommand, Placement
from ui.calendar.observance_panel import UPCOMING_DAYS, ObservancePanel
from ui.calendar.palette import legend_html
from ui.calendar.week_view import WeekView
from ui.widgets.headers import elide_titles

MONTH, WEEK, AGENDA = "month", "week", "agenda"


class CalendarView(QWidget):
    open_post_requested = Signal(int)  # post id
    new_post_requested = Signal(dict)  # the editor's prefill: title, date, time, observance_id
    posts_changed = Signal()  # this view changed posts (desktop tells the other pages)
    status = Signal(str)

    def __init__(self, data: CalendarData, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar")
        self.data = data
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.mode = MONTH
        self.anchor = data.today()
        self.posts: list[PostEntry] = []
        self.observances: list[ObservanceEntry] = []
        self._loaded = False
        self._stale = True
        self._announcing = False

        self.month = MonthGrid()
        self.week = WeekView()
        self.agenda_model = AgendaModel(self)
        self.agenda_proxy = QSortFilterProxyModel(self)
        self.agenda_proxy.setSourceModel(self.agenda_model)
        self.agenda_proxy.setSortRole(agenda_model.SortRole)
        self.agenda = self._agenda_table()
        self.agenda_empty = QLabel()
        self.agenda_empty.setObjectName("agenda-empty")
        self.agenda_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.agenda_empty.setWordWrap(True)
        self.agenda_page = QStackedWidget()
        self.agenda_page.addWidget(self.agenda)
        self.agenda_page.addWidget(self.agenda_empty)
        self.views = QStackedWidget()
        for widget in (self.month, self.week, self.agenda_page):
            self.views.addWidget(widget)
        self.panel = ObservancePanel()
        self.legend = QLabel(legend_html())
        self.legend.setObjectName("calendar-legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)

        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._toolbar())
        column.addWidget(self.views, 1)
        column.addWidget(self.legend)
        splitter = QSplitter()
        splitter.addWidget(main)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([860, 270])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(splitter)
        self._connect()
        self._show_range()

    # ------------------------------------------------------------------ building

    def _toolbar(self) -> QHBoxLayout:
        self.today_button = self._button(self.tr("T&oday"), self.tr("Go to today"))
        self.previous_button = self._button("◀", self.tr("Previous (Page Up in the month)"))
        self.next_button = self._button("▶", self.tr("Next (Page Down in the month)"))
        self.previous_button.setAccessibleName(self.tr("Previous"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.title = QLabel()
        self.title.setObjectName("calendar-title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("calendar-summary")
        # On a 1366-pixel screen in Russian the week's title, the counts and the buttons do
        # not fit one line: the counts take two lines rather than cut the title's year.
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[str, QToolButton] = {}
        for key, text in ((MONTH, self.tr("&Month")), (WEEK, self.tr("&Week")),
                          (AGENDA, self.tr("&Agenda"))):
            button = self._button(text, None)
            button.setCheckable(True)
            button.setObjectName(f"mode-{key}")
            self.modes.addButton(button)
            self.mode_buttons[key] = button
        self.mode_buttons[MONTH].setChecked(True)
        self.new_button = self._button(self.tr("&New post…"),
                                       self.tr("Plan a post on the selected day (Ctrl+N)"))
        row = QHBoxLayout()
        for widget in (self.today_button, self.previous_button, self.next_button):
            row.addWidget(widget)
        row.addSpacing(8)
        row.addWidget(self.title)
        # The counts take the free width (right-aligned), so they wrap only when there is none.
        row.addWidget(self.summary, 1)
        row.addSpacing(12)
        for button in self.mode_buttons.values():
            row.addWidget(button)
        row.addSpacing(12)
        row.addWidget(self.new_button)
        return row

    def _button(self, text: str, tip: str | None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(False)
        if tip:
            button.setToolTip(tip)
        return button

    def _agenda_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("agenda")
        table.setModel(self.agenda_proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setSortingEnabled(True)
        table.sortByColumn(agenda_model.DATE, Qt.SortOrder.AscendingOrder)
        header = elide_titles(table)
        # The title gets the width; kind, channels and campaign are narrow and cut with "…"
        # (their tooltip has them whole). Date, time and status fit their content.
        header.setSectionResizeMode(agenda_model.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (agenda_model.DATE, agenda_model.TIME, agenda_model.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        metrics = table.fontMetrics()
        for column, sample in ((agenda_model.KIND, "International day"),
                               (agenda_model.CHANNELS, "Mastodon, Telegram"),
                               (agenda_model.CAMPAIGN, "Fulbright 2027")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        return table

    def _connect(self) -> None:
        self.today_button.clicked.connect(self.go_today)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        for key, button in self.mode_buttons.items():
            button.clicked.connect(lambda _=False, k=key: self.set_mode(k))
        self.new_button.clicked.connect(lambda: self.new_post_on(self.selected_day()))
        self.month.post_dropped_on_day.connect(self.move_post_to_day)
        self.month.post_activated.connect(self.open_post_requested)
        self.month.observance_activated.connect(self.plan_for)
        self.month.day_activated.connect(self.new_post_on)
        self.month.more_requested.connect(lambda day: self.show_day(day, WEEK))
        self.month.page_requested.connect(self.step)
        self.month.today_requested.connect(self.go_today)
        self.month.day_selected.connect(self._day_selected)
        self.week.post_dropped.connect(self.move_post)
        self.week.post_activated.connect(self.open_post_requested)
        self.week.observance_activated.connect(self.plan_for)
        self.week.day_activated.connect(self.new_post_on)
        self.week.slot_activated.connect(
            lambda at: self.new_post_on(at.date(), at.timetz().replace(tzinfo=None)))
        self.agenda.activated.connect(self._agenda_activated)
        self.panel.plan_requested.connect(self.plan_for)

    # ------------------------------------------------------------------ navigation

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.views.setCurrentIndex((MONTH, WEEK, AGENDA).index(mode))
        self._show_range()

    def step(self, amount: int) -> None:
        """Forward (1) or back (-1) by the mode's page: a month, or a week."""
        if self.mode == WEEK:
            self.anchor += timedelta(weeks=amount)
        else:
            self.anchor = add_months(self.anchor, amount)
            if self.mode == MONTH and self.month.selected.month != self.anchor.month:
                self.month.selected = self.anchor
        self._show_range()

    def go_today(self) -> None:
        self.show_day(self.data.today())

    def show_day(self, day: date, mode: str | None = None) -> None:
        self.anchor = day
        self.month.selected = day
        if mode and mode != self.mode:
            self.set_mode(mode)
        else:
            self._show_range()

    def visible_range(self) -> tuple[date, date]:
        if self.mode == MONTH:
            return self.month.first_day, self.month.last_day
        if self.mode == WEEK:
            first = week_start(self.anchor)
            return first, first + timedelta(days=6)
        return self.anchor.replace(day=1), month_last(self.anchor)

    def selected_day(self) -> date:
        return self.month.selected if self.mode == MONTH else self.anchor

    def _day_selected(self, day: date) -> None:
        self.anchor = day if day.month == self.anchor.month else self.anchor

    def _show_range(self) -> None:
        today = self.data.today()
        if self.mode == MONTH:
            self.month.set_month(self.anchor, today)
        elif self.mode == WEEK:
            self.week.set_week(self.anchor, today, self.data.zone,
                               datetime.now(self.data.zone))
        self._set_title()
        if self._loaded:
            self._load_range()

    def _set_title(self) -> None:
        locale = QLocale()
        month = f"{locale.standaloneMonthName(self.anchor.month)} {self.anchor.year}"
        if self.mode != WEEK:
            self.title.setText(month)
            return
        first, last = self.visible_range()
        if first.month == last.month:
            text = f"{first.day} – {last.day} {locale.monthName(last.month)} {last.year}"
        elif first.year == last.year:
            text = (f"{locale.toString(first, 'd MMM')} – {locale.toString(last, 'd MMM')} "
                    f"{last.year}")
        else:
            text = f"{locale.toString(first, 'd MMM yyyy')} – {locale.toString(last, 'd MMM yyyy')}"
        self.title.setText(text)

    # ------------------------------------------------------------------ loading

    def activated(self) -> None:
        """The window shows the page: load it the first time, or when it went stale."""
        if self._stale or not self._loaded:
            self.reload()

    def schedule_reload(self) -> None:
        """Data changed elsewhere: reload now if shown, else when next shown."""
        if self._announcing:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        self._loaded, self._stale = True, False
        self._load_range()
        self._load_panel()

    def _load_range(self) -> None:
        first, last = self.visible_range()
        self.posts = self.data.posts(first, last)
        self.observances = self.data.observances(
            first, last + timedelta(days=LEAD_HORIZON_DAYS))
        campaigns = self.data.campaign_colours()
        if self.mode == MONTH:
            self.month.set_entries(self.posts, self.observances, campaigns)
        elif self.mode == WEEK:
            self.week.set_entries(self.posts, self.observances, campaigns)
        else:
            rows = agenda_rows(first, last, self.posts, self.observances)
            self.agenda_model.set_rows(rows, campaigns=campaigns,
                                       channel_names=self.data.channel_names(),
                                       today=self.data.today())
            self.agenda_page.setCurrentIndex(0 if rows else 1)
            self.agenda_empty.setText(self.tr(
                "Nothing planned in {0}.\nPress Ctrl+N to plan a post, or pick an observance "
                "on the right.").format(self.title.text()))
        self._set_summary(first, last)

    def _set_summary(self, first: date, last: date) -> None:
        if self.mode != WEEK:  # the month itself, not the grid's neighbouring days
            first, last = self.anchor.replace(day=1), month_last(self.anchor)
        posts = {p.post_id for p in self.posts if first <= p.day <= last}
        days = {(o.observance_id, o.first) for o in self.observances
                if o.first <= last and o.last >= first}
        if not posts:
            self.summary.setText(self.tr("No posts planned here yet — double-click a day or "
                                         "press Ctrl+N"))
        else:
            self.summary.setText(" · ".join((
                self.tr("%n post(s)", "", len(posts)),
                self.tr("%n observance(s)", "", len(days)))))
        self.summary.setToolTip(self.tr("Times are shown in {0}").format(
            getattr(self.data.zone, "key", str(self.data.zone))))

    def _load_panel(self) -> None:
        today = self.data.today()
        last = today + timedelta(days=UPCOMING_DAYS)
        upcoming = self.data.observances(today, last)
        planned = {p.observance_id for p in self.data.posts(today - timedelta(days=30), last)
                   if p.observance_id}
        self.panel.set_upcoming(upcoming, today, planned)

    # ------------------------------------------------------------------ posts

    def new_post_on(self, day: date, at: time | None = None) -> None:
        self.new_post_requested.emit({"date": day, "time": at})

    def plan_for(self, observance: ObservanceEntry) -> None:
        self.new_post_requested.emit({"title": observance.name, "date": observance.first,
                                      "time": None, "observance_id": observance.observance_id})

    def _agenda_activated(self, index: QModelIndex) -> None:
        row = self.agenda_proxy.data(index, agenda_model.RawRole)
        if row is None:
            return
        if row.post is not None:
            self.open_post_requested.emit(row.post.post_id)
        elif row.observance is not None:
            self.plan_for(row.observance)

    def find_post(self, post_id: int) -> PostEntry | None:
        return next((p for p in self.posts if p.post_id == post_id), None)

    def move_post_to_day(self, post_id: int, day: date) -> bool:
        """Move a post to ``day`` at the same time of day (all-day posts stay all-day)."""
        post = self.find_post(post_id)
        if post is None:
            return False
        start = post.timed_start
        return self.move_post(post_id, datetime.combine(day, start.timetz()) if start else day)

    def move_post(self, post_id: int, new_start: datetime | date) -> bool:
        """Reschedule a post (an aware datetime, or a date for all-day) as an undoable step."""
        post = self.find_post(post_id)
        if post is None:
            return False
        if post.recurring:
            self.status.emit(self.tr("“{0}” repeats: change its dates in the post editor")
                             .format(post.title))
            return False
        if type(new_start) is type(post.start) and new_start == post.start:
            return False
        before = Placement(post.start, (post.duration_minutes or 0) if post.timed_start
                           else None)
        try:
            version = self.data.reschedule(post_id, new_start, post.version, None)
        except MoveRefused as refusal:
            self._refused(refusal)
            return False
        self.undo_stack.push(MovePostCommand(
            self.data.reschedule, post_id, post.title, before, Placement(new_start), version,
            on_moved=self._moved, on_refused=self._refused))
        self._moved()
        self.status.emit(self.tr("Moved “{0}” to {1} — Ctrl+Z puts it back").format(
            post.title, _when(new_start)))
        return True

    def _moved(self) -> None:
        self._announcing = True
        try:
            self.posts_changed.emit()
        finally:
            self._announcing = False
        self.reload()

    def _refused(self, refusal: MoveRefused) -> None:
        if refusal.conflict:
            text = self.tr("Someone else changed this post after the calendar showed it, so "
                           "it was not moved. The calendar now shows the latest version; move "
                           "it again if you still want to.")
        else:
            text = self.tr("The post could not be moved.")
        QMessageBox.warning(self, self.tr("Post not moved"), f"{text}\n\n{refusal}")
        self.reload()


def _when(start: datetime | date) -> str:
    if isinstance(start, datetime):
        return QLocale().toString(start.replace(tzinfo=None), "ddd d MMM, HH:mm")
    return QLocale().toString(start, "ddd d MMM")
