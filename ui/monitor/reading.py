"""The Monitor's reading pane: the item's sanitized text, and "Load images" when the item has
remote images (none is loaded until the officer asks)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.reader import ReaderView


class ReadingPane(QWidget):
    open_link = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = ReaderView()
        self.reader.setObjectName("reader")
        self.load_images = QPushButton(self.tr("Load images"))
        self.load_images.setVisible(False)
        self.load_images.clicked.connect(lambda: self.reader.allow_images(True))
        self.reader.images_blocked.connect(self._images_blocked)
        self.reader.link_activated.connect(self.open_link)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.load_images, alignment=Qt.AlignmentFlag.AlignRight)
        column.addWidget(self.reader)

    def show_item(self, content: dict) -> None:
        """An item as ``MonitorData.item_content`` gives it, its images blocked."""
        self.reader.allow_images(False)
        self.reader.show_item(content["title"], content["content_html"], content["url"])

    def clear(self) -> None:
        self.reader.clear_item()

    def _images_blocked(self, count: int) -> None:
        self.load_images.setVisible(count > 0)
        self.load_images.setText(self.tr("Load %n image(s)", "", count))
