"""Who moved a post through the workflow, and when (core/publish/clearance.py records it):
the last change under the status buttons, every change in its tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.post_editor.status import status_label


class StatusHistory(QLabel):
    def __init__(self) -> None:
        super().__init__(objectName="status-history")
        self.setStyleSheet("color: #666;")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_history(self, history: Sequence[tuple[str, str, str | None, str]]) -> None:
        """``history``: (ISO time in the post's zone, who, from, to), oldest first."""
        lines = [self.tr("{0} {1}: {2} → {3}").format(
            when[:16].replace("T", " "), who,
            status_label(old) if old else self.tr("new"), status_label(new))
            for when, who, old, new in history]
        self.setText(lines[-1] if lines else "")
        self.setToolTip("\n".join(lines))
        self.setVisible(bool(lines))
