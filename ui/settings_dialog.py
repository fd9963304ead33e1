"""Settings (Ctrl+,): every setting an officer may change, in tabs, checked as they save.

The dialog never reads files, the keyring or the database itself: ``desktop/`` hands it a
``SettingsData`` of callables over ``core.settings``, ``core.secrets`` and the connection test.
Values are checked with core's own ``check_setting`` before anything is written, so a bad value
is shown next to its field and nothing is saved. Keys IT locked in site.toml are shown
read-only, with IT's message. Secrets are write-only: the dialog shows whether one is stored,
never what it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.plain import plain_tooltip
from ui.widgets.screen_fit import fitted_size, room_for, scrolling

COUNTRY_CODES = ("UZ", "KZ", "KG", "TJ", "TM")
PACK_KEYS = ("un", "us", "host", "programme")
ANALYZER_KEYS = ("social-v1", "textblob")
# (code, the language's own name): a name is shown in its own language, never translated.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("ru", "Русский"))
_PASSWORD_IN_URL = re.compile(r"^([A-Za-z0-9+.\-]+://[^:/@]*:)([^@]*)(@)")


def mask_password(url: str) -> str:
    """``scheme://user:***@host/db``: a stored URL is shown without its password."""
    return _PASSWORD_IN_URL.sub(r"\1***\3", url)


def _keep_masked_password(text: str, stored: str | None) -> str:
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


def sentence(text: str) -> str:
    """Core's messages start in lower case (they follow "attache: " on the command line);
    shown on their own in a dialog they start with a capital."""
    return text[:1].upper() + text[1:] if text else text


