"""The channels a post goes out on: a check box per embassy account, or a word on where to
add them when there is none yet."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.post_editor.model import ChannelChoice


class ChannelPicker(QWidget):
    changed = Signal()  # a channel was ticked or unticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channels-box")
        # Expanding: the form grows only expanding fields, and a wrapped hint kept at its
        # narrow preferred width would need more lines than the row gives it (clipped).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.choices: dict[int, ChannelChoice] = {}
        self.channel_list = QListWidget(objectName="channels")
        self.channel_list.setMaximumHeight(120)
        self.no_channels = QLabel(self.tr(
            "No accounts of the embassy yet: add them on the Sources page and mark them as "
            "own accounts; they then appear here as channels."), objectName="no-channels")
        self.no_channels.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.channel_list)
        column.addWidget(self.no_channels)
        self.channel_list.itemChanged.connect(lambda _item: self.changed.emit())

    def fill(self, choices: Sequence[ChannelChoice]) -> None:
        """The accounts to choose from, none ticked."""
        self.channel_list.clear()
        self.choices = {c.id: c for c in choices}
        for choice in self.choices.values():
            self._add(choice)

    def _add(self, choice: ChannelChoice) -> None:
        item = QListWidgetItem(choice.label)
        item.setData(Qt.ItemDataRole.UserRole, choice.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.channel_list.addItem(item)

    def show_chosen(self, ids: Sequence[int]) -> None:
        """A saved post's channels ticked (quietly), listing one that is no longer an own
        account by its source id."""
        self.channel_list.blockSignals(True)
        known = {self.channel_list.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.channel_list.count())}
        for channel in ids:
            if channel not in known:
                choice = ChannelChoice(channel, self.tr("Source {0}").format(channel), "", "")
                self.choices[channel] = choice
                self._add(choice)
        self._tick(ids)
        self.channel_list.blockSignals(False)
        empty = self.channel_list.count() == 0
        self.channel_list.setVisible(not empty)
        self.no_channels.setVisible(empty)

    def set_chosen(self, ids: Sequence[int]) -> None:
        self._tick(ids)

    def _tick(self, ids: Sequence[int]) -> None:
        for i in range(self.channel_list.count()):
            item = self.channel_list.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def chosen(self) -> list[int]:
        return [self.channel_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.channel_list.count())
                if self.channel_list.item(i).checkState() == Qt.CheckState.Checked]

    def platforms(self) -> dict[str, str]:
        """The chosen channels' platforms (name -> source kind), in channel order."""
        found: dict[str, str] = {}
        for channel in self.chosen():
            choice = self.choices.get(channel)
            if choice is not None and choice.platform:
                found.setdefault(choice.platform, choice.kind)
        return found
