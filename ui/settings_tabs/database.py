"""Settings → Database: which database the next start opens (the default file, another
SQLite file or a PostgreSQL server), a connection test, and the data folder.

A stored server URL is shown with its password masked (``user:***@``); an edit that keeps the
mask keeps the stored password, so changing the server's name never asks for it again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from ui.settings_tabs.form import SettingsTab, hint_label

if TYPE_CHECKING:
    from ui.settings_dialog import SettingsData

_PASSWORD_IN_URL = re.compile(r"^([A-Za-z0-9+.\-]+://[^:/@]*:)([^@]*)(@)")


def mask_password(url: str) -> str:
    """``scheme://user:***@host/db``: a stored URL is shown without its password."""
    return _PASSWORD_IN_URL.sub(r"\1***\3", url)


def keep_masked_password(text: str, stored: str | None) -> str:
    """An edited URL that still shows ``user:***@`` means "keep the stored password" (the
    officer changed the server or database name, not the password)."""
    typed = _PASSWORD_IN_URL.match(text)
    kept = _PASSWORD_IN_URL.match(stored or "")
    if typed is None or kept is None or typed.group(2) != "***":
        return text
    return text[:typed.start(2)] + kept.group(2) + text[typed.end(2):]


def describe_database(url: str) -> str:
    """An SQLite file as its path, a server as its URL without the password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    return mask_password(url)


class DatabaseTab(SettingsTab):
    def __init__(self, data: SettingsData) -> None:
        super().__init__(self.tr("Database"))
        self.data = data
        self._stored_db_url: str | None = None
        now = QLabel(self.tr("In use now: {0}").format(
            describe_database(data.database_in_use())))
        now.setObjectName("database-in-use")
        now.setWordWrap(True)
        now.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column.addWidget(now)

        group = QGroupBox(self.tr("Database for the next start"))
        grid = QGridLayout(group)
        self.db_default = QRadioButton(self.tr("The &default database"))
        self.db_sqlite = QRadioButton(self.tr("&Another SQLite file:"))
        self.db_server = QRadioButton(self.tr("A &PostgreSQL server (team mode):"))
        self.db_choice = QButtonGroup(self)
        for button in (self.db_default, self.db_sqlite, self.db_server):
            self.db_choice.addButton(button)
        default_hint = hint_label(describe_database(data.default_database()))
        self.db_path = QLineEdit()
        self.db_path.setObjectName("db-path")
        self.db_path.setPlaceholderText(self.tr("A file such as attache.db"))
        browse = QPushButton(self.tr("B&rowse…"))
        browse.clicked.connect(self._browse_db)
        self.db_url = QLineEdit()
        self.db_url.setObjectName("db-url")
        self.db_url.setPlaceholderText("postgresql+psycopg://user@server/attache")
        grid.addWidget(self.db_default, 0, 0, 1, 3)
        grid.addWidget(default_hint, 1, 0, 1, 3)
        grid.addWidget(self.db_sqlite, 2, 0)
        grid.addWidget(self.db_path, 2, 1)
        grid.addWidget(browse, 2, 2)
        grid.addWidget(self.db_server, 3, 0)
        grid.addWidget(self.db_url, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.db_path.textEdited.connect(lambda: self.db_sqlite.setChecked(True))
        self.db_url.textEdited.connect(lambda: self.db_server.setChecked(True))

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("test-connection")
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)  # driver errors are not markup
        self.test_result.setObjectName("test-result")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.test_result, 1)
        grid.addLayout(test_row, 4, 0, 1, 3)
        grid.addWidget(hint_label(self.tr("A change of database takes effect after you restart "
                                          "Attaché. Nothing is copied between databases.")),
                       5, 0, 1, 3)
        grid.addWidget(hint_label(self.tr("A server password is kept in the system keyring, "
                                          "not in the settings file.")), 6, 0, 1, 3)
        form = QFormLayout()
        self.add(form, "database_url", "", group, self._get_database, self._set_database)
        self.column.addLayout(form)

        folder_box = QGroupBox(self.tr("Data folder"))
        folder_row = QHBoxLayout(folder_box)
        self.data_folder = QLineEdit(data.data_folder())
        self.data_folder.setObjectName("data-folder")
        self.data_folder.setReadOnly(True)
        open_folder = QPushButton(self.tr("&Open folder"))
        open_folder.setObjectName("open-folder")
        open_folder.clicked.connect(lambda: data.open_folder(self.data_folder.text()))
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(open_folder)
        self.column.addWidget(folder_box)
        self.column.addStretch()

    def problems(self, changes: dict[str, Any]) -> dict[str, str]:
        if changes.get("database_url") == "":
            return {"database_url": self.tr("Choose the SQLite file, or pick another option.")}
        return {}

    def _get_database(self) -> str | None:
        if self.db_sqlite.isChecked():
            path = self.db_path.text().strip()
            return f"sqlite:///{path}" if path else ""
        if self.db_server.isChecked():
            text = self.db_url.text().strip()
            if self._stored_db_url and text == mask_password(self._stored_db_url):
                return self._stored_db_url  # unchanged: the password stays what it was
            return keep_masked_password(text, self._stored_db_url)
        return None

    def _set_database(self, url: str | None) -> None:
        self._stored_db_url = url
        if not url:
            self.db_default.setChecked(True)
        elif url.startswith("sqlite:///"):
            self.db_sqlite.setChecked(True)
            self.db_path.setText(url.removeprefix("sqlite:///"))
        else:
            self.db_server.setChecked(True)
            self.db_url.setText(mask_password(url))

    def _browse_db(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("SQLite database"), self.db_path.text() or self.data.data_folder(),
            self.tr("SQLite databases (*.db *.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.db_path.setText(path)
            self.db_sqlite.setChecked(True)

    def test_connection(self) -> None:
        url = self._get_database() or self.data.default_database()
        if not url:
            self.test_result.setText(self.tr("Choose a file or type a server URL first."))
            return
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Connecting…"))
        self.data.test_connection(url, self._show_test_result)

    def _show_test_result(self, ok: bool, message: str) -> None:
        if not shiboken6.isValid(self):  # closed (and deleted) while a slow test ran
            return
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.test_result.setText(("✓ " if ok else "✗ ") + message)