class _ErrorLabel(QLabel):
    """A field's problem, shown in red under it until the value changes."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(sentence(text))
        self.setVisible(bool(text))


@dataclass
class _Field:
    """One setting on screen: how to read and show it, and where its problems go."""

    key: str
    widget: QWidget  # enabled/disabled as a whole (locked keys)
    get: Callable[[], Any]
    set: Callable[[Any], None]
    error: _ErrorLabel
    tab: int


class SettingsDialog(QDialog):
    saved = Signal(dict)  # the keys that changed, with their new values

    def __init__(self, data: SettingsData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.data = data
        self.fields: dict[str, _Field] = {}
        self._values = data.values()
        self._locked = data.locked()
        self._stored_db_url: str | None = None
        self._pages: list[QWidget] = []

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings-tabs")
        self.tabs.setDocumentMode(True)
        self._build_general()
        self._build_network()
        self._build_database()
        self._build_calendar()
        self._build_sentiment()
        self._build_secrets()

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
                self._lock(spec, self._locked[key])
        self.setMinimumWidth(min(640, room_for(parent).width()))
        # The first field has the focus (the time zone when IT has not locked it).
        first = next((f.widget for f in self.fields.values() if f.widget.isEnabled()), None)
        if first is not None:
            first.setFocus()
        # As wide as the widest tab wants (the tabs scroll, so their own hint is small).
        widest = max(page.sizeHint().width() for page in self._pages)
        self.resize(fitted_size(QSize(max(widest, self.sizeHint().width()) + 60, 560), parent))

    # ------------------------------------------------------------------ building blocks

    def _page(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        """A tab whose fields scroll when the screen is short (Save stays visible below)."""
        page = QWidget()
        column = QVBoxLayout(page)
        self.tabs.addTab(scrolling(page), title)
        self._pages.append(page)
        return page, column

    def _add(self, form: QFormLayout, key: str, label: str, widget: QWidget,
             get: Callable[[], Any], set_: Callable[[Any], None],
             hint: str | None = None) -> _Field:
        """A row: the editor, an optional grey hint and the (hidden) problem under it."""
        error = _ErrorLabel()
        cell = QWidget()
        stack = QVBoxLayout(cell)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(widget)
        if hint:
            stack.addWidget(_hint(hint))
        stack.addWidget(error)
        if label:
            form.addRow(label, cell)
        else:
            form.addRow(cell)
        spec = _Field(key, widget, get, set_, error, self.tabs.count() - 1)
        self.fields[key] = spec
        return spec

    def _lock(self, spec: _Field, message: str) -> None:
        spec.widget.setEnabled(False)
        spec.widget.setToolTip(plain_tooltip(message))
        for child in spec.widget.findChildren(QWidget):
            child.setToolTip(plain_tooltip(message))
        spec.error.setStyleSheet("color: palette(placeholder-text);")
        spec.error.show_error(message)  # core's words: "proxy is set by your IT department…"

    def _spin(self, low: int, high: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setSuffix(suffix)
        box.setMinimumWidth(120)
        box.setMaximumWidth(200)  # a number, not a text: no need to span the dialog
        return box

    def _dspin(self, low: float, high: float, suffix: str, decimals: int = 1,
               step: float = 1.0) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(low, high)
        box.setDecimals(decimals)
        box.setSingleStep(step)
        box.setSuffix(suffix)
        box.setMinimumWidth(120)
        box.setMaximumWidth(200)  # a number, not a text: no need to span the dialog
        return box

    def _check_box(self, form: QFormLayout, key: str, text: str,
                   hint: str | None = None) -> QCheckBox:
        box = QCheckBox(text)
        self._add(form, key, "", box, box.isChecked, lambda v: box.setChecked(bool(v)), hint)
        return box

    # ------------------------------------------------------------------ General

    def _build_general(self) -> None:
        _page, column = self._page(self.tr("General"))
        form = QFormLayout()
        column.addLayout(form)

        self.timezone = time_zone_combo(self, self.data.time_zones(), self.data.local_zone())
        self.timezone.setObjectName("timezone")
        self._add(form, "timezone", self.tr("&Time zone:"), self.timezone,
                  self._get_timezone, self._set_timezone,
                  self.tr("Planned posts are shown and exported in this zone."))

        self.language = QComboBox()
        self.language.setObjectName("interface_language")
        self.language.addItem(self.tr("The system's language"), None)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self._add(form, "interface_language", self.tr("Interface &language:"), self.language,
                  lambda: self.language.currentData(),
                  lambda v: self.language.setCurrentIndex(max(0, self.language.findData(v))),
                  self.tr("Takes effect after you restart Attaché."))

        self.interval = self._spin(5, 7 * 24 * 60, self.tr(" min"))
        self.interval.setObjectName("default_interval_minutes")
        self._add(form, "default_interval_minutes", self.tr("Default &refresh interval:"),
                  self.interval, self.interval.value, lambda v: self.interval.setValue(int(v)),
                  self.tr("For sources added from now on; each source can have its own."))
        self.auto_refresh = self._check_box(
            form, "auto_refresh", self.tr("Refresh sources in the background while Attaché "
                                          "is open"))
        self.notifications = self._check_box(
            form, "notifications", self.tr("Notify me of new replies and watch-term hits"))
        # Publishing and clearance (core/publish).
        self.user_name = QLineEdit()
        self.user_name.setObjectName("user_name")
        self.user_name.setPlaceholderText(self.tr("This computer's login name"))
        self._add(form, "user_name", self.tr("&Your name:"), self.user_name,
                  lambda: self.user_name.text().strip() or None,
                  lambda v: self.user_name.setText(v or ""),
                  self.tr("Who you are in a post's history, and for clearance."))
        self.auto_publish = self._check_box(
            form, "auto_publish", self.tr("Publish approved posts at their time while "
                                          "Attaché is open"))
        self.require_second_approver = self._check_box(
            form, "require_second_approver",
            self.tr("Clearance: a post is approved by someone other than its author"))
        self.require_alt_text = self._check_box(
            form, "require_alt_text", self.tr("Images need alt text (a description for "
                                              "people who cannot see them)"))
        column.addStretch()

    def _get_timezone(self) -> str | None:
        text = self.timezone.currentText().strip()
        return None if not text or text == self.timezone.itemText(0) else text

    def _set_timezone(self, value: str | None) -> None:
        index = self.timezone.findData(value) if value else 0
        if index >= 0:
            self.timezone.setCurrentIndex(index)
        else:
            self.timezone.setCurrentText(value or "")

    # ------------------------------------------------------------------ Network

    def _build_network(self) -> None:
        _page, column = self._page(self.tr("Network"))
        form = QFormLayout()
        column.addLayout(form)
        self.proxy = QLineEdit()
        self.proxy.setObjectName("proxy")
        self.proxy.setPlaceholderText(self.tr("From the system (HTTPS_PROXY), or none"))
        self._add(form, "proxy", self.tr("&Proxy:"), self.proxy,
                  lambda: self.proxy.text().strip() or None,
                  lambda v: self.proxy.setText(v or ""),
                  self.tr("e.g. http://proxy.example:8080"))

        self.ca_bundle = QLineEdit()
        self.ca_bundle.setObjectName("ca_bundle")
        self.ca_bundle.setPlaceholderText(self.tr("The system's certificates"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse_ca_bundle)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.ca_bundle, 1)
        line.addWidget(browse)
        self._add(form, "ca_bundle", self.tr("CA &certificates:"), row,
                  lambda: self.ca_bundle.text().strip() or None,
                  lambda v: self.ca_bundle.setText(v or ""),
                  self.tr("Only where IT inspects TLS with its own certificate authority."))

        self.connect_timeout = self._dspin(1, 300, self.tr(" s"))
        self._add(form, "connect_timeout", self.tr("Connect timeout:"), self.connect_timeout,
                  self.connect_timeout.value, lambda v: self.connect_timeout.setValue(float(v)))
        self.read_timeout = self._dspin(1, 600, self.tr(" s"))
        self._add(form, "read_timeout", self.tr("Read timeout:"), self.read_timeout,
                  self.read_timeout.value, lambda v: self.read_timeout.setValue(float(v)),
                  self.tr("The longest wait between two pieces of a download."))
        self.fetch_deadline = self._dspin(1, 3600, self.tr(" s"))
        self._add(form, "fetch_deadline", self.tr("Longest download:"), self.fetch_deadline,
                  self.fetch_deadline.value, lambda v: self.fetch_deadline.setValue(float(v)))
        self.max_body = self._dspin(1, 1024, self.tr(" MiB"))
        self._add(form, "max_body_mib", self.tr("Largest feed:"), self.max_body,
                  self.max_body.value, lambda v: self.max_body.setValue(float(v)))
        column.addStretch()

    def _browse_ca_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA certificates"), self.ca_bundle.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_bundle.setText(path)

    # ------------------------------------------------------------------ Database

    def _build_database(self) -> None:
        _page, column = self._page(self.tr("Database"))
        now = QLabel(self.tr("In use now: {0}").format(
            describe_database(self.data.database_in_use())))
        now.setObjectName("database-in-use")
        now.setWordWrap(True)
        now.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(now)

        group = QGroupBox(self.tr("Database for the next start"))
        grid = QGridLayout(group)
        self.db_default = QRadioButton(self.tr("The &default database"))
        self.db_sqlite = QRadioButton(self.tr("&Another SQLite file:"))
        self.db_server = QRadioButton(self.tr("A &PostgreSQL server (team mode):"))
        self.db_choice = QButtonGroup(self)
        for button in (self.db_default, self.db_sqlite, self.db_server):
            self.db_choice.addButton(button)
        default_hint = _hint(describe_database(self.data.default_database()))
        default_hint.setWordWrap(True)
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
        grid.addWidget(_hint(self.tr("A change of database takes effect after you restart "
                                     "Attaché. Nothing is copied between databases.")),
                       5, 0, 1, 3)
        grid.addWidget(_hint(self.tr("A server password is kept in the system keyring, not in "
                                     "the settings file.")), 6, 0, 1, 3)
        form = QFormLayout()
        self._add(form, "database_url", "", group, self._get_database, self._set_database)
        column.addLayout(form)

        folder_box = QGroupBox(self.tr("Data folder"))
        folder_row = QHBoxLayout(folder_box)
        self.data_folder = QLineEdit(self.data.data_folder())
        self.data_folder.setObjectName("data-folder")
        self.data_folder.setReadOnly(True)
        open_folder = QPushButton(self.tr("&Open folder"))
        open_folder.setObjectName("open-folder")
        open_folder.clicked.connect(lambda: self.data.open_folder(self.data_folder.text()))
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(open_folder)
        column.addWidget(folder_box)
        column.addStretch()

    def _get_database(self) -> str | None:
        if self.db_sqlite.isChecked():
            path = self.db_path.text().strip()
            return f"sqlite:///{path}" if path else ""
        if self.db_server.isChecked():
            text = self.db_url.text().strip()
            if self._stored_db_url and text == mask_password(self._stored_db_url):
                return self._stored_db_url  # unchanged: the password stays what it was
            return _keep_masked_password(text, self._stored_db_url)
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

    # ------------------------------------------------------------------ Calendar

    def _build_calendar(self) -> None:
        _page, column = self._page(self.tr("Calendar"))
        countries = QGroupBox(self.tr("Host countries"))
        row = QHBoxLayout(countries)
        self.countries = country_boxes()
        for box in self.countries.values():
            row.addWidget(box)
        row.addStretch()
        form = QFormLayout()
        self._add(form, "countries", "", countries,
                  lambda: [c for c, b in self.countries.items() if b.isChecked()],
                  lambda v: [b.setChecked(c in (v or [])) for c, b in self.countries.items()],
                  self.tr("Their public holidays and programme deadlines are shown."))

        packs = QGroupBox(self.tr("Observances shown in the calendar"))
        stack = QVBoxLayout(packs)
        self.packs = pack_boxes()
        for box in self.packs.values():
            stack.addWidget(box)
        self._add(form, "packs", "", packs,
                  lambda: [k for k, b in self.packs.items() if b.isChecked()],
                  lambda v: [b.setChecked(k in (v or [])) for k, b in self.packs.items()])

        gap = QFormLayout()
        self.post_gap = self._spin(0, 24 * 60, self.tr(" min"))
        self._add(gap, "post_gap_minutes", self.tr("Warn when two posts on one channel are "
                                                   "closer than:"),
                  self.post_gap, self.post_gap.value, lambda v: self.post_gap.setValue(int(v)))
        column.addLayout(form)
        column.addLayout(gap)
        column.addStretch()

    # ------------------------------------------------------------------ Sentiment

    def _build_sentiment(self) -> None:
        _page, column = self._page(self.tr("Sentiment"))
        explanation = QLabel(self.tr(
            "Each English reply gets a polarity from −1 (very negative) to +1 (very positive). "
            "At or above the positive threshold it counts as positive, at or below the "
            "negative threshold as negative, in between as neutral. The defaults were measured "
            "on labelled embassy replies. Other languages are counted as unsupported, never "
            "as neutral."))
        explanation.setWordWrap(True)
        column.addWidget(explanation)
        form = QFormLayout()
        column.addLayout(form)
        self.positive = self._dspin(-1, 1, "", decimals=2, step=0.05)
        self.positive.setObjectName("sentiment_positive")
        self._add(form, "sentiment_positive", self.tr("&Positive from:"), self.positive,
                  self.positive.value, lambda v: self.positive.setValue(float(v)))
        self.negative = self._dspin(-1, 1, "", decimals=2, step=0.05)
        self.negative.setObjectName("sentiment_negative")
        self._add(form, "sentiment_negative", self.tr("&Negative up to:"), self.negative,
                  self.negative.value, lambda v: self.negative.setValue(float(v)))
        self.analyzer = QComboBox()
        self.analyzer.addItem(self.tr("Social-media rules (recommended)"), "social-v1")
        self.analyzer.addItem(self.tr("TextBlob (baseline)"), "textblob")
        self._add(form, "sentiment_analyzer", self.tr("&Analyzer:"), self.analyzer,
                  self.analyzer.currentData,
                  lambda v: self.analyzer.setCurrentIndex(max(0, self.analyzer.findData(v))))
        self._check_box(form, "coverage_sentiment",
                        self.tr("Also score items from watched feeds (English only)"))
        column.addWidget(_hint(self.tr(
            "Replies already scored keep their labels until you re-score them "
            "(attache sentiment run --rescore); your own labels are always kept.")))
        column.addStretch()

    # ------------------------------------------------------------------ Secrets

    def _build_secrets(self) -> None:
        _page, column = self._page(self.tr("Secrets"))
        intro = QLabel(self.tr(
            "Tokens and API keys go to this computer's keyring (Windows Credential Manager, "
            "macOS Keychain, GNOME Keyring or KWallet), never to a file. Attaché shows whether "
            "one is stored, never what it is."))
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.no_keyring = QLabel(self.tr(
            "<b>There is no keyring on this computer, so tokens cannot be stored.</b> Windows "
            "and macOS have one built in; on Linux, install and unlock GNOME Keyring or "
            "KWallet (or ask IT), then open Settings again. Attaché never falls back to a "
            "plain-text file."))
        self.no_keyring.setObjectName("no-keyring")
        self.no_keyring.setWordWrap(True)
        self.no_keyring.setStyleSheet("color: #b00020;")
        usable = self.data.keyring_available is None or self.data.keyring_available()
        self.no_keyring.setVisible(not usable)
        column.addWidget(self.no_keyring)
        self.secret_grid = QGridLayout()
        self.secret_grid.setColumnStretch(2, 1)
        column.addLayout(self.secret_grid)
        self.secret_rows: dict[str, tuple[QLabel, QLineEdit, QLabel]] = {}
        for name, purpose in self.data.secret_names():
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
        self.other_error = _ErrorLabel()
        column.addWidget(other)
        column.addWidget(self.other_error)
        column.addStretch()
        if not usable:  # nothing to type into that could not be kept
            other.setEnabled(False)
            for _status, value, _title in self.secret_rows.values():
                value.setEnabled(False)
            for button in _page.findChildren(QPushButton):
                if button.objectName().startswith("secret-store-"):
                    button.setEnabled(False)

    def _add_secret_row(self, name: str, purpose: str) -> None:
        row = self.secret_grid.rowCount()
        title = QLabel(f"<b>{name}</b><br><small>{purpose}</small>")
        title.setTextFormat(Qt.TextFormat.RichText)
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

    # ------------------------------------------------------------------ saving

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
        problems: dict[str, str] = {}
        for key, value in self.changes().items():
            if key == "database_url" and value == "":
                problems[key] = self.tr("Choose the SQLite file, or pick another option.")
                continue
            problem = self.data.check(key, value)
            if problem:
                problems[key] = problem
        if self.positive.value() <= self.negative.value():
            problems.setdefault("sentiment_positive", self.tr(
                "The positive threshold must be above the negative one."))
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


def country_boxes() -> dict[str, QCheckBox]:
    """A check box per host country, "Uzbekistan (UZ)", by code; unchecked.

    Shared by this dialog and the first-run welcome, which lay them out differently.
    """
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
    names = {"UZ": translate("SettingsDialog", "Uzbekistan"),
             "KZ": translate("SettingsDialog", "Kazakhstan"),
             "KG": translate("SettingsDialog", "Kyrgyzstan"),
             "TJ": translate("SettingsDialog", "Tajikistan"),
             "TM": translate("SettingsDialog", "Turkmenistan")}
    boxes: dict[str, QCheckBox] = {}
    for code in COUNTRY_CODES:
        boxes[code] = QCheckBox(f"{names[code]} ({code})")
        boxes[code].setObjectName(f"country-{code}")
    return boxes


def pack_boxes() -> dict[str, QCheckBox]:
    """A check box per observance pack, by key; unchecked. Shared like ``country_boxes``."""
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
    labels = {"un": translate("SettingsDialog", "UN international days"),
              "us": translate("SettingsDialog", "US federal holidays"),
              "host": translate("SettingsDialog", "Public holidays of the host countries"),
              "programme": translate("SettingsDialog",
                                     "Exchange-programme deadlines (Fulbright, FLEX, Humphrey)")}
    boxes: dict[str, QCheckBox] = {}
    for key in PACK_KEYS:
        boxes[key] = QCheckBox(labels[key])
        boxes[key].setObjectName(f"pack-{key}")
    return boxes


def time_zone_combo(parent: QWidget, zones: Sequence[str],
                    local_zone: str | None) -> QComboBox:
    """An editable list of IANA zones that finds "tash" in Asia/Tashkent as you type.

    With ``local_zone``, the first entry means "this computer's zone" (the value None).
    """
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumContentsLength(24)
    if local_zone:
        combo.addItem(QCoreApplication.translate("SettingsDialog", "This computer's zone ({0})")
                      .format(local_zone), None)
    for name in zones:
        combo.addItem(name, name)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.lineEdit().setPlaceholderText(
        QCoreApplication.translate("SettingsDialog", "Type to search, e.g. Tashkent"))
    return combo


def _same(shown: Any, stored: Any) -> bool:
    """Spin boxes round to their decimals: 0.35 shown is the 0.35 stored."""
    if isinstance(shown, float) and isinstance(stored, int | float):
        return round(shown, 6) == round(float(stored), 6)
    return shown == stored


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _secret_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(160)
    return edit
