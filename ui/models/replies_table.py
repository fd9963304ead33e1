"""The Listen page's reply table: thousands of replies open at once, read a page at a time.

Same approach as ``ui/models/items_table.py`` (Anki's browser model): the model holds the
ordered list of reply ids — one cheap query — and a bounded LRU cache of row dicts filled a
page at a time for the rows the view paints; ``canFetchMore``/``fetchMore`` grow ``rowCount``
in batches as the user scrolls. Sorting asks core for a new id order (a proxy could only sort
the rows already fetched).

The label cell is where an officer could be misled, so it is explicit: each label has its own
colour, a reply no analyzer reads is "not analysed" in violet with the reason in its tooltip
(never grey like neutral), and a label set by hand carries a ✎.

The model never touches the database: ``desktop/`` hands it ``reply_ids`` and
``replies_by_ids`` from ``core.social.replies`` as plain callables.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.models.items_table import local_time_text

# Columns, left to right.
AUTHOR, TEXT, LABEL, POLARITY, LANGUAGE, POST, DATE = range(7)
COLUMN_COUNT = 7

# Roles beyond Qt's own.
ReplyIdRole = int(Qt.ItemDataRole.UserRole) + 1  # int: the reply's id (no row fetch needed)
RawRole = int(Qt.ItemDataRole.UserRole) + 2  # dict: the row as given by fetch_rows
LabelRole = int(Qt.ItemDataRole.UserRole) + 3  # str | None: the stored sentiment label

BATCH = 200  # rows added to rowCount per fetchMore
PAGE = 200  # rows asked of fetch_rows at once
DEFAULT_CACHE_ROWS = 2_000
TEXT_CHARS = 300  # a one-line cell needs no more; the tooltip has the whole reply

# What core is asked to order by for each column (TEXT is not sortable).
SORT_ORDERS = {AUTHOR: "author", LABEL: "label", POLARITY: "polarity", LANGUAGE: "language",
               POST: "post", DATE: "date"}

# One colour per label, shared with the charts: strong for text and bars, a tint for cells.
LABEL_COLORS = {"positive": "#2e7d32", "neutral": "#757575", "negative": "#c62828",
                "unsupported": "#6a3fb5", "unscored": "#9e9e9e"}
LABEL_TINTS = {"positive": "#e6f4e7", "neutral": "#f0f0f0", "negative": "#fbe7e7",
               "unsupported": "#efe8fa", "unscored": "#ffffff"}
CHART_LABELS = ("positive", "neutral", "negative", "unsupported")


def tr(text: str) -> str:
    return QCoreApplication.translate("Listen", text)


def label_name(label: str | None) -> str:
    """What the officer reads for a label: plain words, "not analysed" for unsupported."""
    return {
        "positive": tr("positive"), "neutral": tr("neutral"), "negative": tr("negative"),
        "unsupported": tr("not analysed"), None: tr("not scored yet"),
        "unscored": tr("not scored yet"),
    }.get(label, label or "")


def language_name(code: str | None) -> str:
    """``ru`` → "Russian" (in the interface language); unknown codes stay as they are."""
    if not code:
        return tr("unknown")
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return QLocale.languageToString(locale.language())


def unsupported_reason(language: str | None) -> str:
    text = tr("Not analysed: language not supported")
    return f"{text} ({language_name(language)})" if language else text


FetchIds = Callable[..., list[int]]
FetchRows = Callable[[Sequence[int]], dict[int, dict]]

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ROW_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _BACKGROUND, _FONT, RawRole,
                        LabelRole})
_MISSING = object()
_ROOT = QModelIndex()


class RepliesTableModel(QAbstractTableModel):
    """Replies as rows: author, reply, label, polarity, language, post, date."""

    ReplyIdRole = ReplyIdRole
    RawRole = RawRole
    LabelRole = LabelRole

    def __init__(self, fetch_ids: FetchIds, fetch_rows: FetchRows, *,
                 cache_rows: int = DEFAULT_CACHE_ROWS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch_ids = fetch_ids
        self._fetch_rows = fetch_rows
        self._cache_rows = max(cache_rows, 2 * PAGE)
        self._ids: list[int] = []
        self._loaded = 0
        self._cache: OrderedDict[int, dict | None] = OrderedDict()
        self._positions: dict[int, int] | None = None
        self._order = "date"
        self._descending = True
        self._colors = {k: QBrush(QColor(v)) for k, v in LABEL_COLORS.items()}
        self._tints = {k: QBrush(QColor(v)) for k, v in LABEL_TINTS.items()}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._headers = {AUTHOR: tr("Author"), TEXT: tr("Reply"), LABEL: tr("Sentiment"),
                         POLARITY: tr("Polarity"), LANGUAGE: tr("Language"),
                         POST: tr("Post"), DATE: tr("Date")}
        self._header_tips = {
            LABEL: tr("Positive, neutral or negative; “not analysed” when no analyzer reads "
                      "the language. ✎ = labelled by hand. Keys 1/2/3 set it, 0 gives it "
                      "back to the analyzer."),
            POLARITY: tr("The analyzer's score, from −1 (negative) to +1 (positive)"),
            DATE: tr("When the reply was written (local time)"),
        }

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Ask for the ids again (new replies, changed filters) and show the first batch."""
        ids = list(self._fetch_ids(order=self._order, descending=self._descending))
        self.beginResetModel()
        self._ids = ids
        self._loaded = min(BATCH, len(ids))
        self._cache.clear()
        self._positions = None
        self.endResetModel()

    def total(self) -> int:
        """How many replies match, loaded into rowCount or not."""
        return len(self._ids)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid():
            return
        count = min(BATCH, len(self._ids) - self._loaded)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    def refresh_ids(self, ids: Sequence[int]) -> None:
        """Read these rows again (after a relabel) and repaint them where they are shown."""
        found = self._fetch_rows(list(ids))
        for reply_id in ids:
            if reply_id in self._cache:
                self._cache[reply_id] = found.get(reply_id)
            row = self.row_of(reply_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def _record(self, row: int) -> dict | None:
        reply_id = self._ids[row]
        record = self._cache.get(reply_id, _MISSING)
        if record is _MISSING:
            self._load_page(row)
            record = self._cache.get(reply_id)
        else:
            self._cache.move_to_end(reply_id)
        return record  # type: ignore[return-value]

    def _load_page(self, row: int) -> None:
        start = row - row % PAGE
        wanted = [i for i in self._ids[start:start + PAGE] if i not in self._cache]
        found = self._fetch_rows(wanted)
        for reply_id in wanted:
            self._cache[reply_id] = found.get(reply_id)  # None: deleted since the ids were read
        while len(self._cache) > self._cache_rows:
            self._cache.popitem(last=False)

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or section not in self._headers:
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _TOOLTIP:
            return self._header_tips.get(section)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        role = int(role)
        column = index.column()
        if role == ReplyIdRole:
            return self._ids[index.row()]
        if role == _ALIGN:
            if column == POLARITY:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        if role not in _ROW_ROLES:
            return None
        record = self._record(index.row())
        if record is None:
            return None
        label = record["sentiment_label"]
        if role == RawRole:
            return record
        if role == LabelRole:
            return label
        if role == _DISPLAY:
            return self._display(record, column)
        if role == _TOOLTIP:
            return self._tooltip(record, column)
        if column == LABEL:
            key = label or "unscored"
            if role == _FOREGROUND:
                return self._colors.get(key)
            if role == _BACKGROUND:
                return self._tints.get(key)
            if role == _FONT:
                return self._italic if key in ("unsupported", "unscored") else self._bold
        if column == POLARITY and role == _FOREGROUND and label == "unsupported":
            return self._colors["unsupported"]
        return None

    @staticmethod
    def _display(record: dict, column: int) -> str:
        if column == AUTHOR:
            return record["author_handle"] or record["author_name"] or ""
        if column == TEXT:
            return " ".join((record["text"] or "")[:TEXT_CHARS].split())
        if column == LABEL:
            text = label_name(record["sentiment_label"])
            return f"✎ {text}" if record["label_source"] == "manual" else text
        if column == POLARITY:
            if record["sentiment_label"] == "unsupported" and record["label_source"] != "manual":
                return "—"
            value = record["polarity"]
            return "" if value is None else f"{value:+.2f}".replace("-", "−")
        if column == LANGUAGE:
            return language_name(record["language"]) if record["language"] else "—"
        if column == POST:
            return " ".join((record["post_title"] or "").split())
        return local_time_text(record["when"])

    @staticmethod
    def _tooltip(record: dict, column: int) -> str | None:
        label = record["sentiment_label"]
        if column == TEXT:
            name = record["author_name"] or record["author_handle"] or ""
            body = html.escape(record["text"] or "").replace("\n", "<br>")
            return f"<p><b>{html.escape(name)}</b></p><p>{body}</p>"
        if column == AUTHOR:
            return record["author_name"] or record["author_handle"]
        if column in (LABEL, POLARITY):
            if label == "unsupported":
                return unsupported_reason(record["language"]) + "\n" + tr(
                    "Counted as its own category, never as neutral. Press 1, 2 or 3 to "
                    "label it by hand.")
            if label is None:
                return tr("Not scored yet: the analyzer has not read this reply.")
            if record["label_source"] == "manual":
                return tr("Labelled by hand. Press 0 to give it back to the analyzer.")
            return tr("Labelled by the analyzer. Press 1, 2 or 3 to correct it.")
        if column == LANGUAGE:
            return record["language"] or tr("The language could not be told (emoji, numbers)")
        if column == POST:
            return record["post_title"] or record["post_url"]
        if column == DATE:
            return record["source_title"]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-order all replies (not just the loaded ones) by asking core."""
        key = SORT_ORDERS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._order, self._descending):
            return
        self._order, self._descending = key, descending
        self.reload()

    def sort_order(self) -> tuple[int, Qt.SortOrder]:
        column = next(c for c, key in SORT_ORDERS.items() if key == self._order)
        return column, (Qt.SortOrder.DescendingOrder if self._descending
                        else Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------------ for the view

    def reply_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._loaded else None

    def record(self, row: int) -> dict | None:
        """The row's reply dict (fetched if needed), or None."""
        return self._record(row) if 0 <= row < self._loaded else None

    def row_of(self, reply_id: int) -> int | None:
        if self._positions is None:
            self._positions = {value: row for row, value in enumerate(self._ids)}
        row = self._positions.get(reply_id)
        return row if row is not None and row < self._loaded else None
