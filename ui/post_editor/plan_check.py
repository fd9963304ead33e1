"""What the plan check says about the post: clashes on a channel, a public holiday, a missed
programme deadline — or that there is none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class PlanWarnings(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warnings-box")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(objectName="warnings")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        box = QHBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.addWidget(self.label)

    def show_warnings(self, found: list[str]) -> None:
        if found:
            self.label.setText("\n".join(f"⚠ {w}" for w in found))
            self.setStyleSheet("#warnings-box { background: #fff4e5; border: 1px solid #f0b45b; }"
                               " #warnings { color: #5f3b00; }")
        else:
            self.label.setText(self.tr("No clashes on these channels, no public holiday, "
                                       "no missed deadline."))
            self.setStyleSheet("#warnings { color: palette(mid); }")

    def texts(self) -> list[str]:
        return [line[2:] for line in self.label.text().splitlines() if line.startswith("⚠ ")]
