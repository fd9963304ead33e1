"""Settings (Ctrl+,): every setting an officer may change, in tabs, checked as they save.

The dialog never reads files, the keyring or the database itself: ``desktop/`` hands it a
``SettingsData`` of callables over ``core.settings``, ``core.secrets`` and the connection test.
Each tab is a widget of its own (``ui/settings_tabs``) listing its settings as fields; the
dialog sets them from the stored values, locks the keys IT locked in site.toml (shown
read-only, with IT's message), checks every changed value with core's own ``check_setting``
before anything is written — a bad value is shown next to its field and nothing is saved —
and saves only what changed. Secrets are write-only: the dialog shows whether one is stored,
never what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.settings_tabs.calendar import CalendarTab
from ui.settings_tabs.database import DatabaseTab
from ui.settings_tabs.form import Field, SettingsTab, sentence
from ui.settings_tabs.general import GeneralTab
from ui.settings_tabs.network import NetworkTab
from ui.settings_tabs.publishing import PublishingTab
from ui.settings_tabs.reports import ReportsTab
from ui.settings_tabs.secrets import SecretsTab
from ui.settings_tabs.sentiment import SentimentTab
from ui.widgets.screen_fit import fitted_size, room_for, scrolling


@dataclass
class SettingsData:
    """What the dialog may ask of core (wired by ``desktop/settings_dialog.py``)."""

    values: Callable[[], dict[str, Any]]  # the current settings, as core.settings.Settings
    locked: Callable[[], dict[str, str]]  # key -> IT's message, for site.toml's locked keys
    check: Callable[[str, Any], str | None]  # the problem with a value, or None
    save: Callable[[dict[str, Any]], str | None]  # write the changed keys; a problem or None
    time_zones: Callable[[], Sequence[str]]  # IANA names
    local_zone: Callable[[], str]  # this computer's zone
    database_in_use: Callable[[], str]  # what this session opened (no password)
    default_database: Callable[[], str]  # the URL "the default database" means
    # (url, on_result(ok, message)): may answer later, from a background job.
    test_connection: Callable[[str, Callable[[bool, str], None]], None]
    data_folder: Callable[[], str]
    open_folder: Callable[[str], None]
    secret_names: Callable[[], Sequence[tuple[str, str]]]  # (name, what it is for)
    secret_stored: Callable[[str], bool]
    store_secret: Callable[[str, str], str | None]  # a problem or None
    delete_secret: Callable[[str], None]
    # Whether an OS keyring can store secrets: the tab says so before anything is typed.
    keyring_available: Callable[[], bool] | None = None


class SettingsDialog(QDialog):
    saved = Signal(dict)  # the keys that changed, with their new values

    def __init__(self, data: SettingsData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.data = data
        self._values = data.values()
        self._locked = data.locked()

        self.general = GeneralTab(data.time_zones(), data.local_zone())
        self.network = NetworkTab()
        self.database = DatabaseTab(data)
        self.calendar = CalendarTab()
        self.sentiment = SentimentTab()
        self.publishing = PublishingTab()
        self.reports = ReportsTab()
        self.secrets = SecretsTab(data)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings-tabs")
        self.tabs.setDocumentMode(True)
        self.fields: dict[str, Field] = {}
        for tab in self.pages():
            # A tab's fields scroll when the screen is short; Save stays visible below.
            index = self.tabs.addTab(scrolling(tab), tab.title)
            for key, spec in tab.fields.items():
                spec.tab = index
                self.fields[key] = spec

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

        for key, spec in self.fields.items():
            spec.set(self._values.get(key))
            if key in self._locked:
                spec.lock(self._locked[key])
        self.setMinimumWidth(min(640, room_for(parent).width()))
        # The first field has the focus (the time zone when IT has not locked it).
        first = next((f.widget for f in self.fields.values() if f.widget.isEnabled()), None)
        if first is not None:
            first.setFocus()
        # As wide as the widest tab wants (the tabs scroll, so their own hint is small).
        widest = max(tab.sizeHint().width() for tab in self.pages())
        self.resize(fitted_size(QSize(max(widest, self.sizeHint().width()) + 60, 560), parent))

    def pages(self) -> tuple[SettingsTab, ...]:
        return (self.general, self.network, self.database, self.calendar, self.sentiment,
                self.publishing, self.reports, self.secrets)

    def changes(self) -> dict[str, Any]:
        """The settings whose value on screen differs from the one loaded (locked keys never)."""
        out = {}
        for key, spec in self.fields.items():
            if key in self._locked:
                continue
            value = spec.get()
            if not _same(value, self._values.get(key)):
                out[key] = value
        return out

    def validate(self) -> dict[str, str]:
        """Problems by key, shown under their fields; an empty dict means all is well."""
        changes = self.changes()
        problems: dict[str, str] = {}
        for tab in self.pages():
            problems.update(tab.problems(changes))
        for key, value in changes.items():
            problem = None if key in problems else self.data.check(key, value)
            if problem:
                problems[key] = problem
        for key, spec in self.fields.items():
            if key not in self._locked:
                spec.error.show_error(problems.get(key, ""))
        return problems

    def save(self) -> None:
        problems = self.validate()
        if problems:
            first = next(iter(problems))
            self.tabs.setCurrentIndex(self.fields[first].tab)
            self.fields[first].widget.setFocus()
            return
        changes = self.changes()
        if changes:
            problem = self.data.save(changes)
            if problem:
                QMessageBox.warning(self, self.tr("Settings not saved"), sentence(problem))
                return
            self.saved.emit(changes)
        self.accept()


def _same(shown: Any, stored: Any) -> bool:
    """Spin boxes round to their decimals: 0.35 shown is the 0.35 stored."""
    if isinstance(shown, float) and isinstance(stored, int | float):
        return round(shown, 6) == round(float(stored), 6)
    return shown == stored
