"""A Dashboard card: a titled panel that shows its content, or a sentence saying what to do
when there is nothing to show yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget


class Card(QFrame):
    """A titled panel that shows either its content or a sentence saying what to do.

    A card class builds its content after ``Card.__init__`` and hands it to ``set_content``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        if font.pointSizeF() > 0:  # a font set in pixels has no point size to scale
            font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.empty = QLabel()
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)

    def set_content(self, title: str, content: QWidget) -> None:
        self.title.setText(title)
        self.stack.insertWidget(0, content)
        self.stack.setCurrentIndex(0)

    def show_content(self) -> None:
        self.stack.setCurrentIndex(0)

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty
