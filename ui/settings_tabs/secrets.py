"""Settings → Secrets: tokens and API keys, written to the OS keyring and never shown.

Each known secret has a row (stored or not, a field to paste a new value, Store and Clear);
"Another secret" stores one by name. A value leaves the screen as soon as it is stored or
refused. Without a keyring the tab says so first and nothing can be typed.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from ui.settings_tabs.form import ErrorLabel, SettingsTab, sentence
from ui.widgets.plain import plain_tooltip

if TYPE_CHECKING:
    from ui.settings_dialog import SettingsData


class SecretsTab(SettingsTab):
    def __init__(self, data: SettingsData) -> None:
        super().__init__(self.tr("Secrets"))
        self.data = data
        intro = QLabel(self.tr(
            "Tokens and API keys go to this computer's keyring (Windows Credential Manager, "
            "macOS Keychain, GNOME Keyring or KWallet), never to a file. Attaché shows whether "
            "one is stored, never what it is."))
        intro.setWordWrap(True)
        self.column.addWidget(intro)
        self.no_keyring = QLabel(self.tr(
            "<b>There is no keyring on this computer, so tokens cannot be stored.</b> Windows "
            "and macOS have one built in; on Linux, install and unlock GNOME Keyring or "
            "KWallet (or ask IT), then open Settings again. Attaché never falls back to a "
            "plain-text file."))
        self.no_keyring.setObjectName("no-keyring")
        self.no_keyring.setWordWrap(True)
        self.no_keyring.setStyleSheet("color: #b00020;")
        usable = data.keyring_available is None or data.keyring_available()
        self.no_keyring.setVisible(not usable)
        self.column.addWidget(self.no_keyring)
        self.secret_grid = QGridLayout()
        self.secret_grid.setColumnStretch(2, 1)
        self.column.addLayout(self.secret_grid)
        self.secret_rows: dict[str, tuple[QLabel, QLineEdit, QLabel]] = {}
        self.clear_buttons: dict[str, QPushButton] = {}
        for name, purpose in data.secret_names():
            self._add_secret_row(name, purpose)

        other = QGroupBox(self.tr("Another secret"))
        other_row = QHBoxLayout(other)
        self.other_name = QLineEdit()
        self.other_name.setObjectName("other-secret-name")
        self.other_name.setPlaceholderText(self.tr("Name, e.g. mastodon:mastodon.social"))
        self.other_value = _secret_edit(self.tr("Token"))
        self.other_value.setObjectName("other-secret-value")
        add = QPushButton(self.tr("Store"))
        add.setObjectName("other-secret-store")
        add.clicked.connect(self._store_other)
        other_row.addWidget(self.other_name, 1)
        other_row.addWidget(self.other_value, 1)
        other_row.addWidget(add)
        self.other_error = ErrorLabel()
        self.column.addWidget(other)
        self.column.addWidget(self.other_error)
        self.column.addStretch()
        if not usable:  # nothing to type into that could not be kept
            other.setEnabled(False)
            for _status, value, _title in self.secret_rows.values():
                value.setEnabled(False)
            for button in self.findChildren(QPushButton):
                if button.objectName().startswith("secret-store-"):
                    button.setEnabled(False)

    def _add_secret_row(self, name: str, purpose: str) -> None:
        row = self.secret_grid.rowCount()
        # A channel's purpose names its source, whose title came from the web: escaped.
        title = QLabel(f"<b>{html.escape(name)}</b><br><small>{html.escape(purpose)}</small>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)  # a long channel name wraps instead of widening the dialog
        status = QLabel()
        status.setObjectName(f"secret-status-{name}")
        status.setMinimumWidth(90)
        value = _secret_edit(self.tr("Paste a new value"))
        value.setObjectName(f"secret-{name}")
        store = QPushButton(self.tr("Store"))
        store.setObjectName(f"secret-store-{name}")
        clear = QPushButton(self.tr("Clear"))
        clear.setObjectName(f"secret-clear-{name}")
        store.clicked.connect(lambda: self.store_secret(name))
        value.returnPressed.connect(lambda: self.store_secret(name))
        clear.clicked.connect(lambda: self.clear_secret(name))
        self.secret_grid.addWidget(title, row, 0)
        self.secret_grid.addWidget(status, row, 1)
        self.secret_grid.addWidget(value, row, 2)
        self.secret_grid.addWidget(store, row, 3)
        self.secret_grid.addWidget(clear, row, 4)
        self.secret_rows[name] = (status, value, title)
        self.clear_buttons[name] = clear
        self._show_secret_status(name)

    def _show_secret_status(self, name: str, problem: str | None = None) -> None:
        status, _value, _title = self.secret_rows[name]
        if problem:
            status.setText(self.tr("not stored"))
            status.setToolTip(plain_tooltip(problem))
            return
        stored = self.data.secret_stored(name)
        status.setText(self.tr("stored ✓") if stored else self.tr("not set"))
        status.setToolTip("")
        self.clear_buttons[name].setEnabled(stored)  # nothing to clear

    def store_secret(self, name: str) -> None:
        _status, value, _title = self.secret_rows[name]
        if not value.text():
            return
        problem = self.data.store_secret(name, value.text())
        value.clear()  # written or refused, the value never stays on screen
        if problem:
            problem = sentence(problem)
            QMessageBox.warning(self, self.tr("Secret not stored"), problem)
        self._show_secret_status(name, problem)

    def clear_secret(self, name: str) -> None:
        self.data.delete_secret(name)
        self._show_secret_status(name)

    def _store_other(self) -> None:
        name = self.other_name.text().strip()
        if not name or not self.other_value.text():
            self.other_error.show_error(self.tr("Type a name and a value."))
            return
        problem = self.data.store_secret(name, self.other_value.text())
        self.other_value.clear()
        self.other_error.show_error(problem or "")
        if not problem:
            self.other_name.clear()
            if name not in self.secret_rows:
                self._add_secret_row(name, self.tr("stored from this dialog"))
            self._show_secret_status(name)


def _secret_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(160)
    return edit
