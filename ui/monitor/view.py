"""The Monitor view: the source tree on the left, the filters and the item table, and the
reading pane (``source_tree``, ``filters``, ``reading``: one widget each); this module keeps
what ties them together — which items are listed, which one is read — and the reader's keys.

It never touches the database: ``desktop/`` gives it a ``MonitorData`` of plain callables
over core. Keys as in mature readers: J/K next/previous, M toggles read, S toggles the star;
D puts the item in the media summary (or takes it out), Shift+D writes its summary note.
Selecting a folder in the tree shows the items of every source inside it; the toolbar
narrows further by unread, starred, a watch term and a date range.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.items_table import PUBLISHED, SOURCE, STAR, TITLE, ItemsTableModel, RawRole
from ui.monitor.filters import ItemFilters
from ui.monitor.reading import ReadingPane
from ui.monitor.source_tree import SourceTree
from ui.sources_page import SourceActions, SourceCommands
from ui.widgets.headers import elide_titles
from ui.widgets.keep_selection import remember, restore
from ui.widgets.search_box import (
    NO_MATCH_LINK,
    NoMatchNotice,
    clear_on_escape,
    focus_search,
    quoted,
)
from ui.widgets.search_delay import search_after_pause


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
        self.sources = SourceTree()
        self.filters = ItemFilters()
        self.search = self.filters.search  # every page's search box is its ``search`` (Ctrl+F)
        self.model = ItemsTableModel(self._fetch_ids, self.data.item_rows)
        self.table = _items_table(self.model)
        self.reading = ReadingPane()
        self.reading.open_link.connect(self.open_link)
        self._layout()

        self._current_key: object = None
        self._shown_id: int | None = None  # the item in the reader
        self._keeping = False  # True while refresh_items puts the selection back
        self._debounce = search_after_pause(self.search, self.reload_items)
        self.filters.changed.connect(self.reload_items)
        self.sources.chosen.connect(self._on_source_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self._keys()
        clear_on_escape(self.search)
        self.no_match = NoMatchNotice(self.table, self.search, lambda text: self.tr(
            "No items match “{0}” — <a href='{1}'>clear the search</a>").format(
            quoted(text), NO_MATCH_LINK))

    def _layout(self) -> None:
        """The tree on the left; the filters and the table above the reading pane."""
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filters)
        column.addWidget(self.table)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(middle)
        right.addWidget(self.reading)
        right.setSizes([380, 320])
        outer = QSplitter()
        outer.addWidget(self.sources)
        outer.addWidget(right)
        outer.setStretchFactor(1, 1)
        outer.setSizes([270, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(outer)

    def _keys(self) -> None:
        """The reader's keys, on the table: J/K move, M read, S star, D summary, Shift+D note."""
        for key, action in (("J", self.next_item), ("K", self.previous_item),
                            ("M", self.toggle_read), ("S", self.toggle_star),
                            ("D", self.toggle_summary), ("Shift+D", self.edit_summary_note)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.activated.connect(action)

    # ------------------------------------------------------------------ sources

    def set_source_actions(self, actions: SourceActions) -> None:
        """Enable the source context menu (Refresh, Edit…, Disable, Remove…)."""
        self.sources.commands = SourceCommands(actions, self)

    def refresh_sources(self, rows: Sequence[dict] | None = None) -> None:
        """Reload the tree (counts, health) keeping the selection and folded folders.

        ``rows`` (as ``data.sources()`` returns them) when desktop already read them off the
        GUI thread: counting unread items over a big database is not free.
        """
        self.sources.show_rows(self.data.sources() if rows is None else rows)
        self.refresh_terms()
        new_key = self.current_key()
        # A folder's items depend on the sources filed in it; a source's do not.
        if new_key != self._current_key:
            self._current_key = new_key
            self.reload_items()
        elif new_key[0] == "category":
            self.refresh_items()

    def refresh_terms(self) -> None:
        """Reload the watch-term choices, keeping the chosen term if it still exists."""
        if not self.filters.set_terms(self.data.terms()):
            self.reload_items()  # the chosen term was removed: show everything again

    def source_count(self) -> int:
        """How many sources the tree shows (without "All items" and folders)."""
        return self.sources.source_count()

    def current_key(self) -> tuple[str, object]:
        return self.sources.current_key()

    def current_source(self) -> int | None:
        kind, value = self.current_key()
        return value if kind == "source" else None  # type: ignore[return-value]

    def current_category(self) -> str | None:
        kind, value = self.current_key()
        return value if kind == "category" else None  # type: ignore[return-value]

    def select_key(self, key: tuple[str, object]) -> bool:
        """Select "All items", a folder or a source in the tree; False if it is not there."""
        return self.sources.select_key(key)

    def _on_source_chosen(self) -> None:
        self._current_key = self.current_key()
        self.reload_items()

    # ------------------------------------------------------------------ items

    def item_filters(self) -> dict:
        """The keyword arguments ``item_ids`` gets for what the tree and filters select."""
        return {"source_id": self.current_source(), "category": self.current_category(),
                **self.filters.values()}

    def _fetch_ids(self, order: str = "date", descending: bool = True) -> list[int]:
        return self.data.item_ids(order=order, descending=descending, **self.item_filters())

    def reload_items(self) -> None:
        """The filters changed: show the new list from its top, nothing selected."""
        self.model.reload()
        self._shown_id = None
        self.reading.clear()
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
            self.reading.clear()
        self.status.emit(self.tr("%Ln item(s)", "", self.model.total()))

    # ------------------------------------------------------------------ reading
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = self.model.item_id(current.row()) if current.isValid() else None
        if item_id is None:
            if not self._keeping:
                self._shown_id = None
                self.reading.clear()
            return
        if item_id == self._shown_id:
            return  # the selection was put back after a reload: it is already shown
        self._shown_id = item_id
        self.reading.show_item(self.data.item_content(item_id))
        record = self.model.index(current.row(), TITLE).data(RawRole) or {}
        if not record.get("read"):
            self.data.mark(item_id, "read")
            self.model.set_read(item_id, True)
            self.sources.tree_model.adjust_unread(record.get("source_id"), -1)

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
            self.sources.tree_model.adjust_unread(record.get("source_id"), -1 if read else 1)

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



def _items_table(model: ItemsTableModel) -> QTableView:
    """The item list: one row per item, the title stretched, sortable by its headers."""
    table = QTableView()
    table.setObjectName("items")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = elide_titles(table)
    header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    for column in (STAR, SOURCE, PUBLISHED):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSortIndicator(*model.sort_order())
    table.setSortingEnabled(True)
    return table
