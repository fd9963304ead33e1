"""Calendar export (ICS, CSV, XLSX) and import dialogs.

The export writes what ``attache calendar export`` writes; the import first checks the whole
file (nothing is written), shows every problem by line, and imports only a file without
problems — the all-or-nothing rule of core's importers and of ``attache calendar import``.
Paths are typed or chosen with "Browse…" into a line edit, so tests set them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QDir, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.formats import CALENDAR_FORMATS
from ui.post_editor import ChannelChoice, Runner, run_now, status_label
from ui.widgets.counts import counts
from ui.widgets.headers import elide_titles
from ui.widgets.plain import plain_tooltip

# From the format records (core/formats.py): what can be exported, and the files read back.
FORMATS = tuple((f.key, f"{f.label} ({f.suffix})") for f in CALENDAR_FORMATS if f.writer)
SUFFIXES = {f.key: f.suffix for f in CALENDAR_FORMATS}
PATTERNS = " ".join(f"*{f.suffix}" for f in CALENDAR_FORMATS if f.reader)


@dataclass(frozen=True)
class ExportRequest:
    first: date
    last: date
    format: str  # ics | csv | xlsx
    path: Path
    statuses: list[str] = field(default_factory=list)  # empty: every status
    campaigns: list[str] = field(default_factory=list)
    channels: list[int] = field(default_factory=list)
    observances: bool = True  # include observance days


@dataclass
class ExportData:
    statuses: Sequence[str]
    campaigns: Callable[[], Sequence[str]]
    channels: Callable[[], Sequence[ChannelChoice]]
    export: Callable[[ExportRequest], tuple[int, int]]  # -> (posts, observance days) written
    run: Runner = run_now
    folder: str = ""  # where the file goes by default


@dataclass(frozen=True)
class ImportProblem:
    line: str  # "3" (spreadsheet row), "event 2" (iCalendar) or "" (the whole file)
    field: str  # the column the problem is in, when it can be told
    message: str


@dataclass
class ImportResult:
    """What an import did — or would do, for a check (``applied`` False)."""

    applied: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    observances_added: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Another program's calendar: events left out while the others were (or would be) imported.
    skipped: list[ImportProblem] = field(default_factory=list)
    # What the updates change, as core names it (spreadsheet columns: "title", "time", …).
    changed_fields: list[str] = field(default_factory=list)


@dataclass
class ImportData:
    check: Callable[[Path], ImportResult]  # a dry run: nothing is written
    apply: Callable[[Path], ImportResult]
    run: Runner = run_now
    folder: str = ""


def default_folder() -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found or QDir.homePath()


class ChoiceButton(QToolButton):
    """A compact multiple choice: a button whose menu has a check box per value."""

    changed = Signal()

    def __init__(self, everything: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._everything = everything
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setMenu(QMenu(self))
        self._actions: list[QAction] = []
        self._update_text()

    def set_choices(self, choices: Sequence[tuple[object, str]]) -> None:
        self.menu().clear()
        self._actions = []
        for value, text in choices:
            action = self.menu().addAction(text)
            action.setCheckable(True)
            action.setData(value)
            action.toggled.connect(self._toggled)
            self._actions.append(action)
        self.setEnabled(bool(choices))
        self._update_text()

    def chosen(self) -> list:
        return [a.data() for a in self._actions if a.isChecked()]

    def set_chosen(self, values: Sequence[object]) -> None:
        for action in self._actions:
            action.setChecked(action.data() in values)

    def _toggled(self) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        names = [a.text() for a in self._actions if a.isChecked()]
        text = ", ".join(names) if names else self._everything
        self.setText(text if len(text) <= 40 else text[:39] + "…")
        self.setToolTip(plain_tooltip(", ".join(names)) if names else self._everything)


class PathField(QWidget):
    """A path line edit with a "Browse…" button (the button only fills the line edit)."""

    def __init__(self, save: bool, filters: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save = save
        self.filters = filters
        self.edit = QLineEdit(objectName="path")
        self.edit.setMinimumWidth(360)
        self.browse = QPushButton(self.tr("&Browse…"), objectName="browse")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def _browse(self) -> None:
        start = self.edit.text() or default_folder()
        if self.save:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export To"), start,
                                                    self.filters)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import From"), start,
                                                    self.filters)
        if chosen:
            self.edit.setText(QDir.toNativeSeparators(chosen))


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ExportDialog(QDialog):
    """Choose a range, filters and a format; write the plan to a file."""

    exported = Signal(str)  # the path written

    def __init__(self, data: ExportData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self.setWindowTitle(self.tr("Export Calendar"))
        self.data = data
        today = date.today()
        self.first = QDateEdit(_qdate(today.replace(day=1)), objectName="first")
        self.last = QDateEdit(_qdate(today.replace(day=1) + timedelta(days=92)),
                              objectName="last")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.statuses = ChoiceButton(self.tr("All statuses"))
        self.statuses.setObjectName("statuses")
        self.statuses.set_choices([(s, status_label(s)) for s in data.statuses])
        self.campaigns = ChoiceButton(self.tr("All campaigns"))
        self.campaigns.setObjectName("campaigns")
        self.campaigns.set_choices([(c, c) for c in data.campaigns()])
        self.channels = ChoiceButton(self.tr("All channels"))
        self.channels.setObjectName("channels")
        self.channels.set_choices([(c.id, c.label) for c in data.channels()])
        self.observances = QCheckBox(self.tr("Include observance days (with their "
                                             "“prepare by” reminders in .ics)"),
                                     objectName="observances")
        self.observances.setChecked(True)
        self.format = QComboBox(objectName="format")
        for key, label in FORMATS:
            self.format.addItem(label, key)
        self.file = PathField(True, self.tr("Calendar files ({0})").format(PATTERNS))
        self.result = QLabel(objectName="result")
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote the file
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        range_row = QHBoxLayout()
        range_row.addWidget(self.first)
        range_row.addWidget(QLabel("–"))
        range_row.addWidget(self.last)
        range_row.addStretch()
        filters = QHBoxLayout()
        for button in (self.statuses, self.campaigns, self.channels):
            filters.addWidget(button)
        filters.addStretch()
        form = QFormLayout()
        form.addRow(_label(self.tr("&From – to:"), self.first), range_row)
        form.addRow(self.tr("Only:"), filters)
        form.addRow("", self.observances)
        form.addRow(_label(self.tr("F&ormat:"), self.format), self.format)
        form.addRow(_label(self.tr("F&ile:"), self.file.edit), self.file)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("&Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export")
        self.export_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addStretch()
        layout.addWidget(self.buttons)

        self.format.currentIndexChanged.connect(self._format_changed)
        self.first.dateChanged.connect(self._suggest_name)
        self.last.dateChanged.connect(self._suggest_name)
        self._suggested = ""
        self._suggest_name()
        self.result.setMinimumHeight(self.result.fontMetrics().lineSpacing() * 2)
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def request(self) -> ExportRequest | None:
        path = self.file.path()
        if path is None:
            return None
        return ExportRequest(first=_pydate(self.first.date()), last=_pydate(self.last.date()),
                             format=self.format.currentData(), path=path,
                             statuses=self.statuses.chosen(), campaigns=self.campaigns.chosen(),
                             channels=self.channels.chosen(),
                             observances=self.observances.isChecked())

    def _suggest_name(self) -> None:
        """Name the file after the range, unless the officer typed their own name."""
        current = self.file.edit.text()
        if current and current != self._suggested:
            return
        first, last = _pydate(self.first.date()), _pydate(self.last.date())
        name = (f"attache-plan-{first.isoformat()}-to-{last.isoformat()}"
                f"{SUFFIXES[self.format.currentData()]}")
        folder = self.data.folder or default_folder()
        self._suggested = QDir.toNativeSeparators(str(Path(folder) / name))
        self.file.edit.setText(self._suggested)

    def _format_changed(self) -> None:
        path = self.file.path()
        suffix = SUFFIXES[self.format.currentData()]
        if path is not None and path.suffix.lower() in SUFFIXES.values():
            text = QDir.toNativeSeparators(str(path.with_suffix(suffix)))
            if self.file.edit.text() == self._suggested:
                self._suggested = text
            self.file.edit.setText(text)
        else:
            self._suggest_name()

    def export(self) -> None:
        request = self.request()
        if request is None:
            self._say(self.tr("Choose a file to export to (Browse…)."), error=True)
            return
        if request.last < request.first:
            self._say(self.tr("The range ends before it starts."), error=True)
            return
        if request.path.is_dir():
            self._say(self.tr("{0} is a folder; give a file name.").format(request.path),
                      error=True)
            return
        self.export_button.setEnabled(False)
        self._say(self.tr("Exporting…"))

        def done(written: tuple[int, int]) -> None:
            self.export_button.setEnabled(True)
            posts, days = written
            self._say(self.tr("Exported {0} and {1} to {2}").format(
                counts().posts(posts), counts().observance_days(days), request.path))
            self.exported.emit(str(request.path))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._say(self.tr("Could not export to {0}: {1}").format(request.path, reason),
                      error=True)

        self.data.run(lambda: self.data.export(request), done, failed, "read")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("color: #c62828;" if error else "")


class ImportDialog(QDialog):
    """Check a plan file, show every problem by line, then import it."""

    imported = Signal()

    def __init__(self, data: ImportData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import-dialog")
        self.setWindowTitle(self.tr("Import Calendar"))
        self.data = data
        self.file = PathField(False, self.tr("Calendar files ({0});;All files (*)").format(
            PATTERNS))
        self.file.edit.setPlaceholderText(self.tr("An .ics, .csv or .xlsx file — e.g. an "
                                                  "export edited in Excel"))
        self.summary = QLabel(self.tr("Choose a file, then Check it: nothing is written until "
                                      "you press Import, and a file with problems is not "
                                      "imported at all."), objectName="summary")
        self.summary.setWordWrap(True)
        # Room for two wrapped lines: a QLabel's wrapped height is not always given room once
        # the dialog has been laid out.
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 2 + 4)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QTableWidget(0, 3, objectName="problems")
        self.problems.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Field"),
                                                 self.tr("Problem")])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setWordWrap(True)
        header = elide_titles(self.problems)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.hide()

        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton(self.tr("&Check"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("check")
        self.import_button = self.buttons.addButton(self.tr("&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.file.edit.textChanged.connect(self._path_changed)
        self.file.edit.returnPressed.connect(self.check)

        form = QFormLayout()
        form.addRow(_label(self.tr("F&ile:"), self.file.edit), self.file)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        self._checked: Path | None = None
        self.resize(720, self.sizeHint().height())

    def _path_changed(self) -> None:
        self._checked = None
        self.import_button.setEnabled(False)
        self.check_button.setDefault(True)

    def check(self) -> None:
        """A dry run of the import: every problem, or what "Import" will make."""
        def checked(path: Path, result: ImportResult) -> None:
            # The path may have been changed while the check ran: Import is for the file
            # that was checked, never for a new, unchecked one.
            if not result.problems and self.file.path() == path:
                self._checked = path
                self.import_button.setEnabled(True)
                self.import_button.setDefault(True)

        self._run(self.tr("Checking {0}…"), self.data.check, checked)

    def apply(self) -> None:
        def applied(_path: Path, result: ImportResult) -> None:
            if result.applied and not result.problems:
                self.imported.emit()

        self._run(self.tr("Importing {0}…"), self.data.apply, applied)

    def _run(self, busy: str, job: Callable[[Path], ImportResult],
             then: Callable[[Path, ImportResult], None]) -> None:
        """Run ``job`` on the chosen file (``busy`` names it meanwhile), show its result, then
        ``then``."""
        path = self._path()
        if path is None:
            return
        self._set_busy(busy.format(path.name))

        def done(result: ImportResult) -> None:
            self._show(result)
            then(path, result)

        self.data.run(lambda: job(path), done, self._failed, "write")

    def _path(self) -> Path | None:
        path = self.file.path()
        if path is None or not path.is_file():
            self._say(self.tr("Choose an .ics, .csv or .xlsx file to import (Browse…).")
                      if path is None else self.tr("There is no file {0}.").format(path),
                      error=True)
            return None
        return path

    def _set_busy(self, text: str) -> None:
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self._say(text)

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._say(str(exc), error=True)

    def _show(self, result: ImportResult) -> None:
        self.check_button.setEnabled(True)
        listed = result.problems or result.skipped
        self.problems.setRowCount(len(listed))
        for row, problem in enumerate(listed):
            for column, text in enumerate((problem.line, problem.field, problem.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))  # quotes the file: never rich text
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.problems.setItem(row, column, item)
        self.problems.resizeRowsToContents()
        self.problems.setVisible(bool(listed))
        if listed and self.height() < 420:
            self.resize(max(self.width(), 720), 420)
        if result.problems:
            text = self.tr("%n problem(s) in the file; nothing was imported. Fix them and "
                           "check again (lines are the rows Excel shows).", "",
                           len(result.problems))
        elif result.applied:
            text = self.tr("Imported: {0}.").format(self.outcome(result))
        else:
            text = self.tr("The file is fine. Import will make: {0}. Nothing has been "
                           "written yet.").format(self.outcome(result))
        if result.skipped and not result.problems:
            text += "\n" + self.tr("%n event(s) of the file cannot be planned and are left "
                                   "out (listed below, by line).", "", len(result.skipped))
        for warning in result.warnings:
            text += "\n" + self.tr("Note: {0}").format(warning)
        self._say(text, error=bool(result.problems))

    def outcome(self, result: ImportResult) -> str:
        """"2 new, 1 changed (title, time), 5 unchanged": what an import does to the plan."""
        changed = self.tr("%n changed", "", result.updated)
        if result.changed_fields:
            names = ", ".join(self.field_name(name) for name in result.changed_fields)
            changed += f" ({names})"
        parts = [self.tr("%n new", "", result.created), changed,
                 self.tr("%n unchanged", "", result.unchanged)]
        if result.observances_added:
            parts.append(self.tr("%n observance(s) added", "", result.observances_added))
        return ", ".join(parts)

    def field_name(self, column: str) -> str:
        """A post's field as the officer knows it (core names it by its spreadsheet column)."""
        names = {"title": self.tr("title"), "status": self.tr("status"),
                 "date": self.tr("date"), "time": self.tr("time"),
                 "end_time": self.tr("end time"), "all_day": self.tr("all day"),
                 "tz": self.tr("time zone"), "campaign": self.tr("campaign"),
                 "channels": self.tr("channels"), "observance_id": self.tr("observance"),
                 "owner": self.tr("owner"), "body": self.tr("text"), "notes": self.tr("notes"),
                 "rrule": self.tr("repeat"), "exdates": self.tr("skipped occurrences")}
        return names.get(column, column)

    def problem_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.problems.item(r, c).text() for c in range(3))
                for r in range(self.problems.rowCount())]

    def _say(self, text: str, *, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c62828;" if error else "")
