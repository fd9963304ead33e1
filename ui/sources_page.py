"""The Sources page: every source in one sortable table, and the source context menu.

The menu (Refresh, Edit…, Disable/Enable, Re-enable, Remove…) is shared with the Monitor's
source tree through ``SourceCommands``, so both places behave the same. Neither knows the
database: ``desktop/`` hands over a ``SourceActions`` of plain callables, each of which
announces its change on the app's bus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.errors import KnownError
from ui.models.sources_table import (
    CATEGORY,
    ERROR,
    ITEMS,
    KIND,
    LAST_FETCHED,
    NEXT_CHECK,
    STATUS,
    TITLE,
    UNREAD,
    SortRole,
    SourcesTableModel,
)
from ui.models.sources_tree import health
from ui.source_edit_dialog import SourceEditDialog
from ui.widgets.headers import elide_titles
from ui.widgets.runner import Runner
from ui.widgets.search_box import (
    NO_MATCH_LINK,
    NoMatchNotice,
    clear_on_escape,
    focus_search,
    quoted,
)


@dataclass
class SourceActions:
    """What the source menu may do (wired by desktop; each write emits sources_changed)."""

    refresh: Callable[[int], None]
    update: Callable[[int, dict], None]  # (id, {title, category, interval_minutes})
    set_enabled: Callable[[int, bool], None]
    # Starts removing the source and its items (a background write); desktop reports the
    # outcome and announces it on the bus.
    remove: Callable[[int], object]
    categories: Callable[[], Sequence[str]]
    add_source: Callable[[], None] = lambda: None  # opens the add-source dialog


class SourceCommands(QObject):
    """The source context menu and the dialogs behind it, for one parent widget.

    ``confirm`` and ``edit_dialog`` are attributes so tests can answer them without a modal
    event loop.
    """

    def __init__(self, actions: SourceActions, parent: QWidget) -> None:
        super().__init__(parent)
        self.actions = actions
        self.widget = parent
        self.confirm: Callable[[str, str], bool] = self._ask
        self.edit_dialog: Callable[[dict, Sequence[str]], QDialog] = (
            lambda row, categories: SourceEditDialog(row, categories, self.widget))

    def menu(self, row: dict, parent: QWidget | None = None) -> QMenu:
        menu = QMenu(parent or self.widget)
        state = health(row)
        refresh = menu.addAction(self.tr("&Refresh now"), lambda: self.refresh(row))
        refresh.setEnabled(state not in ("off", "gone"))
        menu.addAction(self.tr("&Edit…"), lambda: self.edit(row))
        if state == "gone":
            menu.addAction(self.tr("Re-&enable (it is back)"), lambda: self.set_enabled(row, True))
        elif state == "off":
            menu.addAction(self.tr("&Enable"), lambda: self.set_enabled(row, True))
        else:
            menu.addAction(self.tr("&Disable"), lambda: self.set_enabled(row, False))
        menu.addSeparator()
        menu.addAction(self.tr("Re&move…"), lambda: self.remove(row))
        return menu

    def show_menu(self, row: dict, global_pos: QPoint) -> None:
        self.menu(row).exec(global_pos)

    # ------------------------------------------------------------------ commands

    def refresh(self, row: dict) -> None:
        self._attempt(lambda: self.actions.refresh(row["id"]))

    def edit(self, row: dict) -> bool:
        dialog = self.edit_dialog(row, list(self.actions.categories()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._attempt(lambda: self.actions.update(row["id"], dialog.values()))

    def set_enabled(self, row: dict, enabled: bool) -> bool:
        return self._attempt(lambda: self.actions.set_enabled(row["id"], enabled))

    def remove(self, row: dict) -> bool:
        name = row.get("title") or row.get("url")
        count = int(row.get("item_count") or 0)
        question = (self.tr("Remove “{0}” and its %Ln item(s)?", "", count).format(name)
                    if count else self.tr("Remove “{0}”?").format(name))
        detail = self.tr("The items are deleted from this database; adding the source again "
                         "fetches only what the feed still offers. To stop fetching but keep "
                         "the items, choose Disable instead.")
        if not self.confirm(question, detail):
            return False
        return self._attempt(lambda: self.actions.remove(row["id"]))

    def _ask(self, question: str, detail: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Remove source"), question,
                          QMessageBox.StandardButton.Cancel, self.widget)
        box.setInformativeText(detail)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is remove

    def _attempt(self, action: Callable[[], object]) -> bool:
        """Run a write; a KnownError (source already removed, bad interval) in plain words."""
        try:
            action()
        except KnownError as exc:
            QMessageBox.warning(self.widget, self.tr("Source not changed"), str(exc))
            return False
        return True


class SourcesPage(QWidget):
    """Every source: health, category, when fetched and next checked, items, unread, error."""

    def __init__(self, sources: Callable[[], Sequence[dict]], actions: SourceActions,
                 parent: QWidget | None = None, *, runner: Runner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sources-page")
        self.load_sources = sources
        self.actions = actions
        # With a runner, ``sources`` (unread counts over every item) is read off the GUI
        # thread; without one (tests, screenshots of a small db) it is called directly.
        self.runner = runner
        self._generation = 0
        self.commands = SourceCommands(actions, self)
        self.model = SourcesTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.add_button = QPushButton(self.tr("&Add source…"))
        self.add_button.setObjectName("add-source")
        self.add_button.clicked.connect(lambda: self.actions.add_source())
        self.filter = QLineEdit()
        self.filter.setObjectName("sources-filter")
        self.filter.setPlaceholderText(self.tr("Filter by title, category, status or error"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addWidget(self.filter, 1)
        top.addWidget(self.summary)

        self.table = QTableView()
        self.table.setObjectName("sources-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CATEGORY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.table.doubleClicked.connect(lambda index: self._with_row(index, self.commands.edit))
        header = elide_titles(self.table)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Fits 1280×800 without a horizontal scroll bar; the error column takes the rest.
        # A translated header may be longer than English: never narrower than its title.
        metrics = header.fontMetrics()
        for column, width in ((TITLE, 225), (KIND, 75), (CATEGORY, 150), (STATUS, 110),
                              (LAST_FETCHED, 125), (NEXT_CHECK, 125), (ITEMS, 55),
                              (UNREAD, 60), (ERROR, 150)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 24))
        clear_on_escape(self.filter)
        self.no_match = NoMatchNotice(self.table, self.filter, lambda text: self.tr(
            "No sources match “{0}” — <a href='{1}'>clear the filter</a>").format(
            quoted(text), NO_MATCH_LINK))
        QShortcut(QKeySequence.StandardKey.Delete, self.table,
                  activated=lambda: self._with_row(self.table.currentIndex(),
                                                   self.commands.remove))

        self.empty = QLabel(self.tr(
            "No sources yet.\n\nAdd a feed, a web page, or a social account with "
            "“Add source…”,\nor bring a list from another reader with File → Import OPML…"))
        self.empty.setObjectName("sources-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.stack.setCurrentWidget(self.table)  # not "No sources yet" before the first load
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    # ------------------------------------------------------------------ loading

    def activated(self) -> None:
        """The window shows this page: load (again) what is in the database."""
        self.reload()

    def reload(self) -> None:
        """Read the sources again (in the background with a runner; the newest request wins)."""
        if self.runner is None:
            self.show_sources(list(self.load_sources()))
            return
        self._generation += 1
        mine = self._generation
        load = self.load_sources

        def done(rows: list[dict]) -> None:
            if mine == self._generation:
                self.show_sources(rows)

        self.runner.run(lambda _progress: list(load()), on_done=done, kind="read",
                        name=self.tr("Loading sources"))

    def show_sources(self, rows: Sequence[dict]) -> None:
        """Show these rows (as ``sources()`` returns them), keeping the selected source."""
        current = self.current_row()
        rows = list(rows)
        self.model.set_sources(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        failing = sum(1 for r in rows if health(r) in ("error", "gone"))
        text = self.tr("%Ln source(s)", "", len(rows))
        if failing:
            text += self.tr(", {0} need attention").format(failing)
        self.summary.setText(text)
        if current is not None:
            self.select_source(current["id"])

    def focus_search(self) -> None:
        """Ctrl+F (the window's Find action)."""
        focus_search(self.filter)

    def select_source(self, source_id: int) -> bool:
        row = self.model.row_of(source_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, TITLE))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        return True

    def current_row(self) -> dict | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_dict(self.proxy.mapToSource(index).row())

    # ------------------------------------------------------------------ interaction

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def _with_row(self, index: QModelIndex, command: Callable[[dict], object]) -> None:
        if index.isValid():
            row = self.model.row_dict(self.proxy.mapToSource(index).row())
            if row is not None:
                command(row)

    def _on_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        row = self.model.row_dict(self.proxy.mapToSource(index).row())
        if row is not None:
            self.commands.show_menu(row, self.table.viewport().mapToGlobal(position))
