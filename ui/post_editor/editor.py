"""The post editor: one planned post, its text measured for every chosen channel.

It shows and edits; everything it needs from core comes through ``PostEditorData`` (wired by
``desktop/post_dialogs.py``): the post, the channels, the length rules, the plan checks, and
saving. Saving and checking go through ``data.run`` so a slow shared database never freezes
the window; a save that someone else beat is reported as ``SaveConflict`` with a reload offer.

The form is made of small widgets with one job each — the channels (``channels``), the text's
length per platform (``lengths``), when it goes out (``timing``), whether it repeats
(``repeat``), its workflow status (``status``) and the plan check's warnings
(``plan_check``); this module puts them in order, keeps the draft, and saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import shiboken6
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.post_editor.channels import ChannelPicker
from ui.post_editor.history import StatusHistory
from ui.post_editor.images import ImagesField
from ui.post_editor.lengths import LengthCounters
from ui.post_editor.model import PostDraft, PostEditorData, SaveConflict, draft_from_prefill
from ui.post_editor.plan_check import PlanWarnings
from ui.post_editor.repeat import RepeatRow
from ui.post_editor.status import StatusButtons
from ui.post_editor.timing import DurationRow, WhenRow, ZoneRow
from ui.publish_panel import PublishPanel
from ui.widgets.screen_fit import fitted_size, scrolling

CHECK_DELAY_MS = 400  # re-check the plan this long after the last date/channel change


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

        self.title = QLineEdit(objectName="title")
        self.title.setPlaceholderText(self.tr("What the post is about, for the calendar"))
        self.body = QPlainTextEdit(objectName="body")
        self.body.setPlaceholderText(self.tr("The text that goes out"))
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(140)
        self.counts = LengthCounters(data.measure)
        self.images = ImagesField(alt_required=data.alt_required())
        self.channels = ChannelPicker()
        self.when = WhenRow()
        self.zone = ZoneRow(data.time_zones(), data.tz_label, data.default_tz)
        self.span = DurationRow()
        self.repeating = RepeatRow(data, lambda: (self.when.first_day(),
                                                  self.when.is_all_day()))
        self.workflow = StatusButtons(data.statuses, data.next_statuses)
        self.history = StatusHistory()
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
        self.warnings = PlanWarnings()

        # The fields scroll on a small screen; the warnings and the buttons stay in view.
        fields = QWidget(objectName="editor-fields")
        fields.setLayout(self._form())
        self.fields_area = scrolling(fields)
        self.fields_area.setObjectName("editor-scroll")
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.warnings)
        layout.addLayout(self._buttons())

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_now)

        self._fill_choices()
        if post_id is not None:
            draft = data.load(post_id)
        else:
            draft = draft_from_prefill(prefill or {}, data.default_tz)
        self._show(draft)

        self.body.textChanged.connect(self._update_counts)
        self.channels.changed.connect(self._channels_changed)
        self.when.day_changed.connect(self._when_changed)
        self.when.time_changed.connect(self._time_changed)
        self.when.all_day_toggled.connect(lambda _checked: self._time_changed())
        self.zone.chosen.connect(self._zone_chosen)
        self.span.changed.connect(self._time_changed)
        self.resize(fitted_size(QSize(780, 860), parent))
        self.title.setFocus()  # typing after Ctrl+N writes the title, not into another field

    def _form(self) -> QFormLayout:
        """The fields in the order an officer fills them: what the post says, where and when
        it goes out, where it stands, and what it belongs to."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        def row(label: str, field: QWidget, buddy: QWidget | None = None) -> None:
            text = QLabel(label)
            text.setBuddy(buddy or field)
            form.addRow(text, field)

        # What it says.
        row(self.tr("&Title:"), self.title)
        row(self.tr("Te&xt:"), self.body)
        form.addRow("", self.counts)
        row(self.tr("Ima&ges:"), self.images, self.images.add_button)
        # Where and when it goes out.
        row(self.tr("C&hannels:"), self.channels, self.channels.channel_list)
        row(self.tr("&When:"), self.when, self.when.day)
        row(self.tr("Time &zone:"), self.zone, self.zone.tz_combo)
        row(self.tr("D&uration:"), self.span, self.span.duration)
        row(self.tr("&Repeat:"), self.repeating, self.repeating.repeat)
        # Where it stands in the workflow.
        form.addRow(self.tr("Status:"), self.workflow)
        form.addRow("", self.history)
        if self.publishing is not None:  # what went out on each channel
            form.addRow("", self.publishing)
        # What it belongs to.
        row(self.tr("Ca&mpaign:"), self.campaign)
        row(self.tr("&Observance:"), self.observance)
        row(self.tr("&Notes:"), self.notes)
        return form

    def _buttons(self) -> QHBoxLayout:
        """Own buttons rather than a QDialogButtonBox: Delete stays apart on the left, and
        the order is the same on every desktop."""
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        for button in (self.close_button, self.save_button, self.save_close):
            buttons.addWidget(button)
        return buttons

    # ------------------------------------------------------------------ filling

    def _fill_choices(self) -> None:
        self.channels.fill(self.data.channels())
        self.campaign.clear()
        self.campaign.addItem("")
        self.campaign.addItems(list(self.data.campaigns()))

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
        widgets = (self.title, self.body, self.campaign, self.observance, self.notes)
        for widget in widgets:
            widget.blockSignals(True)
        self.title.setText(draft.title)
        self.body.setPlainText(draft.body)
        self.when.show_when(draft.day, draft.at)
        self.zone.show_zone(draft.tz)
        self.span.show_minutes(draft.duration_minutes)
        self.repeating.show_rule(draft.rrule, draft.day, draft.at is None)
        self.channels.show_chosen(draft.channels)
        self.images.show_images(draft.images)
        if draft.campaign and self.campaign.findText(draft.campaign) < 0:
            self.campaign.addItem(draft.campaign)
        self.campaign.setCurrentText(draft.campaign)
        self._fill_observances(draft.day, draft.observance_id)
        self.notes.setPlainText(draft.notes)
        for widget in widgets:
            widget.blockSignals(False)
        self.workflow.show_saved(draft.status)
        self.history.show_history(draft.history)
        if self.publishing is not None:
            self.publishing.show_post(draft.post_id)
        self.delete_button.setEnabled(draft.post_id is not None)
        self.setWindowTitle(self.tr("Edit Post") if draft.post_id is not None
                            else self.tr("New Post"))
        self._update_zone()
        self.repeating.refresh()
        self._update_counts()
        self._baseline = self.draft().comparable()
        self.check_now()

    # ------------------------------------------------------------------ state

    def draft(self) -> PostDraft:
        at = self.when.time_of_day()
        return PostDraft(
            post_id=self.draft_id, version=self.version, title=self.title.text(),
            body=self.body.toPlainText(), status=self.workflow.status,
            day=self.when.first_day(), at=at, tz=self.zone.name,
            channels=self.channels.chosen(), campaign=self.campaign.currentText().strip(),
            observance_id=self.observance.currentData(), notes=self.notes.toPlainText(),
            rrule=self.repeating.rule(),
            duration_minutes=None if at is None else self.span.minutes(),
            images=self.images.images())

    def rrule_problem(self) -> str:
        """Why core refuses the custom RRULE ("" when it is fine or not custom)."""
        return self.repeating.problem()

    def chosen_channels(self) -> list[int]:
        return self.channels.chosen()

    def set_channels(self, ids: Sequence[int]) -> None:
        self.channels.set_chosen(ids)

    def is_modified(self) -> bool:
        return self.draft().comparable() != self._baseline

    def status(self) -> str:
        return self.workflow.status

    # ------------------------------------------------------------------ live feedback

    def _update_zone(self) -> None:
        self.zone.show_offset(self.when.first_day())
        self.span.show_end(self.when.time_of_day())

    def _zone_chosen(self) -> None:
        self._update_zone()
        self._schedule_check()

    def _time_changed(self) -> None:
        self.span.show_end(self.when.time_of_day())
        self._schedule_check()

    def _update_counts(self) -> None:
        self.counts.update_counts(self.body.toPlainText(), self.channels.platforms())

    def _channels_changed(self) -> None:
        self._update_counts()
        self._schedule_check()

    def _when_changed(self) -> None:
        self._update_zone()
        self.repeating.refresh()  # "Weekly on Thursday" follows the day
        self._fill_observances(self.draft().day, self.observance.currentData())
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
                self.warnings.show_warnings(list(found))

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._check_generation:
                self.warnings.show_warnings([self.tr("The plan could not be checked: {0}")
                                             .format(exc)])

        self.data.run(lambda: self.data.check(draft), done, failed, "read")
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
            self.repeating.refresh()
            self.repeating.rrule.setFocus()
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
        status = self.workflow.status
        self.workflow.show_saved(post.status)
        self.workflow.set_status(status)  # the allowed steps now start from the saved status
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

    def _publishing_confirmed(self) -> None:
        """An officer said where a send stands: the post may now be published."""
        if self.draft_id is not None and not self.is_modified():
            self.reload()

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
