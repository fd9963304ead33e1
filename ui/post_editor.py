"""The post editor: one planned post, its text measured for every chosen channel.

It shows and edits; everything it needs from core comes through ``PostEditorData`` (wired by
``desktop/post_dialogs.py``): the post, the channels, the length rules, the plan checks, and
saving. Saving and checking go through ``data.run`` so a slow shared database never freezes
the window; a save that someone else beat is reported as ``SaveConflict`` with a reload offer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QLocale,
    QSize,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ui.publish_panel import PublishingData, PublishPanel
from ui.settings_dialog import time_zone_combo
from ui.widgets.numbers import count_text
from ui.widgets.plain import plain_tooltip
from ui.widgets.screen_fit import fitted_size, scrolling

CHECK_DELAY_MS = 400  # re-check the plan this long after the last date/channel change
OVER_COLOR = "#c62828"

# Run ``job()`` in the background: (job, on_done, on_error, kind) with kind "read" or "write".
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None],
                   str], None]


def run_now(job: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None], kind: str) -> None:
    """A ``Runner`` that runs at once (for previews and tests without a task runner)."""
    try:
        result = job()
    except Exception as exc:  # noqa: BLE001 - handed to the caller's error callback
        on_error(exc)
    else:
        on_done(result)


class SaveConflict(Exception):  # noqa: N818 - named for what the user sees
    """Someone else saved the post since it was loaded; ``str()`` says what they changed."""


@dataclass(frozen=True)
class ChannelChoice:
    """A channel a post can go out on: one of the embassy's accounts (a source)."""

    id: int
    label: str  # "Bluesky — usembassy.bsky.social"
    kind: str  # the source kind: bluesky, mastodon, telegram …
    platform: str  # what the counter calls it: "Bluesky"


@dataclass(frozen=True)
class ObservanceChoice:
    id: int
    label: str  # "10 Dec — Human Rights Day"


@dataclass
class PostDraft:
    """What the editor holds: a post as the officer has it now, saved or not."""

    post_id: int | None = None
    version: int | None = None
    title: str = ""
    body: str = ""
    status: str = "draft"
    day: date = field(default_factory=date.today)
    at: time | None = None  # None: an all-day post
    tz: str = "UTC"
    channels: list[int] = field(default_factory=list)
    campaign: str = ""
    observance_id: int | None = None
    notes: str = ""
    rrule: str = ""  # "" : a single post
    duration_minutes: int | None = None  # timed posts only; None: a moment, not a span
    # Who changed the status, when (core/publish/clearance.py): (ISO time, who, from, to),
    # oldest first. Shown under the status; never saved from here.
    history: tuple[tuple[str, str, str | None, str], ...] = ()

    def comparable(self) -> tuple:
        """What "unsaved changes" compares (not the id nor the version)."""
        return (self.title.strip(), self.body, self.status, self.day, self.at, self.tz,
                sorted(self.channels), self.campaign.strip(), self.observance_id,
                self.notes, self.rrule.strip(), self.duration_minutes or None)


@dataclass
class PostEditorData:
    """What the editor may ask of core."""

    load: Callable[[int], PostDraft]
    channels: Callable[[], Sequence[ChannelChoice]]
    campaigns: Callable[[], Sequence[str]]
    observances: Callable[[date], Sequence[ObservanceChoice]]  # around a day
    statuses: Sequence[str]  # every status, in workflow order
    next_statuses: Callable[[str], Sequence[str]]  # where a post may go from a status
    measure: Callable[[str, str], tuple[int, int | None]]  # (kind, text) -> (used, limit)
    check: Callable[[PostDraft], Sequence[str]]  # warnings on the plan with this draft in it
    save: Callable[[PostDraft], PostDraft]  # the saved post; raises SaveConflict
    delete: Callable[[int], None]
    time_zones: Callable[[], Sequence[str]]  # IANA names for the zone combo
    # (every, first day, until, count, all day) -> the RRULE of a "Repeat" preset
    repeat_rule: Callable[[str, date, date | None, int | None, bool], str]
    # (rrule, first day, all day) -> (every, until, count) of the preset it is, None: custom
    repeat_preset: Callable[[str, date, bool], tuple[str, date | None, int | None] | None]
    rrule_error: Callable[[str], str]  # "" when core accepts the RRULE, else why not
    default_tz: str = "UTC"
    tz_label: Callable[[str, date], str] = lambda tz, day: ""  # "UTC+05:00" on that day
    run: Runner = run_now
    publishing: PublishingData | None = None  # each channel's state (ui/publish_panel.py)


