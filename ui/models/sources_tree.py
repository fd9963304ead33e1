"""The Monitor's source tree: "All items", then category folders, then sources.

A category such as ``News / Uzbekistan`` nests as folder ``News`` → folder ``Uzbekistan``
(the OPML convention core uses). Each row shows a health mark — ok ● green, error ▲ amber
(the error is the tooltip), gone ✕ red, new ○ grey — the title, and the unread count, bold
while anything is unread; a folder counts the unread items of everything inside it.

The tree is small (hundreds of sources at most), so it is rebuilt from ``list_sources`` rows
on every ``set_sources`` instead of being edited in place; the view keeps its selection by
``NodeKeyRole``. Marking an item read adjusts the counts in place (``adjust_unread``) so
the tree agrees with the table without another query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ui.widgets.counts import counts
from ui.widgets.plain import plain_tooltip

TITLE, UNREAD = range(2)
COLUMN_COUNT = 2
CATEGORY_SEPARATOR = " / "

# Roles beyond Qt's own.
# ("all", None) | ("category", "A / B") | ("source", id): what a row stands for.
NodeKeyRole = int(Qt.ItemDataRole.UserRole) + 1
RawRole = int(Qt.ItemDataRole.UserRole) + 2  # the source's row dict (sources only)

HEALTH_COLORS = {"ok": "#2e9d4f", "error": "#d08a00", "gone": "#c62828", "new": "#8a8a8a",
                 "off": "#8a8a8a"}
HEALTH_MARKS = {"ok": "●", "error": "▲", "gone": "✕", "new": "○", "off": "‖"}
ICON_SIZE = 12

_ROOT = QModelIndex()


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


def health(row: dict) -> str:
    """ok | error | gone | new | off (disabled by the officer): what the mark shows."""
    if not row.get("enabled", True) and row.get("status") != "gone":
        return "off"
    status = row.get("status") or "new"
    return status if status in HEALTH_MARKS else "new"


def health_text(row: dict) -> str:
    """The health in words, for tooltips and the Sources table."""
    state = health(row)
    if state == "error":
        return translate("SourcesTree", "Error: {0}").format(
            row.get("error") or translate("SourcesTree", "the last fetch failed"))
    if state == "gone":
        return translate("SourcesTree", "Gone: {0}").format(
            row.get("error") or translate("SourcesTree", "the feed no longer exists")) \
            + translate("SourcesTree", " — re-enable it if it came back")
    if state == "off":
        return translate("SourcesTree", "Disabled: not fetched until you enable it")
    if state == "new":
        return translate("SourcesTree", "New: not fetched yet (press F5)")
    if row.get("parse_warning"):  # read, with something the officer should know
        return translate("SourcesTree", "OK, with a note: {0}").format(row["parse_warning"])
    return translate("SourcesTree", "OK")


@cache
def health_icon(state: str) -> QIcon:
    """A small drawn mark (no image files to ship): a dot, a triangle, a cross, a ring."""
    scale = 2  # drawn at 2× so it stays crisp on high-DPI screens
    size = ICON_SIZE * scale
    pixmap = QPixmap(size, size)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(HEALTH_COLORS.get(state, "#8a8a8a"))
    s = float(ICON_SIZE)
    if state == "ok":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QPointF(s / 2, s / 2), s * 0.32, s * 0.32)
    elif state == "error":
        path = QPainterPath()
        path.moveTo(s / 2, s * 0.1)
        path.lineTo(s * 0.92, s * 0.88)
        path.lineTo(s * 0.08, s * 0.88)
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillPath(path, color)
    elif state == "gone":
        pen = QPen(color, 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(s * 0.22, s * 0.22), QPointF(s * 0.78, s * 0.78))
        painter.drawLine(QPointF(s * 0.78, s * 0.22), QPointF(s * 0.22, s * 0.78))
    elif state == "off":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRect(int(s * 0.25), int(s * 0.2), int(s * 0.17), int(s * 0.6))
        painter.drawRect(int(s * 0.58), int(s * 0.2), int(s * 0.17), int(s * 0.6))
    else:  # new
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(s / 2, s / 2), s * 0.3, s * 0.3)
    painter.end()
    return QIcon(pixmap)


@dataclass(eq=False)
class _Node:
    kind: str  # all | category | source
    key: object  # None | category path | source id
    title: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    row: dict | None = None  # the source's row
    unread: int = 0
    total: int = 0

    def position(self) -> int:
        siblings = self.parent.children if self.parent else []
        return siblings.index(self)


class SourcesTreeModel(QAbstractItemModel):
    """Two columns: the title (with the health mark or a folder) and the unread count."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node("root", None, "")
        self._sources: dict[int, _Node] = {}
        self._source_count = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ------------------------------------------------------------------ filling

    def set_sources(self, rows: Sequence[dict]) -> None:
        """Rebuild from ``list_sources`` rows (which carry ``unread`` and ``item_count``)."""
        self.beginResetModel()
        root = _Node("root", None, "")
        everything = _Node("all", None, translate("SourcesTree", "All items"), root)
        root.children.append(everything)
        folders: dict[str, _Node] = {}
        loose: list[_Node] = []
        sources: dict[int, _Node] = {}
        for row in rows:
            parent = root
            category = (row.get("category") or "").strip()
            if category:
                path: list[str] = []
                for part in (p.strip() for p in category.split(CATEGORY_SEPARATOR)):
                    if not part:
                        continue
                    path.append(part)
                    key = CATEGORY_SEPARATOR.join(path)
                    if key not in folders:
                        folders[key] = _Node("category", key, part, parent)
                        parent.children.append(folders[key])
                    parent = folders[key]
            node = _Node("source", row["id"], row.get("title") or row.get("url") or "", parent,
                         row=dict(row), unread=int(row.get("unread") or 0),
                         total=int(row.get("item_count") or 0))
            sources[row["id"]] = node
            (loose if parent is root else parent.children).append(node)
        root.children.extend(sorted(loose, key=lambda n: n.title.casefold()))
        self._sort(root)
        for node in sources.values():
            self._add_counts(node, everything)
        self._root = root
        self._sources = sources
        self._source_count = len(rows)
        self.endResetModel()

    def _sort(self, node: _Node) -> None:
        # Folders first, then sources, each A–Z; "All items" stays on top.
        node.children.sort(key=lambda n: ({"all": 0, "category": 1, "source": 2}[n.kind],
                                          n.title.casefold()))
        for child in node.children:
            self._sort(child)

    @staticmethod
    def _add_counts(node: _Node, everything: _Node) -> None:
        """Add a source's counts to its folders and to "All items" (not to itself)."""
        parent = node.parent
        while parent is not None and parent.kind == "category":
            parent.unread += node.unread
            parent.total += node.total
            parent = parent.parent
        everything.unread += node.unread
        everything.total += node.total

    def adjust_unread(self, source_id: int, delta: int) -> None:
        """An item of this source was marked read (-1) or unread (+1)."""
        node = self._sources.get(source_id)
        if node is None or not delta:
            return
        chain = [node]
        parent = node.parent
        while parent is not None and parent.kind == "category":
            chain.append(parent)
            parent = parent.parent
        chain.append(self._root.children[0])
        for changed in chain:
            changed.unread = max(0, changed.unread + delta)
            if changed.row is not None:
                changed.row["unread"] = changed.unread
            index = self._index_of(changed)
            self.dataChanged.emit(index.siblingAtColumn(TITLE), index.siblingAtColumn(UNREAD))

    # ------------------------------------------------------------------ queries

    def source_count(self) -> int:
        return self._source_count

    def source_row(self, source_id: int) -> dict | None:
        node = self._sources.get(source_id)
        return node.row if node else None

    def index_for_key(self, key: tuple[str, object]) -> QModelIndex:
        """The index of ("all", None), ("category", path) or ("source", id); invalid if gone."""
        kind, value = key
        if kind == "all":
            return self.index(0, TITLE)
        if kind == "source":
            node = self._sources.get(value)  # type: ignore[arg-type]
            return self._index_of(node) if node else QModelIndex()
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if node.kind == "category" and node.key == value:
                return self._index_of(node)
            stack.extend(node.children)
        return QModelIndex()

    def _index_of(self, node: _Node, column: int = TITLE) -> QModelIndex:
        return self.createIndex(node.position(), column, node)

    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    # ------------------------------------------------------------------ Qt model API

    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if column < 0 or column >= COLUMN_COUNT or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != TITLE:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self._index_of(parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != TITLE:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return COLUMN_COUNT

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {TITLE: translate("SourcesTree", "Source"),
                UNREAD: translate("SourcesTree", "Unread")}.get(section)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        column = index.column()
        role = int(role)
        if role == NodeKeyRole:
            return (node.kind, node.key)
        if role == RawRole:
            return node.row
        if role == int(Qt.ItemDataRole.DisplayRole):
            if column == TITLE:
                return node.title
            return str(node.unread) if node.unread else ""
        if role == int(Qt.ItemDataRole.FontRole):
            if column == UNREAD and node.unread:
                return self._bold
            if column == TITLE and node.row is not None and health(node.row) == "off":
                return self._italic
            return None
        if role == int(Qt.ItemDataRole.ForegroundRole):
            if node.row is not None and health(node.row) in ("off", "gone"):
                return QBrush(QColor("#808080"))
            return None
        if role == int(Qt.ItemDataRole.TextAlignmentRole) and column == UNREAD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == int(Qt.ItemDataRole.DecorationRole) and column == TITLE:
            if node.row is not None:
                return health_icon(health(node.row))
            return None
        if role == int(Qt.ItemDataRole.ToolTipRole):
            return plain_tooltip(self._tooltip(node))  # titles and errors come from feeds
        if role == int(Qt.ItemDataRole.AccessibleTextRole):
            return f"{node.title}, {self._counts(node)}"
        return None

    def _counts(self, node: _Node) -> str:
        return translate("SourcesTree", "{0} unread of {1}").format(
            node.unread, counts().items(node.total))

    def _tooltip(self, node: _Node) -> str:
        if node.row is None:
            return f"{node.title}\n{self._counts(node)}"
        return (f"{node.title}\n{node.row.get('url') or ''}\n{health_text(node.row)}\n"
                f"{self._counts(node)}")
