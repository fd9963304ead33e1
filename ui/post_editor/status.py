"""A post's place in the workflow (idea → draft → review → approved → scheduled →
published, or cancelled): its names, and the row of buttons that moves it.

The steps offered are those from the *saved* status, so a click can be taken back before
saving (Published clicked by mistake is not a dead end).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QPushButton, QWidget

STATUS_LABELS = {
    "idea": QT_TRANSLATE_NOOP("PostStatus", "Idea"),
    "draft": QT_TRANSLATE_NOOP("PostStatus", "Draft"),
    "review": QT_TRANSLATE_NOOP("PostStatus", "In Review"),
    "approved": QT_TRANSLATE_NOOP("PostStatus", "Approved"),
    "scheduled": QT_TRANSLATE_NOOP("PostStatus", "Scheduled"),
    "published": QT_TRANSLATE_NOOP("PostStatus", "Published"),
    "cancelled": QT_TRANSLATE_NOOP("PostStatus", "Cancelled"),
}


def status_label(status: str) -> str:
    return QCoreApplication.translate("PostStatus", STATUS_LABELS.get(status, status))


class StatusButtons(QWidget):
    def __init__(self, statuses: Sequence[str], next_statuses: Callable[[str], Sequence[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.next_statuses = next_statuses
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for status in statuses:
            button = QPushButton(status_label(status), objectName=f"status-{status}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.group.addButton(button)
            self.buttons[status] = button
            row.addWidget(button)
        row.addStretch()
        self.status = self.saved_status = "draft"
        self.group.buttonClicked.connect(self._clicked)

    def show_saved(self, status: str) -> None:
        """The post as saved: its status, and the steps that lead on from it."""
        self.saved_status = status
        self.set_status(status)

    def set_status(self, status: str) -> None:
        self.status = status
        saved = self.saved_status
        allowed = set(self.next_statuses(saved)) | {saved}
        for name, button in self.buttons.items():
            button.setEnabled(name in allowed)
            button.setChecked(name == status)
            if name in allowed and name != status:
                button.setToolTip(self.tr("Move the post to “{0}” (saved with the post)")
                                  .format(status_label(name)))
            elif name == status:
                button.setToolTip(self.tr("The post's status"))
            else:
                button.setToolTip(self.tr("Not a next step from “{0}”")
                                  .format(status_label(saved)))

    def _clicked(self, button: QAbstractButton) -> None:
        chosen = next(s for s, b in self.buttons.items() if b is button)
        self.set_status(chosen)
