"""What every page's search box does alike: Esc clears it, and a search that finds nothing
says so in the table instead of leaving it blank.

A blank table after typing reads as "the app is broken" or "the data is gone"; the message
names the search and offers the way back ("No items match “xyz” — clear the search").
Ctrl+F is the window's one Find action (``MainWindow.find``), which asks the current page's
``focus_search``; pages never add a Find shortcut of their own (two would be ambiguous).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit

NO_MATCH_LINK = "#clear-search"


def clear_on_escape(search: QLineEdit) -> QShortcut:
    """Esc in the box empties it (and so shows everything again)."""
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), search)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(search.clear)
    return shortcut


def focus_search(search: QLineEdit) -> None:
    """Ctrl+F: into the box, its text selected so typing replaces it."""
    search.setFocus(Qt.FocusReason.ShortcutFocusReason)
    search.selectAll()


class NoMatchNotice(QObject):
    """A message over an empty table while its search box has text.

    ``message`` turns the search text into the sentence (with a ``<a href="#clear-search">``
    link that clears the box), so each page words it for what it lists.
    """

    def __init__(self, view: QAbstractItemView, search: QLineEdit,
                 message: Callable[[str], str], model: QAbstractItemModel | None = None) -> None:
        super().__init__(view)
        self.view, self.search, self.message = view, search, message
        self.model = model or view.model()
        self.label = QLabel(view.viewport())
        self.label.setObjectName("no-match")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setContentsMargins(12, 24, 12, 12)
        self.label.linkActivated.connect(lambda _link: self.search.clear())
        self.label.hide()
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.layoutChanged):
            signal.connect(self.update)
        view.viewport().installEventFilter(self)

    def update(self, *_args: object) -> None:
        text = self.search.text().strip()
        empty = self.model.rowCount() == 0
        if text and empty:
            self.label.setText(self.message(text))
            self._place()
            self.label.show()
        else:
            self.label.hide()

    def _place(self) -> None:
        viewport = self.view.viewport()
        self.label.setGeometry(0, 0, viewport.width(), max(80, viewport.height() // 2))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and self.label.isVisible():
            self._place()
        return False


def quoted(text: str) -> str:
    """The officer's search, escaped for a rich-text label and cut if very long."""
    import html

    short = text if len(text) <= 60 else text[:59] + "…"
    return html.escape(short)
