"""The main window: navigation between the pages, menus, the undo stack and the status bar.

Pages (Monitor, Calendar, Listen, Dashboard, Sources) are built by ``desktop/`` and added with
``add_page``; the window itself knows nothing of the database. The Monitor page shows an
empty state that offers the starter sources while there are none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.monitor import MonitorData, MonitorView
from ui.widgets.screen_fit import fitted_size, room_for

DEFAULT_SIZE = QSize(1280, 800)


def first_run_size(window: QWidget | None = None) -> QSize:
    """The window's size before the user ever resized it: 1280×800, or most of a bigger
    screen, never more than the screen has room for (a 1366×768 laptop)."""
    room = room_for(window)
    roomy = QSize(int(room.width() * 0.85), int(room.height() * 0.85))
    return fitted_size(DEFAULT_SIZE.expandedTo(roomy), window)


class MainWindow(QMainWindow):
    starter_sources_requested = Signal()
    refresh_requested = Signal()
    cancel_requested = Signal()
    page_changed = Signal(str)
    closing = Signal()  # desktop stops background work before the window goes

    def __init__(self, database_label: str, data: MonitorData,
                 state_file: str | None = None) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.setWindowTitle(self.tr("Attaché"))
        self.resize(first_run_size(self))
        self._state_file = state_file
        self.undo_stack = QUndoStack(self)
        self.monitor = MonitorView(data)
        self.sources = self.monitor.sources  # the source tree (a QTreeView; tests, shortcuts)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        # Offered while there are no sources, never required.
        self.starter_button = QPushButton(
            self.tr("Add the starter sources (State Dept, UN News, RFE/RL…)"))
        self.starter_button.setObjectName("starter")
        self.starter_button.clicked.connect(self.starter_sources_requested)
        empty = QWidget()
        column = QVBoxLayout(empty)
        column.addStretch()
        column.addWidget(self.summary)
        column.addWidget(self.starter_button, alignment=Qt.AlignmentFlag.AlignCenter)
        column.addStretch()
        self.monitor_page = QStackedWidget()
        self.monitor_page.addWidget(empty)
        self.monitor_page.addWidget(self.monitor)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        # As wide as its longest title («Мониторинг», «Календарь»): no cut word, no scroll bar.
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setIconSize(QSize(20, 20))
        # Roomy entries, like a native sidebar; the palette keeps it right in dark themes.
        self.navigation.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                                      "QListWidget#navigation::item { padding: 7px 10px; }")
        self.pages = QStackedWidget()
        self.page_keys: list[str] = []
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self.navigation.currentRowChanged.connect(self._on_navigate)
        # The navigation is as wide as its titles (see _fit_navigation); the page has the rest.
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.database_label = database_label
        # Each page's own line ("212 items", "416 replies"); the bar shows the current page's.
        self._page_titles: dict[str, str] = {}
        self._page_status: dict[str, str] = {}
        self.statusBar().showMessage(self.tr("Database: {0}").format(database_label))
        self.monitor.status.connect(lambda text: self.set_page_status("monitor", text))

        # Background work in the status bar: what runs, how far it is, and a way to stop it.
        self.task_label = QLabel()
        self.task_bar = QProgressBar()
        self.task_bar.setMaximumWidth(180)
        self.task_cancel = QToolButton()
        self.task_cancel.setText(self.tr("Cancel"))
        self.task_cancel.clicked.connect(self.cancel_requested)
        for widget in (self.task_label, self.task_bar, self.task_cancel):
            self.statusBar().addPermanentWidget(widget)
            widget.hide()
        # Another program holds the database's write lock: said while a write waits for it.
        self.busy_label = QLabel(objectName="database-busy")
        self.busy_label.setStyleSheet("color: #b26a00;")
        self.statusBar().insertPermanentWidget(0, self.busy_label)
        self.busy_label.hide()

        self._build_menus()
        self.add_page("monitor", self.tr("Monitor"), self.monitor_page)

    # ------------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {
            "file": bar.addMenu(self.tr("&File")),
            "edit": bar.addMenu(self.tr("&Edit")),
            "view": bar.addMenu(self.tr("&View")),
            "tools": bar.addMenu(self.tr("&Tools")),
            "help": bar.addMenu(self.tr("&Help")),
        }
        self.refresh_action = self.add_action(
            "file", self.tr("&Refresh sources"), QKeySequence.StandardKey.Refresh,
            self.refresh_requested.emit)  # F5
        self.menus["file"].addSeparator()
        self.quit_action = self.add_action("file", self.tr("&Quit"),
                                           QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        if self.quit_action.shortcut().isEmpty():  # some platforms define no Quit key
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        # Undo for cheap, reversible edits (reschedule, relabel, mark read): pages push
        # QUndoCommands onto window.undo_stack.
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.menus["edit"].addActions([undo, redo])
        self.menus["edit"].addSeparator()
        # The one Find action (Ctrl+F): it asks the page on screen to focus its search box.
        self.find_action = self.add_action("edit", self.tr("&Find…"),
                                           QKeySequence.StandardKey.Find, self.find)

    def add_action(self, menu: str, text: str, shortcut: QKeySequence | QKeySequence.StandardKey
                   | str | None, slot: object) -> QAction:
        """A menu entry whose shortcut works wherever the focus is in the window."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.menus[menu].addAction(action)
        self.addAction(action)
        return action

    def find(self) -> None:
        """Ctrl+F: the search box of the page on screen (the Monitor's if it has none)."""
        key = self.current_page()
        page = self.monitor if key == "monitor" else self.page(key)
        focus = getattr(page, "focus_search", None)
        if not callable(focus):
            self.show_page("monitor")
            focus = self.monitor.focus_search
        focus()

    # ------------------------------------------------------------------ status bar

    def set_page_status(self, key: str, text: str) -> None:
        """A page's own status line; shown now if that page is on screen, else when it is."""
        self._page_status[key] = text
        if self.page_keys and self.current_page() == key:
            self._show_page_status(key)

    def _show_page_status(self, key: str) -> None:
        text = self._page_status.get(key) or self._page_titles.get(key, "")
        self.statusBar().showMessage(f"{text} — {self.database_label}" if text
                                     else self.database_label)

    # ------------------------------------------------------------------ pages

    def add_page(self, key: str, title: str, widget: QWidget | Callable[[], QWidget]) -> None:
        """Append a page to the navigation; View → title (Ctrl+1…) switches to it.

        ``widget`` may be a factory: the page is then built the first time it is shown (or
        asked for with ``page``), so start-up pays only for the page the user sees first.
        """
        holder = QWidget()
        holder.setProperty("page_key", key)
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(holder)
        self.page_keys.append(key)
        self._factories[key] = widget if callable(widget) and not isinstance(
            widget, QWidget) else (lambda w=widget: w)
        self.navigation.addItem(QListWidgetItem(title))
        self._page_titles[key] = title.replace("&", "")
        self._fit_navigation()
        position = len(self.page_keys)
        self.add_action("view", title, f"Ctrl+{position}" if position < 10 else None,
                        lambda: self.show_page(key))
        if len(self.page_keys) == 1:
            self.navigation.setCurrentRow(0)

    def _fit_navigation(self) -> None:
        font = self.navigation.font()
        font.setPointSizeF(11)  # the style sheet's size
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(self.navigation.item(row).text())
                     for row in range(self.navigation.count()))
        width = widest + 2 * 10 + 2 * self.navigation.frameWidth() + 8  # item padding
        self.navigation.setFixedWidth(width)

    def page(self, key: str) -> QWidget:
        """The page's widget, built now if it has not been shown yet."""
        holder = self.pages.widget(self.page_keys.index(key))
        layout = holder.layout()
        if layout.count() == 0:
            built = self._factories[key]()
            built.setProperty("page_key", key)
            layout.addWidget(built)
        return layout.itemAt(0).widget()

    def build_pages(self) -> None:
        """Build every page not built yet (their menu actions and shortcuts join then)."""
        for key in self.page_keys:
            self.page(key)

    def current_page(self) -> str:
        return self.page_keys[self.pages.currentIndex()]

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(self.page_keys.index(key))

    def _on_navigate(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page(self.page_keys[row])
        self.pages.setCurrentIndex(row)
        # Pages load lazily: a page with an ``activated`` method refreshes when shown.
        activated = getattr(widget, "activated", None)
        if callable(activated):
            activated()
        self._show_page_status(self.page_keys[row])
        self.page_changed.emit(self.page_keys[row])

    # ------------------------------------------------------------------ state

    def _settings(self) -> QSettings | None:
        if not self._state_file:
            return None
        return QSettings(self._state_file, QSettings.Format.IniFormat)

    def restore_state(self) -> None:
        """Window geometry, splitters and the last page, as the user left them."""
        settings = self._settings()
        if settings is None:
            return
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        page = settings.value("window/page")
        if isinstance(page, str) and page in self.page_keys:
            self.show_page(page)

    def save_state(self) -> None:
        settings = self._settings()
        if settings is None:
            return
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/page", self.current_page())
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.save_state()
        self.closing.emit()
        super().closeEvent(event)

    # ------------------------------------------------------------------ status bar

    def show_task(self, text: str, done: int = 0, total: int = 0) -> None:
        """A running job: 'Refreshing 37/212 — 3 errors', with its progress bar."""
        self.task_label.setText(text)
        self.task_bar.setRange(0, max(total, 0))  # 0..0: busy indicator until totals arrive
        self.task_bar.setValue(done)
        for widget in (self.task_label, self.task_bar, self.task_cancel):
            widget.show()
        self.refresh_action.setEnabled(False)

    def hide_task(self, message: str = "") -> None:
        for widget in (self.task_label, self.task_bar, self.task_cancel):
            widget.hide()
        self.refresh_action.setEnabled(True)
        if message:
            self.statusBar().showMessage(message)

    def show_database_busy(self, message: str) -> None:
        """While a write waits for another Attaché (or a scheduled refresh) to finish writing:
        a line in the status bar; ``message`` "" (the write went ahead) takes it away."""
        self.busy_label.setText(self.tr("Another Attaché is busy writing to the database; "
                                        "retrying…"))
        self.busy_label.setVisible(bool(message))

    def show_sources(self, rows: Sequence[dict] | None = None) -> None:
        """Refresh the source list (rows as from core.feeds.sources.list_sources)."""
        self.monitor.refresh_sources(rows)
        count = self.monitor.source_count()
        self.starter_button.setVisible(count == 0)
        if count:
            self.monitor_page.setCurrentWidget(self.monitor)
        else:
            self.summary.setText(self.tr(
                "No sources yet.\n"
                "Add one with File → Add source… (or: attache sources add URL)\n"
                "or start with a curated set of public feeds:"))
            self.monitor_page.setCurrentIndex(0)
