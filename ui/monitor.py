"""The Monitor view: the source tree on the left, the item table with search and filters,
and the reader pane.

It never touches the database: ``desktop/`` gives it a ``MonitorData`` of plain callables
over core. Keys as in mature readers: J/K next/previous, M toggles read, S toggles the star;
D puts the item in the media summary (or takes it out), Shift+D writes its summary note.
Selecting a folder in the tree shows the items of every source inside it; the toolbar
narrows further by unread, starred, a watch term and a date range.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QDateTime,
    QModelIndex,
    QPoint,
    Qt,
    QTime,
    QUrl,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.models.items_table import PUBLISHED, SOURCE, STAR, TITLE, ItemsTableModel, RawRole
from ui.models.sources_tree import UNREAD, NodeKeyRole, SourcesTreeModel
from ui.models.sources_tree import RawRole as SourceRowRole
from ui.reader import ReaderView
from ui.sources_page import SourceActions, SourceCommands
from ui.widgets.keep_selection import remember, restore
from ui.widgets.search_box import (
    NO_MATCH_LINK,
    NoMatchNotice,
    clear_on_escape,
    focus_search,
    quoted,
)
from ui.widgets.search_delay import search_after_pause

ALL_ITEMS = ("all", None)
# The date filter's choices: key -> days back (None: no bound; "custom": the two date edits).
# Translated with self.tr where the combo is filled; QT_TRANSLATE_NOOP lets lupdate see them.
DATE_RANGES = (("any", QT_TRANSLATE_NOOP("MonitorView", "Any time")),
               ("today", QT_TRANSLATE_NOOP("MonitorView", "Today")),
               ("7", QT_TRANSLATE_NOOP("MonitorView", "Last 7 days")),
               ("30", QT_TRANSLATE_NOOP("MonitorView", "Last 30 days")),
               ("custom", QT_TRANSLATE_NOOP("MonitorView", "Custom range…")))


@dataclass
class MonitorData:
    """What the Monitor may ask of core (wired by desktop)."""

    sources: Callable[[], Sequence[dict]]
    # (source_id, category, search, unread, starred, term_id, since, until, order, descending)
    item_ids: Callable[..., list[int]]
    item_rows: Callable[[Sequence[int]], dict[int, dict]]
    item_content: Callable[[int], dict]
    mark: Callable[[int, str], None]  # (item id, "read" | "unread" | "star" | "unstar")
    terms: Callable[[], Sequence[dict]] = lambda: []  # watch terms: {id, term, hits}
    # (item id, note): marks the item for the media summary with the officer's note
    summary_note: Callable[[int, str], None] = lambda _item, _note: None


class MonitorView(QWidget):
    open_link = Signal(QUrl)  # the window opens it in the system browser
    status = Signal(str)

    def __init__(self, data: MonitorData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.source_commands: SourceCommands | None = None
        self.tree_model = SourcesTreeModel(self)
        self.sources = QTreeView()
        self.sources.setObjectName("sources")
        self.sources.setModel(self.tree_model)
        self.sources.setUniformRowHeights(True)
        self.sources.setIndentation(14)  # nested folders leave room for the titles
        self.sources.setAllColumnsShowFocus(True)
        self.sources.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.sources.customContextMenuRequested.connect(self._on_source_menu)
        tree_header = self.sources.header()
        tree_header.setStretchLastSection(False)
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree_header.setSectionResizeMode(UNREAD, QHeaderView.ResizeMode.ResizeToContents)
        tree_header.hide()
        self._collapsed: set[object] = set()
        self.sources.collapsed.connect(
            lambda index: self._collapsed.add(index.data(NodeKeyRole)))
        self.sources.expanded.connect(
            lambda index: self._collapsed.discard(index.data(NodeKeyRole)))

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search titles and text (Ctrl+F) — Cyrillic "
                                               "and O‘zbek work too"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.unread_only = QCheckBox(self.tr("Unread"))
        self.unread_only.setToolTip(self.tr("Only items not read yet"))
        self.starred_only = QCheckBox(self.tr("Starred"))
        self.starred_only.setToolTip(self.tr("Only starred items (S stars the current item)"))
        self.term = QComboBox()
        self.term.setObjectName("term-filter")
        self.term.setToolTip(self.tr("Only items that mention a watch term"))
        self.term.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.term.addItem(self.tr("Any watch term"), None)
        self.date_range = QComboBox()
        self.date_range.setObjectName("date-filter")
        for key, label in DATE_RANGES:
            self.date_range.addItem(self.tr(label), key)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7))
        self.date_to = QDateEdit(today)
        for edit, tip in ((self.date_from, self.tr("From (inclusive)")),
                          (self.date_to, self.tr("To (inclusive)"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setToolTip(tip)
            edit.setVisible(False)

        self.model = ItemsTableModel(self._fetch_ids, self.data.item_rows)
        self.table = QTableView()
        self.table.setObjectName("items")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (STAR, SOURCE, PUBLISHED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicator(*self.model.sort_order())
        self.table.setSortingEnabled(True)
        self.reader = ReaderView()
        self.reader.setObjectName("reader")
        self.load_images = QPushButton(self.tr("Load images"))
        self.load_images.setVisible(False)
        self.load_images.clicked.connect(lambda: self.reader.allow_images(True))
        self.reader.images_blocked.connect(
            lambda n: (self.load_images.setVisible(n > 0),
                       self.load_images.setText(self.tr("Load %n image(s)", "", n))))
        self.reader.link_activated.connect(self.open_link)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 1)
        for widget in (self.unread_only, self.starred_only, self.term, self.date_range,
                       self.date_from, self.date_to):
            toolbar.addWidget(widget)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(toolbar)
        column.addWidget(self.table)
        reading = QWidget()
        reader_column = QVBoxLayout(reading)
        reader_column.setContentsMargins(0, 0, 0, 0)
        reader_column.addWidget(self.load_images, alignment=Qt.AlignmentFlag.AlignRight)
        reader_column.addWidget(self.reader)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(middle)
        right.addWidget(reading)
        right.setSizes([380, 320])
        outer = QSplitter()
        outer.addWidget(self.sources)
        outer.addWidget(right)
        outer.setStretchFactor(1, 1)
        outer.setSizes([270, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(outer)

        self._debounce = search_after_pause(self.search, self.reload_items)
        for box in (self.unread_only, self.starred_only):
            box.toggled.connect(lambda _: self.reload_items())
        self.term.currentIndexChanged.connect(lambda _: self.reload_items())
        self.date_range.currentIndexChanged.connect(self._on_date_range)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _: self._on_custom_dates())
        self._current_key: object = None
        self._refreshing = False
        self._shown_id: int | None = None  # the item in the reader
        self._keeping = False  # True while refresh_items puts the selection back
        self.sources.selectionModel().currentChanged.connect(self._on_source_selected)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        for key, action in (("J", self.next_item), ("K", self.previous_item),
                            ("M", self.toggle_read), ("S", self.toggle_star),
                            ("D", self.toggle_summary), ("Shift+D", self.edit_summary_note)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.activated.connect(action)
        clear_on_escape(self.search)
        self.no_match = NoMatchNotice(self.table, self.search, lambda text: self.tr(
            "No items match “{0}” — <a href='{1}'>clear the search</a>").format(
            quoted(text), NO_MATCH_LINK))

    # ------------------------------------------------------------------ sources

    def set_source_actions(self, actions: SourceActions) -> None:
        """Enable the source context menu (Refresh, Edit…, Disable, Remove…)."""
        self.source_commands = SourceCommands(actions, self)

    def refresh_sources(self, rows: Sequence[dict] | None = None) -> None:
        """Reload the tree (counts, health) keeping the selection and folded folders.

        ``rows`` (as ``data.sources()`` returns them) when desktop already read them off the
        GUI thread: counting unread items over a big database is not free.
        """
        key = self.current_key()
        self._refreshing = True
        try:
            self.tree_model.set_sources(list(self.data.sources() if rows is None else rows))
            self._expand(QModelIndex())
            index = self.tree_model.index_for_key(key) if key else QModelIndex()
            if not index.isValid():
                index = self.tree_model.index_for_key(ALL_ITEMS)
            self.sources.setCurrentIndex(index)
        finally:
            self._refreshing = False
        self.refresh_terms()
        new_key = self.current_key()
        # A folder's items depend on the sources filed in it; a source's do not.
        if new_key != self._current_key:
            self._current_key = new_key
            self.reload_items()
        elif new_key[0] == "category":
            self.refresh_items()

    def _expand(self, parent: QModelIndex) -> None:
        for row in range(self.tree_model.rowCount(parent)):
            index = self.tree_model.index(row, 0, parent)
            if self.tree_model.rowCount(index):
                self.sources.setExpanded(index, index.data(NodeKeyRole) not in self._collapsed)
                self._expand(index)

    def refresh_terms(self) -> None:
        """Reload the watch-term choices, keeping the chosen term if it still exists."""
        chosen = self.term.currentData()
        self.term.blockSignals(True)
        self.term.clear()
        self.term.addItem(self.tr("Any watch term"), None)
        for term in self.data.terms():
            # The count is of items, what this list shows; replies mentioning the term are
            # on the Listen page, and the tooltip says so.
            items = term.get("items", term.get("hits", 0))
            self.term.addItem(self.tr("{0} (%n item(s))", "", items).format(term["term"]),
                              term["id"])
            replies = term.get("replies", 0)
            self.term.setItemData(self.term.count() - 1, self.tr(
                "%n item(s) in all sources mention it", "", items) + (
                "; " + self.tr("%n reply(ies) too (see Listen)", "", replies)
                if replies else ""), Qt.ItemDataRole.ToolTipRole)
        position = self.term.findData(chosen) if chosen is not None else 0
        self.term.setCurrentIndex(max(position, 0))
        self.term.blockSignals(False)
        self.term.setVisible(self.term.count() > 1)
        if chosen is not None and position < 0:
            self.reload_items()  # the chosen term was removed: show everything again

    def source_count(self) -> int:
        """How many sources the tree shows (without "All items" and folders)."""
        return self.tree_model.source_count()

    def current_key(self) -> tuple[str, object]:
        index = self.sources.currentIndex()
        key = index.siblingAtColumn(0).data(NodeKeyRole) if index.isValid() else None
        return key or ALL_ITEMS

    def current_source(self) -> int | None:
        kind, value = self.current_key()
        return value if kind == "source" else None  # type: ignore[return-value]

    def current_category(self) -> str | None:
        kind, value = self.current_key()
        return value if kind == "category" else None  # type: ignore[return-value]

    def select_key(self, key: tuple[str, object]) -> bool:
        """Select "All items", a folder or a source in the tree; False if it is not there."""
        index = self.tree_model.index_for_key(key)
        if index.isValid():
            self.sources.setCurrentIndex(index)
        return index.isValid()

    def _on_source_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._refreshing:
            return
        self._current_key = self.current_key()
        self.reload_items()

    def _on_source_menu(self, position: QPoint) -> None:
        index = self.sources.indexAt(position)
        row = index.siblingAtColumn(0).data(SourceRowRole) if index.isValid() else None
        if row is not None and self.source_commands is not None:
            self.source_commands.show_menu(row, self.sources.viewport().mapToGlobal(position))

    # ------------------------------------------------------------------ filters

    def _on_date_range(self, _position: int) -> None:
        custom = self.date_range.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.reload_items()

    def _on_custom_dates(self) -> None:
        if self.date_range.currentData() == "custom":
            self.reload_items()

    def date_bounds(self) -> tuple[datetime | None, datetime | None]:
        """(since, until) of the date filter, as aware datetimes; days are local days."""
        choice = self.date_range.currentData()
        today = QDate.currentDate()
        if choice == "today":
            return _local_midnight(today), None
        if choice in ("7", "30"):
            return datetime.now().astimezone() - timedelta(days=int(choice)), None
        if choice == "custom":
            first, last = sorted((self.date_from.date(), self.date_to.date()),
                                 key=lambda d: d.toJulianDay())
            return _local_midnight(first), _local_midnight(last.addDays(1))
        return None, None

    def filters(self) -> dict:
        """The keyword arguments ``item_ids`` gets for what the tree and toolbar select."""
        since, until = self.date_bounds()
        return {"source_id": self.current_source(), "category": self.current_category(),
                "search": self.search.text().strip() or None,
                "unread": self.unread_only.isChecked(), "starred": self.starred_only.isChecked(),
                "term_id": self.term.currentData(), "since": since, "until": until}

    def _fetch_ids(self, order: str = "date", descending: bool = True) -> list[int]:
        return self.data.item_ids(order=order, descending=descending, **self.filters())

    def reload_items(self) -> None:
        """The filters changed: show the new list from its top, nothing selected."""
        self.model.reload()
        self._shown_id = None
        self.reader.clear_item()
        self.status.emit(self.tr("%Ln item(s)", "", self.model.total()))

    def refresh_items(self) -> None:
        """Items changed underneath (a background refresh): reload, keeping the officer's place.

        The selected item stays selected and in the reader — not re-rendered, not marked
        read again — as long as it is still listed; the rows at the top of the view stay there.
        """
        state = remember(self.table, self.model)
        self._keeping = True
        try:
            self.model.reload()
            still_listed = restore(self.table, self.model, state)
        finally:
            self._keeping = False
        if not still_listed and self._shown_id is not None:
            self._shown_id = None
            self.reader.clear_item()
        self.status.emit(self.tr("%Ln item(s)", "", self.model.total()))

    # ------------------------------------------------------------------ reading
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = self.model.item_id(current.row()) if current.isValid() else None
        if item_id is None:
            if not self._keeping:
                self._shown_id = None
                self.reader.clear_item()
            return
        if item_id == self._shown_id:
            return  # the selection was put back after a reload: it is already shown
        self._shown_id = item_id
        content = self.data.item_content(item_id)
        self.reader.allow_images(False)
        self.reader.show_item(content["title"], content["content_html"], content["url"])
        record = self.model.index(current.row(), TITLE).data(RawRole) or {}
        if not record.get("read"):
            self.data.mark(item_id, "read")
            self.model.set_read(item_id, True)
            self.tree_model.adjust_unread(record.get("source_id"), -1)

    def _move(self, step: int) -> None:
        row = self.table.currentIndex().row()
        target = max(0, row + step) if row >= 0 else 0
        if target >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if target < self.model.rowCount():
            self.table.selectRow(target)

    def next_item(self) -> None:
        self._move(1)

    def previous_item(self) -> None:
        self._move(-1)

    def _current_record(self) -> tuple[int, dict] | None:
        index = self.table.currentIndex()
        item_id = self.model.item_id(index.row()) if index.isValid() else None
        if item_id is None:
            return None
        return item_id, self.model.index(index.row(), TITLE).data(RawRole) or {}

    def toggle_read(self) -> None:
        found = self._current_record()
        if found:
            item_id, record = found
            read = not record.get("read")
            self.data.mark(item_id, "read" if read else "unread")
            self.model.set_read(item_id, read)
            self.tree_model.adjust_unread(record.get("source_id"), -1 if read else 1)

    def toggle_star(self) -> None:
        found = self._current_record()
        if found:
            item_id, record = found
            starred = not record.get("starred")
            self.data.mark(item_id, "star" if starred else "unstar")
            self.model.set_starred(item_id, starred)

    def toggle_summary(self) -> None:
        """D: in or out of the media summary (the note is kept for when it comes back)."""
        found = self._current_record()
        if found:
            item_id, record = found
            chosen = not record.get("summary")
            self.data.mark(item_id, "summary" if chosen else "no-summary")
            self.model.set_summary(item_id, chosen)

    def edit_summary_note(self) -> None:
        """Shift+D: the officer's one or two sentences on the item; puts it in the summary."""
        found = self._current_record()
        if not found:
            return
        item_id, record = found
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Summary note"),
            self.tr("Your note on this story for the media summary (e.g. an English gist):"),
            record.get("summary_note") or "")
        if ok:
            self.data.summary_note(item_id, text)
            self.model.set_summary(item_id, True, text.strip() or None)

    def focus_search(self) -> None:
        focus_search(self.search)


def _local_midnight(day: QDate) -> datetime:
    """The start of a local calendar day, as an aware datetime core can compare."""
    moment = QDateTime(day, QTime(0, 0))
    return datetime.fromtimestamp(moment.toSecsSinceEpoch()).astimezone()