class PostEditor(QDialog):
    """Edit or create one planned post. Non-modal; emits ``saved``/``deleted``."""

    saved = Signal(int)  # post id
    deleted = Signal(int)

    def __init__(self, data: PostEditorData, post_id: int | None = None,
                 prefill: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("post-editor")
        self.data = data
        self._check_generation = 0
        self._busy = False
        self._close_after_save = False
        self._channel_choices: dict[int, ChannelChoice] = {}

        self.title = QLineEdit(objectName="title")
        self.title.setPlaceholderText(self.tr("What the post is about, for the calendar"))
        self.body = QPlainTextEdit(objectName="body")
        self.body.setPlaceholderText(self.tr("The text that goes out"))
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(140)
        self.counts = QWidget(objectName="counts")
        self.counts_grid = QGridLayout(self.counts)
        self.counts_grid.setContentsMargins(0, 0, 0, 0)
        self.counts_grid.setHorizontalSpacing(18)
        self.count_labels: dict[str, QLabel] = {}

        self.channel_list = QListWidget(objectName="channels")
        self.channel_list.setMaximumHeight(120)
        self.no_channels = QLabel(self.tr(
            "No accounts of the embassy yet: add them on the Sources page and mark them as "
            "own accounts; they then appear here as channels."), objectName="no-channels")
        self.no_channels.setWordWrap(True)

        self.day = QDateEdit(objectName="day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.at = QTimeEdit(objectName="time")
        self.at.setDisplayFormat("HH:mm")
        self.all_day = QCheckBox(self.tr("All day"), objectName="all-day")
        # The zone the wall-clock time is in: "10:00 in New York" stays 10:00 when the zone
        # changes, because that is what was planned; the stored instant moves instead.
        self.tz_combo = time_zone_combo(self, data.time_zones(), None)
        self.tz_combo.setObjectName("tz-combo")
        self.tz_combo.setToolTip(self.tr("The time zone the time above is in"))
        self.tz = QLabel(objectName="tz")  # the zone's offset on the post's day
        self.tz.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._tz_name = data.default_tz
        self.duration = QSpinBox(objectName="duration")
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setSpecialValueText(self.tr("None"))
        self.duration.setToolTip(self.tr("How long it runs (a live session, an event); "
                                         "none for a post that simply goes out"))
        self.ends_at = QLabel(objectName="ends-at")

        self.repeat = QComboBox(objectName="repeat")
        for key in ("", "daily", "weekly", "monthly", "custom"):
            self.repeat.addItem(key, key)  # texts set by _update_repeat_labels
        self.rrule = QLineEdit(objectName="rrule")
        self.rrule.setPlaceholderText("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10")
        self.rrule.setToolTip(self.tr("An iCalendar RRULE, as calendar programs write it"))
        self.ends = QComboBox(objectName="repeat-ends")
        self.ends.addItem(self.tr("Forever"), "never")
        self.ends.addItem(self.tr("Until"), "until")
        self.ends.addItem(self.tr("Times:"), "count")
        self.until = QDateEdit(objectName="repeat-until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("d MMM yyyy")
        self.count = QSpinBox(objectName="repeat-count")
        self.count.setRange(2, 999)
        self.count.setValue(10)
        self.rrule_error = QLabel(objectName="rrule-error")
        self.rrule_error.setWordWrap(True)
        self.rrule_error.setTextFormat(Qt.TextFormat.PlainText)
        self.rrule_error.setStyleSheet(f"color: {OVER_COLOR};")
        self.rrule_error.hide()

        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str, QPushButton] = {}
        status_row = QHBoxLayout()
        status_row.setSpacing(4)
        for status in data.statuses:
            button = QPushButton(status_label(status), objectName=f"status-{status}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            status_row.addWidget(button)
        status_row.addStretch()
        self._status = self._saved_status = "draft"
        self.history = QLabel(objectName="status-history")
        self.history.setStyleSheet("color: #666;")
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.publishing = (PublishPanel(data.publishing, data.run)
                           if data.publishing is not None else None)
        if self.publishing is not None:
            self.publishing.confirmed.connect(self._publishing_confirmed)

        self.campaign = QComboBox(objectName="campaign")
        self.campaign.setEditable(True)
        self.campaign.lineEdit().setPlaceholderText(self.tr("None — type a name to start one"))
        self.campaign.setMinimumContentsLength(30)
        self.campaign.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.observance = QComboBox(objectName="observance")
        self.observance.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.observance.setMinimumContentsLength(40)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setPlaceholderText(self.tr("For the team: sources, approvals, image credits"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

        self.warnings = QLabel(objectName="warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_box = QFrame(objectName="warnings-box")
        self.warnings_box.setFrameShape(QFrame.Shape.StyledPanel)
        box = QHBoxLayout(self.warnings_box)
        box.setContentsMargins(8, 6, 8, 6)
        box.addWidget(self.warnings)

        # Own buttons rather than a QDialogButtonBox: Delete stays apart on the left, and the
        # order is the same on every desktop.
        self.save_close = QPushButton(self.tr("Save and Close"), objectName="save-close")
        self.save_button = QPushButton(self.tr("&Save"), objectName="save")
        self.save_button.setToolTip(self.tr("Save and keep editing (Ctrl+S)"))
        self.delete_button = QPushButton(self.tr("&Delete…"), objectName="delete")
        self.close_button = QPushButton(self.tr("Close"), objectName="close")
        self.save_close.setDefault(True)
        for button in (self.save_button, self.delete_button, self.close_button):
            button.setAutoDefault(False)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        self.save_close.clicked.connect(lambda: self.save(close_after=True))
        self.save_button.clicked.connect(lambda: self.save())
        self.delete_button.clicked.connect(self.delete)
        self.close_button.clicked.connect(self.reject)

        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.at)
        when.addWidget(self.all_day)
        when.addStretch(1)
        zone_row = QHBoxLayout()
        zone_row.addWidget(self.tz_combo, 1)
        zone_row.addWidget(self.tz)
        duration_row = QHBoxLayout()
        duration_row.addWidget(self.duration)
        duration_row.addWidget(self.ends_at)
        duration_row.addStretch(1)
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.repeat)
        repeat_row.addWidget(self.rrule, 1)
        repeat_row.addWidget(self.ends)
        repeat_row.addWidget(self.until)
        repeat_row.addWidget(self.count)
        repeat_row.addStretch(0)
        repeat_box = QVBoxLayout()
        repeat_box.setSpacing(2)
        repeat_box.addLayout(repeat_row)
        repeat_box.addWidget(self.rrule_error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("Te&xt:"), self.body)
        form.addRow("", self.counts)
        # Expanding: the form grows only expanding fields, and a wrapped hint kept at its
        # narrow preferred width would need more lines than the row gives it (clipped).
        channels_box = QWidget(objectName="channels-box")
        channels_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        channels = QVBoxLayout(channels_box)
        channels.setContentsMargins(0, 0, 0, 0)
        channels.setSpacing(2)
        channels.addWidget(self.channel_list)
        channels.addWidget(self.no_channels)
        form.addRow(self.tr("C&hannels:"), channels_box)
        form.addRow(self.tr("&When:"), when)
        form.addRow(self.tr("Time &zone:"), zone_row)
        form.addRow(self.tr("D&uration:"), duration_row)
        form.addRow(self.tr("&Repeat:"), repeat_box)
        form.addRow(self.tr("Status:"), status_row)
        form.addRow("", self.history)
        if self.publishing is not None:
            form.addRow("", self.publishing)
        form.addRow(self.tr("Ca&mpaign:"), self.campaign)
        form.addRow(self.tr("&Observance:"), self.observance)
        form.addRow(self.tr("&Notes:"), self.notes)
        for label, buddy in ((0, self.title), (1, self.body), (3, self.channel_list),
                             (4, self.day), (5, self.tz_combo), (6, self.duration),
                             (7, self.repeat), (9, self.campaign), (10, self.observance),
                             (11, self.notes)):
            item = form.itemAt(label, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(buddy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        for button in (self.close_button, self.save_button, self.save_close):
            buttons.addWidget(button)
        # The fields scroll on a small screen; the warnings and the buttons stay in view.
        fields = QWidget(objectName="editor-fields")
        fields.setLayout(form)
        self.fields_area = scrolling(fields)
        self.fields_area.setObjectName("editor-scroll")
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.warnings_box)
        layout.addLayout(buttons)

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_now)

        self._fill_choices()
        if post_id is not None:
            draft = data.load(post_id)
        else:
            draft = _draft_from_prefill(prefill or {}, data.default_tz)
        self._show(draft)

        self.body.textChanged.connect(self._update_counts)
        self.channel_list.itemChanged.connect(self._channels_changed)
        self.day.dateChanged.connect(self._when_changed)
        self.at.timeChanged.connect(self._time_changed)
        self.all_day.toggled.connect(self._all_day_toggled)
        self.tz_combo.currentIndexChanged.connect(self._tz_chosen)
        self.duration.valueChanged.connect(self._time_changed)
        self.repeat.currentIndexChanged.connect(self._repeat_chosen)
        self.rrule.textChanged.connect(self._update_repeat)
        self.ends.currentIndexChanged.connect(self._update_repeat)
        self.status_group.buttonClicked.connect(self._status_clicked)
        self.resize(fitted_size(QSize(780, 860), parent))
        self.title.setFocus()  # typing after Ctrl+N writes the title, not into another field

    # ------------------------------------------------------------------ filling

    def _fill_choices(self) -> None:
        self.channel_list.clear()
        self._channel_choices = {c.id: c for c in self.data.channels()}
        for choice in self._channel_choices.values():
            self._add_channel_item(choice)
        self.campaign.clear()
        self.campaign.addItem("")
        self.campaign.addItems(list(self.data.campaigns()))

    def _add_channel_item(self, choice: ChannelChoice) -> None:
        item = QListWidgetItem(choice.label)
        item.setData(Qt.ItemDataRole.UserRole, choice.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.channel_list.addItem(item)

    def _fill_observances(self, day: date, keep: int | None) -> None:
        self.observance.blockSignals(True)
        self.observance.clear()
        self.observance.addItem(self.tr("None"), None)
        for choice in self.data.observances(day):
            self.observance.addItem(choice.label, choice.id)
        if keep is not None and self.observance.findData(keep) < 0:
            self.observance.addItem(self.tr("Observance {0}").format(keep), keep)
        self.observance.setCurrentIndex(max(0, self.observance.findData(keep)))
        self.observance.blockSignals(False)

    def _show(self, draft: PostDraft) -> None:
        """Put ``draft`` in the fields; it becomes what "unsaved changes" compares with."""
        self.draft_id, self.version = draft.post_id, draft.version
        widgets = (self.title, self.body, self.day, self.at, self.all_day, self.channel_list,
                   self.campaign, self.observance, self.notes, self.tz_combo, self.duration,
                   self.repeat, self.rrule, self.ends, self.until, self.count)
        for widget in widgets:
            widget.blockSignals(True)
        self.title.setText(draft.title)
        self.body.setPlainText(draft.body)
        self._show_history(draft.history)
        if self.publishing is not None:
            self.publishing.show_post(draft.post_id)
        self.day.setDate(QDate(draft.day.year, draft.day.month, draft.day.day))
        self.all_day.setChecked(draft.at is None)
        self.at.setEnabled(draft.at is not None)
        at = draft.at or time(10, 0)
        self.at.setTime(QTime(at.hour, at.minute))
        self._tz_name = draft.tz
        if self.tz_combo.findData(draft.tz) < 0:  # a zone the list leaves out (US/Eastern)
            self.tz_combo.addItem(draft.tz, draft.tz)
        self.tz_combo.setCurrentIndex(self.tz_combo.findData(draft.tz))
        self.duration.setValue(draft.duration_minutes or 0)
        self._show_repeat(draft)
        known = {self.channel_list.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.channel_list.count())}
        for channel in draft.channels:  # a channel that is no longer an own account
            if channel not in known:
                choice = ChannelChoice(channel, self.tr("Source {0}").format(channel), "", "")
                self._channel_choices[channel] = choice
                self._add_channel_item(choice)
        for i in range(self.channel_list.count()):
            item = self.channel_list.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in draft.channels
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        if draft.campaign and self.campaign.findText(draft.campaign) < 0:
            self.campaign.addItem(draft.campaign)
        self.campaign.setCurrentText(draft.campaign)
        self._fill_observances(draft.day, draft.observance_id)
        self.notes.setPlainText(draft.notes)
        for widget in widgets:
            widget.blockSignals(False)
        self._saved_status = draft.status
        self._set_status(draft.status)
        empty = self.channel_list.count() == 0
        self.channel_list.setVisible(not empty)
        self.no_channels.setVisible(empty)
        self.delete_button.setEnabled(draft.post_id is not None)
        self.setWindowTitle(self.tr("Edit Post") if draft.post_id is not None
                            else self.tr("New Post"))
        self._update_tz()
        self._update_repeat()
        self._update_counts()
        self._baseline = self.draft().comparable()
        self.check_now()

    # ------------------------------------------------------------------ state

    def draft(self) -> PostDraft:
        qdate = self.day.date()
        qtime = self.at.time()
        return PostDraft(
            post_id=self.draft_id, version=self.version, title=self.title.text(),
            body=self.body.toPlainText(), status=self._status,
            day=date(qdate.year(), qdate.month(), qdate.day()),
            at=None if self.all_day.isChecked() else time(qtime.hour(), qtime.minute()),
            tz=self._tz_name, channels=self.chosen_channels(),
            campaign=self.campaign.currentText().strip(),
            observance_id=self.observance.currentData(), notes=self.notes.toPlainText(),
            rrule=self._rule(), duration_minutes=(None if self.all_day.isChecked()
                                                  else self.duration.value() or None))

    def _first_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def _rule(self) -> str:
        """The RRULE the repeat fields say: a preset's is spelled by core."""
        every = self.repeat.currentData()
        if not every:
            return ""
        if every == "custom":
            return self.rrule.text().strip()
        ends = self.ends.currentData()
        qdate = self.until.date()
        until = date(qdate.year(), qdate.month(), qdate.day()) if ends == "until" else None
        count = self.count.value() if ends == "count" else None
        return self.data.repeat_rule(every, self._first_day(), until, count,
                                     self.all_day.isChecked())

    def _show_repeat(self, draft: PostDraft) -> None:
        """Show a saved rule as its preset when it is one, else as Custom with its text."""
        rule = draft.rrule.strip()
        preset = (self.data.repeat_preset(rule, draft.day, draft.at is None)
                  if rule else None)
        self.ends.setCurrentIndex(0)
        self.until.setDate(QDate(draft.day.year, draft.day.month, draft.day.day).addMonths(3))
        if not rule:
            self.repeat.setCurrentIndex(0)
            self.rrule.clear()
            return
        if preset is None:
            self.repeat.setCurrentIndex(self.repeat.findData("custom"))
            self.rrule.setText(rule)
            return
        every, until, count = preset
        self.repeat.setCurrentIndex(self.repeat.findData(every))
        self.rrule.setText(rule)
        if until is not None:
            self.ends.setCurrentIndex(self.ends.findData("until"))
            self.until.setDate(QDate(until.year, until.month, until.day))
        elif count:
            self.ends.setCurrentIndex(self.ends.findData("count"))
            self.count.setValue(count)

    def rrule_problem(self) -> str:
        """Why core refuses the custom RRULE ("" when it is fine or not custom)."""
        if self.repeat.currentData() != "custom":
            return ""
        text = self.rrule.text().strip()
        if not text:
            return self.tr("Write the rule, e.g. FREQ=WEEKLY;BYDAY=TU,TH, or choose "
                           "another Repeat.")
        return self.data.rrule_error(text)

    def chosen_channels(self) -> list[int]:
        return [self.channel_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.channel_list.count())
                if self.channel_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_channels(self, ids: Sequence[int]) -> None:
        for i in range(self.channel_list.count()):
            item = self.channel_list.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def is_modified(self) -> bool:
        return self.draft().comparable() != self._baseline

    def status(self) -> str:
        return self._status

    def _publishing_confirmed(self) -> None:
        """An officer said where a send stands: the post may now be published."""
        if self.draft_id is not None and not self.is_modified():
            self.reload()

    def _show_history(self, history: Sequence[tuple[str, str, str | None, str]]) -> None:
        """The last status change under the buttons, every change in its tooltip."""
        lines = [self.tr("{0} {1}: {2} → {3}").format(
            when[:16].replace("T", " "), who,
            status_label(old) if old else self.tr("new"), status_label(new))
            for when, who, old, new in history]
        self.history.setText(lines[-1] if lines else "")
        self.history.setToolTip("\n".join(lines))
        self.history.setVisible(bool(lines))

    def _set_status(self, status: str) -> None:
        # The steps allowed are those from the *saved* status, so a click can be taken back
        # before saving (Published clicked by mistake is not a dead end).
        self._status = status
        saved = self._saved_status
        allowed = set(self.data.next_statuses(saved)) | {saved}
        for name, button in self.status_buttons.items():
            button.setEnabled(name in allowed)
            button.setChecked(name == status)
            if name in allowed and name != status:
                button.setToolTip(self.tr("Move the post to “{0}” (saved with the post)")
                                  .format(status_label(name)))
            elif name == status:
                button.setToolTip(self.tr("The post's status"))
            else:
                button.setToolTip(self.tr("Not a next step from “{0}”")
                                  .format(status_label(saved)))

    def _status_clicked(self, button: QAbstractButton) -> None:
        chosen = next(s for s, b in self.status_buttons.items() if b is button)
        self._set_status(chosen)

    # ------------------------------------------------------------------ live feedback

    def _update_tz(self) -> None:
        self.tz.setText(self.data.tz_label(self._tz_name, self._first_day()))
        self._update_ends_at()

    def _update_ends_at(self) -> None:
        minutes = self.duration.value()
        timed = not self.all_day.isChecked()
        self.duration.setEnabled(timed)
        if timed and minutes:
            end = self.at.time().addSecs(minutes * 60)
            self.ends_at.setText(self.tr("ends {0}").format(end.toString("HH:mm")))
        else:
            self.ends_at.setText(self.tr("all-day posts have no duration") if not timed else "")

    def _tz_chosen(self) -> None:
        name = self.tz_combo.currentData()
        if not name or name == self._tz_name:
            return
        self._tz_name = name
        self._update_tz()
        self._schedule_check()

    def _time_changed(self) -> None:
        self._update_ends_at()
        self._schedule_check()

    def _repeat_chosen(self) -> None:
        if self.repeat.currentData() == "custom" and not self.rrule.text().strip():
            self.rrule.setText(self._preset_text())  # start from what was shown
        self._update_repeat()

    def _preset_text(self) -> str:
        return self.rrule.property("preset") or ""

    def _update_repeat(self) -> None:
        """Show the fields the chosen repeat needs, and core's word on a custom rule."""
        every = self.repeat.currentData()
        custom = every == "custom"
        self.rrule.setVisible(custom)
        self.ends.setVisible(bool(every) and not custom)
        ends = self.ends.currentData()
        self.until.setVisible(bool(every) and not custom and ends == "until")
        self.count.setVisible(bool(every) and not custom and ends == "count")
        if every and not custom:
            self.rrule.setProperty("preset", self._rule())
        self._update_repeat_labels()
        problem = self.rrule_problem()
        self.rrule_error.setText(problem)
        self.rrule_error.setVisible(bool(problem))

    def _update_repeat_labels(self) -> None:
        day = self._first_day()
        weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.LongFormat)
        texts = {"": self.tr("Does not repeat"), "daily": self.tr("Daily"),
                 "weekly": self.tr("Weekly on {0}").format(weekday),
                 "monthly": self.tr("Monthly on day {0}").format(day.day),
                 "custom": self.tr("Custom (RRULE)…")}
        for i in range(self.repeat.count()):
            self.repeat.setItemText(i, texts[self.repeat.itemData(i)])

    def _update_counts(self) -> None:
        text = self.body.toPlainText()
        platforms: dict[str, str] = {}  # platform name -> kind, in channel order
        for channel in self.chosen_channels():
            choice = self._channel_choices.get(channel)
            if choice is not None and choice.platform:
                platforms.setdefault(choice.platform, choice.kind)
        shown: list[tuple[str, str, bool, str]] = []  # key, text, over, tooltip
        if not platforms:
            shown.append(("characters", self.tr("{0} characters").format(count_text(len(text))),
                          False, ""))
        for platform, kind in platforms.items():
            used, limit = self.data.measure(kind, text)
            if limit is None:
                shown.append((kind, self.tr("{0} {1} characters").format(
                    platform, count_text(used)), False, ""))
                continue
            counts = f"{platform} {count_text(used)}/{count_text(limit)}"
            if used > limit:
                shown.append((kind, counts, True, self.tr("{0} characters too long for {1}")
                              .format(count_text(used - limit), platform)))
            else:
                shown.append((kind, counts, False, ""))
        wanted = [key for key, *_ in shown]
        if wanted != list(self.count_labels):  # the channels changed: lay the labels out again
            for label in self.count_labels.values():
                self.counts_grid.removeWidget(label)
                label.setParent(None)
                label.deleteLater()
            self.count_labels = {}
            for n, key in enumerate(wanted):
                label = QLabel(objectName=f"count-{key}")
                self.counts_grid.addWidget(label, n // 4, n % 4)
                self.count_labels[key] = label
        for key, label_text, over, tip in shown:
            label = self.count_labels[key]
            label.setText(label_text)
            label.setToolTip(plain_tooltip(tip))
            if bool(label.property("over")) != over:
                label.setProperty("over", over)
                label.setStyleSheet(f"color: {OVER_COLOR}; font-weight: bold;" if over else "")

    def counters(self) -> dict[str, tuple[str, bool]]:
        """Each counter's text and whether it is over the limit, by source kind."""
        return {k: (v.text(), bool(v.property("over"))) for k, v in self.count_labels.items()}

    def _channels_changed(self) -> None:
        self._update_counts()
        self._schedule_check()

    def _when_changed(self) -> None:
        self._update_tz()
        self._update_repeat()  # "Weekly on Thursday" follows the day
        self._fill_observances(self.draft().day, self.observance.currentData())
        self._schedule_check()

    def _all_day_toggled(self, checked: bool) -> None:
        self.at.setEnabled(not checked)
        self._update_ends_at()
        self._schedule_check()

    def _schedule_check(self) -> None:
        self.check_timer.start()

    def check_now(self) -> None:
        """Ask core for warnings about the plan with this draft in it (stale answers dropped)."""
        self.check_timer.stop()
        self._check_generation += 1
        generation = self._check_generation
        draft = self.draft()

        def done(found: Sequence[str]) -> None:
            if shiboken6.isValid(self) and generation == self._check_generation:
                self._show_warnings(list(found))

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._check_generation:
                self._show_warnings([self.tr("The plan could not be checked: {0}")
                                     .format(exc)])

        self.data.run(lambda: self.data.check(draft), done, failed, "read")

    def _show_warnings(self, found: list[str]) -> None:
        if found:
            self.warnings.setText("\n".join(f"⚠ {w}" for w in found))
            self.warnings_box.setStyleSheet(
                "#warnings-box { background: #fff4e5; border: 1px solid #f0b45b; }"
                " #warnings { color: #5f3b00; }")
        else:
            self.warnings.setText(self.tr("No clashes on these channels, no public holiday, "
                                          "no missed deadline."))
            self.warnings_box.setStyleSheet("#warnings { color: palette(mid); }")

    def warning_texts(self) -> list[str]:
        text = self.warnings.text()
        return [line[2:] for line in text.splitlines() if line.startswith("⚠ ")]

    # ------------------------------------------------------------------ saving

    def save(self, close_after: bool = False) -> None:
        if self._busy:
            return
        draft = self.draft()
        if not draft.title.strip():
            QMessageBox.warning(self, self.tr("Post Not Saved"),
                                self.tr("Give the post a title: it is what the calendar "
                                        "shows."))
            self.title.setFocus()
            return
        if self.rrule_problem():  # shown under the rule already; nothing is sent to core
            self._update_repeat()
            self.rrule.setFocus()
            return
        self._set_busy(True)
        self._close_after_save = close_after
        self.data.run(lambda: self.data.save(draft),
                      lambda post: self._saved(post, draft), self._save_failed, "write")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.save_button, self.save_close, self.delete_button):
            button.setEnabled(not busy and (button is not self.delete_button
                                            or self.draft_id is not None))

    def _saved(self, post: PostDraft, sent: PostDraft) -> None:
        if not shiboken6.isValid(self):  # closed and deleted while the save waited
            return
        self._set_busy(False)
        if self.draft().comparable() == sent.comparable():
            self._show(post)
        else:
            # The save waited on the writer while the officer kept typing: showing ``post``
            # would overwrite that typing with the older text. Take only what the save
            # changed (id, version, saved status) and leave the fields, still unsaved.
            self._adopt(post)
        self.saved.emit(post.post_id)
        if self._close_after_save and not self.is_modified():
            self.accept()

    def _adopt(self, post: PostDraft) -> None:
        """Make ``post`` the saved version under the fields without touching the fields."""
        self.draft_id, self.version = post.post_id, post.version
        self._saved_status = post.status
        self._set_status(self._status)  # the allowed steps now start from the saved status
        self.delete_button.setEnabled(post.post_id is not None)
        self.setWindowTitle(self.tr("Edit Post"))
        self._baseline = post.comparable()

    def _save_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if isinstance(exc, SaveConflict):
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Saved by Someone Else"),
                              self.tr("Someone else saved this post while you were editing "
                                      "it, so your changes were not saved."), parent=self)
            box.setInformativeText(str(exc))
            reload_button = box.addButton(self.tr("Reload Their Version"),
                                          QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("Keep Editing"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is reload_button and self.draft_id is not None:
                self.reload()
            return
        QMessageBox.warning(self, self.tr("Post Not Saved"), str(exc))

    def reload(self) -> None:
        """Show the saved post, dropping the edits (after a conflict)."""
        if self.draft_id is not None:
            self._show(self.data.load(self.draft_id))

    def delete(self) -> None:
        if self.draft_id is None or self._busy:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete Post"),
            self.tr("Delete “{0}” from the plan? This cannot be undone.")
            .format(self.title.text().strip() or self.tr("this post")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        post_id = self.draft_id
        self._set_busy(True)

        def done(_: object) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            self._baseline = self.draft().comparable()  # nothing left to save
            self.deleted.emit(post_id)
            self.accept()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            QMessageBox.warning(self, self.tr("Post Not Deleted"), str(exc))

        self.data.run(lambda: self.data.delete(post_id), done, failed, "write")

    def discard(self) -> None:
        """Close without asking, dropping unsaved changes (the app quitting, tests)."""
        self.check_timer.stop()
        self._baseline = self.draft().comparable()
        super().reject()

    def reject(self) -> None:
        """Close, asking first when there are unsaved changes (also on Esc and the title bar)."""
        if self._busy:
            return
        if self.is_modified():
            answer = QMessageBox.question(
                self, self.tr("Unsaved Changes"),
                self.tr("Save the changes to “{0}” before closing?")
                .format(self.title.text().strip() or self.tr("this post")),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save(close_after=True)
                return
        self.check_timer.stop()
        super().reject()


STATUS_LABELS = {
    "idea": QT_TRANSLATE_NOOP("PostStatus", "Idea"),
    "draft": QT_TRANSLATE_NOOP("PostStatus", "Draft"),
    "review": QT_TRANSLATE_NOOP("PostStatus", "In Review"),
    "approved": QT_TRANSLATE_NOOP("PostStatus", "Approved"),
    "scheduled": QT_TRANSLATE_NOOP("PostStatus", "Scheduled"),
    "published": QT_TRANSLATE_NOOP("PostStatus", "Published"),
    "cancelled": QT_TRANSLATE_NOOP("PostStatus", "Cancelled"),
}


def status_label(status: str) -> str:
    return QCoreApplication.translate("PostStatus", STATUS_LABELS.get(status, status))


def _draft_from_prefill(prefill: dict, default_tz: str) -> PostDraft:
    day = prefill.get("date") or date.today()
    if isinstance(day, datetime):
        day = day.date()
    return PostDraft(
        title=prefill.get("title") or "", body=prefill.get("body") or "",
        status=prefill.get("status") or "draft", day=day, at=prefill.get("time"),
        tz=prefill.get("tz") or default_tz, channels=list(prefill.get("channels") or []),
        campaign=prefill.get("campaign") or "", observance_id=prefill.get("observance_id"),
        notes=prefill.get("notes") or "", rrule=prefill.get("rrule") or "",
        duration_minutes=prefill.get("duration_minutes"))


