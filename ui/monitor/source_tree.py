"""The Monitor's source tree: "All items", folders and sources with unread counts and health.

It keeps what the officer chose across reloads (the selected node, the folders folded) and
tells the Monitor only about choices the officer makes (``chosen``), never about the
selection it puts back itself. Right-click opens the source menu of ``ui.sources_page``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeView, QWidget

from ui.models.sources_tree import UNREAD, NodeKeyRole, SourcesTreeModel
from ui.models.sources_tree import RawRole as SourceRowRole
from ui.sources_page import SourceCommands
from ui.widgets.headers import elide_titles

ALL_ITEMS = ("all", None)


class SourceTree(QTreeView):
    chosen = Signal()  # the officer selected another node

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sources")
        self.tree_model = SourcesTreeModel(self)
        self.setModel(self.tree_model)
        self.setUniformRowHeights(True)
        self.setIndentation(14)  # nested folders leave room for the titles
        self.setAllColumnsShowFocus(True)
        self.commands: SourceCommands | None = None
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        header = elide_titles(self)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(UNREAD, QHeaderView.ResizeMode.ResizeToContents)
        header.hide()
        self._collapsed: set[object] = set()
        self.collapsed.connect(lambda index: self._collapsed.add(index.data(NodeKeyRole)))
        self.expanded.connect(lambda index: self._collapsed.discard(index.data(NodeKeyRole)))
        self._refreshing = False
        self.selectionModel().currentChanged.connect(self._current_changed)

    def show_rows(self, rows: Sequence[dict]) -> None:
        """Reload (counts, health), keeping the selection and the folded folders; "All
        items" when the selected node is gone."""
        key = self.current_key()
        self._refreshing = True
        try:
            self.tree_model.set_sources(list(rows))
            self._expand(QModelIndex())
            index = self.tree_model.index_for_key(key) if key else QModelIndex()
            if not index.isValid():
                index = self.tree_model.index_for_key(ALL_ITEMS)
            self.setCurrentIndex(index)
        finally:
            self._refreshing = False

    def _expand(self, parent: QModelIndex) -> None:
        for row in range(self.tree_model.rowCount(parent)):
            index = self.tree_model.index(row, 0, parent)
            if self.tree_model.rowCount(index):
                self.setExpanded(index, index.data(NodeKeyRole) not in self._collapsed)
                self._expand(index)

    def source_count(self) -> int:
        """How many sources the tree shows (without "All items" and folders)."""
        return self.tree_model.source_count()

    def current_key(self) -> tuple[str, object]:
        index = self.currentIndex()
        key = index.siblingAtColumn(0).data(NodeKeyRole) if index.isValid() else None
        return key or ALL_ITEMS

    def select_key(self, key: tuple[str, object]) -> bool:
        """Select "All items", a folder or a source; False if it is not there."""
        index = self.tree_model.index_for_key(key)
        if index.isValid():
            self.setCurrentIndex(index)
        return index.isValid()

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._refreshing:
            self.chosen.emit()

    def _menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        row = index.siblingAtColumn(0).data(SourceRowRole) if index.isValid() else None
        if row is not None and self.commands is not None:
            self.commands.show_menu(row, self.viewport().mapToGlobal(position))
