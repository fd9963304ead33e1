"""The Monitor view: sources on the left, the item table with search, and the reader pane.

It never touches the database: ``desktop/`` gives it a ``MonitorData`` of plain callables
over core. Keys as in mature readers: J/K next/previous, M toggles read, S toggles the star.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.items_table import PUBLISHED, SOURCE, STAR, TITLE, ItemsTableModel, RawRole
from ui.reader import ReaderView

STATUS_MARK = {"ok": "●", "error": "▲", "gone": "✕", "new": "○"}
ALL_ITEMS = -1
SEARCH_DELAY_MS = 250


@dataclass
class MonitorData:
    """What the Monitor may ask of core (wired by desktop)."""

    sources: Callable[[], Sequence[dict]]
    item_ids: Callable[..., list[int]]  # (source_id, search, unread, order, descending)
    item_rows: Callable[[Sequence[int]], dict[int, dict]]
    item_content: Callable[[int], dict]
    mark: Callable[[int, str], None]  # (item id, "read" | "unread" | "star" | "unstar")


class MonitorView(QWidget):
    open_link = Signal(QUrl)  # the window opens it in the system browser
    status = Signal(str)

    def __init__(self, data: MonitorData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.sources = QListWidget()
        self.sources.setObjectName("sources")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search titles and text (Ctrl+F) — Cyrillic and "
                                       "O‘zbek work too")
        self.search.setClearButtonEnabled(True)
        self.unread_only = QCheckBox("Unread only")
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
        self.load_images = QPushButton("Load images")
        self.load_images.setVisible(False)
        self.load_images.clicked.connect(lambda: self.reader.allow_images(True))
        self.reader.images_blocked.connect(
            lambda n: (self.load_images.setVisible(n > 0),
                       self.load_images.setText(f"Load {n} images")))
        self.reader.link_activated.connect(self.open_link)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 1)
        toolbar.addWidget(self.unread_only)
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
        outer.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(outer)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.reload_items)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.unread_only.toggled.connect(lambda _: self.reload_items())
        self.sources.currentItemChanged.connect(lambda *_: self.reload_items())
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        for key, action in (("J", self.next_item), ("K", self.previous_item),
                            ("M", self.toggle_read), ("S", self.toggle_star)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.activated.connect(action)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)

    # ------------------------------------------------------------------ loading
    def refresh_sources(self) -> None:
        current = self.current_source()
        self.sources.blockSignals(True)
        self.sources.clear()
        rows = list(self.data.sources())
        total = sum(r["item_count"] for r in rows)
        everything = QListWidgetItem(f"All items  ({total})")
        everything.setData(Qt.ItemDataRole.UserRole, ALL_ITEMS)
        self.sources.addItem(everything)
        for row in rows:
            mark = STATUS_MARK.get(row["status"], "?")
            entry = QListWidgetItem(f"{mark} {row['title'] or row['url']}  "
                                    f"({row['item_count']})")
            entry.setToolTip(row["error"] or row["url"])
            entry.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.sources.addItem(entry)
        self.sources.blockSignals(False)
        self._select_source(current)

    def _select_source(self, source_id: int | None) -> None:
        for index in range(self.sources.count()):
            if self.sources.item(index).data(Qt.ItemDataRole.UserRole) == (source_id or
                                                                          ALL_ITEMS):
                self.sources.setCurrentRow(index)
                return
        self.sources.setCurrentRow(0)

    def source_count(self) -> int:
        """How many sources the list shows (without "All items")."""
        return self.sources.count() - 1

    def current_source(self) -> int | None:
        item = self.sources.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else ALL_ITEMS
        return None if value in (None, ALL_ITEMS) else value

    def _fetch_ids(self, order: str = "date", descending: bool = True) -> list[int]:
        return self.data.item_ids(source_id=self.current_source(),
                                  search=self.search.text().strip() or None,
                                  unread=self.unread_only.isChecked(), order=order,
                                  descending=descending)

    def reload_items(self) -> None:
        self.model.reload()
        self.reader.clear_item()
        self.status.emit(f"{self.model.total()} items")

    # ------------------------------------------------------------------ reading
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = self.model.item_id(current.row()) if current.isValid() else None
        if item_id is None:
            self.reader.clear_item()
            return
        content = self.data.item_content(item_id)
        self.reader.allow_images(False)
        self.reader.show_item(content["title"], content["content_html"], content["url"])
        record = self.model.index(current.row(), TITLE).data(RawRole) or {}
        if not record.get("read"):
            self.data.mark(item_id, "read")
            self.model.set_read(item_id, True)

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

    def toggle_star(self) -> None:
        found = self._current_record()
        if found:
            item_id, record = found
            starred = not record.get("starred")
            self.data.mark(item_id, "star" if starred else "unstar")
            self.model.set_starred(item_id, starred)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
