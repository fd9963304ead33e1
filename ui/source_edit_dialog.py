"""Edit a source's title, category and refresh interval (the context menu's "Edit…").

Only what the officer may change without going online: the URL and kind are what the source
*is*; to change those, remove it and add the new one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

MAX_INTERVAL_MINUTES = 7 * 24 * 60


def category_box(categories: Sequence[str], current: str | None = None) -> QComboBox:
    """An editable combo of the categories in use: pick one, or type a new "A / B"."""
    box = QComboBox()
    box.setEditable(True)
    box.addItem("")
    box.addItems(list(categories))
    box.setCurrentText(current or "")
    box.lineEdit().setPlaceholderText(
        QCoreApplication.translate("SourceEditDialog",
                                   "none — type e.g. News / Uzbekistan to nest folders"))
    box.setMinimumContentsLength(24)
    return box


def interval_box(minutes: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, MAX_INTERVAL_MINUTES)
    box.setSingleStep(15)
    box.setValue(max(1, minutes))
    box.setSuffix(QCoreApplication.translate("SourceEditDialog", " min"))
    box.setToolTip(QCoreApplication.translate(
        "SourceEditDialog", "How often Attaché checks this source for new items"))
    return box


class SourceEditDialog(QDialog):
    def __init__(self, row: dict, categories: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit source"))
        self.setMinimumWidth(460)
        self.title = QLineEdit(row.get("title") or "")
        self.title.setObjectName("source-title")
        self.title.setPlaceholderText(self.tr("the feed's own title"))
        self.category = category_box(categories, row.get("category"))
        self.interval = interval_box(int(row.get("interval_minutes") or 60))
        address = QLabel(row.get("url") or "")
        address.setWordWrap(True)
        address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Address:"), address)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("Check &every:"), self.interval)
        form.addRow(buttons)

    def values(self) -> dict:
        """``title, category, interval_minutes`` as ``core.feeds.sources.update_source`` takes."""
        return {"title": self.title.text().strip() or None,
                "category": self.category.currentText().strip() or None,
                "interval_minutes": self.interval.value()}
