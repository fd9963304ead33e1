"""File → Reports…: the media summary or the period report, previewed and saved.

Choose the report, its days and options, the letterhead and a format; the first page is drawn
on the right as it will print (it refreshes a moment after a change), and Save writes the file.
Building runs in the background with its progress under the preview; a newer request makes the
older one stop, and a dialog closed mid-job ignores the late answer.

The dialog never queries anything: ``ReportsData`` (wired by ``desktop/reports.py``) builds and
writes. The formats and groupings it offers are core's own lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QDate, QDir, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.reports.formats import formats_for
from ui.calendar_io import ChoiceButton, PathField, default_folder

PREVIEW_WIDTH = 460
PREVIEW_DELAY_MS = 500


class JobProgress(Protocol):
    """What a job gets: somewhere to report to, and whether it was asked to stop."""

    def report(self, done: int, total: int, text: str = "") -> None: ...

    @property
    def cancelled(self) -> bool: ...


@dataclass(frozen=True)
class ReportRequest:
    kind: str  # "summary" | "period"
    first: date
    last: date
    format: str = "docx"
    path: Path | None = None
    by: str = "term"  # summary
    pick: str = "marked"  # summary: marked | starred | watch
    terms: tuple[str, ...] = ()
    excerpt: bool = False
    tone: bool = False
    campaign: str | None = None  # period
    channel: int | None = None
    embassy: str = ""
    prepared_by: str = ""
    classification: str = ""


@dataclass(frozen=True)
class Preview:
    image: QImage
    pages: int
    words: str  # e.g. "12 items in 4 groups" or "Nothing was published …"


class _Now:
    cancelled = False

    def report(self, done: int, total: int, text: str = "") -> None:
        return None


def run_now(job: Callable[[JobProgress], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None],
            on_progress: Callable[[int, int, str], None]) -> object:
    """Run at once in this thread (tests, or no task runner)."""
    try:
        result = job(_Now())
    except Exception as exc:  # noqa: BLE001 - handed to the caller's error callback
        on_error(exc)
    else:
        on_done(result)
    return None


@dataclass
class ReportsData:
    terms: Callable[[], Sequence[str]]
    campaigns: Callable[[], Sequence[str]]
    channels: Callable[[], Sequence[tuple[int, str]]]  # own accounts: (source id, name)
    letterhead: Callable[[], tuple[str, str, str]]  # embassy, prepared by, classification
    remember: Callable[[str, str, str], None]  # keep the letterhead for next time
    preview: Callable[[ReportRequest, JobProgress], Preview]
    save: Callable[[ReportRequest, JobProgress], str]  # -> what was written, in words
    # (job, on_done, on_error, on_progress) -> a task with cancel(), or None
    run: Callable[..., object] = run_now
    folder: str = ""
    today: Callable[[], date] = field(default=date.today)


class PageView(QWidget):
    """A page drawn whole, scaled to fit, on a grey desk (the way a print preview shows it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.setMinimumSize(PREVIEW_WIDTH // 2, round(PREVIEW_WIDTH // 2 * 1.414))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def image(self) -> QImage:
        return self._image

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#8a8f96"))
        if not self._image.isNull():
            room = self.rect().adjusted(8, 8, -8, -8)
            size = self._image.size().scaled(room.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = room.left() + (room.width() - size.width()) // 2
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRect(x, room.top(), size.width(), size.height()), self._image)
        painter.end()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportsDialog(QDialog):
    saved = Signal(str)  # the path written

    def __init__(self, data: ReportsData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports-dialog")
        self.setWindowTitle(self.tr("Reports"))
        self.data = data
        self._generation = 0
        self._task: object = None
        self._suggested = ""

        self.kind = QComboBox(objectName="kind")
        self.kind.addItem(self.tr("Media summary (this morning's stories)"), "summary")
        self.kind.addItem(self.tr("Period report (posts, replies, sentiment…)"), "period")
        today = data.today()
        self.first = QDateEdit(_qdate(today - timedelta(days=1)), objectName="first")
        self.last = QDateEdit(_qdate(today), objectName="last")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        days = QHBoxLayout()
        days.addWidget(self.first)
        days.addWidget(QLabel("–"))
        days.addWidget(self.last)
        days.addStretch()

        # The media summary's choices.
        self.pick = QComboBox(objectName="pick")
        self.pick.addItem(self.tr("Marked for the summary (D on the Monitor)"), "marked")
        self.pick.addItem(self.tr("Starred"), "starred")
        self.pick.addItem(self.tr("Mentioning watch terms"), "watch")
        self.terms = ChoiceButton(self.tr("Choose terms"))
        self.terms.setObjectName("terms")
        self.terms.set_choices([(t, t) for t in data.terms()])
        self.by = QComboBox(objectName="by")
        for key, label in (("term", self.tr("Watch term")), ("category", self.tr("Category")),
                           ("source", self.tr("Source"))):
            self.by.addItem(label, key)
        self.excerpt = QCheckBox(self.tr("First lines of each story"), objectName="excerpt")
        self.tone = QCheckBox(self.tr("Tone (when tone of coverage is on)"), objectName="tone")
        summary_form = QFormLayout()
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.pick, 1)
        pick_row.addWidget(self.terms)
        summary_form.addRow(self.tr("Stories:"), pick_row)
        summary_form.addRow(self.tr("Grouped by:"), self.by)
        summary_form.addRow("", self.excerpt)
        summary_form.addRow("", self.tone)
        summary_page = QWidget()
        summary_page.setLayout(summary_form)

        # The period report's choices.
        self.campaign = QComboBox(objectName="campaign")
        self.campaign.addItem(self.tr("All campaigns"), None)
        for name in data.campaigns():
            self.campaign.addItem(name, name)
        self.channel = QComboBox(objectName="channel")
        self.channel.addItem(self.tr("All own accounts"), None)
        for source_id, name in data.channels():
            self.channel.addItem(name, source_id)
        period_form = QFormLayout()
        period_form.addRow(self.tr("Campaign:"), self.campaign)
        period_form.addRow(self.tr("Channel:"), self.channel)
        period_page = QWidget()
        period_page.setLayout(period_form)
        self.options = QStackedWidget()
        self.options.addWidget(summary_page)
        self.options.addWidget(period_page)

        embassy, prepared_by, classification = data.letterhead()
        self.embassy = QLineEdit(embassy, objectName="embassy")
        self.embassy.setPlaceholderText(self.tr("e.g. U.S. Embassy Tashkent"))
        self.prepared_by = QLineEdit(prepared_by, objectName="prepared-by")
        self.classification = QLineEdit(classification, objectName="classification")
        self.classification.setPlaceholderText(self.tr("e.g. UNCLASSIFIED (on every page)"))
        letterhead = QGroupBox(self.tr("Letterhead (remembered)"))
        letter_form = QFormLayout(letterhead)
        letter_form.addRow(self.tr("Embassy:"), self.embassy)
        letter_form.addRow(self.tr("Prepared by:"), self.prepared_by)
        letter_form.addRow(self.tr("Classification:"), self.classification)

        self.format = QComboBox(objectName="format")
        self.file = PathField(True, self.tr("Reports (*.docx *.pdf *.html *.txt *.xlsx)"))
        form = QFormLayout()
        form.addRow(self.tr("&Report:"), self.kind)
        days_label = QLabel(self.tr("&Days:"))
        days_label.setBuddy(self.first)
        form.addRow(days_label, days)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.options)
        left.addWidget(letterhead)
        out = QFormLayout()
        out.addRow(self.tr("F&ormat:"), self.format)
        out.addRow(self.tr("F&ile:"), self.file)
        left.addLayout(out)
        left.addStretch()

        self.page = PageView()
        self.page.setObjectName("preview")
        self.pages = QLabel(objectName="pages")
        self.progress = QProgressBar(objectName="progress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.status = QLabel(objectName="status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote file names
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("First page")))
        right.addWidget(self.page, 1)
        right.addWidget(self.pages)

        columns = QHBoxLayout()
        holder = QWidget()
        holder.setLayout(left)
        left_scroll = QScrollArea()  # fits a 1366×768 screen: the form scrolls, Save stays
        left_scroll.setWidget(holder)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        columns.addWidget(left_scroll, 3)
        columns.addLayout(right, 2)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("&Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        for signal in (self.first.dateChanged, self.last.dateChanged,
                       self.pick.currentIndexChanged, self.by.currentIndexChanged,
                       self.excerpt.toggled, self.tone.toggled, self.terms.changed,
                       self.campaign.currentIndexChanged, self.channel.currentIndexChanged,
                       self.embassy.textChanged, self.prepared_by.textChanged,
                       self.classification.textChanged):
            signal.connect(self._changed)
        self.first.dateChanged.connect(self._suggest_name)
        self.last.dateChanged.connect(self._suggest_name)
        self.pick.currentIndexChanged.connect(
            lambda _i: self.terms.setVisible(self.pick.currentData() == "watch"))
        self.terms.setVisible(False)
        self._kind_changed()
        self.resize(980, 640)
        self.kind.setFocus()  # the first choice, not the preview (keys and focus test)

    # ------------------------------------------------------------------ the request

    def request(self) -> ReportRequest:
        first, last = sorted((_pydate(self.first.date()), _pydate(self.last.date())))
        return ReportRequest(
            kind=self.kind.currentData(), first=first, last=last,
            format=self.format.currentData() or "docx", path=self.file.path(),
            by=self.by.currentData(), pick=self.pick.currentData(),
            terms=tuple(self.terms.chosen()), excerpt=self.excerpt.isChecked(),
            tone=self.tone.isChecked(), campaign=self.campaign.currentData(),
            channel=self.channel.currentData(), embassy=self.embassy.text().strip(),
            prepared_by=self.prepared_by.text().strip(),
            classification=self.classification.text().strip())

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.options.setCurrentIndex(0 if kind == "summary" else 1)
        chosen = self.format.currentData()
        self.format.blockSignals(True)
        self.format.clear()
        for fmt in formats_for(kind):
            self.format.addItem(fmt.label, fmt.key)
        position = self.format.findData(chosen)
        self.format.setCurrentIndex(max(position, 0))
        self.format.blockSignals(False)
        if kind == "period" and self.first.date().daysTo(self.last.date()) < 7:
            self.first.setDate(self.last.date().addMonths(-1).addDays(1))  # a month, by default
        self._suggest_name(force_suffix=True)
        self._changed()

    def _format_changed(self) -> None:
        self._suggest_name(force_suffix=True)

    def _suggest_name(self, *_args: object, force_suffix: bool = False) -> None:
        """A file name from the report and its days, unless the officer typed their own; a
        typed name keeps its name and follows the format's suffix."""
        request = self.request()
        suffix = next((f.suffix for f in formats_for(request.kind) if f.key == request.format),
                      ".docx")
        current = self.file.edit.text()
        if current and current != self._suggested:
            if force_suffix:
                path = Path(current)
                self.file.edit.setText(QDir.toNativeSeparators(str(path.with_suffix(suffix))))
            return
        stem = "media-summary" if request.kind == "summary" else "period-report"
        span = (request.first.isoformat() if request.first == request.last
                else f"{request.first.isoformat()}-to-{request.last.isoformat()}")
        folder = self.data.folder or default_folder()
        self._suggested = QDir.toNativeSeparators(str(Path(folder) / f"{stem}-{span}{suffix}"))
        self.file.edit.setText(self._suggested)

    # ------------------------------------------------------------------ background work

    def _changed(self, *_args: object) -> None:
        self._timer.start()

    def _start(self, job: Callable[[JobProgress], Any], on_done: Callable[[Any], None],
               busy: str) -> None:
        """Run ``job``; a newer start cancels this one and its answer is ignored."""
        cancel = getattr(self._task, "cancel", None)
        if callable(cancel):
            cancel()
        self._generation += 1
        mine = self._generation

        def current() -> bool:
            return mine == self._generation and self.isVisible()

        def done(result: Any) -> None:
            if current():
                self._idle()
                on_done(result)

        def failed(exc: BaseException) -> None:
            if current():
                self._idle()
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self._say(reason or type(exc).__name__, error=True)

        def moved(done_: int, total: int, text: str) -> None:
            if current():
                self.progress.setRange(0, max(total, 0))
                self.progress.setValue(done_)
                if text:
                    self.status.setText(text)

        self.progress.setRange(0, 0)
        self.progress.show()
        self._say(busy)
        self._task = self.data.run(job, done, failed, moved)

    def _idle(self) -> None:
        self.progress.hide()
        self.save_button.setEnabled(True)

    def refresh_preview(self) -> None:
        request = self.request()
        if request.pick == "watch" and not request.terms and request.kind == "summary":
            self._say(self.tr("Choose the watch terms whose stories go in."), error=True)
            return

        def shown(preview: Preview) -> None:
            self.page.set_image(preview.image)
            self.pages.setText(self.tr("%n page(s) as PDF — {0}", "", preview.pages)
                               .format(preview.words))
            self._say("")

        self._start(lambda progress: self.data.preview(request, progress), shown,
                    self.tr("Building the preview…"))

    def save(self) -> None:
        request = self.request()
        if request.path is None:
            self._say(self.tr("Choose a file to save to (Browse…)."), error=True)
            return
        if request.path.is_dir():
            self._say(self.tr("{0} is a folder; give a file name.").format(request.path),
                      error=True)
            return
        if request.kind == "summary" and request.pick == "watch" and not request.terms:
            self._say(self.tr("Choose the watch terms whose stories go in."), error=True)
            return
        self._timer.stop()
        self.data.remember(request.embassy, request.prepared_by, request.classification)
        self.save_button.setEnabled(False)

        def written(words: str) -> None:
            self._say(self.tr("Saved {0}: {1}").format(request.path, words))
            self.saved.emit(str(request.path))

        self._start(lambda progress: self.data.save(replace(request), progress), written,
                    self.tr("Writing {0}…").format(request.path))

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        self._timer.start(0)  # the first preview as soon as the dialog shows

    def done(self, result: int) -> None:  # noqa: A003 - Qt's name
        self._timer.stop()
        self._generation += 1  # late answers are dropped
        cancel = getattr(self._task, "cancel", None)
        if callable(cancel):
            cancel()
        super().done(result)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")
