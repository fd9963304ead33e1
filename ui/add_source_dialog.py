"""File → Add source…: paste a feed or page URL, a handle or ``@user@instance``.

The dialog does what ``attache sources add`` does, with a look first: the kind is
recognised as the officer types, "Preview" fetches the first items in a background network
job, a web page that advertises several feeds offers them to choose from, and Save adds the
source through the same core function as the CLI (in a write job). It never fetches or
writes itself: ``desktop/`` hands it an ``AddSourceServices`` of plain callables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import KnownError
from core.platforms import readable
from ui.models.items_table import local_time_text
from ui.source_edit_dialog import category_box, interval_box
from ui.widgets.headers import elide_titles

# Translated with self.tr at run time; QT_TRANSLATE_NOOP lets lupdate see them.
# The platforms' labels are in their records (core/platforms.py), marked for this context.
KIND_LABELS = {"rss": QT_TRANSLATE_NOOP("AddSourceDialog", "Feed (RSS, Atom, JSON)"),
               **{p.key: p.account_label or p.name for p in readable()}}
DETECT_DELAY_MS = 150


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


@dataclass
class AddSourceServices:
    """What the dialog may ask of core (wired by desktop)."""

    detect_kind: Callable[[str], str]
    # (text, kind) -> core.feeds.sources.SourcePreview; called inside a network job.
    preview: Callable[[str, str], Any]
    # {text, kind, name, category, interval_minutes, own} -> the stored Source; in a write job.
    add: Callable[[dict], Any]
    # ctx.runner.run: (job, on_done=, on_error=, kind=, name=) -> task
    run: Callable[..., Any]
    categories: Sequence[str] = ()
    default_interval: int = 60
    # The stored Source, on the GUI thread, whether or not the dialog is still open: the
    # officer may close it while the add waits on the writer, and the source is stored anyway.
    on_added: Callable[[Any], None] | None = None


def plain_error(exc: BaseException) -> str:
    """What went wrong, in words an officer can act on (core's KnownErrors already are)."""
    if not isinstance(exc, KnownError):
        return (translate("AddSourceDialog",
                          "Something went wrong that Attaché did not expect ({0}: {1}). "
                          "The details are in the log.").format(type(exc).__name__, exc))
    text = str(exc)
    hints = (
        ("HTTP 404", translate("AddSourceDialog", "The server has no page at this address "
                                                  "(HTTP 404): check it for typos.")),
        ("HTTP 403", translate("AddSourceDialog",
                               "The server refuses to let Attaché read it (HTTP 403).")),
        ("HTTP 410", translate("AddSourceDialog",
                               "The server says this is gone for good (HTTP 410).")),
        ("TLS certificate", translate("AddSourceDialog",
                                      "The site's security certificate could not be "
                                      "checked; a proxy may need its CA bundle "
                                      "(Tools → Settings, or attache config set "
                                      "ca_bundle).")),
        ("cannot find the server", translate("AddSourceDialog",
                                             "Attaché cannot reach the server: you may be "
                                             "offline, or the host name is wrong.")),
        ("refused the connection", translate("AddSourceDialog",
                                             "The server refused the connection: it may be "
                                             "down, or the port is wrong.")),
        ("timed out", translate("AddSourceDialog",
                                "The server did not answer in time; try again later.")),
    )
    for needle, hint in hints:
        if needle in text:
            return f"{hint}\n\n{text}"
    return text


class AddSourceDialog(QDialog):
    added = Signal(object)  # the stored Source

    def __init__(self, services: AddSourceServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add-source-dialog")
        self.setWindowTitle(self.tr("Add source"))
        self.setMinimumSize(640, 520)
        self.services = services
        self.preview_result: Any = None
        self._previewed_text: str | None = None
        self._busy = False

        self.address = QLineEdit()
        self.address.setObjectName("address")
        self.address.setPlaceholderText(self.tr(
            "https://… feed or web page, @user@instance, name.bsky.social, t.me/channel"))
        self.address.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem("", None)  # "Recognise automatically — …", set by update_kind
        for key, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), key)
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("preview")
        self.preview_button.setToolTip(self.tr("Fetch the first items without adding the "
                                               "source"))
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.preview_button)

        self.feeds_label = QLabel(self.tr("Feeds on the page:"))
        self.feeds = QComboBox()
        self.feeds.setObjectName("feeds")
        self.feeds.setToolTip(self.tr("The page links to several feeds: pick the one to add"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # errors quote feeds and servers
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # feed titles are not markup
        self.message.setOpenExternalLinks(False)
        self.items = QTreeWidget()
        self.items.setObjectName("preview-items")
        self.items.setRootIsDecorated(False)
        self.items.setHeaderLabels([self.tr("Published"), self.tr("Title")])
        header = elide_titles(self.items)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.items.setMinimumHeight(180)

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setPlaceholderText(self.tr("the source's own title"))
        self.category = category_box(services.categories)
        self.interval = interval_box(services.default_interval)
        self.own = QCheckBox(self.tr("One of the embassy's own accounts (collect replies to "
                                     "its posts)"))

        address_label = QLabel(self.tr("&Address:"))
        address_label.setBuddy(self.address)  # a row of two widgets gets no buddy by itself
        form = QFormLayout()
        form.addRow(address_label, row)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.feeds_label, self.feeds)
        form.addRow(self.message)
        form.addRow(self.items)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("Check &every:"), self.interval)
        form.addRow(self.own)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(self.tr("Add source"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        # Enter in the address previews; adding the source takes a deliberate click.
        self.save_button.setAutoDefault(False)
        self.preview_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

        self._detect = QTimer(self)
        self._detect.setSingleShot(True)
        self._detect.setInterval(DETECT_DELAY_MS)
        self._detect.timeout.connect(self.update_kind)
        self.address.textChanged.connect(self._on_text_changed)
        self.kind.currentIndexChanged.connect(lambda _: self._forget_preview())
        self.preview_button.clicked.connect(self.preview)
        self.feeds.activated.connect(self._on_feed_chosen)
        self._show_feeds([])
        self.update_kind()
        self._update_buttons()

    # ------------------------------------------------------------------ kind

    def chosen_kind(self) -> str:
        """The kind picked, or the one recognised from the address."""
        return self.kind.currentData() or self.services.detect_kind(self.address.text())

    def _on_text_changed(self, _text: str) -> None:
        self._forget_preview()
        self._detect.start()
        self._update_buttons()

    def update_kind(self) -> None:
        text = self.address.text().strip()
        detected = self.services.detect_kind(text) if text else None
        label = (self.tr("Recognise automatically — {0}").format(self.tr(KIND_LABELS[detected]))
                 if detected else self.tr("Recognise automatically"))
        self.kind.setItemText(0, label)

    # ------------------------------------------------------------------ preview

    def _forget_preview(self) -> None:
        if self._busy:
            return
        self.preview_result = None
        self._previewed_text = None
        self.items.clear()
        self._show_feeds([])
        self._say("")

    def preview(self, url: str | None = None) -> None:
        """Fetch the first items of what is typed (or of ``url``, a feed the page offers)."""
        text = (url or self.address.text()).strip()
        if not text or self._busy:
            return
        kind = "rss" if url else self.chosen_kind()
        keep_feeds = self.preview_result.feeds if (url and self.preview_result) else []
        self._set_busy(True, self.tr("Looking up {0}…").format(text))
        self.services.run(lambda _progress: self.services.preview(text, kind),
                          on_done=lambda result: self._previewed(text, result, keep_feeds),
                          on_error=self._failed, kind="network", name="Preview source")

    def _previewed(self, text: str, result: Any, keep_feeds: list) -> None:
        if not shiboken6.isValid(self):  # closed (and deleted) while the preview ran
            return
        self._set_busy(False)
        if keep_feeds and not result.feeds:
            result.feeds = keep_feeds
        self.preview_result = result
        self._previewed_text = text
        self.items.clear()
        for entry in result.entries:
            QTreeWidgetItem(self.items, [local_time_text(entry.published),
                                         entry.title or self.tr("(untitled)")])
        self._show_feeds(result.feeds, result.url)
        if not self.title.text().strip() and result.title:
            self.title.setPlaceholderText(result.title)
        name = result.title or result.url
        if result.entries:
            text = self.tr("{0}: {1} — the latest %n item(s):", "", len(result.entries)).format(
                self.tr(KIND_LABELS.get(result.kind, result.kind)), name)
        else:
            text = self.tr("{0}: {1} — no items to show yet.").format(
                self.tr(KIND_LABELS.get(result.kind, result.kind)), name)
        if result.note:
            text += "\n" + result.note
        self._say(text)

    def _show_feeds(self, feeds: Sequence[Any], current: str | None = None) -> None:
        self.feeds.clear()
        for feed in feeds:
            self.feeds.addItem(f"{feed.title or feed.url} — {feed.url}" if feed.title
                               else feed.url, feed.url)
        visible = len(feeds) > 1
        self.feeds_label.setVisible(visible)
        self.feeds.setVisible(visible)
        if current:
            position = self.feeds.findData(current)
            if position >= 0:
                self.feeds.setCurrentIndex(position)

    def _on_feed_chosen(self, position: int) -> None:
        url = self.feeds.itemData(position)
        if url and (self.preview_result is None or url != self.preview_result.url):
            self.preview(url)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.preview_result = None
        self.items.clear()
        self._say(plain_error(exc), error=True)

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        text = self.address.text().strip()
        if not text or self._busy:
            return
        kind = self.chosen_kind()
        previewed = self.preview_result is not None and self._previewed_text is not None
        if previewed and kind == "rss":
            text = self.preview_result.url  # the feed chosen, not the page it was found on
        request = {"text": text, "kind": kind, "name": self.title.text().strip() or None,
                   "category": self.category.currentText().strip() or None,
                   "interval_minutes": self.interval.value(), "own": self.own.isChecked()}
        self._set_busy(True, self.tr("Adding {0}…").format(text))
        on_added = self.services.on_added

        def stored(source: Any) -> None:
            if on_added is not None:
                on_added(source)
            self._saved(source)

        self.services.run(lambda _progress: self.services.add(request), on_done=stored,
                          on_error=self._failed, kind="write", name="Add source")

    def _saved(self, source: Any) -> None:
        if not shiboken6.isValid(self):  # closed while the add waited: it is stored anyway
            return
        self._set_busy(False)
        self.added.emit(source)
        self.accept()

    # ------------------------------------------------------------------ state

    def _say(self, text: str, error: bool = False) -> None:
        """A status line above the preview; with nothing to say, what to do next."""
        self.message.setText(text or self.tr(
            "Paste an address, then Preview to see its latest items before adding it. "
            "A web page is searched for its feeds."))
        self.message.setProperty("error", error)
        self.message.setProperty("hint", not text)
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText if not text
                                       else QPalette.ColorRole.WindowText)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        if busy:
            self._say(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_text = bool(self.address.text().strip())
        self.preview_button.setEnabled(has_text and not self._busy)
        self.save_button.setEnabled(has_text and not self._busy)
        self.address.setReadOnly(self._busy)
