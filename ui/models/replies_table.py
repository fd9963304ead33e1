"""The Listen page's reply table: thousands of replies open at once, read a page at a time.

The id list, row cache, ``fetchMore`` batches and database-side sorting are
``ui/models/lazy_table.py`` (Anki's browser model), shared with the Monitor's item table; this
module says what a reply row shows.

The label cell is where an officer could be misled, so it is explicit: each label has its own
colour, a reply no analyzer reads is "not analysed" in violet with the reason in its tooltip
(never grey like neutral), and a label set by hand carries a ✎.

The model never touches the database: ``desktop/`` hands it ``reply_ids`` and
``replies_by_ids`` from ``core.social.replies`` as plain callables.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from core.reports.render import LABEL_COLORS
from ui.models.items_table import local_time_text

# BATCH is re-exported: the Listen tests read it from here.
from ui.models.lazy_table import BATCH as BATCH
from ui.models.lazy_table import DEFAULT_CACHE_ROWS, FetchIds, FetchRows, IdRole, LazyTableModel
from ui.models.lazy_table import RawRole as RawRole
from ui.widgets.plain import plain_tooltip

# Columns, left to right.
AUTHOR, TEXT, LABEL, POLARITY, LANGUAGE, POST, DATE = range(7)
COLUMN_COUNT = 7

# Roles beyond Qt's own.
ReplyIdRole = IdRole  # int: the reply's id (no row fetch needed)
LabelRole = int(Qt.ItemDataRole.UserRole) + 3  # str | None: the stored sentiment label

TEXT_CHARS = 300  # a one-line cell needs no more; the tooltip has the whole reply

# What core is asked to order by for each column (TEXT is not sortable).
SORT_ORDERS = {AUTHOR: "author", LABEL: "label", POLARITY: "polarity", LANGUAGE: "language",
               POST: "post", DATE: "date"}

# One colour per label, shared with the charts and the reports (core.reports.render): strong
# for text and bars, a tint for cells.
LABEL_TINTS = {"positive": "#e6f4e7", "neutral": "#f0f0f0", "negative": "#fbe7e7",
               "unsupported": "#efe8fa", "unscored": "#ffffff"}
CHART_LABELS = ("positive", "neutral", "negative", "unsupported")


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


def label_name(label: str | None) -> str:
    """What the officer reads for a label: plain words, "not analysed" for unsupported."""
    return {
        "positive": translate("Listen", "positive"), "neutral": translate("Listen", "neutral"),
        "negative": translate("Listen", "negative"),
        "unsupported": translate("Listen", "not analysed"),
        None: translate("Listen", "not scored yet"),
        "unscored": translate("Listen", "not scored yet"),
    }.get(label, label or "")


# QLocale.languageToString is English only, and nativeLanguageName names a regional variant
# ("American English"): the languages replies come in are named here, in the interface language.
# Others keep Qt's English name.
LANGUAGE_NAMES = {name for name in (
    QT_TRANSLATE_NOOP("Listen", "English"), QT_TRANSLATE_NOOP("Listen", "Russian"),
    QT_TRANSLATE_NOOP("Listen", "Uzbek"), QT_TRANSLATE_NOOP("Listen", "Kazakh"),
    QT_TRANSLATE_NOOP("Listen", "Kyrgyz"), QT_TRANSLATE_NOOP("Listen", "Tajik"),
    QT_TRANSLATE_NOOP("Listen", "Turkmen"), QT_TRANSLATE_NOOP("Listen", "Ukrainian"),
    QT_TRANSLATE_NOOP("Listen", "Azerbaijani"), QT_TRANSLATE_NOOP("Listen", "Persian"),
    QT_TRANSLATE_NOOP("Listen", "Pashto"), QT_TRANSLATE_NOOP("Listen", "Turkish"),
    QT_TRANSLATE_NOOP("Listen", "Chinese"), QT_TRANSLATE_NOOP("Listen", "Korean"),
    QT_TRANSLATE_NOOP("Listen", "Japanese"), QT_TRANSLATE_NOOP("Listen", "Arabic"),
    QT_TRANSLATE_NOOP("Listen", "German"), QT_TRANSLATE_NOOP("Listen", "French"),
    QT_TRANSLATE_NOOP("Listen", "Spanish"), QT_TRANSLATE_NOOP("Listen", "Italian"),
    QT_TRANSLATE_NOOP("Listen", "Hindi"), QT_TRANSLATE_NOOP("Listen", "Urdu"))}


def language_name(code: str | None) -> str:
    """``ru`` → "Russian" (in the interface language); unknown codes stay as they are."""
    if not code:
        return translate("Listen", "unknown")
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    english = QLocale.languageToString(locale.language())
    return translate("Listen", english) if english in LANGUAGE_NAMES else english


def unsupported_reason(language: str | None) -> str:
    text = translate("Listen", "Not analysed: language not supported")
    return f"{text} ({language_name(language)})" if language else text


def short_time_text(value: datetime | None, today: QDate | None = None) -> str:
    """A reply's local time, short: "5 Dec 11:36" this year, "5 Dec 2025" before (month
    names in the interface language); the tooltip has the full date."""
    if value is None:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    year = (today or QDate.currentDate()).year()
    return QLocale().toString(moment, "d MMM HH:mm" if moment.date().year() == year
                              else "d MMM yyyy")


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)


class RepliesTableModel(LazyTableModel):
    """Replies as rows: author, reply, label, polarity, language, post, date."""

    ReplyIdRole = ReplyIdRole
    LabelRole = LabelRole

    COLUMN_COUNT = COLUMN_COUNT
    SORT_ORDERS = SORT_ORDERS
    ROW_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _BACKGROUND, _FONT, RawRole,
                           LabelRole})

    def __init__(self, fetch_ids: FetchIds, fetch_rows: FetchRows, *,
                 cache_rows: int = DEFAULT_CACHE_ROWS, parent: QObject | None = None) -> None:
        super().__init__(fetch_ids, fetch_rows, cache_rows=cache_rows, parent=parent)
        # (analyzer, language) → who labelled a reply and how good it measured, for the label
        # tooltip (ui/listen_analyzers.py); None: the tooltip does not say.
        self.describe_analyzer: Callable[[str | None, str | None], str] | None = None
        self._colors = {k: QBrush(QColor(v)) for k, v in LABEL_COLORS.items()}
        self._tints = {k: QBrush(QColor(v)) for k, v in LABEL_TINTS.items()}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._headers = {AUTHOR: translate("Listen", "Author"),
                         TEXT: translate("Listen", "Reply"),
                         LABEL: translate("Listen", "Sentiment"),
                         POLARITY: translate("Listen", "Polarity"),
                         LANGUAGE: translate("Listen", "Language"),
                         POST: translate("Listen", "Post"), DATE: translate("Listen", "Date")}
        self._header_tips = {
            LABEL: translate("Listen", "Positive, neutral or negative; “not analysed” when no "
                                       "analyzer reads the language. ✎ = labelled by hand. Keys "
                                       "1/2/3 set it, 0 gives it back to the analyzer."),
            POLARITY: translate("Listen",
                                "The analyzer's score, from −1 (negative) to +1 (positive)"),
            DATE: translate("Listen", "When the reply was written (local time)"),
        }

    # ------------------------------------------------------------------ cells

    def _cell_without_row(self, column: int, role: int) -> object:
        if role == _ALIGN and column == POLARITY:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _cell(self, record: dict, column: int, role: int) -> object:
        label = record["sentiment_label"]
        if role == LabelRole:
            return label
        if role == _DISPLAY:
            return self._display(record, column)
        if role == _TOOLTIP:
            if column == TEXT:
                return self._reply_tooltip(record)
            text = self._tooltip(record, column)
            if (column in (LABEL, POLARITY) and self.describe_analyzer is not None
                    and record["label_source"] == "auto" and label != "unsupported"):
                note = self.describe_analyzer(record.get("analyzer"), record["language"])
                text = f"{text}\n{note}" if note else text
            return plain_tooltip(text) or None
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
        return short_time_text(record["when"])

    @staticmethod
    def _reply_tooltip(record: dict) -> str:
        """The whole reply under its author's name: rich text, every untrusted part escaped."""
        name = record["author_name"] or record["author_handle"] or ""
        body = html.escape(record["text"] or "").replace("\n", "<br>")
        return f"<p><b>{html.escape(name)}</b></p><p>{body}</p>"

    @staticmethod
    def _tooltip(record: dict, column: int) -> str | None:
        """Plain text (authors, titles: anything from the platform); escaped by the caller."""
        label = record["sentiment_label"]
        if column == AUTHOR:
            return record["author_name"] or record["author_handle"]
        if column in (LABEL, POLARITY):
            if label == "unsupported":
                return unsupported_reason(record["language"]) + "\n" + translate(
                    "Listen",
                    "Counted as its own category, never as neutral. Press 1, 2 or 3 to "
                    "label it by hand.")
            if label is None:
                return translate("Listen", "Not scored yet: the analyzer has not read this reply.")
            if record["label_source"] == "manual":
                return translate("Listen",
                                 "Labelled by hand. Press 0 to give it back to the analyzer.")
            return translate("Listen", "Labelled by the analyzer. Press 1, 2 or 3 to correct it.")
        if column == LANGUAGE:
            return record["language"] or translate(
                "Listen", "The language could not be told (emoji, numbers)")
        if column == POST:
            return record["post_title"] or record["post_url"]
        if column == DATE:
            return f"{local_time_text(record['when'])} — {record['source_title']}"
        return None

    # ------------------------------------------------------------------ for the view

    def reply_id(self, row: int) -> int | None:
        """The id shown in ``row``, or None outside the loaded rows."""
        return self.row_id(row)
